#include "hexview.h"

#include <QFontDatabase>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace Switchboard {

namespace {
constexpr int BytesPerLine = 16;
constexpr int OffsetChars = 8;
constexpr int Margin = 4;
} // namespace

HexView::HexView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_charWidth = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_lineHeight = fontMetrics().height();
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setCursor(Qt::IBeamCursor);
}

QSize HexView::sizeHint() const
{
    return QSize(2 * Margin + m_charWidth * (asciiColumn(BytesPerLine) + 1) + verticalScrollBar()->sizeHint().width(),
                 m_lineHeight * 12);
}

int HexView::hexColumn(int i) const
{
    return OffsetChars + 2 + i * 3 + (i >= 8 ? 1 : 0);
}

int HexView::asciiColumn(int i) const
{
    return hexColumn(BytesPerLine) + 1 + i;
}

int HexView::lineCount() const
{
    return int((m_data.size() + BytesPerLine - 1) / BytesPerLine);
}

void HexView::setData(const QByteArray &data)
{
    m_data = data;
    m_hlStart = 0;
    m_hlLength = 0;
    m_regions.clear();
    verticalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void HexView::setRegions(const QVector<Region> &regions)
{
    m_regions = regions;
    viewport()->update();
}

void HexView::setHighlight(qint64 start, qint64 length)
{
    m_hlStart = qBound<qint64>(0, start, m_data.size());
    m_hlLength = qBound<qint64>(0, length, m_data.size() - m_hlStart);
    if (m_hlLength > 0) {
        ensureVisible(m_hlStart + m_hlLength - 1);
        ensureVisible(m_hlStart);
    }
    viewport()->update();
}

void HexView::ensureVisible(qint64 offset)
{
    const int line = int(offset / BytesPerLine);
    QScrollBar *bar = verticalScrollBar();
    const int visible = qMax(1, viewport()->height() / m_lineHeight);
    if (line < bar->value())
        bar->setValue(line);
    else if (line >= bar->value() + visible)
        bar->setValue(line - visible + 1);
}

void HexView::updateScrollBars()
{
    const int visible = qMax(1, viewport()->height() / m_lineHeight);
    verticalScrollBar()->setRange(0, qMax(0, lineCount() - visible));
    verticalScrollBar()->setPageStep(visible);
    const int width = 2 * Margin + m_charWidth * (asciiColumn(BytesPerLine) + 1);
    horizontalScrollBar()->setRange(0, qMax(0, width - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        m_charWidth = fontMetrics().horizontalAdvance(QLatin1Char('0'));
        m_lineHeight = fontMetrics().height();
        updateScrollBars();
    }
    QAbstractScrollArea::changeEvent(event);
}

void HexView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    p.setFont(font());
    const QPalette pal = palette();
    p.fillRect(viewport()->rect(), pal.base());
    if (m_data.isEmpty()) {
        p.setPen(pal.color(QPalette::Disabled, QPalette::Text));
        p.drawText(viewport()->rect().adjusted(Margin, Margin, 0, 0), Qt::AlignLeft | Qt::AlignTop, tr("No bytes"));
        return;
    }
    const int x0 = Margin - horizontalScrollBar()->value();
    const int first = verticalScrollBar()->value();
    const int visible = viewport()->height() / m_lineHeight + 1;
    const int ascent = fontMetrics().ascent();
    const QColor hlColor = pal.color(QPalette::Highlight);
    const QColor hlText = pal.color(QPalette::HighlightedText);
    const QColor offsetColor = pal.color(QPalette::Disabled, QPalette::Text);
    const QColor textColor = pal.color(QPalette::Text);

    auto background = [&](qint64 at) {
        if (at >= m_hlStart && at < m_hlStart + m_hlLength)
            return hlColor;
        QColor bg;
        for (const Region &r : m_regions)
            if (at >= r.start && at < r.start + r.length)
                bg = r.color;
        return bg;
    };
    for (int line = first; line < qMin(lineCount(), first + visible); ++line) {
        const int y = (line - first) * m_lineHeight;
        const qint64 base = qint64(line) * BytesPerLine;
        p.setPen(offsetColor);
        p.drawText(x0, y + ascent, QStringLiteral("%1").arg(base, OffsetChars, 16, QLatin1Char('0')));
        for (int i = 0; i < BytesPerLine && base + i < m_data.size(); ++i) {
            const qint64 at = base + i;
            const quint8 b = quint8(m_data.at(at));
            const bool hl = at >= m_hlStart && at < m_hlStart + m_hlLength;
            const QColor bg = background(at);
            const int hx = x0 + hexColumn(i) * m_charWidth;
            const int ax = x0 + asciiColumn(i) * m_charWidth;
            if (bg.isValid()) {
                // Extend the hex cell over the gap to the next byte of the same colour.
                const bool joinNext = i + 1 < BytesPerLine && at + 1 < m_data.size() && background(at + 1) == bg;
                p.fillRect(QRect(hx, y, m_charWidth * (joinNext ? 3 : 2), m_lineHeight), bg);
                p.fillRect(QRect(ax, y, m_charWidth, m_lineHeight), bg);
            }
            p.setPen(hl ? hlText : textColor);
            p.drawText(hx, y + ascent, QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0')));
            const QChar c = (b >= 0x20 && b < 0x7f) ? QChar(b) : QChar(QLatin1Char('.'));
            if (!hl)
                p.setPen((b >= 0x20 && b < 0x7f) ? textColor : offsetColor);
            p.drawText(ax, y + ascent, QString(c));
        }
    }
}

qint64 HexView::byteAt(const QPoint &pos) const
{
    const int col = (pos.x() - Margin + horizontalScrollBar()->value()) / qMax(1, m_charWidth);
    const int line = verticalScrollBar()->value() + pos.y() / m_lineHeight;
    int inLine = -1;
    for (int i = 0; i < BytesPerLine; ++i) {
        if ((col >= hexColumn(i) && col < hexColumn(i) + 2) || col == asciiColumn(i)) {
            inLine = i;
            break;
        }
    }
    if (inLine < 0)
        return -1;
    const qint64 at = qint64(line) * BytesPerLine + inLine;
    return at < m_data.size() ? at : -1;
}

void HexView::mousePressEvent(QMouseEvent *event)
{
    const qint64 at = byteAt(event->position().toPoint());
    if (at >= 0)
        emit byteClicked(at);
    QAbstractScrollArea::mousePressEvent(event);
}

QString HexView::dumpText(const QByteArray &data)
{
    QString out;
    for (qint64 base = 0; base < data.size(); base += BytesPerLine) {
        QString hex;
        QString ascii;
        for (int i = 0; i < BytesPerLine; ++i) {
            if (i == 8)
                hex += QLatin1Char(' ');
            if (base + i < data.size()) {
                const quint8 b = quint8(data.at(base + i));
                hex += QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'));
                ascii += (b >= 0x20 && b < 0x7f) ? QChar(b) : QChar(QLatin1Char('.'));
            } else {
                hex += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("%1  %2 %3\n").arg(base, OffsetChars, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return out;
}

} // namespace Switchboard
