#include "mainwindow.h"

#include "net/auth/userstore.h"
#include "net/capture/capturebuffer.h"
#include "widgets/chat/chatview.h"
#include "widgets/inspector/capturefilewindow.h"
#include "widgets/inspector/inspectorwidget.h"
#include "widgets/lab/socketlabwindow.h"
#include "widgets/proxy/proxywindow.h"
#include "widgets/transfer/downloaddialog.h"
#include "net/client/clientsession.h"
#include "net/client/conversationstore.h"
#include "net/client/serverlist.h"
#include "net/client/settingstokenkeeper.h"
#include "net/client/transfermanager.h"
#include "net/core/endpoint.h"
#include "widgets/login/loginpanel.h"
#include "widgets/help/helpmenu.h"
#include "widgets/server/serverpanel.h"
#include "widgets/settings/appsettings.h"
#include "widgets/settings/settingsdialog.h"
#include "widgets/settings/windowplacement.h"
#include "widgets/tools/closequestion.h"
#include "widgets/tools/trayicon.h"
#include "widgets/tools/dissectorinstaller.h"
#include "widgets/tools/theme.h"
#include "net/server/embeddedserver.h"

#include <QRegularExpression>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>

namespace Switchboard {

MainWindow::MainWindow(const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_settings(new AppSettings(this))
    , m_deviceTokens(std::make_unique<SettingsTokenKeeper>())
    , m_session(new ClientSession(this))
    , m_stack(new QStackedWidget(this))
    , m_login(new LoginPanel(this))
    , m_chat(new ChatView(m_session, this))
    , m_serverPanel(new ServerPanel(this))
    , m_serverDock(new QDockWidget(tr("Server"), this))
    , m_statusLabel(new QLabel(this))
    , m_securityLabel(new QLabel(this))
    , m_clientCapture(new CaptureBuffer(this))
    , m_inspector(new InspectorWidget(m_clientCapture, this))
    , m_inspectorDock(new QDockWidget(tr("Inspector"), this))
{
    setWindowTitle(tr("Switchboard"));
    setObjectName(QStringLiteral("mainWindow"));
    m_stack->addWidget(m_login);
    m_stack->addWidget(m_chat);
    setCentralWidget(m_stack);

    m_serverDock->setObjectName(QStringLiteral("serverDock"));
    m_serverDock->setWidget(m_serverPanel);
    addDockWidget(Qt::RightDockWidgetArea, m_serverDock);
    m_serverDock->hide();
    statusBar()->addPermanentWidget(m_securityLabel);
    statusBar()->addPermanentWidget(m_statusLabel);
    m_securityLabel->setObjectName(QStringLiteral("securityStatus"));

    m_session->setDeviceTokenKeeper(m_deviceTokens.get());
    // The packet inspector sees this client's connection: every read chunk and frame.
    m_session->setCaptureSink(m_clientCapture);
    m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    m_inspectorDock->setWidget(m_inspector);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspectorDock);
    m_inspectorDock->hide();
    connect(m_session, &ClientSession::connectionChanged, m_inspector, &InspectorWidget::setConnection);
    // UDP rooms need no server: their tabs show even before a login, and their datagrams here.
    m_chat->setUdpCaptureSink(m_clientCapture);
    connect(m_chat, &ChatView::udpRoomsChanged, this, [this](int count) {
        if (count > 0)
            m_stack->setCurrentWidget(m_chat);
        else if (!m_logoutAction->isEnabled()) // not logged in: back to the login panel
            m_stack->setCurrentWidget(m_login);
    });
    connect(m_chat, &ChatView::fileActivated, this, &MainWindow::download);

    if (options.host)
        m_login->setHostServer(true);
    if (!options.server.isEmpty()) {
        Endpoint e;
        if (Endpoint::parse(options.server, &e))
            m_login->setServer(e.host, e.port);
    }
    if (!options.user.isEmpty())
        m_login->setUser(options.user);

    m_trayIcon = new TrayIcon(this, m_settings, this);

    buildMenus();
    connect(m_login, &LoginPanel::loginRequested, this, &MainWindow::onLoginRequested);
    connect(m_session, &ClientSession::loginFailed, this, &MainWindow::onLoginFailed);
    connect(m_session, &ClientSession::loggedIn, this, &MainWindow::onLoggedIn);
    connect(m_session, &ClientSession::failedLoginsReported, this,
            [this](int count, const QDateTime &last, const QString &from) {
        statusBar()->showMessage(tr("%n failed login attempt(s) since your last login, the last from %1 at %2", nullptr, count)
                                     .arg(from, QLocale().toString(last.toLocalTime(), QLocale::ShortFormat)),
                                 60000);
    });
    connect(m_session, &ClientSession::registered, this, [this](const QString &user) {
        m_login->showInfo(tr("Account %1 created. Logging in…").arg(user));
    });
    connect(m_session, &ClientSession::statusChanged, this, &MainWindow::updateStatus);
    connect(m_session, &ClientSession::queueChanged, this, &MainWindow::updateStatus);
    connect(m_session, &ClientSession::disconnected, this, [this](const QString &reason) {
        statusBar()->showMessage(tr("Disconnected: %1").arg(reason), 10000);
    });
    connect(m_session, &ClientSession::errorReceived, this, [this](const Protocol::Error &error) {
        statusBar()->showMessage(error.message, 10000);
        if (error.code == Protocol::ErrorCode::Kicked)
            offerReconnect(error.message);
    });
    connect(m_session, &ClientSession::outboxKept, this, [this](const QString &account, int count) {
        m_login->showInfo(tr("%n unsent message(s) are kept for %1 and will be sent when %1 logs in again.", nullptr, count)
                              .arg(account));
    });
    connect(m_login, &LoginPanel::cancelRequested, m_session, &ClientSession::cancelLogin);
    connect(m_session, &ClientSession::trustRequested, this, &MainWindow::askTrust);
    connect(m_chat, &ChatView::backgroundMessage, this, &MainWindow::notify);
    connect(m_serverPanel, &ServerPanel::stopRequested, this, &MainWindow::stopEmbeddedServer);
    connect(m_settings, &AppSettings::changed, this, &MainWindow::applySettings);
    applySettings();
    updateStatus();
    // As the user left it (size, place, docks), or fitted to the screen the first time.
    WindowPlacement::restore(this, *m_settings);
}

MainWindow::~MainWindow()
{
    m_session->setDeviceTokenKeeper(nullptr); // the keeper goes before the session (a child)
    // The embedded server says goodbye to its clients while the window is still whole.
    delete m_embedded;
    m_embedded = nullptr;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_logoutAction = file->addAction(tr("Log &out"), this, &MainWindow::logOut);
    m_logoutAction->setEnabled(false);
    m_stopServerAction = file->addAction(tr("&Stop server"), this, &MainWindow::stopEmbeddedServer);
    m_stopServerAction->setEnabled(false);
    file->addAction(tr("Open &capture…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open capture"), QString(),
                                                          tr("Captures (*.pcap *.pcapng *.cap);;All files (*)"));
        if (path.isEmpty())
            return;
        auto *window = new CaptureFileWindow(this);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->openFile(path);
        window->show();
    });
    file->addSeparator();
    QAction *settings = file->addAction(tr("S&ettings…"), this, &MainWindow::showSettings);
    settings->setShortcut(QKeySequence(tr("Ctrl+,")));
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    // close(), not quit(): the window asks first while hosting or transferring.
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcuts(QKeySequence::Quit);
    if (quit->shortcuts().isEmpty()) // desktops without a standard Quit key (and the offscreen tests)
        quit->setShortcut(QKeySequence(tr("Ctrl+Q")));

    QMenu *chat = menuBar()->addMenu(tr("&Chat"));
    m_joinAction = chat->addAction(tr("&Join room…"), m_chat, &ChatView::askJoinRoom);
    m_joinAction->setShortcut(QKeySequence(tr("Ctrl+J")));
    m_joinAction->setEnabled(false);
    chat->addAction(tr("&Create room…"), m_chat, &ChatView::askCreateRoom);
    chat->addAction(tr("&Leave room"), m_chat, &ChatView::leaveCurrentRoom);
    QAction *attach = chat->addAction(tr("Send &files…"), m_chat, &ChatView::attachFiles);
    attach->setShortcut(QKeySequence(tr("Ctrl+U")));
    chat->addSeparator();
    chat->addAction(tr("Join &UDP room…"), m_chat, &ChatView::askJoinUdpRoom);
    QAction *find = chat->addAction(tr("&Find in history…"), m_chat, &ChatView::findInHistory);
    find->setShortcuts(QKeySequence::Find);
    if (find->shortcuts().isEmpty())
        find->setShortcut(QKeySequence(tr("Ctrl+F")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *serverToggle = m_serverDock->toggleViewAction();
    serverToggle->setText(tr("&Server panel"));
    view->addAction(serverToggle);
    QAction *inspectorToggle = m_inspectorDock->toggleViewAction();
    inspectorToggle->setText(tr("&Inspector"));
    inspectorToggle->setShortcut(QKeySequence(tr("Ctrl+I")));
    view->addAction(inspectorToggle);
    m_viewMenu = view;

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QAction *lab = tools->addAction(tr("Socket &lab"), this, [this] {
        if (!m_socketLab)
            m_socketLab = new SocketLabWindow(QString(), this); // a window of its own, kept while we live
        m_socketLab->show();
        m_socketLab->raise();
        m_socketLab->activateWindow();
    });
    lab->setObjectName(QStringLiteral("socketLabAction"));
    lab->setShortcut(QKeySequence(tr("Ctrl+L")));
    tools->addAction(tr("Framing &proxy…"), this, [this] {
        if (!m_proxyWindow)
            m_proxyWindow = new ProxyWindow(this);
        m_proxyWindow->show();
        m_proxyWindow->raise();
    });

    auto *help = new HelpMenu(this);
    menuBar()->addMenu(help);
    auto *dissector = new QAction(tr("Install &Wireshark dissector"), help);
    connect(dissector, &QAction::triggered, this, &MainWindow::installDissector);
    QAction *about = help->actions().constLast();
    help->insertAction(about, dissector);
    help->insertSeparator(about);
}

void MainWindow::showSettings()
{
    auto *dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::applySettings()
{
    m_session->transfers()->setDownloadDirectory(m_settings->downloadFolder());
    if (m_downloads)
        m_downloads->setDirectory(m_settings->downloadFolder());
    m_session->conversations()->setMaxRows(m_settings->historyLines());
    const qint64 bytes = qint64(m_settings->inspectorMiB()) * 1024 * 1024;
    for (CaptureBuffer *capture : {m_clientCapture, m_serverCapture.get()}) {
        if (!capture)
            continue;
        capture->setMaxEntries(m_settings->inspectorFrames());
        capture->setMaxBytes(bytes);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const QString question = m_closeConfirmed
        ? QString()
        : CloseQuestion::text(m_embedded, m_session->transfers(), m_session->user());
    if (question.isEmpty()) {
        WindowPlacement::save(this, *m_settings);
        QMainWindow::closeEvent(event);
        return;
    }
    // Asked without blocking: the answer closes the window again, confirmed.
    event->ignore();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Close Switchboard?"), question, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("closeQuestionBox"));
    QPushButton *closeAnyway = box->addButton(tr("Close anyway"), QMessageBox::DestructiveRole);
    closeAnyway->setObjectName(QStringLiteral("closeAnywayButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, closeAnyway] {
        if (box->clickedButton() != closeAnyway)
            return;
        m_closeConfirmed = true;
        close();
    });
    box->open();
}

void MainWindow::installDissector()
{
    QString detail;
    switch (DissectorInstaller::install(DissectorInstaller::userPluginDir(), &detail)) {
    case DissectorInstaller::Result::Installed:
    case DissectorInstaller::Result::Updated:
        QMessageBox::information(this, tr("Wireshark dissector"),
                                 tr("Installed as %1.\nWireshark and tshark started from now on decode Switchboard captures "
                                    "(File ▸ Open a saved .pcapng).").arg(detail));
        break;
    case DissectorInstaller::Result::AlreadyCurrent:
        QMessageBox::information(this, tr("Wireshark dissector"), tr("This version is already installed as %1.").arg(detail));
        break;
    case DissectorInstaller::Result::Failed:
        QMessageBox::warning(this, tr("Wireshark dissector"), tr("Could not install the dissector: %1").arg(detail));
        break;
    }
}

bool MainWindow::startEmbeddedServer(LanHosting::Scope scope, quint16 *port, QString *error)
{
    delete m_embedded;
    m_embedded = new EmbeddedServer(this);
    ServerConfig config;
    config.tls = m_login->encrypted();
    config.dataDir = m_options.dataDir.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/server")
        : m_options.dataDir;
    config.listen = {LanHosting::listenEndpoint(scope, *port)};
    // A taken port was asked about before; never move to another port without saying so.
    if (!m_embedded->start(config, error)) {
        delete m_embedded;
        m_embedded = nullptr;
        return false;
    }
    *port = m_embedded->endpoints().value(0).port;
    m_hostScope = scope;
    if (scope == LanHosting::Scope::LocalNetwork) {
        // IPv6 teammates too, on the same port; a machine without IPv6 still serves IPv4.
        QString why;
        if (!m_embedded->listenAlso(QHostAddress::AnyIPv6,
                                   {QHostAddress(QHostAddress::AnyIPv4), QHostAddress(QHostAddress::AnyIPv6)}, &why))
            m_serverPanel->appendLog(tr("Not listening on IPv6: %1").arg(why));
    }
    m_stopServerAction->setEnabled(true);
    m_serverPanel->setServer(m_embedded);
    if (!m_serverInspector) {
        // The server side of every connection, for the host.
        m_serverCapture = std::make_shared<CaptureBuffer>();
        applySettings(); // its limits
        m_serverInspector = new InspectorWidget(m_serverCapture.get(), this);
        m_serverInspectorDock = new QDockWidget(tr("Server inspector"), this);
        m_serverInspectorDock->setObjectName(QStringLiteral("serverInspectorDock"));
        m_serverInspectorDock->setWidget(m_serverInspector);
        addDockWidget(Qt::BottomDockWidgetArea, m_serverInspectorDock);
        tabifyDockWidget(m_inspectorDock, m_serverInspectorDock);
        m_serverInspectorDock->hide();
        QAction *toggle = m_serverInspectorDock->toggleViewAction();
        toggle->setText(tr("Server i&nspector"));
        m_viewMenu->addAction(toggle);
    }
    // The server side is captured while its inspector is open: a busy host pays nothing otherwise.
    connect(m_serverInspectorDock, &QDockWidget::visibilityChanged, m_embedded, [this](bool visible) {
        if (m_embedded)
            m_embedded->setCaptureSink(visible ? m_serverCapture : nullptr);
    });
    m_serverPanel->appendLog(tr("Server started on %1").arg(m_embedded->endpoints().value(0).toString()));
    m_serverPanel->appendLog(m_embedded->tlsFingerprint().isEmpty()
                                 ? tr("Unencrypted (for teaching): chat and files cross the network in clear text.")
                                 : tr("TLS certificate fingerprint: %1").arg(m_embedded->tlsFingerprint()));
    m_serverDock->show();
    return true;
}

void MainWindow::onLoginRequested(const QString &host, quint16 port, const QString &user, const QString &password,
                                  bool registerFirst, bool hostServer)
{
    quint16 target = port;
    QString effectiveHost = host;
    m_onEmbeddedServer = hostServer;
    if (hostServer) {
        const LanHosting::Scope scope = m_login->hostScope();
        const bool running = m_embedded && m_embedded->isRunning();
        if (running && (m_hostScope != scope || m_embedded->config().tls != m_login->encrypted()))
            stopEmbeddedServer(); // listen where, and as encrypted as, the user now asks
        if (m_embedded && m_embedded->isRunning()) {
            target = m_embedded->endpoints().value(0).port;
        } else {
            if (LanHosting::portTaken(scope, port)) {
                askAboutTakenPort(user, password, registerFirst, port);
                return;
            }
            QString error;
            if (!startEmbeddedServer(scope, &target, &error)) {
                m_login->showError(tr("Could not start the server: %1").arg(error));
                return;
            }
        }
        effectiveHost = QStringLiteral("127.0.0.1");
        if (target != port)
            m_login->setServer(effectiveHost, target);
    }
    m_session->setTls(tlsFor(m_login->encrypted(), hostServer));
    // "host:port, host:port": several nodes of one cluster, tried in order, failed over to.
    QList<Endpoint> servers{Endpoint{effectiveHost, target}};
    if (!hostServer && effectiveHost.contains(QRegularExpression(QStringLiteral("[,\\s]")))) {
        QString why;
        if (!ServerList::parse(effectiveHost, target, &servers, &why)) {
            m_login->showError(why);
            return;
        }
    }
    const QString where = servers.size() > 1 ? ServerList(servers).identity() : Endpoint{effectiveHost, target}.toString();
    m_login->setBusy(true, registerFirst ? tr("Creating account %1 on %2…").arg(user, where)
                                         : tr("Connecting to %1…").arg(where));
    m_session->logIn(servers, user, password, registerFirst);
}

ClientTls MainWindow::tlsFor(bool encrypted, bool hostServer) const
{
    ClientTls tls;
    tls.enabled = encrypted;
    tls.unknownServer = ClientTls::UnknownServer::Ask;
    tls.knownServersFile = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/known_servers");
    // Our own embedded server: we know its certificate, nothing to ask.
    if (hostServer && m_embedded && !m_embedded->tlsFingerprint().isEmpty())
        tls.fingerprints.append(m_embedded->tlsFingerprint());
    return tls;
}

void MainWindow::askTrust(const QString &server, const QString &fingerprint)
{
    delete m_trustBox;
    m_trustBox = new QMessageBox(QMessageBox::Question, tr("New server"),
                                 tr("This is your first connection to %1. Is it the server you mean?").arg(server),
                                 QMessageBox::NoButton, this);
    m_trustBox->setObjectName(QStringLiteral("trustServerBox"));
    m_trustBox->setInformativeText(
        tr("Its certificate fingerprint is:\n%1\n\nCompare it with the fingerprint the server's operator sees "
           "(switchboard-server prints it when it starts). If they match, trust the server: Switchboard remembers "
           "it and warns you if it ever changes.")
            .arg(fingerprint));
    m_trustBox->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPushButton *trust = m_trustBox->addButton(tr("Trust and connect"), QMessageBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trustButton"));
    m_trustBox->addButton(QMessageBox::Cancel);
    m_trustBox->setDefaultButton(QMessageBox::Cancel);
    connect(m_trustBox, &QDialog::finished, m_trustBox, &QObject::deleteLater);
    connect(m_trustBox, &QMessageBox::buttonClicked, m_session, [this, trust](QAbstractButton *clicked) {
        m_session->trustServer(clicked == trust);
    });
    m_trustBox->open();
}

void MainWindow::askAboutTakenPort(const QString &user, const QString &password, bool registerFirst, quint16 port)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Port %1 is in use").arg(port),
                                tr("Another program on this computer (perhaps another Switchboard server) already uses "
                                   "port %1, so the server cannot start there.\n\nStart it on a free port instead? "
                                   "Teammates then need the new port number.")
                                    .arg(port),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("portTakenBox"));
    QPushButton *other = box->addButton(tr("Use a free port"), QMessageBox::AcceptRole);
    other->setObjectName(QStringLiteral("useFreePortButton"));
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [=] {
        if (box->clickedButton() == other)
            onLoginRequested(QStringLiteral("127.0.0.1"), 0, user, password, registerFirst, true);
        else
            m_login->showInfo(tr("Port %1 is in use: choose another port, or close the program using it.").arg(port));
    });
    box->open();
}

void MainWindow::stopEmbeddedServer()
{
    if (!m_embedded)
        return;
    if (m_onEmbeddedServer && m_session->status() != ClientSession::Status::Offline)
        logOut();
    m_serverPanel->setServer(nullptr);
    m_embedded->stop();
    m_embedded->deleteLater(); // a signal of the panel may be what called this
    m_embedded = nullptr;
    m_stopServerAction->setEnabled(false);
    m_serverPanel->appendLog(tr("Server stopped"));
    statusBar()->showMessage(tr("The server in this program has stopped."), 10000);
}

void MainWindow::onLoginFailed(const Protocol::Error &error)
{
    using Protocol::ErrorCode;
    m_login->setBusy(false);
    if (m_trustBox)
        m_trustBox->close(); // the connection it asked about is gone
    QString text;
    switch (error.code) {
    case ErrorCode::Cancelled:
        m_login->showInfo(tr("Cancelled."));
        return;
    case ErrorCode::Unreachable:
        text = tr("Cannot reach the server: %1. Check the address and port, or host a server on this computer.").arg(error.message);
        break;
    case ErrorCode::NotSwitchboard:
        text = tr("%1 Check the port: another program answers there.").arg(error.message);
        break;
    case ErrorCode::HandshakeTimeout:
        text = tr("The server accepted the connection but never answered as a Switchboard server. Check the port.");
        break;
    case ErrorCode::TlsError:
        text = tr("The secure connection failed: %1 If the server runs unencrypted (for teaching), tick "
                  "\"Unencrypted\".").arg(error.message);
        break;
    case ErrorCode::CertificateChanged:
        // A hard stop, like ssh's: what happened and how to go on, no button that ignores it.
        {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Server certificate changed"), error.message,
                                        QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("certificateChangedBox"));
            box->setTextInteractionFlags(Qt::TextSelectableByMouse);
            connect(box, &QDialog::finished, box, &QObject::deleteLater);
            box->open();
        }
        text = tr("Stopped: the server's certificate changed. See the explanation.");
        break;
    case ErrorCode::CertificateUnknown:
        text = tr("Not connected: the server was not trusted.");
        break;
    case ErrorCode::AuthFailed:
        text = tr("Wrong user name or password. New here? Click Register.");
        break;
    case ErrorCode::AuthLocked:
        text = error.retryAfter > 0
            ? tr("Too many failed attempts: this account is locked for %n second(s).", nullptr, error.retryAfter)
            : tr("Too many failed attempts: this account is locked for a while. %1").arg(error.message);
        break;
    case ErrorCode::VersionUnsupported:
        text = tr("This server speaks another protocol version: %1").arg(error.message);
        break;
    case ErrorCode::ServerFull:
        text = tr("The server is full. Try again later.");
        break;
    case ErrorCode::UserExists:
        text = tr("That user name is taken. Choose another, or click Log in if it is yours.");
        break;
    case ErrorCode::RegistrationDisabled:
        text = tr("This server does not allow registration. Ask its administrator for an account.");
        break;
    case ErrorCode::TooManyRegistrations:
        text = error.retryAfter > 0
            ? tr("Too many accounts were created from this address. Try again in %n minute(s).", nullptr,
                 (error.retryAfter + 59) / 60)
            : tr("Too many accounts were created from this address. Try again later.");
        break;
    case ErrorCode::TooManyUsers:
        text = tr("This server has as many accounts as it allows. Ask its administrator.");
        break;
    case ErrorCode::InvalidUserName: {
        // The server says so in English; the rule is known here, so explain it in the user's language.
        QString why;
        UserStore::isValidUserName(m_login->user(), &why);
        text = tr("Invalid user name: %1").arg(why.isEmpty() ? error.message : why);
        break;
    }
    default:
        text = tr("Login failed: %1").arg(error.message);
        break;
    }
    m_login->showError(text);
}

void MainWindow::onLoggedIn(const QString &user)
{
    m_login->setBusy(false);
    m_login->rememberSuccess();
    m_login->clearPassword();
    m_login->showInfo(QString());
    m_chat->reset();
    m_stack->setCurrentWidget(m_chat);
    m_logoutAction->setEnabled(true);
    m_joinAction->setEnabled(true);
    setWindowTitle(tr("Switchboard — %1@%2").arg(user, m_session->serverAddress()));
    m_serverPanel->setHostUser(m_onEmbeddedServer ? user : QString());
}

void MainWindow::offerReconnect(const QString &why)
{
    // The session does not come back by itself after a kick; the user may.
    auto *box = new QMessageBox(QMessageBox::Information, tr("Disconnected"),
                                tr("The server's host disconnected you from %1.").arg(m_session->serverAddress()),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("kickedBox"));
    box->setInformativeText(why);
    QPushButton *again = box->addButton(tr("Reconnect"), QMessageBox::AcceptRole);
    again->setObjectName(QStringLiteral("reconnectButton"));
    box->addButton(tr("Log out"), QMessageBox::RejectRole)->setObjectName(QStringLiteral("kickedLogOutButton"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, again] {
        if (box->clickedButton() != again) {
            logOut();
            return;
        }
        if (m_session->status() == ClientSession::Status::Offline) {
            m_session->reconnect();
            return;
        }
        // The server closes the connection right after the kick: reconnect once it has.
        auto pending = std::make_shared<QMetaObject::Connection>();
        *pending = connect(m_session, &ClientSession::statusChanged, this, [this, pending](ClientSession::Status status) {
            if (status != ClientSession::Status::Offline)
                return;
            disconnect(*pending);
            m_session->reconnect();
        });
    });
    box->open();
}

void MainWindow::logOut()
{
    m_session->logOut();
    m_chat->reset();
    m_stack->setCurrentWidget(m_login);
    m_logoutAction->setEnabled(false);
    m_joinAction->setEnabled(false);
    setWindowTitle(tr("Switchboard"));
}

void MainWindow::updateStatus()
{
    QString text;
    switch (m_session->status()) {
    case ClientSession::Status::Offline: text = tr("Offline"); break;
    case ClientSession::Status::Connecting: text = tr("Connecting…"); break;
    case ClientSession::Status::LoggingIn: text = tr("Logging in…"); break;
    case ClientSession::Status::Online:
        // With several nodes, which one this is (it changes when the client fails over).
        text = m_session->servers().size() > 1
            ? tr("Online as %1 on node %2 (%3 of %4)")
                  .arg(m_session->user(), m_session->serverAddress())
                  .arg(m_session->serverIndex() + 1)
                  .arg(m_session->servers().size())
            : tr("Online as %1 on %2").arg(m_session->user(), m_session->serverAddress());
        break;
    case ClientSession::Status::Reconnecting:
        text = m_session->servers().size() > 1 ? tr("Connection lost — reconnecting to %1…").arg(m_session->serverAddress())
                                               : tr("Connection lost — reconnecting…");
        break;
    }
    if (const int queued = m_session->queuedCount(); queued > 0)
        text += QStringLiteral(" · ") + tr("%n message(s) waiting to be sent", nullptr, queued);
    m_statusLabel->setText(text);
    m_trayIcon->setStatus(text);
    // Say plainly whether others on the network can read along.
    if (m_session->status() != ClientSession::Status::Online) {
        m_securityLabel->clear();
        m_securityLabel->setToolTip(QString());
    } else if (m_session->isEncrypted()) {
        Theme::plainText(m_securityLabel);
        m_securityLabel->setText(tr("Encrypted (%1)").arg(m_session->tlsDescription().section(QLatin1Char(' '), 0, 0)));
        m_securityLabel->setToolTip(tr("%1\nServer certificate: %2").arg(m_session->tlsDescription(), m_session->serverFingerprint()));
    } else {
        Theme::accentLabel(m_securityLabel, Theme::Accent::Red);
        m_securityLabel->setText(tr("Unencrypted"));
        m_securityLabel->setToolTip(tr("Anyone on the network can read this chat and its files."));
    }
}

void MainWindow::download(const FileInfo &file)
{
    if (!m_downloads)
        m_downloads = new DownloadDialog(m_session->transfers(), this);
    auto start = [this, file](const QString &directory) {
        m_session->transfers()->download(file, directory);
        m_downloads->show();
        m_downloads->raise();
    };
    if (!m_settings->askWhereToSave()) {
        start(QString());
        return;
    }
    auto *dialog = new QFileDialog(this, tr("Save %1 into").arg(file.name), m_settings->downloadFolder());
    dialog->setObjectName(QStringLiteral("saveIntoDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, start);
    dialog->open();
}

void MainWindow::notify(const QString &title, const QString &text)
{
    m_trayIcon->notify(title, text);
}

} // namespace Switchboard
