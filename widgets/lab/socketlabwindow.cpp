#include "socketlabwindow.h"

#include "net/capture/capturebuffer.h"
#include "net/core/endpoint.h"
#include "net/lab/labclientmodel.h"
#include "net/lab/rawtcpclient.h"
#include "net/lab/rawtcpserver.h"
#include "net/lab/repeatsender.h"
#include "net/lab/savedpackets.h"
#include "net/lab/udpendpoint.h"
#include "widgets/inspector/inspectorwidget.h"
#include "widgets/tools/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFontMetrics>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostInfo>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Switchboard {

namespace {

constexpr int MaxLogRows = 5000;
constexpr int MaxLoggedBytes = 4096; // per row; the inspector keeps every byte

QSpinBox *portBox(QWidget *parent, int value)
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, 65535);
    box->setValue(value);
    return box;
}

QComboBox *addressBox(QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setEditable(true);
    box->addItems({QStringLiteral("127.0.0.1"), QStringLiteral("::1"), QStringLiteral("0.0.0.0"), QStringLiteral("::")});
    return box;
}

QString modeKey(SocketLabWindow::Mode mode)
{
    switch (mode) {
    case SocketLabWindow::Mode::TcpClient:
        return QStringLiteral("tcp-client");
    case SocketLabWindow::Mode::TcpServer:
        return QStringLiteral("tcp-server");
    case SocketLabWindow::Mode::Udp:
        return QStringLiteral("udp");
    }
    return {};
}

} // namespace

SocketLabWindow::SocketLabWindow(const QString &packetsPath, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_packetsPath(packetsPath.isEmpty() ? SavedPackets::defaultPath() : packetsPath)
    , m_capture(new CaptureBuffer(this))
    , m_client(new RawTcpClient(this))
    , m_server(new RawTcpServer(this))
    , m_udp(new UdpEndpoint(this))
    , m_repeat(new RepeatSender(this))
    , m_saved(new SavedPackets(this))
{
    setWindowTitle(tr("Socket lab"));
    setObjectName(QStringLiteral("socketLab"));
    m_client->setCaptureSink(m_capture);
    m_server->setCaptureSink(m_capture);
    m_udp->setCaptureSink(m_capture);
    m_client->setAutoReplier(&m_replier);
    m_server->setAutoReplier(&m_replier);
    m_udp->setAutoReplier(&m_replier);

    // Built top to bottom, left to right, so the tab order follows the screen.
    m_modes = new QTabWidget(this);
    m_modes->setAccessibleName(tr("Mode"));
    m_modes->tabBar()->setAccessibleName(tr("Mode")); // the bar, not the widget, takes the focus
    m_modes->addTab(buildClientTab(), tr("TCP client"));
    m_modes->addTab(buildServerTab(), tr("TCP server"));
    m_modes->addTab(buildUdpTab(), tr("UDP"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_modes);
    leftLayout->addWidget(buildSendBox(), 1);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(buildSavedPanel(), 1);
    rightLayout->addWidget(buildRulesPanel(), 1);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(left);
    top->addWidget(right);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);

    // The log of what went in and out, and the inspector behind it.
    auto *logPage = new QWidget(this);
    m_log = new QTreeWidget(logPage);
    m_log->setAccessibleName(tr("Traffic log"));
    m_log->setRootIsDecorated(false);
    m_log->setUniformRowHeights(true);
    m_log->setAlternatingRowColors(true);
    m_log->setHeaderLabels({tr("Time"), tr("Direction"), tr("Peer"), tr("Size"), tr("Data")});
    m_log->header()->setStretchLastSection(true);
    const QFontMetrics metrics(m_log->font());
    const QStringList widest{QStringLiteral("00:00:00.000"), tr("auto-reply"), QStringLiteral("255.255.255.255:65535"),
                             QStringLiteral("65,535")};
    for (int column = 0; column < widest.size(); ++column)
        m_log->setColumnWidth(column, metrics.horizontalAdvance(widest.at(column)) + 4 * metrics.averageCharWidth());
    m_logHex = new QCheckBox(tr("Show data as hex"), logPage);
    m_clearLog = new QPushButton(tr("Clear log"), logPage);
    auto *logBar = new QHBoxLayout;
    logBar->addWidget(m_logHex);
    logBar->addStretch(1);
    logBar->addWidget(m_clearLog);
    auto *logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addWidget(m_log, 1);
    logLayout->addLayout(logBar);
    m_inspector = new InspectorWidget(m_capture, this);
    m_output = new QTabWidget(this);
    m_output->setAccessibleName(tr("Traffic"));
    m_output->tabBar()->setAccessibleName(tr("Traffic"));
    m_output->addTab(logPage, tr("Log"));
    m_output->addTab(m_inspector, tr("Inspector"));

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(top);
    vertical->addWidget(m_output);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(vertical, 1);
    layout->addWidget(m_status);

    connect(m_logHex, &QCheckBox::toggled, this, [this] {
        for (int i = 0; i < m_log->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = m_log->topLevelItem(i);
            const QVariant bytes = item->data(4, Qt::UserRole);
            if (bytes.isValid())
                item->setText(4, shownData(bytes.toByteArray()));
        }
    });
    connect(m_clearLog, &QPushButton::clicked, m_log, &QTreeWidget::clear);
    connect(m_modes, &QTabWidget::currentChanged, this, &SocketLabWindow::updateControls);

    // Traffic into the log.
    connect(m_client, &RawTcpClient::connected, this, [this] {
        logEvent(tr("Connected to %1").arg(m_client->peerString()));
        updateControls();
    });
    connect(m_client, &RawTcpClient::disconnected, this, [this] {
        logEvent(tr("Disconnected"));
        updateControls();
    });
    connect(m_client, &RawTcpClient::errorOccurred, this, [this](const QString &message) { setStatus(message, true); });
    connect(m_client, &RawTcpClient::received, this,
            [this](const QString &peer, const QByteArray &bytes) { logTraffic(tr("in"), peer, bytes); });
    connect(m_client, &RawTcpClient::sent, this, [this](const QString &peer, const QByteArray &bytes, bool autoReply) {
        logTraffic(autoReply ? tr("auto-reply") : tr("out"), peer, bytes);
    });
    connect(m_server, &RawTcpServer::clientConnected, this, [this](quint64, const QString &peer) {
        logEvent(tr("%1 connected").arg(peer));
        updateControls();
    });
    connect(m_server, &RawTcpServer::clientDisconnected, this, [this](quint64, const QString &peer) {
        logEvent(tr("%1 disconnected").arg(peer));
        updateControls();
    });
    connect(m_server, &RawTcpServer::received, this, [this](quint64, const QString &peer, const QByteArray &bytes) {
        logTraffic(tr("in"), peer, bytes);
    });
    connect(m_server, &RawTcpServer::sent, this,
            [this](quint64, const QString &peer, const QByteArray &bytes, bool autoReply) {
                logTraffic(autoReply ? tr("auto-reply") : tr("out"), peer, bytes);
            });
    connect(m_udp, &UdpEndpoint::received, this,
            [this](const QString &peer, const QByteArray &bytes) { logTraffic(tr("in"), peer, bytes); });
    connect(m_udp, &UdpEndpoint::sent, this, [this](const QString &peer, const QByteArray &bytes, bool autoReply) {
        logTraffic(autoReply ? tr("auto-reply") : tr("out"), peer, bytes);
    });
    connect(m_repeat, &RepeatSender::progress, this, [this](int sent, int count) {
        setStatus(count > 0 ? tr("Sent %1 of %2").arg(sent).arg(count) : tr("Sent %1 (until stopped)").arg(sent));
    });
    connect(m_repeat, &RepeatSender::finished, this, [this](int sent) {
        setStatus(tr("Repeat finished after %n send(s).", nullptr, sent));
        updateControls();
    });

    QString why;
    if (!m_saved->load(m_packetsPath, &why))
        setStatus(tr("Saved packets not loaded: %1").arg(why), true);
    if (!PayloadCodec::gbkAvailable())
        setStatus(tr("GBK is not available in this build of Qt (it needs ICU): text is sent as UTF-8."));
    updateControls();
    resize(1100, 800);
}

SocketLabWindow::~SocketLabWindow()
{
    m_repeat->stop();
    // The capture buffer is destroyed before the sockets (it was created first); closing sockets record events.
    m_client->setCaptureSink(nullptr);
    m_server->setCaptureSink(nullptr);
    m_udp->setCaptureSink(nullptr);
}

QWidget *SocketLabWindow::buildClientTab()
{
    auto *page = new QWidget(this);
    m_clientHost = new QLineEdit(QStringLiteral("127.0.0.1"), page);
    m_clientHost->setObjectName(QStringLiteral("clientHost"));
    m_clientPort = portBox(page, 7000);
    m_clientPort->setObjectName(QStringLiteral("clientPort"));
    m_connect = new QPushButton(tr("Connect"), page);
    m_connect->setObjectName(QStringLiteral("connect"));
    auto *form = new QFormLayout(page);
    form->addRow(tr("&Host:"), m_clientHost);
    form->addRow(tr("&Port:"), m_clientPort);
    form->addRow(QString(), m_connect);
    connect(m_connect, &QPushButton::clicked, this, &SocketLabWindow::toggleClient);
    connect(m_clientHost, &QLineEdit::returnPressed, this, &SocketLabWindow::toggleClient);
    return page;
}

QWidget *SocketLabWindow::buildServerTab()
{
    auto *page = new QWidget(this);
    m_serverAddress = addressBox(page);
    m_serverPort = portBox(page, 7000);
    m_serverPort->setObjectName(QStringLiteral("serverPort"));
    m_listen = new QPushButton(tr("Listen"), page);
    m_listen->setObjectName(QStringLiteral("listen"));
    m_clients = new QListView(page);
    m_clients->setObjectName(QStringLiteral("clients"));
    m_clients->setModel(m_server->clients());
    m_clients->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_clients->setAccessibleName(tr("Connected clients"));
    m_toAll = new QCheckBox(tr("Send to &all clients"), page);
    m_toAll->setObjectName(QStringLiteral("toAll"));
    m_toAll->setChecked(true);
    m_dropClient = new QPushButton(tr("&Disconnect client"), page);
    m_dropClient->setObjectName(QStringLiteral("dropClient"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Address:"), m_serverAddress);
    form->addRow(tr("P&ort:"), m_serverPort);
    form->addRow(QString(), m_listen);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_toAll);
    buttons->addStretch(1);
    buttons->addWidget(m_dropClient);
    auto *layout = new QHBoxLayout(page);
    layout->addLayout(form);
    auto *list = new QVBoxLayout;
    list->addWidget(new QLabel(tr("Clients (select some and untick \"all\" to send to them only):"), page));
    list->addWidget(m_clients, 1);
    list->addLayout(buttons);
    layout->addLayout(list, 1);
    connect(m_listen, &QPushButton::clicked, this, &SocketLabWindow::toggleServer);
    connect(m_dropClient, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_clients->selectionModel()->selectedRows();
        for (const QModelIndex &index : rows)
            m_server->disconnectClient(index.data(LabClientModel::IdRole).toULongLong());
    });
    connect(m_clients->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_clients->selectionModel()->hasSelection())
            m_toAll->setChecked(false);
        updateControls();
    });
    return page;
}

QWidget *SocketLabWindow::buildUdpTab()
{
    auto *page = new QWidget(this);
    m_udpAddress = addressBox(page);
    m_udpPort = portBox(page, 7001);
    m_udpPort->setObjectName(QStringLiteral("udpPort"));
    m_bind = new QPushButton(tr("Bind"), page);
    m_bind->setObjectName(QStringLiteral("bind"));
    m_udpTargetHost = new QLineEdit(QStringLiteral("127.0.0.1"), page);
    m_udpTargetHost->setObjectName(QStringLiteral("udpTargetHost"));
    m_udpTargetPort = portBox(page, 7001);
    m_udpTargetPort->setObjectName(QStringLiteral("udpTargetPort"));
    m_broadcast = new QCheckBox(tr("&Broadcast to 255.255.255.255 (on your LAN: mind your neighbours)"), page);
    auto *local = new QFormLayout;
    local->addRow(tr("&Local address:"), m_udpAddress);
    local->addRow(tr("Local p&ort:"), m_udpPort);
    local->addRow(QString(), m_bind);
    auto *target = new QFormLayout;
    target->addRow(tr("&Target host:"), m_udpTargetHost);
    target->addRow(tr("Target po&rt:"), m_udpTargetPort);
    target->addRow(QString(), m_broadcast);
    auto *layout = new QHBoxLayout(page);
    layout->addLayout(local);
    layout->addLayout(target, 1);
    connect(m_bind, &QPushButton::clicked, this, &SocketLabWindow::toggleUdp);
    connect(m_broadcast, &QCheckBox::toggled, m_udpTargetHost, &QWidget::setDisabled);
    return page;
}

QWidget *SocketLabWindow::buildSendBox()
{
    auto *box = new QGroupBox(tr("Send"), this);
    m_sendEdit = new QPlainTextEdit(box);
    m_sendEdit->setObjectName(QStringLiteral("sendEdit"));
    m_sendEdit->setAccessibleName(tr("Data to send"));
    m_sendEdit->setPlaceholderText(tr("Text, or hex bytes such as 48 65 6c 6c 6f when Hex is ticked"));
    m_encoding = new QComboBox(box);
    m_encoding->setObjectName(QStringLiteral("encoding"));
    m_encoding->setAccessibleName(tr("Text encoding"));
    m_encoding->addItem(tr("UTF-8"), int(PayloadCodec::Format::Utf8));
    m_encoding->addItem(tr("GBK"), int(PayloadCodec::Format::Gbk));
    if (!PayloadCodec::gbkAvailable()) {
        m_encoding->setItemData(1, tr("Not available: this Qt was built without ICU."), Qt::ToolTipRole);
        m_encoding->setItemData(1, false, Qt::UserRole - 1); // disables the item
    }
    m_hex = new QCheckBox(tr("&Hex"), box);
    m_hex->setObjectName(QStringLiteral("hex"));
    m_escapes = new QCheckBox(tr("&Escapes (\\r \\n \\t \\xHH)"), box);
    m_escapes->setChecked(true);
    m_send = new QPushButton(tr("&Send"), box);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setDefault(true);
    m_save = new QPushButton(tr("Sa&ve…"), box);
    m_repeatOn = new QCheckBox(tr("Re&peat every"), box);
    m_repeatOn->setObjectName(QStringLiteral("repeat"));
    m_interval = new QSpinBox(box);
    m_interval->setObjectName(QStringLiteral("interval"));
    m_interval->setAccessibleName(tr("Repeat interval"));
    m_interval->setRange(1, 3600000);
    m_interval->setValue(1000);
    m_interval->setSuffix(tr(" ms"));
    m_count = new QSpinBox(box);
    m_count->setObjectName(QStringLiteral("count"));
    m_count->setAccessibleName(tr("Repeat count"));
    m_count->setRange(0, 1000000);
    m_count->setValue(10);
    m_count->setSpecialValueText(tr("until stopped"));
    m_count->setSuffix(tr(" times"));
    m_stop = new QPushButton(tr("S&top"), box);

    auto *options = new QHBoxLayout;
    options->addWidget(new QLabel(tr("Encoding:"), box));
    options->addWidget(m_encoding);
    options->addWidget(m_hex);
    options->addWidget(m_escapes);
    options->addStretch(1);
    options->addWidget(m_save);
    options->addWidget(m_send);
    auto *repeat = new QHBoxLayout;
    repeat->addWidget(m_repeatOn);
    repeat->addWidget(m_interval);
    repeat->addWidget(m_count);
    repeat->addStretch(1);
    repeat->addWidget(m_stop);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_sendEdit, 1);
    layout->addLayout(options);
    layout->addLayout(repeat);

    connect(m_send, &QPushButton::clicked, this, &SocketLabWindow::sendCurrent);
    connect(m_stop, &QPushButton::clicked, m_repeat, &RepeatSender::stop);
    connect(m_hex, &QCheckBox::toggled, this, &SocketLabWindow::updateControls);
    connect(m_save, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save packet"), tr("Name:"), QLineEdit::Normal,
                                                   m_sendEdit->toPlainText().left(24), &ok);
        if (ok && !name.trimmed().isEmpty())
            savePacket(name.trimmed());
    });
    return box;
}

QWidget *SocketLabWindow::buildSavedPanel()
{
    auto *box = new QGroupBox(tr("Saved packets"), this);
    m_savedList = new QListView(box);
    m_savedList->setAccessibleName(tr("Saved packets"));
    m_savedList->setModel(m_saved);
    m_savedList->setToolTip(tr("Double-click a packet to send it."));
    m_sendSaved = new QPushButton(tr("Send &packet"), box);
    m_deleteSaved = new QPushButton(tr("Delete"), box);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_deleteSaved);
    buttons->addWidget(m_sendSaved);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_savedList, 1);
    layout->addLayout(buttons);
    connect(m_savedList, &QListView::doubleClicked, this, [this](const QModelIndex &index) { sendSaved(index.row()); });
    connect(m_sendSaved, &QPushButton::clicked, this, [this] {
        if (m_savedList->currentIndex().isValid())
            sendSaved(m_savedList->currentIndex().row());
    });
    connect(m_deleteSaved, &QPushButton::clicked, this, [this] {
        if (!m_savedList->currentIndex().isValid())
            return;
        m_saved->remove(m_savedList->currentIndex().row());
        persistPackets();
    });
    return box;
}

QWidget *SocketLabWindow::buildRulesPanel()
{
    auto *box = new QGroupBox(tr("Auto-reply rules (the first that applies answers each chunk or datagram)"), this);
    m_rules = new QListWidget(box);
    m_rules->setObjectName(QStringLiteral("rules"));
    m_rules->setAccessibleName(tr("Auto-reply rules"));
    m_rules->setToolTip(tr("Untick a rule to turn it off."));
    m_ruleKind = new QComboBox(box);
    m_ruleKind->setObjectName(QStringLiteral("ruleKind"));
    m_ruleKind->setAccessibleName(tr("Rule kind"));
    m_ruleKind->addItem(tr("Echo"), int(AutoReplyRule::Kind::Echo));
    m_ruleKind->addItem(tr("Upper-case echo"), int(AutoReplyRule::Kind::UpperEcho));
    m_ruleKind->addItem(tr("Fixed reply"), int(AutoReplyRule::Kind::Fixed));
    m_ruleKind->addItem(tr("When it contains…"), int(AutoReplyRule::Kind::Match));
    m_ruleMode = new QComboBox(box);
    m_ruleMode->setAccessibleName(tr("Match by"));
    m_ruleMode->addItem(tr("text"), int(AutoReplyRule::MatchMode::Substring));
    m_ruleMode->addItem(tr("regex"), int(AutoReplyRule::MatchMode::Regex));
    m_ruleMode->addItem(tr("hex"), int(AutoReplyRule::MatchMode::Hex));
    m_rulePattern = new QLineEdit(box);
    m_rulePattern->setAccessibleName(tr("Pattern"));
    m_rulePattern->setPlaceholderText(tr("pattern"));
    m_ruleReply = new QLineEdit(box);
    m_ruleReply->setAccessibleName(tr("Reply"));
    m_ruleReply->setPlaceholderText(tr("reply (encoded as the send box says)"));
    m_addRule = new QPushButton(tr("&Add rule"), box);
    m_addRule->setObjectName(QStringLiteral("addRule"));
    m_removeRule = new QPushButton(tr("Remove rule"), box);
    auto *row1 = new QHBoxLayout;
    row1->addWidget(m_ruleKind);
    row1->addWidget(m_ruleMode);
    row1->addWidget(m_rulePattern, 1);
    auto *row2 = new QHBoxLayout;
    row2->addWidget(m_ruleReply, 1);
    row2->addWidget(m_addRule);
    row2->addWidget(m_removeRule);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_rules, 1);
    layout->addLayout(row1);
    layout->addLayout(row2);
    connect(m_ruleKind, &QComboBox::currentIndexChanged, this, &SocketLabWindow::updateControls);
    connect(m_addRule, &QPushButton::clicked, this, &SocketLabWindow::addRuleFromControls);
    connect(m_removeRule, &QPushButton::clicked, this, &SocketLabWindow::removeSelectedRule);
    connect(m_rules, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        QVector<AutoReplyRule> rules = m_replier.rules();
        const int row = m_rules->row(item);
        if (row < 0 || row >= rules.size())
            return;
        rules[row].enabled = item->checkState() == Qt::Checked;
        m_replier.setRules(rules);
    });
    return box;
}

SocketLabWindow::Mode SocketLabWindow::mode() const
{
    return Mode(m_modes->currentIndex());
}

void SocketLabWindow::setMode(Mode mode)
{
    m_modes->setCurrentIndex(int(mode));
}

PayloadCodec::Format SocketLabWindow::textFormat() const
{
    return PayloadCodec::Format(m_encoding->currentData().toInt());
}

void SocketLabWindow::toggleClient()
{
    if (m_client->isConnected() || m_client->isConnecting()) {
        m_client->disconnectFromHost();
        return;
    }
    const QString host = m_clientHost->text().trimmed();
    if (host.isEmpty() || m_clientPort->value() == 0) {
        setStatus(tr("Give a host and a port to connect to."), true);
        return;
    }
    setStatus(tr("Connecting to %1…").arg(Endpoint{host, quint16(m_clientPort->value())}.toString()));
    m_client->connectToHost(host, quint16(m_clientPort->value()));
    updateControls();
}

bool SocketLabWindow::openLocal(QComboBox *addressBox, QSpinBox *portBox,
                                const std::function<bool(const QHostAddress &, quint16, QString *)> &open)
{
    const QHostAddress address(addressBox->currentText().trimmed());
    QString why;
    if (address.isNull())
        why = tr("\"%1\" is not an IP address.").arg(addressBox->currentText());
    else if (open(address, quint16(portBox->value()), &why))
        return true;
    setStatus(tr("Cannot open port %1: %2").arg(portBox->value()).arg(why), true);
    return false;
}

void SocketLabWindow::toggleServer()
{
    if (m_server->isListening()) {
        m_server->close();
        setStatus(tr("Stopped listening."));
    } else if (openLocal(m_serverAddress, m_serverPort, [this](const QHostAddress &a, quint16 p, QString *why) {
                   return m_server->listen(a, p, why);
               })) {
        m_serverPort->setValue(m_server->serverPort()); // port 0 picked one
        setStatus(tr("Listening on %1").arg(Endpoint::format(m_server->serverAddress(), m_server->serverPort())));
    }
    updateControls();
}

void SocketLabWindow::toggleUdp()
{
    if (m_udp->isBound()) {
        m_udp->close();
        setStatus(tr("UDP socket closed."));
    } else if (openLocal(m_udpAddress, m_udpPort, [this](const QHostAddress &a, quint16 p, QString *why) {
                   return m_udp->bind(a, p, why);
               })) {
        m_udpPort->setValue(m_udp->localPort());
        setStatus(tr("Bound to %1").arg(Endpoint::format(m_udp->localAddress(), m_udp->localPort())));
    }
    updateControls();
}

std::optional<QByteArray> SocketLabWindow::payload()
{
    QString why;
    const auto bytes = PayloadCodec::encode(m_sendEdit->toPlainText(),
                                            m_hex->isChecked() ? PayloadCodec::Format::Hex : textFormat(),
                                            m_escapes->isChecked(), &why);
    if (!bytes)
        setStatus(why, true);
    return bytes;
}

void SocketLabWindow::sendCurrent()
{
    const auto bytes = payload();
    if (!bytes)
        return;
    if (!m_repeatOn->isChecked()) {
        sendBytes(*bytes);
        return;
    }
    const QByteArray data = *bytes;
    m_repeat->start(m_interval->value(), m_count->value(), [this, data] { return sendBytes(data); });
    updateControls();
}

bool SocketLabWindow::sendBytes(const QByteArray &bytes)
{
    switch (mode()) {
    case Mode::TcpClient:
        if (m_client->send(bytes) < 0) {
            setStatus(tr("Not connected: connect first."), true);
            return false;
        }
        return true;
    case Mode::TcpServer: {
        if (m_toAll->isChecked()) {
            if (m_server->sendToAll(bytes) == 0) {
                setStatus(tr("No client is connected."), true);
                return false;
            }
            return true;
        }
        int sent = 0;
        const QModelIndexList rows = m_clients->selectionModel()->selectedRows();
        for (const QModelIndex &index : rows)
            if (m_server->sendTo(index.data(LabClientModel::IdRole).toULongLong(), bytes) >= 0)
                ++sent;
        if (sent == 0)
            setStatus(tr("Select the clients to send to, or tick \"Send to all clients\"."), true);
        return sent > 0;
    }
    case Mode::Udp: {
        const quint16 port = quint16(m_udpTargetPort->value());
        QString why;
        if (m_broadcast->isChecked()) {
            if (m_udp->broadcast(port, bytes, &why) < 0) {
                setStatus(tr("Broadcast failed: %1").arg(why), true);
                return false;
            }
            return true;
        }
        const QString host = m_udpTargetHost->text().trimmed();
        const QHostAddress address(host);
        if (!address.isNull()) {
            if (m_udp->sendTo(address, port, bytes, &why) < 0) {
                setStatus(tr("Cannot send to %1: %2").arg(Endpoint::format(address, port), why), true);
                return false;
            }
            updateControls(); // sending may have bound the socket
            return true;
        }
        // A host name: looked up without blocking, sent when the answer comes.
        QHostInfo::lookupHost(host, this, [this, host, port, bytes](const QHostInfo &info) {
            QString error;
            if (info.addresses().isEmpty())
                setStatus(tr("Cannot resolve %1: %2").arg(host, info.errorString()), true);
            else if (m_udp->sendTo(info.addresses().first(), port, bytes, &error) < 0)
                setStatus(tr("Cannot send to %1: %2").arg(host, error), true);
            updateControls();
        });
        return true;
    }
    }
    return false;
}

void SocketLabWindow::savePacket(const QString &name)
{
    SavedPacket p;
    p.name = name;
    p.mode = modeKey(mode());
    switch (mode()) {
    case Mode::TcpClient:
        p.target = Endpoint{m_clientHost->text().trimmed(), quint16(m_clientPort->value())}.toString();
        break;
    case Mode::Udp:
        p.target = Endpoint{m_udpTargetHost->text().trimmed(), quint16(m_udpTargetPort->value())}.toString();
        break;
    case Mode::TcpServer:
        break; // goes to the clients chosen at the time
    }
    p.format = m_hex->isChecked() ? PayloadCodec::Format::Hex : textFormat();
    p.escapes = m_escapes->isChecked();
    p.data = m_sendEdit->toPlainText();
    QString why;
    if (!p.bytes(&why)) {
        setStatus(tr("Not saved: %1").arg(why), true);
        return;
    }
    m_savedList->setCurrentIndex(m_saved->index(m_saved->add(p)));
    persistPackets();
}

void SocketLabWindow::sendSaved(int row)
{
    if (row < 0 || row >= m_saved->rowCount())
        return;
    const SavedPacket p = m_saved->at(row);
    QString why;
    const auto bytes = p.bytes(&why);
    if (!bytes) {
        setStatus(tr("Cannot send \"%1\": %2").arg(p.name, why), true);
        return;
    }
    Endpoint target;
    const bool haveTarget = !p.target.isEmpty() && Endpoint::parse(p.target, &target);
    if (p.mode == modeKey(Mode::Udp)) {
        setMode(Mode::Udp);
        if (haveTarget) {
            m_udpTargetHost->setText(target.host);
            m_udpTargetPort->setValue(target.port);
        }
    } else if (p.mode == modeKey(Mode::TcpServer)) {
        setMode(Mode::TcpServer);
    } else {
        setMode(Mode::TcpClient);
        if (haveTarget && !m_client->isConnected()) {
            m_clientHost->setText(target.host);
            m_clientPort->setValue(target.port);
        }
    }
    if (sendBytes(*bytes))
        setStatus(tr("Sent \"%1\" (%n byte(s)).", nullptr, int(bytes->size())).arg(p.name));
}

void SocketLabWindow::addRule(const AutoReplyRule &rule)
{
    QVector<AutoReplyRule> rules = m_replier.rules();
    rules.append(rule);
    QString why;
    if (!m_replier.setRules(rules, &why)) {
        setStatus(why, true);
        return;
    }
    refreshRules();
}

void SocketLabWindow::showInspector()
{
    m_output->setCurrentWidget(m_inspector);
}

void SocketLabWindow::showLog()
{
    m_output->setCurrentIndex(0);
}

void SocketLabWindow::addRuleFromControls()
{
    AutoReplyRule rule;
    rule.kind = AutoReplyRule::Kind(m_ruleKind->currentData().toInt());
    rule.mode = AutoReplyRule::MatchMode(m_ruleMode->currentData().toInt());
    rule.pattern = m_rulePattern->text();
    if (rule.kind == AutoReplyRule::Kind::Fixed || rule.kind == AutoReplyRule::Kind::Match) {
        QString why;
        const auto reply = PayloadCodec::encode(m_ruleReply->text(),
                                                m_hex->isChecked() ? PayloadCodec::Format::Hex : textFormat(),
                                                m_escapes->isChecked(), &why);
        if (!reply) {
            setStatus(tr("Reply: %1").arg(why), true);
            return;
        }
        rule.reply = *reply;
    }
    if (rule.kind == AutoReplyRule::Kind::Match && rule.pattern.isEmpty()) {
        setStatus(tr("Give the pattern the rule looks for."), true);
        return;
    }
    addRule(rule);
}

void SocketLabWindow::removeSelectedRule()
{
    const int row = m_rules->currentRow();
    QVector<AutoReplyRule> rules = m_replier.rules();
    if (row < 0 || row >= rules.size())
        return;
    rules.removeAt(row);
    m_replier.setRules(rules);
    refreshRules();
}

void SocketLabWindow::refreshRules()
{
    const QSignalBlocker block(m_rules);
    m_rules->clear();
    for (const AutoReplyRule &r : m_replier.rules()) {
        AutoReplyRule shown = r;
        shown.enabled = true; // the check box says whether it is on
        auto *item = new QListWidgetItem(shown.describe(), m_rules);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(r.enabled ? Qt::Checked : Qt::Unchecked);
    }
}

void SocketLabWindow::updateControls()
{
    const bool clientUp = m_client->isConnected() || m_client->isConnecting();
    m_connect->setText(clientUp ? tr("Disconnect") : tr("Connect"));
    m_clientHost->setEnabled(!clientUp);
    m_clientPort->setEnabled(!clientUp);
    const bool listening = m_server->isListening();
    m_listen->setText(listening ? tr("Stop listening") : tr("Listen"));
    m_serverAddress->setEnabled(!listening);
    m_serverPort->setEnabled(!listening);
    m_dropClient->setEnabled(m_clients->selectionModel()->hasSelection());
    const bool bound = m_udp->isBound();
    m_bind->setText(bound ? tr("Close") : tr("Bind"));
    m_udpAddress->setEnabled(!bound);
    m_udpPort->setEnabled(!bound);
    m_encoding->setEnabled(!m_hex->isChecked());
    m_escapes->setEnabled(!m_hex->isChecked());
    m_stop->setEnabled(m_repeat->isActive());
    const bool match = AutoReplyRule::Kind(m_ruleKind->currentData().toInt()) == AutoReplyRule::Kind::Match;
    const bool replies = match || AutoReplyRule::Kind(m_ruleKind->currentData().toInt()) == AutoReplyRule::Kind::Fixed;
    m_ruleMode->setEnabled(match);
    m_rulePattern->setEnabled(match);
    m_ruleReply->setEnabled(replies);
}

void SocketLabWindow::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    if (error)
        Theme::accentLabel(m_status, Theme::Accent::Red);
    else
        Theme::plainText(m_status);
}

void SocketLabWindow::logTraffic(const QString &direction, const QString &peer, const QByteArray &bytes)
{
    auto *item = new QTreeWidgetItem(m_log, {QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")), direction,
                                             peer, QLocale().toString(bytes.size()), shownData(bytes)});
    item->setData(4, Qt::UserRole, bytes.left(MaxLoggedBytes));
    item->setToolTip(4, PayloadCodec::toHex(bytes.left(1024)));
    while (m_log->topLevelItemCount() > MaxLogRows)
        delete m_log->takeTopLevelItem(0);
    m_log->scrollToItem(item);
}

QString SocketLabWindow::shownData(const QByteArray &bytes) const
{
    const QByteArray head = bytes.left(MaxLoggedBytes);
    return m_logHex->isChecked() ? PayloadCodec::toHex(head) : PayloadCodec::displayLine(head, textFormat());
}

void SocketLabWindow::logEvent(const QString &text)
{
    auto *item = new QTreeWidgetItem(m_log, {QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")), QString(),
                                             QString(), QString(), text});
    m_log->scrollToItem(item);
    setStatus(text);
}

void SocketLabWindow::persistPackets()
{
    QString why;
    if (!m_saved->save(m_packetsPath, &why))
        setStatus(tr("Saved packets not written: %1").arg(why), true);
}

} // namespace Switchboard
