#include "searchbar.h"

#include "messagedelegate.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Switchboard {

SearchBar::SearchBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_older(new QPushButton(tr("Older matches"), this))
    , m_close(new QPushButton(tr("Close"), this))
    , m_status(new QLabel(this))
    , m_results(new QListWidget(this))
{
    setObjectName(QStringLiteral("searchBar"));
    m_edit->setObjectName(QStringLiteral("searchEdit"));
    m_edit->setPlaceholderText(tr("Search this conversation's history"));
    m_edit->setAccessibleName(tr("Search in history"));
    m_edit->setClearButtonEnabled(true);
    m_older->setObjectName(QStringLiteral("olderMatchesButton"));
    m_older->setEnabled(false);
    m_close->setObjectName(QStringLiteral("closeSearchButton"));
    m_close->setAccessibleName(tr("Close the search"));
    m_results->setObjectName(QStringLiteral("searchResults"));
    m_results->setAccessibleName(tr("Search results"));
    m_results->setAccessibleDescription(tr("Activate a result to show the message in the conversation."));
    m_results->setMaximumHeight(m_results->fontMetrics().lineSpacing() * 8);
    m_results->setWordWrap(true);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_edit, 1);
    row->addWidget(m_older);
    row->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_results);
    m_results->hide();

    connect(m_edit, &QLineEdit::returnPressed, this, &SearchBar::start);
    connect(m_older, &QPushButton::clicked, this, [this] {
        if (!m_text.isEmpty() && m_oldest > 0)
            emit searchRequested(m_text, m_oldest);
    });
    connect(m_close, &QPushButton::clicked, this, &SearchBar::close);
    connect(m_results, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit messageActivated(item->data(Qt::UserRole).toLongLong());
    });
}

void SearchBar::open()
{
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void SearchBar::start()
{
    const QString text = m_edit->text().trimmed();
    if (text.isEmpty())
        return;
    m_text = text;
    m_oldest = 0;
    m_results->clear();
    m_older->setEnabled(false);
    m_status->setText(tr("Searching…"));
    emit searchRequested(text, 0);
}

void SearchBar::showResults(const QString &text, const QList<ChatMessage> &messages, bool more)
{
    if (text != m_text)
        return; // an answer to a search the user has replaced
    // Newest first: each page goes below the previous one.
    for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(it->timestampMs);
        auto *item = new QListWidgetItem(tr("%1 · %2: %3")
                                             .arg(MessageDelegate::stampText(when, QDate::currentDate()), it->sender,
                                                  it->text.left(300)),
                                         m_results);
        item->setData(Qt::UserRole, it->id);
        item->setToolTip(it->text.left(2000));
    }
    if (!messages.isEmpty())
        m_oldest = messages.constFirst().id;
    m_older->setEnabled(more);
    m_results->setVisible(m_results->count() > 0);
    m_status->setText(m_results->count() == 0 ? tr("No message contains \"%1\".").arg(text)
                      : more ? tr("%n match(es) shown; older ones remain.", nullptr, m_results->count())
                             : tr("%n match(es).", nullptr, m_results->count()));
}

void SearchBar::showStatus(const QString &text)
{
    m_status->setText(text);
}

void SearchBar::close()
{
    hide();
    emit closed();
}

void SearchBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Switchboard
