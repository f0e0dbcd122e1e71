#include "knownservers.h"

#include "fingerprint.h"
#include "net/core/endpoint.h"
#include "net/storage/owneronly.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace Switchboard {

namespace {

// The key and fingerprint of one line, or nothing for comments, blank and malformed lines.
bool parseLine(const QString &line, QString *key, QString *fingerprint)
{
    const QString t = line.trimmed();
    if (t.isEmpty() || t.startsWith(QLatin1Char('#')))
        return false;
    const QStringList parts = t.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() < 2)
        return false;
    *key = parts.at(0).toLower();
    *fingerprint = Fingerprint::normalized(parts.at(1));
    return !fingerprint->isEmpty();
}

} // namespace

KnownServers::KnownServers(const QString &path)
    : m_path(path)
{
}

QString KnownServers::key(const QString &host, quint16 port)
{
    QHostAddress v6;
    if (host.contains(QLatin1Char(':')) && v6.setAddress(host))
        return Endpoint::format(v6, port); // [::1]:5151
    return host.toLower() + QLatin1Char(':') + QString::number(port);
}

QString KnownServers::defaultPath()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/switchboard/known_servers");
}

QStringList KnownServers::readLines() const
{
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
}

KnownServers::Entry KnownServers::find(const QString &host, quint16 port) const
{
    const QString wanted = key(host, port);
    if (m_path.isEmpty())
        return Entry{m_memory.value(wanted), m_memory.contains(wanted) ? 1 : 0};
    const QStringList lines = readLines();
    for (int i = 0; i < lines.size(); ++i) {
        QString k, fp;
        if (parseLine(lines.at(i), &k, &fp) && k == wanted)
            return Entry{fp, i + 1};
    }
    return Entry();
}

bool KnownServers::writeLines(const QStringList &lines, QString *error)
{
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!OwnerOnly::makeDirectory(dir)) {
        if (error)
            *error = QStringLiteral("Cannot create %1").arg(dir);
        return false;
    }
    OwnerOnly::createFile(m_path); // so that QSaveFile keeps its 0600 mode
    QSaveFile f(m_path);
    QString text = lines.join(QLatin1Char('\n'));
    if (!text.isEmpty() && !text.endsWith(QLatin1Char('\n')))
        text += QLatin1Char('\n');
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit()) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(m_path, f.errorString());
        return false;
    }
    return true;
}

bool KnownServers::add(const QString &host, quint16 port, const QString &fingerprint, QString *error)
{
    const QString k = key(host, port);
    if (m_path.isEmpty()) {
        m_memory.insert(k, fingerprint);
        return true;
    }
    QStringList lines = readLines();
    while (!lines.isEmpty() && lines.constLast().trimmed().isEmpty())
        lines.removeLast();
    lines.removeIf([&k](const QString &line) {
        QString lineKey, fp;
        return parseLine(line, &lineKey, &fp) && lineKey == k;
    });
    lines.append(k + QLatin1Char(' ') + fingerprint);
    return writeLines(lines, error);
}

bool KnownServers::remove(const QString &host, quint16 port, QString *error)
{
    const QString k = key(host, port);
    if (m_path.isEmpty()) {
        m_memory.remove(k);
        return true;
    }
    QStringList lines = readLines();
    const auto removed = lines.removeIf([&k](const QString &line) {
        QString lineKey, fp;
        return parseLine(line, &lineKey, &fp) && lineKey == k;
    });
    return removed == 0 || writeLines(lines, error);
}

} // namespace Switchboard
