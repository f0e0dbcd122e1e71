#pragma once
#include <QWidget>

namespace Switchboard {

// Shown over the chat while files are dragged across it: a tinted, outlined area saying where
// the files will go. Lets every mouse and drag event through to the widget below.
class DropOverlay : public QWidget
{
    Q_OBJECT
public:
    explicit DropOverlay(QWidget *parent);

    void showFor(const QString &text);
    QString text() const { return m_text; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
};

} // namespace Switchboard
