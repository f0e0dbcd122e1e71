#pragma once
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace Switchboard {

// The first thing a user sees: where to connect (or host), who they are, Log in / Register.
// It only collects input and shows outcomes; MainWindow does the connecting.
class LoginPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LoginPanel(QWidget *parent = nullptr);

    QString host() const;
    quint16 port() const;
    QString user() const;
    QString password() const;
    bool hostServer() const;
    void setHostServer(bool on);
    // TLS (the default) or "Unencrypted (for teaching)"; never remembered across runs.
    bool encrypted() const;
    void setEncrypted(bool on);
    void setServer(const QString &host, quint16 port);
    void setUser(const QString &user);
    void setPassword(const QString &password);

public slots:
    void setBusy(bool busy, const QString &message = QString());
    void showError(const QString &message);
    void showInfo(const QString &message);
    // Remembers a server that worked (most recent first) and the user name; never the password.
    void rememberSuccess();
    void clearPassword();

signals:
    void loginRequested(const QString &host, quint16 port, const QString &user, const QString &password,
                        bool registerFirst, bool hostServer);
    // The user abandons the connection attempt in progress.
    void cancelRequested();

private:
    void submit(bool registerFirst);
    void updateEnabled();
    void loadSettings();

    QComboBox *m_server;
    QSpinBox *m_port;
    QCheckBox *m_host;
    QCheckBox *m_unencrypted;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QPushButton *m_login;
    QPushButton *m_register;
    QPushButton *m_cancel;
    QLabel *m_status;
    bool m_busy = false;
};

} // namespace Switchboard
