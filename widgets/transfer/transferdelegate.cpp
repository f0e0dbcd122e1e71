#include "transferdelegate.h"

#include "net/client/transfermodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace Switchboard {

namespace {

constexpr int Margin = 6;
constexpr int Gap = 3;

Transfer::State stateOf(const QModelIndex &index)
{
    return Transfer::State(index.data(TransferModel::StateRole).toInt());
}

int buttonSize(const QFontMetrics &fm)
{
    return qMax(fm.height() + 8, 24);
}

} // namespace

TransferDelegate::TransferDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

std::optional<TransferDelegate::Action> TransferDelegate::primaryAction(Transfer::State state)
{
    switch (state) {
    case Transfer::State::Queued:
    case Transfer::State::Waiting:
    case Transfer::State::Running:
        return Action::Pause;
    case Transfer::State::Paused:
        return Action::Resume;
    case Transfer::State::Failed:
        return Action::Retry; // continues where the data stopped
    case Transfer::State::Hashing:
    case Transfer::State::Verifying:
    case Transfer::State::Finished:
    case Transfer::State::Cancelled:
        break;
    }
    return std::nullopt;
}

bool TransferDelegate::canCancel(Transfer::State state)
{
    return state != Transfer::State::Finished && state != Transfer::State::Cancelled;
}

QString TransferDelegate::actionText(Action action)
{
    switch (action) {
    case Action::Pause: return tr("Pause");
    case Action::Resume: return tr("Resume");
    case Action::Retry: return tr("Retry");
    case Action::Cancel: return tr("Cancel");
    }
    return QString();
}

QString TransferDelegate::formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

QString TransferDelegate::formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return QString();
    if (seconds >= 3600)
        return tr("%1 h %2 min left").arg(seconds / 3600).arg(seconds / 60 % 60);
    if (seconds >= 60)
        return tr("%1 min %2 s left").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 s left").arg(seconds);
}

TransferDelegate::Layout TransferDelegate::layout(const QStyleOptionViewItem &option) const
{
    const QFontMetrics &fm = option.fontMetrics;
    const int line = fm.height();
    const int button = buttonSize(fm);
    const QRect r = option.rect.adjusted(Margin, Margin, -Margin, -Margin);
    Layout l;
    const int statusWidth = r.width() * 2 / 5;
    l.name = QRect(r.left(), r.top(), r.width() - statusWidth - Gap, line);
    l.status = QRect(r.right() - statusWidth + 1, r.top(), statusWidth, line);
    const int barTop = r.top() + line + Gap;
    l.cancel = QRect(r.right() - button + 1, barTop, button, button);
    l.primary = l.cancel.translated(-button - Gap, 0);
    l.bar = QRect(r.left(), barTop + (button - line - 4) / 2, l.primary.left() - Gap - r.left(), line + 4);
    l.details = QRect(r.left(), barTop + button + Gap, r.width(), line);
    return l;
}

QRect TransferDelegate::actionRect(const QStyleOptionViewItem &option, Action action) const
{
    const Layout l = layout(option);
    return action == Action::Cancel ? l.cancel : l.primary;
}

QSize TransferDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics &fm = option.fontMetrics;
    return QSize(320, 2 * Margin + 2 * fm.height() + buttonSize(fm) + 2 * Gap);
}

void TransferDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The background (selection, hover) without the item's own text.
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const Layout l = layout(option);
    const Transfer::State state = stateOf(index);
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    const QFontMetrics &fm = option.fontMetrics;

    painter->save();
    painter->setPen(option.palette.color(textRole));
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    const QString name = index.data(TransferModel::NameRole).toString();
    painter->drawText(l.name, Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(bold).elidedText(name, Qt::ElideMiddle, l.name.width()));
    painter->setFont(option.font);

    QString status = index.data(TransferModel::StateTextRole).toString();
    if (state == Transfer::State::Failed) {
        status = tr("Failed: %1").arg(index.data(TransferModel::ErrorTextRole).toString());
        if (!selected)
            painter->setPen(option.palette.color(QPalette::Link));
    }
    painter->drawText(l.status, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(status, Qt::ElideRight, l.status.width()));
    painter->setPen(option.palette.color(textRole));

    QStyleOptionProgressBar bar;
    bar.initFrom(widget);
    bar.rect = l.bar;
    bar.state |= QStyle::State_Horizontal;
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = index.data(TransferModel::PercentRole).toInt();
    bar.text = QStringLiteral("%1%").arg(bar.progress);
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);

    if (const auto action = primaryAction(state))
        drawButton(painter, option, l.primary, *action);
    if (canCancel(state))
        drawButton(painter, option, l.cancel, Action::Cancel);

    QStringList details{tr("%1 of %2").arg(formatBytes(index.data(TransferModel::BytesDoneRole).toLongLong()),
                                           formatBytes(index.data(TransferModel::BytesTotalRole).toLongLong()))};
    if (const double rate = index.data(TransferModel::RateRole).toDouble(); rate > 0)
        details << tr("%1/s").arg(formatBytes(qint64(rate)));
    if (const QString left = formatDuration(index.data(TransferModel::SecondsLeftRole).toLongLong()); !left.isEmpty())
        details << left;
    painter->drawText(l.details, Qt::AlignLeft | Qt::AlignVCenter,
                      fm.elidedText(details.join(QStringLiteral("   ")), Qt::ElideRight, l.details.width()));
    painter->restore();
}

void TransferDelegate::drawButton(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect, Action action) const
{
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    QStyleOptionButton b;
    b.initFrom(widget);
    b.rect = rect;
    b.state = QStyle::State_Enabled | QStyle::State_Raised;
    QStyle::StandardPixmap icon = QStyle::SP_DialogCancelButton;
    switch (action) {
    case Action::Pause: icon = QStyle::SP_MediaPause; break;
    case Action::Resume: icon = QStyle::SP_MediaPlay; break;
    case Action::Retry: icon = QStyle::SP_BrowserReload; break;
    case Action::Cancel: icon = QStyle::SP_DialogCancelButton; break;
    }
    b.icon = style->standardIcon(icon, nullptr, widget);
    const int side = option.fontMetrics.height();
    b.iconSize = QSize(side, side);
    style->drawControl(QStyle::CE_PushButton, &b, painter, widget);
}

std::optional<TransferDelegate::Action> TransferDelegate::actionAt(const QStyleOptionViewItem &option,
                                                                  const QModelIndex &index, const QPoint &pos) const
{
    const Layout l = layout(option);
    const Transfer::State state = stateOf(index);
    if (l.primary.contains(pos))
        return primaryAction(state);
    if (l.cancel.contains(pos) && canCancel(state))
        return Action::Cancel;
    return std::nullopt;
}

bool TransferDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                                   const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const auto action = mouse->button() == Qt::LeftButton ? actionAt(option, index, mouse->position().toPoint()) : std::nullopt;
        m_pressedIndex = action ? QPersistentModelIndex(index) : QPersistentModelIndex();
        m_pressedAction = action;
        return action.has_value();
    }
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const auto action = actionAt(option, index, mouse->position().toPoint());
        const bool same = action && action == m_pressedAction && m_pressedIndex == index;
        m_pressedIndex = QPersistentModelIndex();
        m_pressedAction.reset();
        if (same)
            emit actionRequested(index, *action);
        return same;
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

bool TransferDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                 const QModelIndex &index)
{
    if (event->type() == QEvent::ToolTip) {
        if (const auto action = actionAt(option, index, event->pos())) {
            QString tip;
            switch (*action) {
            case Action::Pause: tip = tr("Hold this transfer"); break;
            case Action::Resume: tip = tr("Continue this transfer"); break;
            case Action::Retry: tip = tr("Try again, continuing where the data stopped"); break;
            case Action::Cancel: tip = tr("Stop this transfer and discard what was sent"); break;
            }
            QToolTip::showText(event->globalPos(), tip, view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace Switchboard
