#pragma once
#include "serverconfig.h"

#include <QObject>

namespace Switchboard {

class ChatServer;
class CaptureSink;

// A whole Switchboard server built from a ServerConfig: listeners, storage and every feature.
// switchboard-server runs one headless; the GUI runs one in-process in host mode.
class ServerRuntime : public QObject
{
    Q_OBJECT
public:
    explicit ServerRuntime(QObject *parent = nullptr);
    ~ServerRuntime() override;

    bool start(const ServerConfig &config, QString *error);
    void stop();
    ChatServer *server() const { return m_server; }
    const ServerConfig &config() const { return m_config; }
    // The real bound endpoints, after start().
    QList<Endpoint> endpoints() const;

signals:
    void logMessage(const QString &line);

private:
    ServerConfig m_config;
    ChatServer *m_server = nullptr;
};

} // namespace Switchboard
