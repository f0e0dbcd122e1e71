#include "emojipicker.h"

#include <QGridLayout>
#include <QMenu>
#include <QToolButton>
#include <QWidgetAction>

namespace Switchboard {

QStringList EmojiPicker::emoji()
{
    // Faces, hands and a few objects people use at work; each a single code point sequence.
    static const QStringList list = QString::fromUtf8(
        "😀 😄 😂 🙂 😉 😊 😍 🤔 😐 😮 😢 😭 😡 😴 🤯 🥳 "
        "👍 👎 👏 🙌 🙏 👋 💪 👀 ✅ ❌ ❓ ❗ 🔥 🎉 ❤️ ⭐ "
        "☕ 🍕 📎 📁 📄 💻 🐛 🚀 ⏰ 📅 💡 🔒 🔑 📢 🛠️ 📦")
                                        .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return list;
}

EmojiPicker::EmojiPicker(QWidget *parent)
    : QToolButton(parent)
    , m_popup(new QMenu(this))
{
    setObjectName(QStringLiteral("emojiButton"));
    setText(QStringLiteral("☺"));
    setAccessibleName(tr("Insert emoji"));
    setToolTip(tr("Insert an emoji"));
    setPopupMode(QToolButton::InstantPopup);
    setMenu(m_popup);
    m_popup->setObjectName(QStringLiteral("emojiPopup"));

    auto *grid = new QWidget(m_popup);
    auto *layout = new QGridLayout(grid);
    layout->setSpacing(2);
    layout->setContentsMargins(4, 4, 4, 4);
    const QStringList all = emoji();
    constexpr int Columns = 8;
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    for (int i = 0; i < all.size(); ++i) {
        auto *button = new QToolButton(grid);
        button->setText(all.at(i));
        button->setFont(big);
        button->setAutoRaise(true);
        button->setAccessibleName(all.at(i));
        connect(button, &QToolButton::clicked, this, [this, e = all.at(i)] {
            m_popup->close();
            emit emojiChosen(e);
        });
        layout->addWidget(button, i / Columns, i % Columns);
    }
    auto *action = new QWidgetAction(m_popup);
    action->setDefaultWidget(grid);
    m_popup->addAction(action);
}

} // namespace Switchboard
