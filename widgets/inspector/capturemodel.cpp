#include "capturemodel.h"
#include "widgets/tools/theme.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>

namespace Switchboard {

namespace {

using Kind = CaptureRecord::Kind;
using Direction = CaptureRecord::Direction;

// Frames tinted by direction, datagrams, errors and events by kind; read chunks untinted.
QBrush rowBackground(const QPalette &p, Kind kind, Direction direction, bool valid)
{
    if (!valid)
        return {};
    switch (kind) {
    case Kind::Frame:
        return Theme::tint(p, direction == Direction::In ? Theme::Accent::Blue : Theme::Accent::Green, 0.18);
    case Kind::Chunk:
        return {};
    case Kind::Datagram:
        return Theme::tint(p, Theme::Accent::Purple, 0.18);
    case Kind::Error:
        return Theme::tint(p, Theme::Accent::Red, 0.22);
    case Kind::Event:
        return Theme::tint(p, Theme::Accent::Amber, 0.2);
    }
    return {};
}

QColor rowForeground(const QPalette &p, Kind kind, Direction direction, bool valid)
{
    const QBrush bg = rowBackground(p, kind, direction, valid);
    const QColor on = bg.style() == Qt::NoBrush ? p.color(QPalette::Base) : bg.color();
    if (!valid)
        return Theme::dimText(p, on);
    switch (kind) {
    case Kind::Chunk:
        return Theme::accentText(p, direction == Direction::In ? Theme::Accent::Blue : Theme::Accent::Green, on);
    case Kind::Error:
        return Theme::accentText(p, Theme::Accent::Red, on);
    default:
        return Theme::readable(p.color(QPalette::Text), on);
    }
}
constexpr quint64 ScanBatch = 2048;
constexpr int SummaryChars = 160;

QString kindLabel(CaptureRecord::Kind kind)
{
    switch (kind) {
    case CaptureRecord::Kind::Chunk: return CaptureModel::tr("chunk");
    case CaptureRecord::Kind::Frame: return CaptureModel::tr("frame");
    case CaptureRecord::Kind::Datagram: return CaptureModel::tr("datagram");
    case CaptureRecord::Kind::Error: return CaptureModel::tr("error");
    case CaptureRecord::Kind::Event: return CaptureModel::tr("event");
    }
    return QString();
}

QString preview(QByteArrayView bytes, int max)
{
    QString out;
    const qsizetype n = qMin<qsizetype>(bytes.size(), max);
    out.reserve(int(n));
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(bytes[i]);
        out += (c >= 0x20 && c < 0x7f) ? QChar(c) : QChar(0x00B7);
    }
    if (bytes.size() > max)
        out += QChar(0x2026);
    return out;
}
} // namespace

CaptureModel::CaptureModel(CaptureBuffer *buffer, QObject *parent)
    : QAbstractTableModel(parent)
    , m_buffer(buffer)
    , m_rows(1024)
{
    m_scanTimer.setSingleShot(true);
    m_scanTimer.setInterval(0);
    connect(&m_scanTimer, &QTimer::timeout, this, &CaptureModel::scanSlice);
    connect(m_buffer, &CaptureBuffer::updated, this, &CaptureModel::refresh);
    connect(m_buffer, &QObject::destroyed, this, [this] {
        beginResetModel();
        m_scanTimer.stop();
        m_rows.clear();
        m_first = m_end = 1;
        m_matches.clear();
        m_matchBegin = 0;
        m_scanNext = m_scanEnd = m_scanStart = 1;
        endResetModel();
    });
    refresh();
}

CaptureBuffer *CaptureModel::buffer() const
{
    return m_buffer;
}

int CaptureModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    if (m_filtered)
        return int(m_matches.size() - m_matchBegin);
    return int(m_end - m_first);
}

int CaptureModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

quint64 CaptureModel::sequenceAt(int r) const
{
    if (r < 0 || r >= rowCount())
        return 0;
    return m_filtered ? m_matches[m_matchBegin + std::size_t(r)] : m_first + quint64(r);
}

int CaptureModel::rowOfSequence(quint64 seq) const
{
    if (!m_filtered)
        return (seq >= m_first && seq < m_end) ? int(seq - m_first) : -1;
    const auto begin = m_matches.cbegin() + std::ptrdiff_t(m_matchBegin);
    const auto it = std::lower_bound(begin, m_matches.cend(), seq);
    return (it != m_matches.cend() && *it == seq) ? int(it - begin) : -1;
}

CaptureModel::Row CaptureModel::format(quint64 seq) const
{
    Row row;
    CaptureBuffer::Entry e;
    CaptureBuffer::Endpoint ep;
    if (!m_buffer || !m_buffer->entryAt(seq, &e, &ep))
        return row;
    row.valid = true;
    row.kind = e.kind;
    row.direction = e.direction;
    row.connectionId = e.connectionId;
    const bool out = e.direction == CaptureRecord::Direction::Out;
    row.cells[NumberColumn] = QString::number(seq);
    row.cells[TimeColumn] = QString::number(double(e.timeUs - m_timeOriginUs) / 1e6, 'f', 6);
    row.cells[DirectionColumn] = out ? tr("\u2192 out") : tr("\u2190 in");
    row.cells[PeerColumn] = ep.peerString;
    const QString type = e.kind == CaptureRecord::Kind::Frame ? m_buffer->typeName(e) : kindLabel(e.kind);
    row.cells[TypeColumn] = type;
    row.cells[LengthColumn] = e.wireLength() ? QString::number(e.wireLength()) : QString();
    switch (e.kind) {
    case CaptureRecord::Kind::Frame: {
        QString s = QString::fromUtf8(e.headerText().isEmpty() ? QByteArray() : e.headerText().toByteArray());
        if (s.isEmpty())
            s = type;
        if (s.size() > SummaryChars)
            s = s.left(SummaryChars) + QChar(0x2026);
        if (e.payloadSize > 0)
            s += tr("  + %1 B payload").arg(e.payloadSize);
        row.cells[SummaryColumn] = s;
        break;
    }
    case CaptureRecord::Kind::Chunk:
        row.cells[SummaryColumn] = tr("%1 of %2 B, stream bytes %3\u2013%4   %5")
                                       .arg(out ? tr("write") : tr("read"))
                                       .arg(e.bytes.size())
                                       .arg(e.streamOffset)
                                       .arg(e.streamOffset + e.bytes.size())
                                       .arg(preview(e.bytes, 60));
        break;
    case CaptureRecord::Kind::Datagram:
        row.cells[SummaryColumn] = tr("datagram of %1 B   %2").arg(e.bytes.size()).arg(preview(e.bytes, 60));
        break;
    case CaptureRecord::Kind::Error:
    case CaptureRecord::Kind::Event:
        row.cells[SummaryColumn] = QString::fromUtf8(e.bytes);
        break;
    }
    row.tooltip = tr("No. %1, connection %2, %3\nlocal %4:%5, peer %6")
                      .arg(seq)
                      .arg(e.connectionId)
                      .arg(QDateTime::fromMSecsSinceEpoch(e.timeUs / 1000).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz")))
                      .arg(ep.localAddress.toString())
                      .arg(ep.localPort)
                      .arg(ep.peerString);
    return row;
}

const CaptureModel::Row *CaptureModel::row(int r) const
{
    const quint64 seq = sequenceAt(r);
    if (!seq)
        return nullptr;
    if (const Row *cached = m_rows.object(seq))
        return cached;
    Row *fresh = new Row(format(seq));
    m_rows.insert(seq, fresh);
    return fresh;
}

QVariant CaptureModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= ColumnCount)
        return {};
    const Row *r = row(index.row());
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (!r->valid)
            return index.column() == NumberColumn ? QVariant(QString::number(sequenceAt(index.row())))
                                                  : QVariant(index.column() == SummaryColumn ? tr("(dropped)") : QString());
        return r->cells[index.column()];
    case Qt::ToolTipRole:
        return r->tooltip;
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn || index.column() == TimeColumn || index.column() == LengthColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole: {
        const QBrush tinted = rowBackground(QGuiApplication::palette(), r->kind, r->direction, r->valid);
        return tinted.style() == Qt::NoBrush ? QVariant() : QVariant(tinted);
    }
    case Qt::ForegroundRole:
        return QBrush(rowForeground(QGuiApplication::palette(), r->kind, r->direction, r->valid));
    case Qt::FontRole:
        if (r->valid && r->kind == CaptureRecord::Kind::Chunk && index.column() == SummaryColumn) {
            if (!m_fixedFont)
                m_fixedFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
            return *m_fixedFont;
        }
        return {};
    case SequenceRole:
        return QVariant::fromValue(sequenceAt(index.row()));
    case KindRole:
        return int(r->kind);
    case DirectionRole:
        return int(r->direction);
    case ConnectionRole:
        return QVariant::fromValue(r->connectionId);
    default:
        return {};
    }
}

QVariant CaptureModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn: return tr("No.");
    case TimeColumn: return tr("Time");
    case DirectionColumn: return tr("Direction");
    case PeerColumn: return tr("Peer");
    case TypeColumn: return tr("Type");
    case LengthColumn: return tr("Length");
    case SummaryColumn: return tr("Summary");
    }
    return {};
}

void CaptureModel::resetState()
{
    const CaptureBuffer::State s = m_buffer ? m_buffer->state() : CaptureBuffer::State();
    m_generation = s.generation;
    m_rows.clear();
    m_first = m_end = s.first;
    m_matches.clear();
    m_matchBegin = 0;
    m_scanStart = m_scanNext = m_scanEnd = s.first;
    m_timeOriginUs = 0;
}

void CaptureModel::refresh()
{
    if (!m_buffer)
        return;
    const CaptureBuffer::State s = m_buffer->state();
    if (s.generation != m_generation) {
        beginResetModel();
        resetState();
        endResetModel();
    }
    if (m_timeOriginUs == 0 && s.end > s.first) {
        CaptureBuffer::Entry e;
        if (m_buffer->entryAt(s.first, &e))
            m_timeOriginUs = e.timeUs;
    }
    if (!m_filtered) {
        if (s.first > m_first) {
            const quint64 gone = qMin(s.first, m_end) - m_first;
            if (gone > 0) {
                beginRemoveRows({}, 0, int(gone) - 1);
                m_first += gone;
                endRemoveRows();
            }
            m_first = s.first;
            m_end = qMax(m_end, m_first);
        }
        if (s.end > m_end) {
            beginInsertRows({}, int(m_end - m_first), int(s.end - m_first) - 1);
            m_end = s.end;
            endInsertRows();
            emit rowsAppended();
        }
        return;
    }
    // Filtered: drop matches that left the buffer, then scan what is new.
    std::size_t gone = 0;
    while (m_matchBegin + gone < m_matches.size() && m_matches[m_matchBegin + gone] < s.first)
        ++gone;
    if (gone > 0) {
        beginRemoveRows({}, 0, int(gone) - 1);
        m_matchBegin += gone;
        endRemoveRows();
        if (m_matchBegin > 65536 && m_matchBegin > m_matches.size() / 2) {
            m_matches.erase(m_matches.begin(), m_matches.begin() + std::ptrdiff_t(m_matchBegin));
            m_matchBegin = 0;
        }
    }
    m_scanNext = qMax(m_scanNext, s.first);
    m_scanEnd = s.end;
    scheduleScan();
}

void CaptureModel::setFilter(const CaptureFilter &filter)
{
    CaptureFilter f = filter;
    f.prepare();
    beginResetModel();
    m_filter = f;
    m_filtered = !f.isEmpty();
    m_scanTimer.stop();
    m_matches.clear();
    m_matchBegin = 0;
    const CaptureBuffer::State s = m_buffer ? m_buffer->state() : CaptureBuffer::State();
    m_generation = s.generation;
    m_rows.clear();
    m_first = m_end = s.first;
    m_scanStart = m_scanNext = s.first;
    m_scanEnd = s.end;
    if (!m_filtered)
        m_end = s.end;
    endResetModel();
    if (m_filtered)
        scheduleScan();
    else
        emit filterFinished();
}

bool CaptureModel::isFiltering() const
{
    return m_filtered && m_scanNext < m_scanEnd;
}

void CaptureModel::scheduleScan()
{
    if (isFiltering() && !m_scanTimer.isActive())
        m_scanTimer.start();
}

void CaptureModel::scanSlice()
{
    if (!m_filtered || !m_buffer)
        return;
    QElapsedTimer clock;
    clock.start();
    std::vector<quint64> found;
    while (m_scanNext < m_scanEnd && clock.elapsed() < m_sliceBudgetMs) {
        const quint64 to = qMin(m_scanEnd, m_scanNext + ScanBatch);
        const quint64 next = m_buffer->visit(m_scanNext, to, [&](quint64 seq, const CaptureBuffer::Entry &e,
                                                                 const CaptureBuffer::Endpoint &ep, const QString &type) {
            if (m_filter.matches(e, ep, type))
                found.push_back(seq);
        });
        m_scanNext = qMax(next, to);
    }
    if (!found.empty()) {
        const int rows = rowCount();
        beginInsertRows({}, rows, rows + int(found.size()) - 1);
        m_matches.insert(m_matches.end(), found.begin(), found.end());
        endInsertRows();
        emit rowsAppended();
    }
    emit filterProgress(qint64(m_scanNext - qMin(m_scanNext, m_scanStart)), qint64(m_scanEnd - qMin(m_scanEnd, m_scanStart)));
    if (isFiltering())
        m_scanTimer.start();
    else
        emit filterFinished();
}

void CaptureModel::finishFiltering()
{
    const int saved = m_sliceBudgetMs;
    m_sliceBudgetMs = 1 << 30;
    m_scanTimer.stop();
    if (isFiltering())
        scanSlice();
    m_sliceBudgetMs = saved;
}

} // namespace Switchboard
