#pragma once
#include "net/discovery/lanhosting.h"
#include "net/protocol/messages.h"
#include "net/tls/clienttls.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QMessageBox;
class QStackedWidget;

namespace Switchboard {

class AppSettings;
class CaptureBuffer;
class ChatView;
class DeviceTokenKeeper;
class DownloadDialog;
class InspectorWidget;
class ClientSession;
class LoginPanel;
class ServerPanel;
class EmbeddedServer;
class SocketLabWindow;
class TrayIcon;

struct MainWindowOptions
{
    bool host = false;
    QString server;  // HOST:PORT to prefill
    QString user;
    QString dataDir; // embedded server's data directory (default: app data)
};

// The Switchboard window: the login panel until logged in, then the chat view;
// in host mode an embedded server and a dock listing its clients.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    using Options = MainWindowOptions;
    explicit MainWindow(const Options &options = Options(), QWidget *parent = nullptr);
    ~MainWindow() override;

    LoginPanel *loginPanel() const { return m_login; }
    ChatView *chatView() const { return m_chat; }
    ClientSession *session() const { return m_session; }
    EmbeddedServer *embeddedServer() const { return m_embedded; }
    InspectorWidget *inspector() const { return m_inspector; }
    InspectorWidget *serverInspector() const { return m_serverInspector; }
    DownloadDialog *downloadDialog() const { return m_downloads; }
    CaptureBuffer *clientCapture() const { return m_clientCapture; }
    AppSettings *settings() const { return m_settings; }
    TrayIcon *trayIcon() const { return m_trayIcon; }

public slots:
    void showSettings();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void installDissector();
    void onLoginRequested(const QString &host, quint16 port, const QString &user, const QString &password,
                          bool registerFirst, bool hostServer);
    bool startEmbeddedServer(LanHosting::Scope scope, quint16 *port, QString *error);
    void askAboutTakenPort(const QString &user, const QString &password, bool registerFirst, quint16 port);
    void stopEmbeddedServer();
    void onLoginFailed(const Switchboard::Protocol::Error &error);
    void onLoggedIn(const QString &user);
    void updateStatus();
    void askTrust(const QString &server, const QString &fingerprint);
    ClientTls tlsFor(bool encrypted, bool hostServer) const;
    void logOut();
    void notify(const QString &title, const QString &text);
    void download(const Switchboard::FileInfo &file);
    void applySettings();
    void offerReconnect(const QString &why);

    Options m_options;
    AppSettings *m_settings;
    std::unique_ptr<DeviceTokenKeeper> m_deviceTokens; // in the application's settings
    ClientSession *m_session;
    EmbeddedServer *m_embedded = nullptr; // on a thread of its own
    QStackedWidget *m_stack;
    LoginPanel *m_login;
    ChatView *m_chat;
    ServerPanel *m_serverPanel;
    QDockWidget *m_serverDock;
    QLabel *m_statusLabel;
    QLabel *m_securityLabel;
    QPointer<QMessageBox> m_trustBox; // the open "trust this server?" question
    QPointer<SocketLabWindow> m_socketLab; // Tools ▸ Socket lab, created when first opened
    CaptureBuffer *m_clientCapture;
    InspectorWidget *m_inspector;
    QDockWidget *m_inspectorDock;
    std::shared_ptr<CaptureBuffer> m_serverCapture; // shared with the embedded server's connections
    InspectorWidget *m_serverInspector = nullptr;
    QDockWidget *m_serverInspectorDock = nullptr;
    DownloadDialog *m_downloads = nullptr;
    QMenu *m_viewMenu = nullptr;
    TrayIcon *m_trayIcon = nullptr;
    bool m_closeConfirmed = false; // the user agreed to close while hosting or transferring
    QAction *m_logoutAction = nullptr;
    QAction *m_joinAction = nullptr;
    QAction *m_stopServerAction = nullptr;
    QPointer<QWidget> m_proxyWindow; // Tools > Framing proxy (ProxyWindow), made on first use
    LanHosting::Scope m_hostScope = LanHosting::Scope::ThisComputer; // of the running embedded server
    bool m_onEmbeddedServer = false; // the session logged in to the embedded server
};

} // namespace Switchboard
