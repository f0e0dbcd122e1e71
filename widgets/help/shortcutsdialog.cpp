#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Switchboard {

namespace {

// "Send &files…" -> "Send files…"; "&&" stays one ampersand.
QString plainLabel(QString text)
{
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    return text;
}

void collect(const QList<QAction *> &actions, QSet<QAction *> &seen, QList<QPair<QString, QString>> &rows)
{
    for (QAction *action : actions) {
        if (seen.contains(action))
            continue;
        seen.insert(action);
        if (QMenu *menu = action->menu())
            collect(menu->actions(), seen, rows);
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty() || action->text().isEmpty())
            continue;
        QStringList names;
        for (const QKeySequence &key : keys)
            names.append(key.toString(QKeySequence::NativeText));
        rows.append({plainLabel(action->text()), names.join(QStringLiteral(", "))});
    }
}

} // namespace

QList<QPair<QString, QString>> ShortcutsDialog::actionShortcuts(QWidget *window)
{
    QList<QPair<QString, QString>> rows;
    QSet<QAction *> seen;
    // The menus in the order the user sees them, then actions living elsewhere in the window.
    if (auto *bar = window->findChild<QMenuBar *>())
        collect(bar->actions(), seen, rows);
    collect(window->findChildren<QAction *>(), seen, rows);
    return rows;
}

ShortcutsDialog::ShortcutsDialog(QWidget *window, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    resize(460, 420);
    QList<QPair<QString, QString>> rows = actionShortcuts(window);
    // Keys the message input handles itself (MessageInput::keyPressEvent), not actions.
    rows.append({tr("Send the message"), tr("Enter")});
    rows.append({tr("New line in the message"), tr("Shift+Enter")});
    rows.append({tr("Move to the next control"), tr("Tab")});

    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(rows.at(i).first));
        m_table->setItem(i, 1, new QTableWidgetItem(rows.at(i).second));
    }
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
}

} // namespace Switchboard
