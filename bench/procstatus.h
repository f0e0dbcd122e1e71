#pragma once
// Memory figures of this process from /proc/self/status (Linux), shared by the benchmarks.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace Switchboard::Bench {

// A "Vm..." field of /proc/self/status in KiB ("VmRSS" resident now, "VmHWM" peak), or -1.
inline qint64 procStatusKiB(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Resident set size in MiB (0 when unknown).
inline double rssMiB()
{
    const qint64 kib = procStatusKiB("VmRSS");
    return kib < 0 ? 0 : double(kib) / 1024.0;
}

} // namespace Switchboard::Bench
