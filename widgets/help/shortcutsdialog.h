#pragma once
#include <QDialog>

class QTableWidget;

namespace Switchboard {

// Every keyboard shortcut of a window, read from its actions when the dialog opens (so the
// list cannot drift from what the keys do), plus the keys the message input handles itself.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    // (what it does, key) for every action of window with a shortcut, menu order first.
    static QList<QPair<QString, QString>> actionShortcuts(QWidget *window);

private:
    QTableWidget *m_table;
};

} // namespace Switchboard
