#include "messageinput.h"

#include <QKeyEvent>

namespace Switchboard {

MessageInput::MessageInput(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("messageInput"));
    setPlaceholderText(tr("Type a message. Enter sends, Shift+Enter starts a new line."));
    setTabChangesFocus(true);
}

QSize MessageInput::sizeHint() const
{
    return QSize(400, fontMetrics().lineSpacing() * 3 + 12);
}

void MessageInput::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        const QString text = toPlainText();
        if (!text.trimmed().isEmpty()) {
            emit submitted(text);
            clear();
        }
        return;
    }
    if (enter) { // Shift+Enter: a real new line, not a paragraph separator
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace Switchboard
