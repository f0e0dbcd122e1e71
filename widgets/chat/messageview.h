#pragma once
#include "net/protocol/messages.h"

#include <QAbstractItemView>
#include <QList>
#include <QTimer>
#include <QUrl>

namespace Switchboard {

class MessageDelegate;

// A chat transcript over a MessageListModel, drawn by MessageDelegate. Its own item view
// rather than a QListView: a QListView with rows of different heights lays every row out
// again on each insertion (about a second at 100,000 rows). This view keeps each row's height
// (asked of the delegate once, when the row arrives or the width changes) and the running
// sum of heights, so an append costs the same at 10 rows and at 100,000, and painting only
// touches the visible rows. It sticks to the bottom while the user is there, keeps the
// text under the reader still when rows come or go above it, and asks the model for older
// messages (fetchMore) when the user reaches the top.
class MessageView : public QAbstractItemView
{
    Q_OBJECT
public:
    explicit MessageView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;
    void doItemsLayout() override;

    MessageDelegate *messageDelegate() const { return m_delegate; }
    // True while new rows keep the view scrolled to the bottom.
    bool isFollowingBottom() const { return m_followBottom; }
    // The height of all rows (what the scroll bar spans).
    int contentHeight() const;
    // False while rows off screen still wait to be measured for the current width.
    bool isLayoutComplete() const { return m_staleCount == 0; }
    // The selected rows as plain text, one per line, oldest first (what Ctrl+C copies).
    QString selectedText() const;

public slots:
    void reset() override;
    void scrollToBottom();
    void copySelection();

signals:
    void linkActivated(const QUrl &url);
    void fileActivated(const Switchboard::FileInfo &file);

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override { return 0; }
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &) const override { return false; }
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;

    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

    void updateGeometries() override;
    void verticalScrollbarValueChanged(int value) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) override;

private:
    // The row at the top of the viewport and how far into it the viewport starts; row -1 when
    // the view follows the bottom.
    struct Anchor
    {
        int row = -1;
        int offset = 0;
    };
    Anchor currentAnchor() const;
    void restoreAnchor(const Anchor &anchor);
    void measureAround(const Anchor &anchor);
    bool measureIfStale(int row, const QStyleOptionViewItem &option);
    void sweep();
    int heightAt(int row) const { return qAbs(m_heights.at(row)); }
    bool isStale(int row) const { return m_heights.at(row) < 0; }
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    QStyleOptionViewItem rowOption() const;
    int measure(int row, const QStyleOptionViewItem &option) const;
    void relayout();
    void rebuildTops(int from);
    int rowTop(int row) const { return int(m_tops.at(row) - m_tops.first()); }
    int rowAtY(int contentY) const;
    // Content above the viewport grew (or shrank) by delta: move with it unless at the bottom.
    void keepReaderStill(int delta);
    void applyScrollRange();
    void setScrollValue(int value);
    void fetchHistoryIfWanted();

    MessageDelegate *m_delegate;
    QList<int> m_heights;   // per row for m_layoutWidth; negative: a stand-in not measured yet
    int m_staleCount = 0;   // rows with a stand-in height
    int m_sweepRow = -1;    // where sweep() goes on
    QTimer m_sweepTimer;
    QList<qint64> m_tops;   // running sum: row i starts at m_tops[i] - m_tops[0]
    int m_layoutWidth = -1;
    bool m_followBottom = true;
    bool m_adjusting = false; // our own scroll bar changes, not the user's
    bool m_removing = false;
    QTimer m_geometryTimer;   // coalesces appends: one scroll and repaint per frame
    QMetaObject::Connection m_removedConnection;
};

} // namespace Switchboard
