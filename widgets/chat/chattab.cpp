#include "chattab.h"

#include "emojipicker.h"
#include "messagedelegate.h"
#include "messageinput.h"
#include "messageview.h"
#include "searchbar.h"
#include "net/client/messagelistmodel.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Switchboard {

ChatTab::ChatTab(const QString &room, const QString &peer, MessageListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_room(room)
    , m_peer(peer)
    , m_model(model)
    , m_view(new MessageView(this))
    , m_input(new MessageInput(this))
    , m_search(new SearchBar(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_attach(new QPushButton(tr("Attach…"), this))
    , m_emoji(new EmojiPicker(this))
{
    m_view->setObjectName(QStringLiteral("messageView"));
    m_view->setModel(model);
    connect(m_view, &MessageView::linkActivated, this, [](const QUrl &url) {
        QDesktopServices::openUrl(url); // http(s) links open in the user's browser
    });
    connect(m_view, &MessageView::fileActivated, this, &ChatTab::fileActivated);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setToolTip(tr("Send files to this conversation (Ctrl+U), or drop them on the window."));
    auto *buttons = new QVBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_emoji, 0, Qt::AlignRight);
    buttons->addWidget(m_attach);
    buttons->addWidget(m_send);
    auto *row = new QHBoxLayout;
    row->addWidget(m_input, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    layout->addLayout(row);
    m_input->setMaximumHeight(m_input->sizeHint().height() * 2);
    m_input->setAccessibleName(title());
    m_input->setAccessibleDescription(tr("Message to %1. Enter sends, Shift+Enter starts a new line.").arg(title()));
    m_view->setAccessibleName(tr("Messages in %1").arg(title()));
    m_send->setToolTip(tr("Send the message (Enter)"));
    // Keyboard order follows the screen: the search bar (when open), the conversation, the input,
    // then the buttons top down.
    setTabOrder(m_search->results(), m_view);
    setTabOrder(m_view, m_input);
    setTabOrder(m_input, m_emoji);
    setTabOrder(m_emoji, m_attach);
    setTabOrder(m_attach, m_send);
    connect(m_emoji, &EmojiPicker::emojiChosen, m_input, [this](const QString &emoji) {
        m_input->insertPlainText(emoji);
        m_input->setFocus();
    });

    m_search->hide();
    connect(m_search, &SearchBar::searchRequested, this, &ChatTab::searchRequested);
    connect(m_search, &SearchBar::messageActivated, this, [this](qint64 id) {
        if (!showMessage(id))
            m_search->showStatus(tr("That message is older than the ones loaded: scroll up in the conversation to load it."));
    });
    connect(m_search, &SearchBar::closed, m_input, [this] { m_input->setFocus(); });
    connect(m_input, &MessageInput::submitted, this, &ChatTab::sendRequested);
    connect(m_attach, &QPushButton::clicked, this, &ChatTab::attachRequested);
    connect(m_send, &QPushButton::clicked, this, [this] {
        const QString text = m_input->toPlainText();
        if (text.trimmed().isEmpty())
            return;
        m_input->clear();
        emit sendRequested(text);
    });
}

QString ChatTab::title() const
{
    return m_room.isEmpty() ? QStringLiteral("@") + m_peer : QStringLiteral("#") + m_room;
}

int ChatTab::messageCount() const
{
    return m_model ? m_model->messageCount() : 0;
}

QString ChatTab::plainText() const
{
    if (!m_model)
        return QString();
    QStringList lines;
    for (int row = 0; row < m_model->rowCount(); ++row)
        lines.append(MessageDelegate::plainText(m_model->index(row)));
    return lines.join(QLatin1Char('\n'));
}

void ChatTab::openSearch()
{
    m_search->open();
}

bool ChatTab::showMessage(qint64 messageId)
{
    if (!m_model || !m_model->contains(messageId))
        return false;
    for (int row = m_model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = m_model->index(row);
        if (index.data(MessageListModel::MessageIdRole).toLongLong() == messageId) {
            m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
            m_view->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

void ChatTab::addNotice(const QString &text)
{
    if (m_model)
        m_model->appendNotice(text);
}

} // namespace Switchboard
