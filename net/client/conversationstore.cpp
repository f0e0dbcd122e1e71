#include "conversationstore.h"

#include "messagelistmodel.h"

namespace Switchboard {

ConversationStore::ConversationStore(QObject *parent)
    : QObject(parent)
    , m_maxRows(MessageListModel::DefaultMaxRows)
{
}

void ConversationStore::setMe(const QString &me)
{
    m_me = me;
    forEachModel([&me](MessageListModel *m) { m->setMe(me); });
}

void ConversationStore::setMaxRows(int rows)
{
    m_maxRows = rows;
    forEachModel([rows](MessageListModel *m) { m->setMaxRows(rows); });
}

MessageListModel *ConversationStore::create(const QString &room, const QString &peer)
{
    auto *model = new MessageListModel(m_me, this);
    model->setMaxRows(m_maxRows);
    connect(model, &MessageListModel::historyWanted, this,
            [this, room, peer](qint64 beforeId) { emit historyWanted(room, peer, beforeId); });
    return model;
}

MessageListModel *ConversationStore::room(const QString &room)
{
    MessageListModel *&model = m_rooms[room];
    if (!model)
        model = create(room, QString());
    return model;
}

MessageListModel *ConversationStore::peer(const QString &user)
{
    MessageListModel *&model = m_peers[user];
    if (!model)
        model = create(QString(), user);
    return model;
}

MessageListModel *ConversationStore::find(const QString &room, const QString &peer) const
{
    return room.isEmpty() ? m_peers.value(peer) : m_rooms.value(room);
}

MessageListModel *ConversationStore::conversation(const QString &room, const QString &peer)
{
    return room.isEmpty() ? this->peer(peer) : this->room(room);
}

void ConversationStore::addMessage(const ChatMessage &message)
{
    // A private message belongs to the other party, whichever way it went.
    const QString other = message.sender == m_me ? message.recipient : message.sender;
    conversation(message.room, other)->appendMessage(message);
}

void ConversationStore::setHistory(const QString &room, const QString &peer, const QList<ChatMessage> &messages)
{
    conversation(room, peer)->mergeHistory(messages);
}

void ConversationStore::prependHistory(const QString &room, const QString &peer, const QList<ChatMessage> &messages)
{
    conversation(room, peer)->prependHistory(messages);
}

void ConversationStore::addPending(const QString &room, const QString &peer, qint64 localId, const QString &text)
{
    MessageListModel *model = conversation(room, peer);
    model->appendPending(localId, text);
    m_pending.insert(localId, model);
}

void ConversationStore::markSent(qint64 localId, qint64 messageId)
{
    if (MessageListModel *model = m_pending.take(localId))
        model->markSent(localId, messageId);
}

void ConversationStore::markRejected(qint64 localId, const QString &reason)
{
    if (MessageListModel *model = m_pending.take(localId))
        model->markRejected(localId, reason);
}

void ConversationStore::clear()
{
    forEachModel([](MessageListModel *m) { m->clear(); });
    m_pending.clear();
}

} // namespace Switchboard
