#include "inspectorwidget.h"
#include "widgets/tools/theme.h"

#include "net/capture/capturebuffer.h"
#include "net/capture/capturefilewriter.h"
#include "net/capture/streamanalyzer.h"
#include "net/connection/connection.h"
#include "capturemodel.h"
#include "framinglab.h"
#include "hexview.h"
#include "streamview.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <climits>

namespace Switchboard {

namespace {

constexpr int OffsetRole = Qt::UserRole + 1;
constexpr int LengthRole = Qt::UserRole + 2;

// Kind choices of the filter, in combo order.
struct KindChoice
{
    const char *label;
    int kinds;
};
const KindChoice KindChoices[] = {
    {QT_TRANSLATE_NOOP("Switchboard::InspectorWidget", "All records"), CaptureFilter::AllKinds},
    {QT_TRANSLATE_NOOP("Switchboard::InspectorWidget", "Frames"), CaptureFilter::Frames},
    {QT_TRANSLATE_NOOP("Switchboard::InspectorWidget", "Chunks (reads and writes)"), CaptureFilter::Chunks},
    {QT_TRANSLATE_NOOP("Switchboard::InspectorWidget", "Frames and errors"), CaptureFilter::Frames | CaptureFilter::Errors},
    {QT_TRANSLATE_NOOP("Switchboard::InspectorWidget", "Errors and events"), CaptureFilter::Errors | CaptureFilter::Events},
    {QT_TRANSLATE_NOOP("Switchboard::InspectorWidget", "Datagrams"), CaptureFilter::Datagrams},
};

// Shifts a dissected field by `shift` and clips it to [0, limit); fields outside lose their range.
FrameDissector::Field clipped(FrameDissector::Field f, qint64 shift, qint64 limit)
{
    if (f.offset >= 0) {
        const qint64 from = qMax<qint64>(0, f.offset + shift);
        const qint64 to = qMin(limit, f.offset + shift + f.length);
        if (to > from) {
            f.offset = from;
            f.length = to - from;
        } else {
            f.offset = -1;
            f.length = 0;
        }
    }
    for (auto &child : f.children)
        child = clipped(child, shift, limit);
    return f;
}

// Bytes [from, to) of a stream, from the analysed chunks (empty if not all captured).
QByteArray streamBytes(const StreamAnalyzer::Result &r, qint64 from, qint64 to)
{
    QByteArray out;
    qint64 at = from;
    for (const auto &c : r.chunks) {
        if (c.end() <= at || c.offset >= to)
            continue;
        if (c.offset > at)
            return {};
        const qint64 a = at - c.offset;
        const qint64 b = qMin(to, c.end()) - c.offset;
        out.append(c.bytes.constData() + a, b - a);
        at = c.offset + b;
        if (at >= to)
            break;
    }
    return at >= to ? out : QByteArray();
}

QString directionText(CaptureRecord::Direction d)
{
    return d == CaptureRecord::Direction::Out ? InspectorWidget::tr("outgoing") : InspectorWidget::tr("incoming");
}

} // namespace

InspectorWidget::InspectorWidget(CaptureBuffer *buffer, QWidget *parent)
    : QWidget(parent)
    , m_buffer(buffer)
    , m_model(new CaptureModel(buffer, this))
{
    buildUi();
    connect(m_model, &CaptureModel::rowsAppended, this, [this] {
        if (m_autoScroll->isChecked())
            m_table->scrollToBottom();
    });
    connect(m_model, &CaptureModel::filterProgress, this, &InspectorWidget::updateStatus);
    connect(m_model, &CaptureModel::filterFinished, this, &InspectorWidget::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // A reset (clear, new filter) loses the selection. After a clear the numbers start again,
        // so the record shown is gone; otherwise keep showing it and select it if it is listed.
        if (!m_current)
            return;
        if (!m_buffer || m_buffer->state().generation != m_currentGeneration)
            showRecord(0);
        else
            selectSequence(m_current);
    });
    connect(m_buffer, &CaptureBuffer::pausedChanged, this, [this](bool paused) {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(paused);
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        updateStatus();
    });
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(250);
    connect(m_statusTimer, &QTimer::timeout, this, &InspectorWidget::updateStatus);
    m_statusTimer->start();
    updateStatus();
}

InspectorWidget::~InspectorWidget()
{
    if (m_exportThread) {
        m_exportJob->cancel = true;
        m_exportThread->wait();
        delete m_exportThread;
    }
}

void InspectorWidget::buildUi()
{
    // Filter row.
    m_kind = new QComboBox(this);
    for (const KindChoice &k : KindChoices)
        m_kind->addItem(tr(k.label), k.kinds);
    m_kind->setToolTip(tr("Which kinds of record to list"));
    m_type = new QComboBox(this);
    m_type->setEditable(true);
    m_type->setInsertPolicy(QComboBox::NoInsert);
    m_type->lineEdit()->setPlaceholderText(tr("Any type"));
    m_type->setToolTip(tr("Frame type, e.g. chat.send, or a prefix such as chat.*"));
    m_type->setMinimumContentsLength(12);
    m_direction = new QComboBox(this);
    m_direction->addItem(tr("Both directions"), int(CaptureFilter::Direction::Any));
    m_direction->addItem(tr("\u2190 Incoming"), int(CaptureFilter::Direction::In));
    m_direction->addItem(tr("\u2192 Outgoing"), int(CaptureFilter::Direction::Out));
    m_peer = new QLineEdit(this);
    m_peer->setPlaceholderText(tr("Peer"));
    m_peer->setToolTip(tr("Part of the peer address, e.g. 127.0.0.1 or :5151"));
    m_peer->setClearButtonEnabled(true);
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Search text"));
    m_text->setToolTip(tr("Text in the type, peer, header JSON, chunk data or error message (not case-sensitive)"));
    m_text->setClearButtonEnabled(true);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Show:"), this));
    filterRow->addWidget(m_kind);
    filterRow->addWidget(m_type, 1);
    filterRow->addWidget(m_direction);
    filterRow->addWidget(m_peer, 1);
    filterRow->addWidget(m_text, 2);

    // Action row.
    m_pause = new QPushButton(tr("Pause"), this);
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Stop recording new traffic (what is captured stays)"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setToolTip(tr("Forget everything captured so far"));
    m_autoScroll = new QCheckBox(tr("Auto-scroll"), this);
    m_autoScroll->setChecked(true);
    m_export = new QPushButton(tr("Export pcapng\u2026"), this);
    m_export->setToolTip(tr("Save the capture for Wireshark (Help ▸ Install Wireshark dissector decodes it there)"));
    m_copy = new QPushButton(tr("Copy"), this);
    auto *copyMenu = new QMenu(m_copy);
    copyMenu->addAction(tr("Copy as hex"), this, &InspectorWidget::copyAsHex);
    copyMenu->addAction(tr("Copy as JSON"), this, &InspectorWidget::copyAsJson);
    m_copy->setMenu(copyMenu);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tlsLabel = new QLabel(tr("Decrypted (TLS)"), this);
    m_tlsLabel->setObjectName(QStringLiteral("tlsLabel"));
    m_tlsLabel->setToolTip(tr("This connection is encrypted with TLS. The inspector shows the chunks and frames as "
                              "they travel inside it; on the network they are unreadable TLS records."));
    Theme::accentLabel(m_tlsLabel, Theme::Accent::Green);
    QFont bold = m_tlsLabel->font();
    bold.setBold(true);
    m_tlsLabel->setFont(bold);
    m_tlsLabel->hide();

    auto *actionRow = new QHBoxLayout;
    actionRow->addWidget(m_tlsLabel);
    actionRow->addWidget(m_pause);
    actionRow->addWidget(m_clear);
    actionRow->addWidget(m_autoScroll);
    actionRow->addWidget(m_export);
    actionRow->addWidget(m_copy);
    actionRow->addSpacing(12);
    actionRow->addWidget(m_status, 1);

    // Packet list.
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_table->setColumnWidth(CaptureModel::NumberColumn, digit * 9);
    m_table->setColumnWidth(CaptureModel::TimeColumn, digit * 12);
    m_table->setColumnWidth(CaptureModel::DirectionColumn, fontMetrics().horizontalAdvance(tr("\u2190 in")) + digit * 4);
    m_table->setColumnWidth(CaptureModel::PeerColumn, digit * 18);
    m_table->setColumnWidth(CaptureModel::TypeColumn, digit * 14);
    m_table->setColumnWidth(CaptureModel::LengthColumn, digit * 8);

    // Details: decoded tree and hex.
    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Field"), tr("Value"), tr("Bytes")});
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_tree->setColumnWidth(0, digit * 22);
    m_hex = new HexView(this);

    auto *details = new QSplitter(Qt::Horizontal, this);
    m_details = details;
    details->addWidget(m_tree);
    details->addWidget(m_hex);
    // Extra width goes to the tree; the hex pane keeps what a full 16-byte line needs.
    details->setStretchFactor(0, 1);
    details->setStretchFactor(1, 0);
    details->setChildrenCollapsible(false);

    auto *packets = new QSplitter(Qt::Vertical, this);
    packets->addWidget(m_table);
    packets->addWidget(details);
    packets->setStretchFactor(0, 3);
    packets->setStretchFactor(1, 2);
    packets->setChildrenCollapsible(false);

    m_stream = new StreamView(m_buffer, this);
    m_lab = new FramingLab(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(packets, tr("Packets"));
    m_tabs->addTab(m_stream, tr("Stream"));
    auto *labScroll = new QScrollArea(this);
    labScroll->setWidget(m_lab);
    labScroll->setWidgetResizable(true);
    labScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(labScroll, tr("Framing lab"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filterRow);
    layout->addLayout(actionRow);
    layout->addWidget(m_tabs, 1);

    m_filterDelay = new QTimer(this);
    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(250);
    connect(m_filterDelay, &QTimer::timeout, this, &InspectorWidget::applyFilterFromControls);
    auto later = [this] { m_filterDelay->start(); };
    connect(m_kind, &QComboBox::currentIndexChanged, this, later);
    connect(m_direction, &QComboBox::currentIndexChanged, this, later);
    connect(m_type, &QComboBox::currentTextChanged, this, later);
    connect(m_peer, &QLineEdit::textChanged, this, later);
    connect(m_text, &QLineEdit::textChanged, this, later);

    connect(m_pause, &QPushButton::toggled, this, &InspectorWidget::setPaused);
    connect(m_clear, &QPushButton::clicked, this, &InspectorWidget::clearCapture);
    connect(m_export, &QPushButton::clicked, this, &InspectorWidget::exportCapture);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &InspectorWidget::onCurrentRowChanged);
    connect(m_table, &QTableView::customContextMenuRequested, this, &InspectorWidget::showContextMenu);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!item || item->data(0, OffsetRole).toLongLong() < 0)
            m_hex->setHighlight(0, 0);
        else
            m_hex->setHighlight(item->data(0, OffsetRole).toLongLong(), item->data(0, LengthRole).toLongLong());
    });
    connect(m_hex, &HexView::byteClicked, this, &InspectorWidget::selectFieldAtByte);
    connect(m_stream, &StreamView::recordActivated, this, [this](quint64 seq) {
        if (!selectSequence(seq))
            showRecord(seq);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_stream && m_streamPending)
            showStreamFor(m_current);
    });
}

void InspectorWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_detailsSized)
        return;
    m_detailsSized = true;
    // The hex pane gets what a full line needs when there is room, otherwise half the width.
    const int total = qMax(2, m_details->width());
    const int hex = qMin(m_hex->sizeHint().width(), total / 2);
    m_details->setSizes({total - hex, hex});
}

void InspectorWidget::setConnection(Connection *connection)
{
    m_lab->setConnection(connection);
    // Over TLS the capture hooks in above the encryption: say so, or users take it for the wire.
    m_tlsLabel->setVisible(connection && connection->isEncrypted());
}

CaptureFilter InspectorWidget::currentFilter() const
{
    CaptureFilter f;
    f.kinds = m_kind->currentData().toInt();
    f.type = m_type->currentText().trimmed();
    f.direction = CaptureFilter::Direction(m_direction->currentData().toInt());
    f.peer = m_peer->text().trimmed();
    f.text = m_text->text();
    return f;
}

void InspectorWidget::setFilter(const CaptureFilter &filter)
{
    {
        const QSignalBlocker b1(m_kind), b2(m_type), b3(m_direction), b4(m_peer), b5(m_text);
        int kindIndex = m_kind->findData(filter.kinds);
        if (kindIndex < 0) {
            m_kind->addItem(tr("Custom"), filter.kinds);
            kindIndex = m_kind->count() - 1;
        }
        m_kind->setCurrentIndex(kindIndex);
        m_type->setCurrentText(filter.type);
        m_direction->setCurrentIndex(m_direction->findData(int(filter.direction)));
        m_peer->setText(filter.peer);
        m_text->setText(filter.text);
    }
    m_filterDelay->stop();
    applyFilterFromControls();
}

void InspectorWidget::applyFilterFromControls()
{
    const CaptureFilter f = currentFilter();
    if (f == m_model->filter())
        return;
    m_model->setFilter(f);
    updateStatus();
}

void InspectorWidget::updateTypeChoices()
{
    const QStringList types = m_buffer->frameTypes();
    if (types.size() == m_knownTypes)
        return;
    m_knownTypes = int(types.size());
    QStringList sorted = types;
    sorted.sort();
    const QString text = m_type->currentText();
    const QSignalBlocker block(m_type);
    m_type->clear();
    m_type->addItem(QString());
    m_type->addItems(sorted);
    m_type->setCurrentText(text);
}

void InspectorWidget::updateStatus()
{
    if (!m_buffer)
        return;
    const CaptureBuffer::State s = m_buffer->state();
    const QLocale locale;
    QStringList parts;
    parts << tr("%Ln record(s)", nullptr, int(qMin<qint64>(s.count(), INT_MAX)));
    if (m_model->isFiltered())
        parts << tr("%1 shown").arg(locale.toString(m_model->rowCount()));
    parts << locale.formattedDataSize(s.bytes);
    if (s.dropped)
        parts << tr("%1 dropped (oldest first)").arg(locale.toString(qint64(s.dropped)));
    if (s.paused)
        parts << tr("paused");
    if (s.ignored)
        parts << tr("%1 not recorded while paused").arg(locale.toString(qint64(s.ignored)));
    if (m_model->isFiltering())
        parts << tr("filtering\u2026");
    if (m_exportJob && m_exportThread) {
        const qint64 total = qMax<qint64>(1, m_exportJob->total.load());
        parts << tr("exporting %1%").arg(m_exportJob->done.load() * 100 / total);
    }
    if (!m_notice.isEmpty() && m_noticeClock.isValid() && m_noticeClock.elapsed() < 10000)
        parts << m_notice;
    m_status->setText(parts.join(QStringLiteral(" \u00b7 ")));
    updateTypeChoices();
}

void InspectorWidget::setPaused(bool paused)
{
    if (m_buffer)
        m_buffer->setPaused(paused);
}

void InspectorWidget::clearCapture()
{
    if (m_buffer)
        m_buffer->clear();
    showRecord(0);
}

void InspectorWidget::setAutoScroll(bool on)
{
    m_autoScroll->setChecked(on);
}

bool InspectorWidget::autoScroll() const
{
    return m_autoScroll->isChecked();
}

bool InspectorWidget::selectSequence(quint64 seq)
{
    const int row = m_model->rowOfSequence(seq);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    if (m_current != seq)
        showRecord(seq);
    return true;
}

void InspectorWidget::onCurrentRowChanged()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const quint64 seq = m_model->sequenceAt(current.row());
    if (seq && seq != m_current)
        showRecord(seq);
    // Selecting a row by hand stops following new traffic.
    if (m_autoScroll->isChecked() && current.row() < m_model->rowCount() - 1 && m_table->hasFocus())
        m_autoScroll->setChecked(false);
}

void InspectorWidget::addField(QTreeWidgetItem *parent, const FrameDissector::Field &field)
{
    auto *item = new QTreeWidgetItem(parent);
    item->setText(0, field.label);
    item->setText(1, field.value);
    item->setToolTip(1, field.value);
    item->setData(0, OffsetRole, field.offset);
    item->setData(0, LengthRole, field.length);
    if (field.offset >= 0 && field.length > 0)
        item->setText(2, tr("%1\u2013%2").arg(field.offset).arg(field.offset + field.length));
    for (const auto &child : field.children)
        addField(item, child);
}

void InspectorWidget::showRecord(quint64 seq)
{
    m_tree->clear();
    if (!m_buffer)
        seq = 0;
    m_currentGeneration = m_buffer ? m_buffer->state().generation : 0;
    m_haveCurrent = seq && m_buffer && m_buffer->recordAt(seq, &m_currentRecord);
    m_current = m_haveCurrent ? seq : 0;
    if (!m_haveCurrent) {
        m_hex->setData({});
        m_streamPending = false;
        return;
    }
    const CaptureRecord &r = m_currentRecord;
    m_hex->setData(r.bytes);

    auto *root = new QTreeWidgetItem(m_tree);
    root->setText(0, tr("No. %1").arg(seq));
    root->setText(1, tr("%1 %2, connection %3").arg(directionText(r.direction), r.typeName()).arg(r.connectionId));
    root->setData(0, OffsetRole, r.bytes.isEmpty() ? -1 : 0);
    root->setData(0, LengthRole, r.bytes.size());
    auto addInfo = [&](QTreeWidgetItem *parent, const QString &label, const QString &value) {
        auto *item = new QTreeWidgetItem(parent, {label, value});
        item->setData(0, OffsetRole, -1);
        return item;
    };
    addInfo(root, tr("Time"),
            QDateTime::fromMSecsSinceEpoch(r.timeUs / 1000).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"))
                + QStringLiteral("%1").arg(r.timeUs % 1000, 3, 10, QLatin1Char('0')));
    addInfo(root, tr("Local"), QStringLiteral("%1:%2").arg(r.localAddress.toString()).arg(r.localPort));
    addInfo(root, tr("Peer"), r.peerString());
    addInfo(root, tr("Transport"),
            r.transport == CaptureRecord::Transport::Udp ? tr("UDP")
            : r.decrypted                                ? tr("TCP, decrypted (TLS): shown as inside the encrypted stream")
                                                         : tr("TCP"));

    QVector<HexView::Region> regions;
    switch (r.kind) {
    case CaptureRecord::Kind::Frame: {
        addInfo(root, tr("Stream offset"), QString::number(r.streamOffset));
        FrameDissector::Field f = FrameDissector::dissectFrame(r.bytes);
        f.label = tr("Frame");
        addField(m_tree->invisibleRootItem(), f);
        break;
    }
    case CaptureRecord::Kind::Chunk: {
        const qint64 len = r.bytes.size();
        auto *chunk = new QTreeWidgetItem(m_tree);
        chunk->setText(0, r.direction == CaptureRecord::Direction::Out ? tr("Write") : tr("Read"));
        chunk->setText(1, tr("%1 bytes as the OS %2 them, stream bytes %3\u2013%4")
                              .arg(len)
                              .arg(r.direction == CaptureRecord::Direction::Out ? tr("accepted") : tr("delivered"))
                              .arg(r.streamOffset)
                              .arg(r.streamOffset + len));
        chunk->setData(0, OffsetRole, 0);
        chunk->setData(0, LengthRole, len);
        chunk->setText(2, tr("0\u2013%1").arg(len));
        const StreamAnalyzer::Result a = StreamAnalyzer::collect(*m_buffer, r.connectionId, r.direction, seq, 2000, 64);
        const int ci = a.chunkIndex(seq);
        const QColor tints[] = {Theme::tint(m_hex->palette(), Theme::Accent::Amber, 0.3),
                                Theme::tint(m_hex->palette(), Theme::Accent::Blue, 0.22)};
        int tint = 0;
        if (ci >= 0) {
            const auto &c = a.chunks.at(ci);
            const QVector<int> &frames = a.framesOfChunk.at(ci);
            chunk->setText(0, chunk->text(0) + QLatin1Char(' ')
                                  + tr("(%Ln frame(s))", nullptr, int(frames.size())));
            for (int fi : frames) {
                const auto &fr = a.frames.at(fi);
                const qint64 from = qMax(fr.offset, c.offset) - c.offset;
                const qint64 to = qMin(fr.end(), c.end()) - c.offset;
                const bool starts = fr.offset >= c.offset;
                const bool ends = fr.end() <= c.end() && fr.complete;
                const QString part = starts && ends ? tr("whole frame")
                    : starts                        ? tr("start of the frame")
                    : ends                          ? tr("end of the frame")
                                                    : tr("middle of the frame");
                QByteArray wire;
                if (fr.seq) {
                    CaptureRecord fc;
                    if (m_buffer->recordAt(fr.seq, &fc))
                        wire = fc.bytes;
                }
                if (wire.isEmpty())
                    wire = streamBytes(a, fr.offset, fr.end());
                FrameDissector::Field f;
                if (!wire.isEmpty())
                    f = clipped(FrameDissector::dissectFrame(wire), fr.offset - c.offset, len);
                f.label = StreamAnalyzer::frameName(fr);
                f.label[0] = f.label.at(0).toUpper();
                f.value = tr("%1: bytes %2\u2013%3 of this %4").arg(part).arg(from).arg(to)
                              .arg(StreamAnalyzer::chunkWord(r.direction));
                f.offset = from;
                f.length = to - from;
                addField(chunk, f);
                regions.append({from, to - from, tints[tint++ % 2]});
            }
        }
        break;
    }
    case CaptureRecord::Kind::Datagram: {
        FrameDissector::Field f = FrameDissector::dissectFrame(r.bytes);
        f.label = tr("Datagram");
        f.value = tr("%Ln byte(s)", nullptr, int(r.bytes.size()));
        addField(m_tree->invisibleRootItem(), f);
        break;
    }
    case CaptureRecord::Kind::Error:
    case CaptureRecord::Kind::Event: {
        auto *item = new QTreeWidgetItem(m_tree, {r.kind == CaptureRecord::Kind::Error ? tr("Error") : tr("Event"), r.text});
        item->setData(0, OffsetRole, -1);
        item->setToolTip(1, r.text);
        if (r.kind == CaptureRecord::Kind::Error)
            addInfo(item, tr("At stream offset"), QString::number(r.streamOffset));
        break;
    }
    }
    m_hex->setRegions(regions);
    m_tree->expandAll();
    root->setExpanded(false);
    showStreamFor(seq);
}

void InspectorWidget::showStreamFor(quint64 seq)
{
    if (!m_haveCurrent || m_currentRecord.transport != CaptureRecord::Transport::Tcp
        || (m_currentRecord.kind != CaptureRecord::Kind::Chunk && m_currentRecord.kind != CaptureRecord::Kind::Frame)) {
        m_streamPending = false;
        return;
    }
    if (m_tabs->currentWidget() != m_stream) {
        m_streamPending = true; // loaded when the tab is shown
        return;
    }
    m_streamPending = false;
    m_stream->showConnection(m_currentRecord.connectionId, m_currentRecord.direction, seq);
}

void InspectorWidget::selectFieldAtByte(qint64 offset)
{
    QTreeWidgetItem *best = nullptr;
    qint64 bestLength = -1;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        const qint64 o = (*it)->data(0, OffsetRole).toLongLong();
        const qint64 l = (*it)->data(0, LengthRole).toLongLong();
        if (o < 0 || l <= 0 || offset < o || offset >= o + l)
            continue;
        if (!best || l <= bestLength) {
            best = *it;
            bestLength = l;
        }
    }
    if (best)
        m_tree->setCurrentItem(best);
}

QString InspectorWidget::selectionAsHex() const
{
    return m_haveCurrent ? HexView::dumpText(m_currentRecord.bytes) : QString();
}

QString InspectorWidget::selectionAsJson() const
{
    if (!m_haveCurrent)
        return {};
    const CaptureRecord &r = m_currentRecord;
    if (r.kind == CaptureRecord::Kind::Frame)
        return QString::fromUtf8(QJsonDocument(r.header).toJson(QJsonDocument::Indented));
    QJsonObject o{{QStringLiteral("no"), double(m_current)},
                  {QStringLiteral("kind"), r.typeName()},
                  {QStringLiteral("direction"), r.direction == CaptureRecord::Direction::Out ? QStringLiteral("out")
                                                                                           : QStringLiteral("in")},
                  {QStringLiteral("connection"), double(r.connectionId)},
                  {QStringLiteral("peer"), r.peerString()},
                  {QStringLiteral("timeUs"), double(r.timeUs)}};
    if (r.kind == CaptureRecord::Kind::Chunk)
        o.insert(QStringLiteral("streamOffset"), double(r.streamOffset));
    if (!r.bytes.isEmpty())
        o.insert(QStringLiteral("hex"), QString::fromLatin1(r.bytes.toHex()));
    if (!r.text.isEmpty())
        o.insert(QStringLiteral("text"), r.text);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
}

void InspectorWidget::copyAsHex()
{
    if (m_haveCurrent)
        QApplication::clipboard()->setText(selectionAsHex());
}

void InspectorWidget::copyAsJson()
{
    if (m_haveCurrent)
        QApplication::clipboard()->setText(selectionAsJson());
}

void InspectorWidget::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    const quint64 seq = m_model->sequenceAt(index.row());
    if (seq != m_current)
        selectSequence(seq);
    QMenu menu(this);
    menu.addAction(tr("Copy as hex"), this, &InspectorWidget::copyAsHex);
    menu.addAction(tr("Copy as JSON"), this, &InspectorWidget::copyAsJson);
    menu.addSeparator();
    if (m_haveCurrent && m_currentRecord.transport == CaptureRecord::Transport::Tcp
        && (m_currentRecord.kind == CaptureRecord::Kind::Chunk || m_currentRecord.kind == CaptureRecord::Kind::Frame))
        menu.addAction(tr("Show stream"), this, [this] { m_tabs->setCurrentWidget(m_stream); });
    if (m_haveCurrent && !m_currentRecord.peerString().isEmpty()) {
        const QString peer = m_currentRecord.peerString();
        menu.addAction(tr("Only this peer"), this, [this, peer] {
            CaptureFilter f = currentFilter();
            f.peer = peer;
            setFilter(f);
        });
    }
    if (m_haveCurrent && m_currentRecord.kind == CaptureRecord::Kind::Frame) {
        const QString type = m_currentRecord.typeName();
        menu.addAction(tr("Only type \u201c%1\u201d").arg(type), this, [this, type] {
            CaptureFilter f = currentFilter();
            f.type = type;
            setFilter(f);
        });
    }
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void InspectorWidget::exportCapture()
{
    if (isExporting())
        return;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export capture"),
        QStringLiteral("switchboard-%1.pcapng").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"))),
        tr("pcapng capture (*.pcapng);;All files (*)"));
    if (!path.isEmpty())
        exportTo(path);
}

bool InspectorWidget::isExporting() const
{
    return m_exportThread != nullptr;
}

void InspectorWidget::exportTo(const QString &path)
{
    if (isExporting() || !m_buffer)
        return;
    auto job = std::make_shared<ExportJob>();
    job->path = path;
    m_exportJob = job;
    CaptureBuffer *buffer = m_buffer;
    const quint64 from = buffer->firstSequence();
    const quint64 to = buffer->endSequence();
    m_exportThread = QThread::create([job, buffer, from, to] {
        QString error;
        job->packets = CaptureFileWriter::exportBuffer(*buffer, job->path, &error, from, to,
                                                       [job](qint64 done, qint64 total) {
                                                           job->done = done;
                                                           job->total = total;
                                                           return !job->cancel.load();
                                                       });
        job->error = error;
    });
    connect(m_exportThread, &QThread::finished, this, &InspectorWidget::finishExport);
    m_export->setEnabled(false);
    m_exportThread->start(QThread::LowPriority);
    updateStatus();
}

void InspectorWidget::finishExport()
{
    if (!m_exportThread)
        return;
    m_exportThread->wait();
    delete m_exportThread;
    m_exportThread = nullptr;
    m_export->setEnabled(true);
    const auto job = m_exportJob;
    const bool ok = job->packets >= 0;
    const QString message = ok ? tr("Exported %Ln packet(s) to %1", nullptr, int(job->packets)).arg(job->path)
                               : tr("Export failed: %1").arg(job->error);
    m_notice = message;
    m_noticeClock.start();
    updateStatus();
    emit exportFinished(ok, message);
}

} // namespace Switchboard
