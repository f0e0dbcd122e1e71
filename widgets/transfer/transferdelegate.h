#pragma once
#include "net/transfer/transfer.h"

#include <QPersistentModelIndex>
#include <QStyledItemDelegate>

#include <optional>

namespace Switchboard {

// Draws one row of a TransferModel: name and status, a progress bar with a pause/resume/retry
// button and a cancel button beside it, then bytes done of total, rate and time left. Clicking a
// button asks for the action through actionRequested(); the delegate changes nothing itself.
class TransferDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum class Action { Pause, Resume, Retry, Cancel };
    Q_ENUM(Action)

    explicit TransferDelegate(QObject *parent = nullptr);

    // The button beside the bar for a transfer in this state (none while hashing or verifying,
    // or once it is over).
    static std::optional<Action> primaryAction(Transfer::State state);
    static bool canCancel(Transfer::State state);
    static QString actionText(Action action);
    static QString formatBytes(qint64 bytes);
    static QString formatDuration(qint64 seconds);

    // Where the button for action is drawn in a row at option.rect (whether the row shows it
    // depends on its state: primaryAction() and canCancel()).
    QRect actionRect(const QStyleOptionViewItem &option, Action action) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

signals:
    void actionRequested(const QModelIndex &index, Switchboard::TransferDelegate::Action action);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

private:
    struct Layout
    {
        QRect name;
        QRect status;
        QRect bar;
        QRect primary;
        QRect cancel;
        QRect details;
    };
    Layout layout(const QStyleOptionViewItem &option) const;
    std::optional<Action> actionAt(const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &pos) const;
    void drawButton(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect, Action action) const;

    QPersistentModelIndex m_pressedIndex;
    std::optional<Action> m_pressedAction;
};

} // namespace Switchboard
