#include "loginpanel.h"
#include "discoveredserverslist.h"
#include "hostscopechooser.h"
#include "widgets/tools/theme.h"

#include "net/server/serverconfig.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Switchboard {

LoginPanel::LoginPanel(QWidget *parent)
    : QWidget(parent)
    , m_server(new QComboBox(this))
    , m_port(new QSpinBox(this))
    , m_host(new QCheckBox(tr("Host a server on this computer"), this))
    , m_unencrypted(new QCheckBox(tr("Unencrypted (for teaching)"), this))
    , m_scope(new HostScopeChooser(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_login(new QPushButton(tr("Log in"), this))
    , m_register(new QPushButton(tr("Register"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("loginPanel"));
    auto *title = new QLabel(QStringLiteral("<h2>%1</h2><p>%2</p>")
                                 .arg(tr("Switchboard"), tr("Chat, send files and see what goes over the wire.")), this);
    title->setAlignment(Qt::AlignCenter);
    title->setWordWrap(true);

    m_server->setEditable(true);
    m_server->setObjectName(QStringLiteral("serverHost"));
    m_server->setAccessibleName(tr("Server address"));
    m_server->lineEdit()->setPlaceholderText(tr("Server address, e.g. 192.168.1.20 (cluster nodes: a:5151, b:5151)"));
    m_port->setRange(1, 65535);
    m_port->setValue(ServerConfig::DefaultPort);
    m_port->setObjectName(QStringLiteral("serverPort"));
    m_host->setObjectName(QStringLiteral("hostServer"));
    m_host->setToolTip(tr("Start a Switchboard server inside this program, so you can chat at once; "
                          "choose below who may join it."));
    m_unencrypted->setObjectName(QStringLiteral("unencrypted"));
    m_unencrypted->setToolTip(tr("Connect without TLS, to a server started with --no-tls, to study the raw protocol. "
                                 "Anyone on the network can then read your chat and files."));
    m_user->setObjectName(QStringLiteral("userName"));
    m_user->setPlaceholderText(tr("User name"));
    m_user->setMaxLength(32);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password"));
    m_login->setObjectName(QStringLiteral("loginButton"));
    m_login->setDefault(true);
    m_register->setObjectName(QStringLiteral("registerButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Stop connecting or logging in."));
    m_cancel->hide();
    m_status->setObjectName(QStringLiteral("loginStatus"));
    m_status->setWordWrap(true);
    m_status->setMinimumHeight(40);

    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_server, 1);
    auto *portLabel = new QLabel(tr("&Port"), this);
    portLabel->setBuddy(m_port);
    serverRow->addWidget(portLabel);
    serverRow->addWidget(m_port);

    auto *form = new QFormLayout;
    form->addRow(tr("Server"), serverRow);
    form->addRow(QString(), m_host);
    form->addRow(QString(), m_unencrypted);
    form->addRow(QString(), m_scope);
    form->addRow(tr("User name"), m_user);
    form->addRow(tr("Password"), m_password);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_register);
    buttons->addWidget(m_login);

    auto *box = new QWidget(this);
    box->setMaximumWidth(460);
    m_box = new QVBoxLayout(box);
    m_box->addWidget(title);
    m_box->addLayout(form);
    m_box->addLayout(buttons);
    m_box->addWidget(m_status);

    auto *outer = new QHBoxLayout(this);
    outer->addStretch();
    auto *column = new QVBoxLayout;
    column->addStretch();
    column->addWidget(box);
    column->addStretch(2);
    outer->addLayout(column);
    outer->addStretch();

    connect(m_login, &QPushButton::clicked, this, [this] { submit(false); });
    connect(m_register, &QPushButton::clicked, this, [this] { submit(true); });
    connect(m_cancel, &QPushButton::clicked, this, &LoginPanel::cancelRequested);
    // Enter in any field submits.
    connect(m_user, &QLineEdit::returnPressed, this, [this] { submit(false); });
    connect(m_password, &QLineEdit::returnPressed, this, [this] { submit(false); });
    connect(m_server->lineEdit(), &QLineEdit::returnPressed, this, [this] { submit(false); });
    connect(m_host, &QCheckBox::toggled, this, &LoginPanel::updateEnabled);
    connect(m_unencrypted, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            showError(tr("Unencrypted: chat and files will cross the network in clear text."));
        else
            showInfo(QString());
    });
    connect(m_user, &QLineEdit::textChanged, this, &LoginPanel::updateEnabled);
    connect(m_password, &QLineEdit::textChanged, this, &LoginPanel::updateEnabled);
    connect(m_server, &QComboBox::currentTextChanged, this, &LoginPanel::updateEnabled);
    loadSettings();
    updateEnabled();
}

void LoginPanel::loadSettings()
{
    QSettings settings;
    const QStringList recent = settings.value(QStringLiteral("login/recentServers")).toStringList();
    for (const QString &s : recent) {
        const int colon = s.lastIndexOf(QLatin1Char(':'));
        m_server->addItem(s.left(colon), s.mid(colon + 1).toInt());
    }
    if (m_server->count() == 0)
        m_server->addItem(QStringLiteral("127.0.0.1"), int(ServerConfig::DefaultPort));
    m_server->setCurrentIndex(0);
    if (const int p = m_server->currentData().toInt(); p > 0)
        m_port->setValue(p);
    connect(m_server, &QComboBox::activated, this, [this](int i) {
        if (const int p = m_server->itemData(i).toInt(); p > 0)
            m_port->setValue(p);
    });
    m_user->setText(settings.value(QStringLiteral("login/user")).toString());
    m_host->setChecked(settings.value(QStringLiteral("login/host"), false).toBool());
    if (settings.value(QStringLiteral("login/hostNetwork"), false).toBool())
        m_scope->setScope(LanHosting::Scope::LocalNetwork);
}

void LoginPanel::rememberSuccess()
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("login/recentServers")).toStringList();
    const QString entry = host() + QLatin1Char(':') + QString::number(port());
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > 10)
        recent.removeLast();
    settings.setValue(QStringLiteral("login/recentServers"), recent);
    settings.setValue(QStringLiteral("login/user"), user());
    settings.setValue(QStringLiteral("login/host"), hostServer());
    settings.setValue(QStringLiteral("login/hostNetwork"), hostScope() == LanHosting::Scope::LocalNetwork);
}

QString LoginPanel::host() const
{
    return hostServer() ? QStringLiteral("127.0.0.1") : m_server->currentText().trimmed();
}

quint16 LoginPanel::port() const { return quint16(m_port->value()); }
QString LoginPanel::user() const { return m_user->text().trimmed(); }
QString LoginPanel::password() const { return m_password->text(); }
bool LoginPanel::hostServer() const { return m_host->isChecked(); }
void LoginPanel::setHostServer(bool on) { m_host->setChecked(on); }
bool LoginPanel::encrypted() const { return !m_unencrypted->isChecked(); }
void LoginPanel::setEncrypted(bool on) { m_unencrypted->setChecked(!on); }
LanHosting::Scope LoginPanel::hostScope() const { return m_scope->scope(); }
void LoginPanel::setHostScope(LanHosting::Scope scope) { m_scope->setScope(scope); }

void LoginPanel::setDiscoveredServers(QAbstractItemModel *model)
{
    delete m_found;
    m_found = new DiscoveredServersList(model, this);
    m_box->insertWidget(m_box->indexOf(m_status), m_found);
    connect(m_found, &DiscoveredServersList::serverChosen, this, [this](const QString &host, quint16 port) {
        setHostServer(false);
        setServer(host, port);
        if (!m_busy && !user().isEmpty() && !password().isEmpty()) {
            submit(false);
            return;
        }
        showInfo(tr("Enter your user name and password for %1, then Log in.").arg(host));
        (user().isEmpty() ? m_user : m_password)->setFocus();
    });
}

void LoginPanel::setUser(const QString &user) { m_user->setText(user); }
void LoginPanel::setPassword(const QString &password) { m_password->setText(password); }
void LoginPanel::clearPassword() { m_password->clear(); }

void LoginPanel::setServer(const QString &host, quint16 port)
{
    m_server->setCurrentText(host);
    m_port->setValue(port);
}

void LoginPanel::updateEnabled()
{
    m_server->setEnabled(!m_busy && !hostServer());
    m_port->setEnabled(!m_busy);
    m_user->setEnabled(!m_busy);
    m_password->setEnabled(!m_busy);
    m_host->setEnabled(!m_busy);
    m_unencrypted->setEnabled(!m_busy);
    m_scope->setVisible(hostServer());
    m_scope->setEnabled(!m_busy);
    const bool ready = !m_busy && !user().isEmpty() && !password().isEmpty() && !host().isEmpty();
    m_login->setEnabled(ready);
    m_register->setEnabled(ready);
    // While connecting, Cancel is the way out (a silent or wrong server must never trap the user).
    m_cancel->setVisible(m_busy);
    m_cancel->setEnabled(m_busy);
}

void LoginPanel::setBusy(bool busy, const QString &message)
{
    m_busy = busy;
    if (!message.isEmpty())
        showInfo(message);
    updateEnabled();
}

void LoginPanel::showError(const QString &message)
{
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, Theme::accentText(pal, Theme::Accent::Red, pal.color(QPalette::Window)));
    m_status->setPalette(pal);
    m_status->setText(message);
}

void LoginPanel::showInfo(const QString &message)
{
    m_status->setPalette(palette());
    m_status->setText(message);
}

void LoginPanel::submit(bool registerFirst)
{
    if (m_busy)
        return;
    if (user().isEmpty() || password().isEmpty()) {
        showError(tr("Enter a user name and a password."));
        return;
    }
    if (host().isEmpty()) {
        showError(tr("Enter the server's address."));
        return;
    }
    emit loginRequested(host(), port(), user(), password(), registerFirst, hostServer());
}

} // namespace Switchboard
