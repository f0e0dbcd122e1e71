#include "udproomdelegate.h"

#include "net/udproom/udproommodel.h"
#include "widgets/tools/theme.h"

#include <QDateTime>

namespace Switchboard {

namespace {

using State = UdpRoomModel::State;
using Kind = UdpRoomModel::Kind;

// Which accent marks a state; Grey: no tint.
Theme::Accent accentFor(Kind kind, State state)
{
    if (kind == Kind::Notice)
        return Theme::Accent::Grey;
    switch (state) {
    case State::Late: return Theme::Accent::Amber;
    case State::Missing:
    case State::Asked:
    case State::Lost: return Theme::Accent::Red;
    case State::Recovered: return Theme::Accent::Green;
    case State::InOrder:
    case State::Own: return Theme::Accent::Grey;
    }
    return Theme::Accent::Grey;
}

} // namespace

QString UdpRoomDelegate::lineFor(const QModelIndex &index)
{
    const auto kind = index.data(UdpRoomModel::KindRole).value<Kind>();
    const auto state = index.data(UdpRoomModel::StateRole).value<State>();
    const QString time = index.data(UdpRoomModel::TimestampRole).toDateTime().toString(QStringLiteral("hh:mm:ss"));
    const QString sender = index.data(UdpRoomModel::SenderRole).toString();
    const qint64 seq = index.data(UdpRoomModel::SeqRole).toLongLong();
    if (kind == Kind::Notice)
        return QStringLiteral("[%1] — %2").arg(time, index.data(UdpRoomModel::TextRole).toString());
    if (kind == Kind::Gap) {
        switch (state) {
        case State::Asked: return tr("[%1] ⚠ message %2 from %3 missing — asked %3 to send it again").arg(time).arg(seq).arg(sender);
        case State::Lost: return tr("[%1] ✖ message %2 from %3 lost — asked once, it did not come").arg(time).arg(seq).arg(sender);
        default: return tr("[%1] ⚠ message %2 from %3 missing").arg(time).arg(seq).arg(sender);
        }
    }
    QString line = QStringLiteral("[%1] %2: %3").arg(time, sender, index.data(UdpRoomModel::TextRole).toString());
    if (state == State::Late)
        line += tr("   (late: arrived after a later message, #%1)").arg(seq);
    else if (state == State::Recovered)
        line += tr("   (recovered: resent on request, #%1)").arg(seq);
    return line;
}

void UdpRoomDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->text = lineFor(index);
    const auto kind = index.data(UdpRoomModel::KindRole).value<Kind>();
    const auto state = index.data(UdpRoomModel::StateRole).value<State>();
    const QPalette &p = option->palette;
    const Theme::Accent accent = accentFor(kind, state);
    QColor bg = p.color(QPalette::Base);
    if (accent != Theme::Accent::Grey) {
        bg = Theme::tint(p, accent, 0.22);
        option->backgroundBrush = bg;
    }
    QColor fg = Theme::readable(p.color(QPalette::Text), bg);
    if (kind == Kind::Notice)
        fg = Theme::dimText(p, bg);
    else if (state == State::Own)
        fg = Theme::accentText(p, Theme::Accent::Blue, bg);
    option->palette.setColor(QPalette::Text, fg);
    if (kind == Kind::Gap)
        option->font.setItalic(true);
}

} // namespace Switchboard
