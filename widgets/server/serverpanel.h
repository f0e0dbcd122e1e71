#pragma once
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace Switchboard {

class EmbeddedServer;

// Host mode: who is connected to the embedded server (address, user, since), Kick, and the server log.
class ServerPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ServerPanel(QWidget *parent = nullptr);
    void setServer(EmbeddedServer *server);
    QTableWidget *clientTable() const { return m_clients; }
    QLabel *reachableLabel() const { return m_reachable; }
    // The user this window is logged in as: kicking that user asks first.
    void setHostUser(const QString &user) { m_hostUser = user; }

signals:
    void stopRequested();

public slots:
    void appendLog(const QString &line);

private:
    void refresh();
    void kickSelected();
    void kick(quint64 sessionId);

    EmbeddedServer *m_server = nullptr;
    QString m_hostUser;
    QLabel *m_summary;
    QTableWidget *m_clients;
    QPushButton *m_kick;
    QLabel *m_reachable; // the addresses teammates type
    QPushButton *m_stop;
    QPlainTextEdit *m_log;
};

} // namespace Switchboard
