#include "streamdiagram.h"
#include "widgets/tools/theme.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace Switchboard {

namespace {
constexpr int HeaderHeight = 26;
constexpr int Margin = 8;
constexpr int GapHeight = 18;

int heightFor(qint64 bytes)
{
    return int(16 + 9 * std::log10(double(bytes) + 1.0));
}

} // namespace

StreamDiagram::Colours StreamDiagram::Colours::of(const QPalette &pal)
{
    using Theme::Accent;
    Colours c;
    c.chunk = Theme::tint(pal, Accent::Blue, 0.16);
    c.chunkSticky = Theme::tint(pal, Accent::Amber, 0.4);
    c.frame = Theme::tint(pal, Accent::Green, 0.18);
    c.frameSplit = Theme::tint(pal, Accent::Red, 0.3);
    c.frameIncomplete = Theme::tint(pal, Accent::Grey, 0.12);
    c.hatch = Theme::mix(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.3);
    c.chunkBorder = Theme::mix(c.chunk, Theme::accent(pal, Accent::Blue), 0.7);
    c.frameBorder = Theme::mix(c.frame, Theme::accent(pal, Accent::Green), 0.7);
    // The dashed lines cross every fill: readable on the strongest of them.
    c.cutLine = Theme::accentText(pal, Accent::Red, c.chunkSticky);
    c.boundaryLine = Theme::accentText(pal, Accent::Blue, c.chunkSticky);
    c.label = pal.color(QPalette::Text); // the tints keep it readable
    c.band = Theme::accent(pal, Accent::Blue);
    c.band.setAlpha(60);
    c.bandSpecial = Theme::accent(pal, Accent::Amber);
    c.bandSpecial.setAlpha(90);
    return c;
}

StreamDiagram::StreamDiagram(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    viewport()->setMouseTracking(false);
}

QSize StreamDiagram::sizeHint() const
{
    return QSize(520, 360);
}

void StreamDiagram::setResult(const StreamAnalyzer::Result &result)
{
    m_result = result;
    layoutSegments();
    updateScrollBar();
    viewport()->update();
}

void StreamDiagram::setCurrentSequence(quint64 seq)
{
    m_current = seq;
    // Scroll the current record into view.
    int ci = m_result.chunkIndex(seq);
    QRect r;
    if (ci >= 0) {
        r = chunkRect(ci);
    } else {
        const int fi = m_result.frameIndex(seq);
        if (fi >= 0)
            r = frameRect(fi);
    }
    if (r.isValid()) {
        QScrollBar *bar = verticalScrollBar();
        const int visible = viewport()->height() - HeaderHeight;
        if (r.top() < bar->value() || r.bottom() > bar->value() + visible)
            bar->setValue(qMax(0, r.center().y() - visible / 2));
    }
    viewport()->update();
}

void StreamDiagram::layoutSegments()
{
    m_segments.clear();
    QVector<qint64> cuts;
    for (const auto &c : m_result.chunks) {
        cuts << c.offset << c.end();
    }
    for (const auto &f : m_result.frames) {
        cuts << f.offset << f.end();
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    // Offset ranges covered by some chunk or frame, merged.
    QVector<QPair<qint64, qint64>> spans;
    for (const auto &c : m_result.chunks)
        spans.append({c.offset, c.end()});
    for (const auto &f : m_result.frames)
        spans.append({f.offset, f.end()});
    std::sort(spans.begin(), spans.end());
    QVector<QPair<qint64, qint64>> merged;
    for (const auto &sp : spans) {
        if (!merged.isEmpty() && sp.first <= merged.last().second)
            merged.last().second = qMax(merged.last().second, sp.second);
        else
            merged.append(sp);
    }
    auto covered = [&](qint64 from, qint64 to) {
        const auto it = std::upper_bound(merged.cbegin(), merged.cend(), from,
                                         [](qint64 o, const QPair<qint64, qint64> &m) { return o < m.second; });
        return it != merged.cend() && it->first < to;
    };
    int y = 0;
    for (int i = 0; i + 1 < cuts.size(); ++i) {
        Segment s;
        s.from = cuts.at(i);
        s.to = cuts.at(i + 1);
        s.gap = !covered(s.from, s.to);
        s.height = s.gap ? GapHeight : heightFor(s.to - s.from);
        s.y = y;
        y += s.height;
        m_segments.append(s);
    }
    m_contentHeight = y;
}

int StreamDiagram::yOfOffset(qint64 offset) const
{
    if (m_segments.isEmpty())
        return 0;
    // The first segment ending after offset.
    const auto it = std::upper_bound(m_segments.cbegin(), m_segments.cend(), offset,
                                     [](qint64 o, const Segment &s) { return o < s.to; });
    if (it == m_segments.cend())
        return m_contentHeight;
    if (offset <= it->from)
        return it->y;
    return it->y + int(double(offset - it->from) / double(it->to - it->from) * it->height);
}

int StreamDiagram::columnWidth() const
{
    return qMax(80, (viewport()->width() - 2 * Margin) * 2 / 5);
}

int StreamDiagram::columnLeft(bool frames) const
{
    return frames ? viewport()->width() - Margin - columnWidth() : Margin;
}

QRect StreamDiagram::chunkRect(int i) const
{
    const auto &c = m_result.chunks.at(i);
    const int top = yOfOffset(c.offset);
    return QRect(columnLeft(false), top, columnWidth(), qMax(2, yOfOffset(c.end()) - top));
}

QRect StreamDiagram::frameRect(int i) const
{
    const auto &f = m_result.frames.at(i);
    const int top = yOfOffset(f.offset);
    return QRect(columnLeft(true), top, columnWidth(), qMax(2, yOfOffset(f.end()) - top));
}

void StreamDiagram::updateScrollBar()
{
    const int visible = qMax(0, viewport()->height() - HeaderHeight);
    verticalScrollBar()->setRange(0, qMax(0, m_contentHeight + Margin - visible));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(20);
}

void StreamDiagram::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
}

void StreamDiagram::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing, false);
    const QPalette pal = palette();
    const Colours colours = Colours::of(pal);
    p.fillRect(viewport()->rect(), pal.base());
    const int scroll = verticalScrollBar()->value();
    const int w = columnWidth();
    const int leftX = columnLeft(false);
    const int rightX = columnLeft(true);

    if (m_result.chunks.isEmpty()) {
        p.setPen(pal.color(QPalette::Disabled, QPalette::Text));
        p.drawText(viewport()->rect().adjusted(Margin, Margin, -Margin, -Margin), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Select a chunk or frame in the packet list to see how this connection's bytes were "
                      "delivered and reassembled."));
        return;
    }

    p.save();
    p.translate(0, HeaderHeight - scroll);
    p.setClipRect(QRect(0, scroll, viewport()->width(), viewport()->height() - HeaderHeight));
    const QFontMetrics fm = p.fontMetrics();
    const int firstVisible = scroll - 4;
    const int lastVisible = scroll + viewport()->height();

    // Bands in the gutter joining each chunk to the frames it carries.
    const int gutterLeft = leftX + w;
    const int gutterRight = rightX;
    for (int ci = 0; ci < m_result.chunks.size(); ++ci) {
        const auto &c = m_result.chunks.at(ci);
        for (int fi : m_result.framesOfChunk.at(ci)) {
            const auto &f = m_result.frames.at(fi);
            const int top = yOfOffset(qMax(c.offset, f.offset));
            const int bottom = yOfOffset(qMin(c.end(), f.end()));
            if (bottom < firstVisible || top > lastVisible)
                continue;
            const bool special = m_result.framesOfChunk.at(ci).size() > 1 || m_result.chunksOfFrame.at(fi).size() > 1;
            QColor band = special ? colours.bandSpecial : colours.band;
            p.fillRect(QRect(gutterLeft, top, gutterRight - gutterLeft, qMax(1, bottom - top)), band);
            p.setPen(QPen(band.darker(160), 1));
            p.drawLine(gutterLeft, top, gutterRight, top);
        }
    }

    // Chunks.
    for (int ci = 0; ci < m_result.chunks.size(); ++ci) {
        const QRect r = chunkRect(ci);
        if (r.bottom() < firstVisible || r.top() > lastVisible)
            continue;
        const auto &c = m_result.chunks.at(ci);
        const bool sticky = m_result.framesOfChunk.at(ci).size() > 1;
        p.fillRect(r, sticky ? colours.chunkSticky : colours.chunk);
        p.setPen(QPen(c.seq == m_current ? pal.color(QPalette::Highlight) : colours.chunkBorder,
                      c.seq == m_current ? 3 : 1));
        p.drawRect(r.adjusted(0, 0, -1, -1));
        // Frame boundaries inside this chunk.
        p.setPen(QPen(colours.boundaryLine, 1, Qt::DashLine));
        for (int fi : m_result.framesOfChunk.at(ci)) {
            const auto &f = m_result.frames.at(fi);
            if (f.offset > c.offset && f.offset < c.end()) {
                const int y = yOfOffset(f.offset);
                p.drawLine(r.left(), y, r.right(), y);
            }
        }
        p.setPen(colours.label);
        const QString label = tr("No. %1 \u00b7 %2 B \u00b7 bytes %3\u2013%4")
                                  .arg(c.seq).arg(c.bytes.size()).arg(c.offset).arg(c.end());
        p.drawText(r.adjusted(6, 1, -4, 0), Qt::AlignLeft | Qt::AlignTop,
                   fm.elidedText(label, Qt::ElideRight, r.width() - 10));
    }

    // Frames.
    for (int fi = 0; fi < m_result.frames.size(); ++fi) {
        const QRect r = frameRect(fi);
        if (r.bottom() < firstVisible || r.top() > lastVisible)
            continue;
        const auto &f = m_result.frames.at(fi);
        const bool split = m_result.chunksOfFrame.at(fi).size() > 1;
        p.fillRect(r, !f.complete ? colours.frameIncomplete : split ? colours.frameSplit : colours.frame);
        if (!f.complete)
            p.fillRect(r, QBrush(colours.hatch, Qt::BDiagPattern));
        const bool current = f.seq && f.seq == m_current;
        p.setPen(QPen(current ? pal.color(QPalette::Highlight) : colours.frameBorder, current ? 3 : 1));
        p.drawRect(r.adjusted(0, 0, -1, -1));
        // Chunk boundaries cutting this frame.
        p.setPen(QPen(colours.cutLine, 2, Qt::DashLine));
        for (int ci : m_result.chunksOfFrame.at(fi)) {
            const auto &c = m_result.chunks.at(ci);
            if (c.offset > f.offset && c.offset < f.end()) {
                const int y = yOfOffset(c.offset);
                p.drawLine(r.left(), y, r.right(), y);
                p.drawLine(gutterLeft, y, r.left(), y);
            }
        }
        p.setPen(colours.label);
        const QString type = f.type.isEmpty() ? tr("?") : f.type;
        QString label = f.seq ? tr("No. %1 \u00b7 %2 \u00b7 %3 B").arg(f.seq).arg(type).arg(f.length)
                              : tr("%1 \u00b7 %2 B").arg(type).arg(f.length);
        if (!f.complete)
            label += QLatin1Char(' ') + tr("(continues)");
        p.drawText(r.adjusted(6, 1, -4, 0), Qt::AlignLeft | Qt::AlignTop,
                   fm.elidedText(label, Qt::ElideRight, r.width() - 10));
    }

    // Gaps in the captured stream.
    for (const Segment &s : m_segments) {
        if (!s.gap)
            continue;
        p.setPen(pal.color(QPalette::Disabled, QPalette::Text));
        p.drawText(QRect(0, s.y, viewport()->width(), s.height), Qt::AlignCenter,
                   tr("\u22ef %1 bytes not captured \u22ef").arg(s.to - s.from));
    }
    p.restore();

    // Column headers.
    p.fillRect(QRect(0, 0, viewport()->width(), HeaderHeight), pal.window());
    p.setPen(pal.color(QPalette::WindowText));
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    const QString left = m_result.direction == CaptureRecord::Direction::Out
        ? tr("Writes handed to the OS (%1)").arg(m_result.chunks.size())
        : tr("Reads as the OS delivered them (%1)").arg(m_result.chunks.size());
    p.drawText(QRect(leftX, 0, w, HeaderHeight), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(bold).elidedText(left, Qt::ElideRight, w));
    p.drawText(QRect(rightX, 0, w, HeaderHeight), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(bold).elidedText(m_result.direction == CaptureRecord::Direction::Out
                                                 ? tr("Frames in these writes (%1)").arg(m_result.frames.size())
                                                 : tr("Frames reassembled from them (%1)").arg(m_result.frames.size()),
                                             Qt::ElideRight, w));
}

void StreamDiagram::mousePressEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint() + QPoint(0, verticalScrollBar()->value() - HeaderHeight);
    for (int i = 0; i < m_result.chunks.size(); ++i) {
        if (chunkRect(i).contains(pos)) {
            emit recordActivated(m_result.chunks.at(i).seq);
            return;
        }
    }
    for (int i = 0; i < m_result.frames.size(); ++i) {
        if (frameRect(i).contains(pos) && m_result.frames.at(i).seq) {
            emit recordActivated(m_result.frames.at(i).seq);
            return;
        }
    }
    QAbstractScrollArea::mousePressEvent(event);
}

} // namespace Switchboard
