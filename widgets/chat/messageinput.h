#pragma once
#include <QPlainTextEdit>

namespace Switchboard {

// The chat input: Enter sends, Shift+Enter starts a new line.
class MessageInput : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit MessageInput(QWidget *parent = nullptr);
    QSize sizeHint() const override;

signals:
    void submitted(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace Switchboard
