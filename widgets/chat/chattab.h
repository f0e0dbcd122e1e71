#pragma once
#include "net/client/messagelistmodel.h"
#include "net/protocol/messages.h"

#include <QPointer>
#include <QWidget>

class QPushButton;

namespace Switchboard {

class EmojiPicker;
class MessageInput;
class MessageView;
class SearchBar;

// One conversation: a room or a private chat. Shows the conversation's MessageListModel (kept
// by the session's ConversationStore) in a MessageView, with the input line below.
class ChatTab : public QWidget
{
    Q_OBJECT
public:
    ChatTab(const QString &room, const QString &peer, MessageListModel *model, QWidget *parent = nullptr);

    QString room() const { return m_room; }
    QString peer() const { return m_peer; }
    QString title() const;
    MessageInput *input() const { return m_input; }
    MessageView *view() const { return m_view; }
    MessageListModel *model() const { return m_model; }
    SearchBar *searchBar() const { return m_search; }
    EmojiPicker *emojiPicker() const { return m_emoji; }
    // Messages stored by the server that the conversation shows (not pending lines or notices).
    int messageCount() const;
    // Every row as plain text, one per line (as Ctrl+C copies them).
    QString plainText() const;

public slots:
    void addNotice(const QString &text);
    // Ctrl+F: the search bar, focused.
    void openSearch();
    // Scrolls to the message and selects it; false when it is not among the rows loaded.
    bool showMessage(qint64 messageId);

signals:
    void sendRequested(const QString &text);
    void attachRequested();
    void fileActivated(const Switchboard::FileInfo &file);
    void searchRequested(const QString &text, qint64 before);

private:
    QString m_room;
    QString m_peer;
    QPointer<MessageListModel> m_model;
    MessageView *m_view;
    MessageInput *m_input;
    SearchBar *m_search;
    QPushButton *m_send;
    QPushButton *m_attach;
    EmojiPicker *m_emoji;
};

} // namespace Switchboard
