#include "messageview.h"

#include "messagedelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace Switchboard {

MessageView::MessageView(QWidget *parent)
    : QAbstractItemView(parent)
    , m_delegate(new MessageDelegate(this))
{
    setItemDelegate(m_delegate);
    setSelectionMode(ExtendedSelection);
    setSelectionBehavior(SelectRows);
    setEditTriggers(NoEditTriggers);
    setVerticalScrollMode(ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setMouseTracking(true);
    m_geometryTimer.setSingleShot(true);
    m_geometryTimer.setInterval(16);
    connect(&m_geometryTimer, &QTimer::timeout, this, &MessageView::updateGeometries);
    m_sweepTimer.setSingleShot(true);
    m_sweepTimer.setInterval(0);
    connect(&m_sweepTimer, &QTimer::timeout, this, &MessageView::sweep);
    connect(m_delegate, &MessageDelegate::linkActivated, this, &MessageView::linkActivated);
    connect(m_delegate, &MessageDelegate::fileActivated, this, &MessageView::fileActivated);
}

void MessageView::setModel(QAbstractItemModel *model)
{
    if (m_removedConnection)
        disconnect(m_removedConnection);
    QAbstractItemView::setModel(model);
    if (model)
        m_removedConnection = connect(model, &QAbstractItemModel::rowsRemoved, this, &MessageView::onRowsRemoved);
    m_followBottom = true;
    relayout();
    updateGeometries();
}

QStyleOptionViewItem MessageView::rowOption() const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = QRect(0, 0, viewport()->width(), 0);
    return option;
}

int MessageView::measure(int row, const QStyleOptionViewItem &option) const
{
    const QModelIndex index = model()->index(row, 0, rootIndex());
    return qMax(1, itemDelegateForIndex(index)->sizeHint(option, index).height());
}

// Heights for the current width, on a new model, a reset or a width change. Measuring every
// row takes about 45 us each (220 ms for the 5,000-row window), too long for one event-loop
// pass during a window resize: the rows on screen are measured now, every other row keeps its
// old height (or an estimate) as a stand-in and is measured by sweep() a slice at a time.
void MessageView::relayout()
{
    const int rows = model() ? model()->rowCount(rootIndex()) : 0;
    const Anchor anchor = currentAnchor();
    m_layoutWidth = viewport()->width();
    if (m_heights.size() != rows) {
        m_heights = QList<int>(rows, -fontMetrics().height() * 4);
        m_tops.resize(rows);
    } else {
        for (int &h : m_heights)
            h = -qAbs(h);
    }
    m_staleCount = rows;
    measureAround(anchor);
    rebuildTops(0);
    restoreAnchor(anchor);
    if (m_staleCount > 0)
        m_sweepTimer.start();
}

MessageView::Anchor MessageView::currentAnchor() const
{
    if (m_followBottom || m_heights.isEmpty())
        return Anchor{};
    const int row = rowAtY(verticalOffset());
    return Anchor{row, verticalOffset() - rowTop(row)};
}

void MessageView::restoreAnchor(const Anchor &anchor)
{
    applyScrollRange();
    if (anchor.row >= 0 && anchor.row < m_heights.size())
        setScrollValue(rowTop(anchor.row) + qMin(anchor.offset, heightAt(anchor.row) - 1));
    else if (m_followBottom)
        setScrollValue(verticalScrollBar()->maximum());
}

bool MessageView::measureIfStale(int row, const QStyleOptionViewItem &option)
{
    if (!isStale(row))
        return false;
    m_heights[row] = measure(row, option);
    --m_staleCount;
    return true;
}

// Measures what the user sees from the anchor on (the bottom when following it), two pages.
void MessageView::measureAround(const Anchor &anchor)
{
    if (m_staleCount == 0 || m_heights.isEmpty())
        return;
    const QStyleOptionViewItem option = rowOption();
    const int want = 2 * qMax(1, viewport()->height());
    int seen = 0;
    if (anchor.row < 0) {
        for (int row = int(m_heights.size()) - 1; row >= 0 && seen < want; --row) {
            measureIfStale(row, option);
            seen += heightAt(row);
        }
    } else {
        for (int row = qMax(0, anchor.row - 1); row < m_heights.size() && seen < want; ++row) {
            measureIfStale(row, option);
            seen += heightAt(row);
        }
    }
}

// One slice (about 8 ms) of measuring the stand-in heights, bottom up, text under the reader kept still.
void MessageView::sweep()
{
    const int rows = int(m_heights.size());
    if (m_staleCount <= 0 || rows == 0) {
        m_staleCount = 0;
        return;
    }
    const Anchor anchor = currentAnchor();
    const QStyleOptionViewItem option = rowOption();
    QElapsedTimer clock;
    clock.start();
    int row = m_sweepRow < 0 || m_sweepRow >= rows ? rows - 1 : m_sweepRow;
    for (int scanned = 0; scanned < rows && m_staleCount > 0; ++scanned) {
        if (measureIfStale(row, option) && clock.elapsed() >= 8)
            break;
        row = row == 0 ? rows - 1 : row - 1;
    }
    m_sweepRow = row;
    if (m_staleCount > 0 && !std::any_of(m_heights.cbegin(), m_heights.cend(), [](int h) { return h < 0; }))
        m_staleCount = 0; // the count drifted: nothing is left to measure
    rebuildTops(0);
    restoreAnchor(anchor);
    viewport()->update();
    if (m_staleCount > 0)
        m_sweepTimer.start();
}

void MessageView::rebuildTops(int from)
{
    qint64 top = from == 0 ? (m_tops.isEmpty() ? 0 : m_tops.first()) : m_tops.at(from - 1) + heightAt(from - 1);
    for (int row = from; row < m_tops.size(); ++row) {
        m_tops[row] = top;
        top += heightAt(row);
    }
}

int MessageView::contentHeight() const
{
    return m_tops.isEmpty() ? 0 : int(m_tops.last() + heightAt(int(m_tops.size()) - 1) - m_tops.first());
}

int MessageView::rowAtY(int contentY) const
{
    if (m_tops.isEmpty())
        return -1;
    const qint64 y = m_tops.first() + contentY;
    const auto it = std::upper_bound(m_tops.cbegin(), m_tops.cend(), y);
    return qBound(0, int(it - m_tops.cbegin()) - 1, int(m_tops.size()) - 1);
}

int MessageView::verticalOffset() const
{
    return verticalScrollBar()->value();
}

QRect MessageView::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_heights.size())
        return QRect();
    return QRect(0, rowTop(index.row()) - verticalOffset(), viewport()->width(), heightAt(index.row()));
}

QModelIndex MessageView::indexAt(const QPoint &point) const
{
    if (!model() || m_heights.isEmpty())
        return QModelIndex();
    const int y = point.y() + verticalOffset();
    const int row = rowAtY(y);
    if (y < 0 || y >= rowTop(row) + heightAt(row))
        return QModelIndex();
    return model()->index(row, 0, rootIndex());
}

void MessageView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (m_removing || !index.isValid() || index.row() >= m_heights.size())
        return;
    if (m_geometryTimer.isActive())
        updateGeometries(); // appended rows not yet in the scroll range
    const int top = rowTop(index.row());
    const int height = heightAt(index.row());
    const int page = viewport()->height();
    int value = verticalOffset();
    switch (hint) {
    case EnsureVisible:
        if (top < value)
            value = top;
        else if (top + height > value + page)
            value = qMin(top, top + height - page);
        break;
    case PositionAtTop:
        value = top;
        break;
    case PositionAtBottom:
        value = top + height - page;
        break;
    case PositionAtCenter:
        value = top - (page - height) / 2;
        break;
    }
    verticalScrollBar()->setValue(value); // a user's move: may leave or reach the bottom
}

void MessageView::scrollToBottom()
{
    m_followBottom = true;
    updateGeometries();
}

QModelIndex MessageView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers)
{
    const int rows = int(m_heights.size());
    if (rows == 0)
        return QModelIndex();
    const QModelIndex current = currentIndex();
    int row = current.isValid() ? current.row() : rowAtY(verticalOffset());
    const int page = viewport()->height();
    switch (cursorAction) {
    case MoveUp:
    case MovePrevious:
        --row;
        break;
    case MoveDown:
    case MoveNext:
        ++row;
        break;
    case MovePageUp:
        row = rowAtY(qMax(0, rowTop(row) - page));
        break;
    case MovePageDown:
        row = rowAtY(rowTop(row) + page);
        break;
    case MoveHome:
        row = 0;
        break;
    case MoveEnd:
        row = rows - 1;
        break;
    default:
        break;
    }
    return model()->index(qBound(0, row, rows - 1), 0, rootIndex());
}

void MessageView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    if (m_heights.isEmpty() || !selectionModel())
        return;
    const QRect r = rect.normalized();
    const int first = rowAtY(r.top() + verticalOffset());
    const int last = rowAtY(r.bottom() + verticalOffset());
    selectionModel()->select(QItemSelection(model()->index(first, 0, rootIndex()), model()->index(last, 0, rootIndex())),
                             command);
}

QRegion MessageView::visualRegionForSelection(const QItemSelection &selection) const
{
    QRegion region;
    for (const QItemSelectionRange &range : selection) {
        if (!range.isValid() || range.bottom() >= m_heights.size())
            continue;
        const QRect top = visualRect(range.topLeft());
        const QRect bottom = visualRect(range.bottomRight());
        region += QRect(top.topLeft(), bottom.bottomRight()).intersected(viewport()->rect());
    }
    return region;
}

void MessageView::paintEvent(QPaintEvent *event)
{
    if (m_heights.isEmpty() || !model())
        return;
    QPainter painter(viewport());
    const QRect area = event->rect();
    QStyleOptionViewItem option = rowOption();
    const QStyle::State base = option.state;
    const int offset = verticalOffset();
    for (int row = rowAtY(offset + area.top()); row < m_heights.size(); ++row) {
        const QRect rect(0, rowTop(row) - offset, viewport()->width(), heightAt(row));
        if (rect.top() > area.bottom())
            break;
        const QModelIndex index = model()->index(row, 0, rootIndex());
        option.rect = rect;
        option.state = base;
        if (selectionModel() && selectionModel()->isSelected(index))
            option.state |= QStyle::State_Selected;
        itemDelegateForIndex(index)->paint(&painter, option, index);
    }
}

void MessageView::resizeEvent(QResizeEvent *event)
{
    QAbstractItemView::resizeEvent(event);
    if (viewport()->width() != m_layoutWidth)
        relayout();
    updateGeometries();
}

void MessageView::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Copy) {
        copySelection();
        event->accept();
        return;
    }
    QAbstractItemView::keyPressEvent(event);
}

void MessageView::mouseMoveEvent(QMouseEvent *event)
{
    QAbstractItemView::mouseMoveEvent(event);
    // A hand over what a click opens: links and file cards.
    const QPoint pos = event->position().toPoint();
    const QModelIndex index = indexAt(pos);
    bool clickable = false;
    if (index.isValid() && event->buttons() == Qt::NoButton) {
        QStyleOptionViewItem option = rowOption();
        option.rect = visualRect(index);
        clickable = !m_delegate->linkAt(option, index, pos).isEmpty() || m_delegate->fileCardAt(option, index, pos);
    }
    if (clickable)
        viewport()->setCursor(Qt::PointingHandCursor);
    else
        viewport()->unsetCursor();
}

QString MessageView::selectedText() const
{
    if (!selectionModel())
        return QString();
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList lines;
    for (const QModelIndex &index : std::as_const(rows))
        lines.append(MessageDelegate::plainText(index));
    return lines.join(QLatin1Char('\n'));
}

void MessageView::copySelection()
{
    const QString text = selectedText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void MessageView::doItemsLayout()
{
    // Rows are measured as they arrive; only a stale table needs the full pass.
    if (!model() || m_heights.size() != model()->rowCount(rootIndex()) || viewport()->width() != m_layoutWidth)
        relayout();
    QAbstractItemView::doItemsLayout();
}

void MessageView::reset()
{
    QAbstractItemView::reset();
    m_heights.clear();
    m_tops.clear();
    m_staleCount = 0;
    m_followBottom = true;
    relayout();
    updateGeometries();
}

void MessageView::applyScrollRange()
{
    QScrollBar *bar = verticalScrollBar();
    const int page = viewport()->height();
    m_adjusting = true;
    bar->setRange(0, qMax(0, contentHeight() - page));
    bar->setPageStep(page);
    bar->setSingleStep(fontMetrics().height() * 2);
    m_adjusting = false;
}

void MessageView::setScrollValue(int value)
{
    m_adjusting = true;
    verticalScrollBar()->setValue(value);
    m_adjusting = false;
}

// Deliberately not the base class's: that one fetches more rows when the view reaches the
// bottom, and this model pages older messages in at the top.
void MessageView::updateGeometries()
{
    m_geometryTimer.stop();
    applyScrollRange();
    const int before = verticalOffset();
    if (m_followBottom)
        setScrollValue(verticalScrollBar()->maximum());
    if (verticalOffset() == before)
        viewport()->update(); // otherwise scrolling repainted what changed
    if (verticalScrollBar()->maximum() == 0)
        fetchHistoryIfWanted(); // everything fits: show more of the past if there is some
}

void MessageView::verticalScrollbarValueChanged(int value)
{
    if (m_adjusting)
        return;
    QScrollBar *bar = verticalScrollBar();
    m_followBottom = value >= bar->maximum() - 2;
    if (m_staleCount > 0) {
        // Scrolled into rows not measured yet for this width: measure them before they paint.
        const Anchor anchor = currentAnchor();
        measureAround(anchor);
        rebuildTops(0);
        restoreAnchor(anchor);
    }
    if (value == bar->minimum())
        fetchHistoryIfWanted();
}

void MessageView::fetchHistoryIfWanted()
{
    if (model() && model()->canFetchMore(rootIndex()))
        model()->fetchMore(rootIndex());
}

void MessageView::keepReaderStill(int delta)
{
    if (m_followBottom || delta == 0)
        return;
    applyScrollRange();
    setScrollValue(verticalOffset() + delta);
}

void MessageView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    if (parent != rootIndex() || m_layoutWidth < 0)
        return;
    const QStyleOptionViewItem option = rowOption();
    const int count = end - start + 1;
    if (start == m_heights.size()) {
        // The flood's path: measure the new rows, extend the running sum, nothing else.
        for (int row = start; row <= end; ++row) {
            const int h = measure(row, option);
            m_tops.append(m_tops.isEmpty() ? 0 : m_tops.last() + heightAt(int(m_heights.size()) - 1));
            m_heights.append(h);
        }
        if (!m_geometryTimer.isActive())
            m_geometryTimer.start();
        return;
    }
    const bool above = start == 0 || rowTop(start) <= verticalOffset();
    int added = 0;
    QList<int> heights;
    for (int row = start; row <= end; ++row) {
        heights.append(measure(row, option));
        added += heights.last();
    }
    if (start == 0) {
        // A page of history on top: the running sum extends upwards.
        qint64 top = m_tops.isEmpty() ? 0 : m_tops.first();
        for (int i = count - 1; i >= 0; --i) {
            top -= heights.at(i);
            m_tops.prepend(top);
            m_heights.prepend(heights.at(i));
        }
    } else {
        for (int i = 0; i < count; ++i) {
            m_heights.insert(start + i, heights.at(i));
            m_tops.insert(start + i, 0);
        }
        rebuildTops(start);
    }
    if (above)
        keepReaderStill(added);
    updateGeometries();
}

void MessageView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    m_removing = true; // the base class moves the current index: a flood must not scroll to it
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
    m_removing = false;
}

void MessageView::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent != rootIndex() || last >= m_heights.size())
        return;
    const int removedTop = rowTop(first);
    const int removed = int(m_tops.at(last) + heightAt(last) - m_tops.at(first));
    for (int row = first; row <= last; ++row)
        m_staleCount -= isStale(row);
    // How much of what went was above the reader's line.
    const int cut = qBound(0, verticalOffset() - removedTop, removed);
    m_heights.remove(first, last - first + 1);
    m_tops.remove(first, last - first + 1);
    if (first > 0 && first < m_tops.size())
        rebuildTops(first);
    keepReaderStill(-cut);
    updateGeometries();
}

void MessageView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    QAbstractItemView::dataChanged(topLeft, bottomRight, roles);
    if (topLeft.parent() != rootIndex() || m_layoutWidth < 0 || bottomRight.row() >= m_heights.size())
        return;
    const QStyleOptionViewItem option = rowOption();
    int delta = 0;
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
        const int h = measure(row, option);
        delta += h - heightAt(row);
        m_staleCount -= isStale(row);
        m_heights[row] = h;
    }
    if (delta == 0) {
        viewport()->update();
        return;
    }
    rebuildTops(topLeft.row() + 1);
    if (rowTop(topLeft.row()) < verticalOffset())
        keepReaderStill(delta);
    updateGeometries();
}

} // namespace Switchboard
