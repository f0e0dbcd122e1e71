#pragma once
#include <QStyledItemDelegate>

namespace Switchboard {

// Draws the rows of a UdpRoomModel as plain lines: "[time] name: text", with what the sequence
// numbers told marked in words and in a tint from the theme (late: amber, missing or lost: red,
// recovered: green), so the marking survives a colour-blind reader and a dark palette.
class UdpRoomDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    // The line shown for a row (also what the tab copies).
    static QString lineFor(const QModelIndex &index);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Switchboard
