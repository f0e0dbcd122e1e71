#pragma once
// The servers a client has trusted, one line per server address like ssh's known_hosts:
//
//   # comment
//   chat.example.org:5151 SHA256:n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg
//   [::1]:5151 SHA256:...
//
// Host names are compared case-insensitively; a server is its host *as the user typed it* and
// its port (ssh's rule: 127.0.0.1 and localhost are different entries). The file is re-read on
// every lookup, so several clients may share it; it is created 0600 in a 0700 directory. With an
// empty path nothing touches the disk (entries live as long as this object).

#include <QHash>
#include <QString>

namespace Switchboard {

class KnownServers
{
public:
    explicit KnownServers(const QString &path = QString());

    struct Entry
    {
        QString fingerprint; // empty: not known
        int line = 0;        // where it is in the file (1-based), to tell the user what to delete
    };

    QString path() const { return m_path; }
    Entry find(const QString &host, quint16 port) const;
    // Records (or replaces) the server's fingerprint.
    bool add(const QString &host, quint16 port, const QString &fingerprint, QString *error = nullptr);
    bool remove(const QString &host, quint16 port, QString *error = nullptr);

    // "host:port", "[v6]:port": how a server is written in the file.
    static QString key(const QString &host, quint16 port);
    // The CLI's file: ~/.local/share/switchboard/known_servers (XDG_DATA_HOME respected).
    static QString defaultPath();

private:
    QStringList readLines() const;
    bool writeLines(const QStringList &lines, QString *error);

    QString m_path;
    QHash<QString, QString> m_memory; // when m_path is empty
};

} // namespace Switchboard
