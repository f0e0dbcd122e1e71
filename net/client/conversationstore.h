#pragma once
#include "net/protocol/messages.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace Switchboard {

class MessageListModel;

// The client's conversations: one MessageListModel per room and per private peer, created on
// demand and owned here, so views come and go without losing what was shown. Routes incoming
// messages, history replays, pages and the fate of lines waiting to be sent to their model.
class ConversationStore : public QObject
{
    Q_OBJECT
public:
    explicit ConversationStore(QObject *parent = nullptr);

    // The logged-in user: decides which private conversation a message belongs to and which
    // rows are the user's own.
    QString me() const { return m_me; }
    void setMe(const QString &me);
    // The row window of every conversation (MessageListModel::setMaxRows).
    void setMaxRows(int rows);

    MessageListModel *room(const QString &room);
    MessageListModel *peer(const QString &user);
    // room when it is not empty, else peer; null when it does not exist yet.
    MessageListModel *find(const QString &room, const QString &peer) const;
    QStringList rooms() const { return m_rooms.keys(); }
    QStringList peers() const { return m_peers.keys(); }

public slots:
    void addMessage(const Switchboard::ChatMessage &message);
    // The replay that comes with joining a room (or opening a private chat).
    void setHistory(const QString &room, const QString &peer, const QList<Switchboard::ChatMessage> &messages);
    // An answer to historyWanted (or any other history reply): merged in, older rows on top.
    void prependHistory(const QString &room, const QString &peer, const QList<Switchboard::ChatMessage> &messages);
    void addPending(const QString &room, const QString &peer, qint64 localId, const QString &text);
    void markSent(qint64 localId, qint64 messageId);
    void markRejected(qint64 localId, const QString &reason);
    // Empties every conversation (another account logged in); the models stay valid.
    void clear();

signals:
    // A view scrolled to the top of a conversation: page in messages older than beforeId.
    void historyWanted(const QString &room, const QString &peer, qint64 beforeId);

private:
    MessageListModel *create(const QString &room, const QString &peer);
    MessageListModel *conversation(const QString &room, const QString &peer);
    template <typename F> void forEachModel(F f)
    {
        for (MessageListModel *m : std::as_const(m_rooms))
            f(m);
        for (MessageListModel *m : std::as_const(m_peers))
            f(m);
    }

    QString m_me;
    int m_maxRows;
    QHash<QString, MessageListModel *> m_rooms;
    QHash<QString, MessageListModel *> m_peers;
    QHash<qint64, MessageListModel *> m_pending; // local id -> the conversation showing it
};

} // namespace Switchboard
