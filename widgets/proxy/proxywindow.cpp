#include "proxywindow.h"

#include "net/capture/capturebuffer.h"
#include "net/core/endpoint.h"
#include "net/proxy/framingproxy.h"
#include "net/proxy/proxyconnection.h"
#include "widgets/inspector/framedstreamview.h"
#include "widgets/inspector/inspectorwidget.h"

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
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Switchboard {

ProxyWindow::ProxyWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_buffer(new CaptureBuffer(this))
    , m_listen(new QLineEdit(QStringLiteral("127.0.0.1:7000"), this))
    , m_to(new QLineEdit(QStringLiteral("127.0.0.1:9000"), this))
    , m_start(new QPushButton(tr("Start proxy"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_proxyList(new QTreeWidget(this))
    , m_connectionList(new QTreeWidget(this))
    , m_view(new FramedStreamView(this))
{
    setWindowTitle(tr("Framing proxy"));
    m_listen->setToolTip(tr("Where your client connects instead of the server (port 0: any free port)."));
    m_to->setToolTip(tr("The server the proxy forwards to."));
    auto *addresses = new QHBoxLayout;
    addresses->addWidget(new QLabel(tr("Listen on"), this));
    addresses->addWidget(m_listen);
    addresses->addWidget(new QLabel(tr("forward to"), this));
    addresses->addWidget(m_to);
    addresses->addWidget(m_start);
    addresses->addWidget(m_stop);

    m_proxyList->setHeaderLabels({tr("Listening on"), tr("Forwarding to"), tr("Open connections")});
    m_proxyList->setRootIsDecorated(false);
    m_connectionList->setHeaderLabels({tr("Client"), tr("Target"), tr("Bytes up"), tr("Bytes down"), tr("State")});
    m_connectionList->setRootIsDecorated(false);
    m_connectionList->header()->setStretchLastSection(true);

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
    connect(m_connectionList, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            showConnection(m_connectionList->indexOfTopLevelItem(item));
    });
}

ProxyWindow::~ProxyWindow()
{
    for (FramingProxy *p : std::as_const(m_proxies))
        p->close();
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
    // Every running proxy follows the knobs shown, open connections included.
    for (FramingProxy *p : std::as_const(m_proxies)) {
        p->setKnobs(FramingProxy::Up, knobs(0));
        p->setKnobs(FramingProxy::Down, knobs(1));
    }
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
    auto *proxy = new FramingProxy(this);
    proxy->setTarget(toAddress, t.port);
    proxy->setCaptureSink(m_buffer);
    proxy->setKnobs(FramingProxy::Up, knobs(0));
    proxy->setKnobs(FramingProxy::Down, knobs(1));
    if (!proxy->listen(listenAddress, l.port, error)) {
        delete proxy;
        return false;
    }
    m_proxies.append(proxy);
    connect(proxy, &FramingProxy::connectionOpened, this,
            [this, proxy](ProxyConnection *c) { addConnection(proxy, c); });
    connect(proxy, &FramingProxy::connectionClosed, this, [this](ProxyConnection *c, const QString &reason) {
        QTreeWidgetItem *item = m_rows.take(c);
        if (item) {
            item->setText(2, QString::number(c->stats().bytes[0]));
            item->setText(3, QString::number(c->stats().bytes[1]));
            item->setText(4, reason);
        }
        refreshProxyList();
    });
    refreshProxyList();
    return true;
}

void ProxyWindow::stopSelected()
{
    const int row = m_proxyList->indexOfTopLevelItem(m_proxyList->currentItem());
    if (row < 0 || row >= m_proxies.size())
        return;
    FramingProxy *proxy = m_proxies.takeAt(row);
    proxy->close();
    proxy->deleteLater();
    refreshProxyList();
}

void ProxyWindow::refreshProxyList()
{
    m_proxyList->clear();
    for (FramingProxy *p : std::as_const(m_proxies))
        m_proxyList->addTopLevelItem(new QTreeWidgetItem({Endpoint::format(p->listenAddress(), p->listenPort()),
                                                          Endpoint::format(p->targetAddress(), p->targetPort()),
                                                          QString::number(p->connectionCount())}));
}

void ProxyWindow::addConnection(FramingProxy *proxy, ProxyConnection *c)
{
    auto *item = new QTreeWidgetItem({c->clientString(), Endpoint::format(proxy->targetAddress(), proxy->targetPort()),
                                      QStringLiteral("0"), QStringLiteral("0"), tr("open")});
    m_connectionList->addTopLevelItem(item);
    m_rows.insert(c, item);
    m_legs.append(Leg{c->clientLegId(), c->targetLegId(), c->clientString(),
                      Endpoint::format(proxy->targetAddress(), proxy->targetPort())});
    refreshProxyList();
}

int ProxyWindow::connectionRows() const
{
    return int(m_legs.size());
}

void ProxyWindow::showConnection(int row)
{
    if (row < 0 || row >= m_legs.size())
        return;
    const Leg &leg = m_legs.at(row);
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
