#pragma once
#include "net/protocol/messages.h"

#include <QStyledItemDelegate>
#include <QUrl>

class QTextLayout;

namespace Switchboard {

// Draws one row of a MessageListModel: a day header when the day changes, then a bubble with
// sender, time and word-wrapped text (http(s) links underlined and clickable), a file card for
// file messages, and the state of lines not sent yet. Every colour comes from the palette, so
// light and dark themes both read well. Heights depend only on the row and the width: the
// view caches them.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // Everything a row is painted with, derived from the palette: a dark theme gets dark bubbles,
    // and every text colour keeps 4.5:1 contrast on each background it is drawn on.
    struct Colours
    {
        QColor text, ownBubble, otherBubble, ownCard, otherCard, dim, rule, selection, error, link;
        static Colours of(const QPalette &palette);
    };

    explicit MessageDelegate(QObject *parent = nullptr);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // The link under pos (viewport coordinates, option.rect is the row), or an empty URL.
    QUrl linkAt(const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &pos) const;
    bool fileCardAt(const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &pos) const;
    // One row as plain text, as copied to the clipboard: "[date time] sender: text".
    static QString plainText(const QModelIndex &index);
    // The time shown beside a sender: the time for today's messages, date and time for older ones.
    static QString stampText(const QDateTime &when, const QDate &today);

signals:
    void linkActivated(const QUrl &url);
    void fileActivated(const Switchboard::FileInfo &file);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    struct Link
    {
        int start;
        int length;
        QUrl url;
    };
    // Where everything of one row goes, in the row's coordinates (option.rect).
    struct Geometry
    {
        QRect header;  // the day band, empty when the day does not change
        QRect bubble;
        QRect title;   // sender and time
        QRect text;
        QRect file;    // the file card
        QRect status;  // "waiting to send", "not sent: ..."
        bool own = false;
        bool notice = false;
    };
    Geometry layout(const QStyleOptionViewItem &option, const QModelIndex &index, QTextLayout *text) const;
    static QList<Link> findLinks(const QString &text);
    static QString shownText(const QModelIndex &index);
    static QString statusText(const QModelIndex &index);
    static QString fileDetails(const FileInfo &file);
};

} // namespace Switchboard
