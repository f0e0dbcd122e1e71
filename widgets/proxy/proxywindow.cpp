#include "proxywindow.h"

#include "net/capture/capturebuffer.h"
#include "net/core/endpoint.h"
#include "widgets/inspector/framedstreamview.h"
#include "widgets/inspector/inspectorwidget.h"

#include "proxyconnectionmodel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Switchboard {

ProxyWindow::ProxyWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_buffer(new CaptureBuffer(this))
    , m_host(new ProxyThread(m_buffer, this))
    , m_connections(new ProxyConnectionModel(this))
    , m_listen(new QLineEdit(QStringLiteral("127.0.0.1:7000"), this))
    , m_to(new QLineEdit(QStringLiteral("127.0.0.1:9000"), this))
    , m_start(new QPushButton(tr("Start proxy"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_proxyList(new QTreeWidget(this))
    , m_connectionList(new QTreeView(this))
    , m_view(new FramedStreamView(this))
{
    setWindowTitle(tr("Framing proxy"));
    m_listen->setToolTip(tr("Where your client connects instead of the server (port 0: any free port)."));
    m_to->setToolTip(tr("The server the proxy forwards to."));
    auto *addresses = new QHBoxLayout;
    auto *listenLabel = new QLabel(tr("&Listen on"), this);
    listenLabel->setBuddy(m_listen);
    addresses->addWidget(listenLabel);
    addresses->addWidget(m_listen);
    auto *toLabel = new QLabel(tr("&forward to"), this);
    toLabel->setBuddy(m_to);
    addresses->addWidget(toLabel);
    addresses->addWidget(m_to);
    addresses->addWidget(m_start);
    addresses->addWidget(m_stop);

    m_proxyList->setHeaderLabels({tr("Listening on"), tr("Forwarding to"), tr("Open connections")});
    m_proxyList->setRootIsDecorated(false);
    m_proxyList->setAccessibleName(tr("Running proxies"));
    m_connectionList->setAccessibleName(tr("Connections through the proxies"));
    m_connectionList->setModel(m_connections);
    m_connectionList->setRootIsDecorated(false);
    m_connectionList->setUniformRowHeights(true);
    m_connectionList->header()->setStretchLastSection(true);
    for (int column : {0, 1}) { // addresses, never elided
        m_proxyList->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
        m_connectionList->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }

    auto *knobs = new QHBoxLayout;
    knobs->addWidget(buildKnobs(0, tr("Client → server (up)")));
    knobs->addWidget(buildKnobs(1, tr("Server → client (down)")));

    auto *upper = new QWidget(this);
    auto *upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    upperLayout->addLayout(addresses);
    auto *lists = new QSplitter(Qt::Horizontal, upper);
    lists->addWidget(m_proxyList);
    lists->addWidget(m_connectionList);
    upperLayout->addLayout(knobs);
    upperLayout->addWidget(lists, 1);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_view, tr("Messages"));
    tabs->addTab(new InspectorWidget(m_buffer, tabs), tr("Inspector"));
    tabs->setAccessibleName(tr("Chosen connection"));
    tabs->tabBar()->setAccessibleName(tr("Chosen connection"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(upper);
    split->addWidget(tabs);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    resize(1100, 800);

    connect(m_start, &QPushButton::clicked, this, [this] {
        QString why;
        if (!startProxy(m_listen->text(), m_to->text(), &why))
            QMessageBox::warning(this, tr("Framing proxy"), why);
    });
    connect(m_stop, &QPushButton::clicked, this, &ProxyWindow::stopSelected);
    connect(m_connectionList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showConnection(current.row());
            });
    connect(m_host, &ProxyThread::connectionOpened, this, &ProxyWindow::addConnection);
    connect(m_host, &ProxyThread::connectionProgress, m_connections, &ProxyConnectionModel::progress);
    connect(m_host, &ProxyThread::connectionClosed, m_connections, &ProxyConnectionModel::closed);
    connect(m_host, &ProxyThread::proxiesChanged, this, &ProxyWindow::refreshProxyList);
}

ProxyWindow::~ProxyWindow()
{
    delete m_host; // stops the proxies' thread while the capture buffer they write to is still there
}

QGroupBox *ProxyWindow::buildKnobs(int direction, const QString &title)
{
    auto *box = new QGroupBox(title, this);
    auto *form = new QFormLayout(box);
    auto spin = [&](int min, int max, const QString &special, const QString &suffix, const QString &tip) {
        auto *s = new QSpinBox(box);
        s->setRange(min, max);
        s->setSpecialValueText(special);
        s->setSuffix(suffix);
        s->setToolTip(tip);
        connect(s, &QSpinBox::valueChanged, this, &ProxyWindow::applyKnobs);
        return s;
    };
    KnobWidgets &k = m_knobs[direction];
    k.splitMin = spin(0, 1 << 20, tr("whole writes"), tr(" bytes"), tr("Cut every write into pieces of at least this size."));
    k.splitMax = spin(0, 1 << 20, tr("same"), tr(" bytes"), tr("Largest piece (random sizes in between)."));
    k.splitDelay = spin(0, 10000, QString(), tr(" ms"), tr("Pause between pieces, so that they arrive as separate reads."));
    k.splitDelay->setValue(1);
    k.coalesce = spin(0, 60000, tr("off"), tr(" ms"), tr("Send writes arriving within this time as one."));
    k.latency = spin(0, 60000, tr("none"), tr(" ms"), tr("Hold every byte this long."));
    k.rate = spin(0, 1 << 30, tr("unlimited"), tr(" bytes/s"), tr("Throttle to this rate."));
    k.closeAfter = spin(-1, 1 << 30, tr("never"), tr(" bytes"), tr("Close the connection after this many bytes."));
    k.closeAfter->setValue(-1);
    form->addRow(tr("Split into"), k.splitMin);
    form->addRow(tr("up to"), k.splitMax);
    form->addRow(tr("Piece delay"), k.splitDelay);
    form->addRow(tr("Coalesce"), k.coalesce);
    form->addRow(tr("Latency"), k.latency);
    form->addRow(tr("Rate"), k.rate);
    form->addRow(tr("Close after"), k.closeAfter);
    return box;
}

ProxyKnobs ProxyWindow::knobs(int direction) const
{
    const KnobWidgets &w = m_knobs[direction];
    ProxyKnobs k;
    k.splitMin = w.splitMin->value();
    k.splitMax = qMax(w.splitMin->value(), w.splitMax->value());
    k.splitDelayMs = w.splitDelay->value();
    k.coalesceMs = w.coalesce->value();
    k.latencyMs = w.latency->value();
    k.rateBytesPerSecond = w.rate->value();
    k.closeAfter = w.closeAfter->value();
    return k;
}

void ProxyWindow::setKnobs(int direction, const ProxyKnobs &k)
{
    const KnobWidgets &w = m_knobs[direction];
    w.splitMin->setValue(k.splitMin);
    w.splitMax->setValue(k.splitMax);
    w.splitDelay->setValue(k.splitDelayMs);
    w.coalesce->setValue(k.coalesceMs);
    w.latency->setValue(k.latencyMs);
    w.rate->setValue(int(qMin(k.rateBytesPerSecond, qint64(1) << 30)));
    w.closeAfter->setValue(int(qBound(qint64(-1), k.closeAfter, qint64(1) << 30)));
    applyKnobs();
}

void ProxyWindow::applyKnobs()
{
    // Every running proxy follows the knobs shown, open connections included (none while the
    // knob widgets are being built).
    if (!m_host->proxies().isEmpty())
        m_host->setKnobs(knobs(0), knobs(1));
}

bool ProxyWindow::startProxy(const QString &listen, const QString &to, QString *error)
{
    Endpoint l, t;
    QHostAddress listenAddress, toAddress;
    if (!Endpoint::parse(listen, &l, error) || !Endpoint::parse(to, &t, error))
        return false;
    if (!listenAddress.setAddress(l.host) || !toAddress.setAddress(t.host)) {
        if (error)
            *error = tr("Give addresses as numbers, e.g. 127.0.0.1:7000 or [::1]:7000.");
        return false;
    }
    return m_host->start(listenAddress, l.port, toAddress, t.port, knobs(0), knobs(1), error) != 0;
}

void ProxyWindow::stopSelected()
{
    const int row = m_proxyList->indexOfTopLevelItem(m_proxyList->currentItem());
    if (row >= 0 && row < m_host->proxies().size())
        m_host->stop(m_host->proxies().at(row).id);
}

void ProxyWindow::refreshProxyList()
{
    m_proxyList->clear();
    for (const ProxyThread::Proxy &p : m_host->proxies())
        m_proxyList->addTopLevelItem(new QTreeWidgetItem({Endpoint::format(p.listenAddress, p.listenPort),
                                                          Endpoint::format(p.target, p.targetPort),
                                                          QString::number(p.openConnections)}));
}

void ProxyWindow::addConnection(int proxy, quint64 key, const QString &client, quint64 clientLeg, quint64 targetLeg)
{
    QString target;
    for (const ProxyThread::Proxy &p : m_host->proxies())
        if (p.id == proxy)
            target = Endpoint::format(p.target, p.targetPort);
    ProxyConnectionModel::Row row;
    row.key = key;
    row.client = client;
    row.target = target;
    row.clientLeg = clientLeg;
    row.targetLeg = targetLeg;
    m_connections->add(row);
}

int ProxyWindow::connectionRows() const
{
    return m_connections->rowCount();
}

void ProxyWindow::showConnection(int row)
{
    if (row < 0 || row >= m_connections->rowCount())
        return;
    const ProxyConnectionModel::Row &leg = m_connections->rowAt(row);
    // What the server's reads got is what the proxy wrote on the target leg; what the client's
    // reads got, what it wrote on the client leg.
    FramedStreamView::Side up{tr("%1 → %2 (as the server received it)").arg(leg.client, leg.target), {}};
    FramedStreamView::Side down{tr("%1 → %2 (as the client received it)").arg(leg.target, leg.client), {}};
    constexpr quint64 Batch = 4096;
    for (quint64 seq = m_buffer->firstSequence(); seq < m_buffer->endSequence();) {
        const quint64 next = m_buffer->visit(seq, seq + Batch, [&](quint64 s, const CaptureBuffer::Entry &e,
                                                                 const CaptureBuffer::Endpoint &, const QString &) {
            if (e.kind != CaptureRecord::Kind::Chunk || e.direction != CaptureRecord::Direction::Out)
                return;
            if (e.connectionId == leg.targetLeg)
                up.chunks.append(StreamAnalyzer::Chunk{s, e.streamOffset, e.bytes, e.timeUs});
            else if (e.connectionId == leg.clientLeg)
                down.chunks.append(StreamAnalyzer::Chunk{s, e.streamOffset, e.bytes, e.timeUs});
        });
        if (next <= seq)
            break;
        seq = next;
    }
    m_view->setSides(up, down);
}

} // namespace Switchboard
