#pragma once
#include <QByteArray>
#include <QFile>
#include <QRandomGenerator>
#include <QString>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Switchboard::Test {

// n bytes of reproducible noise: the same seed gives the same bytes.
inline QByteArray randomBytes(qint64 n, quint32 seed)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    gen.fillRange(reinterpret_cast<quint32 *>(b.data()), n / 4);
    for (qint64 i = n / 4 * 4; i < n; ++i)
        b[i] = char(gen.generate());
    return b;
}

// A FIFO at path standing in for a file on a disk that stalls: a writer that opens it blocks once
// the pipe (64 KiB) is full, until drain() takes what waits. Its read end is open from the start,
// so a writer's open() does not wait.
class StalledFile
{
public:
    explicit StalledFile(const QString &path)
    {
        const QByteArray name = QFile::encodeName(path);
        if (::mkfifo(name.constData(), 0600) == 0)
            m_reader = ::open(name.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    }
    ~StalledFile()
    {
        if (m_reader >= 0)
            ::close(m_reader);
    }
    StalledFile(const StalledFile &) = delete;
    StalledFile &operator=(const StalledFile &) = delete;

    bool isValid() const { return m_reader >= 0; }
    // Reads everything that waits in the pipe (the "disk" catches up), appending to drained().
    void drain()
    {
        char buf[65536];
        for (;;) {
            const ssize_t n = ::read(m_reader, buf, sizeof buf);
            if (n <= 0)
                break;
            m_drained.append(buf, n);
        }
    }
    const QByteArray &drained() const { return m_drained; }

private:
    int m_reader = -1;
    QByteArray m_drained;
};

} // namespace Switchboard::Test
