#pragma once
#include <QToolButton>

class QGridLayout;
class QMenu;

namespace Switchboard {

// The ☺ button beside the message input: a small grid of common emoji in a popup; choosing one
// emits emojiChosen (the tab inserts it at the cursor). Drawn with the system's emoji font
// (fonts-noto-color-emoji on Debian).
class EmojiPicker : public QToolButton
{
    Q_OBJECT
public:
    explicit EmojiPicker(QWidget *parent = nullptr);

    static QStringList emoji();
    QMenu *popup() const { return m_popup; }

signals:
    void emojiChosen(const QString &emoji);

private:
    QMenu *m_popup;
};

} // namespace Switchboard
