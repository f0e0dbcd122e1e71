#pragma once
#include "net/protocol/messages.h"

#include <QAbstractListModel>
#include <QDeadlineTimer>
#include <QList>
#include <QSet>

namespace Switchboard {

// The rows of ONE conversation (a room or a private chat), oldest first: server messages,
// lines waiting to be sent or refused, and local notices. Built for floods: appending is
// O(1), messages are deduplicated by server id (history replays overlap live delivery), and
// the model keeps a window of at most maxRows() rows, dropping the oldest in batches. Older
// messages come back a page at a time: the view calls fetchMore() when it reaches the top,
// which emits historyWanted(); the owner answers with prependHistory().
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind {
        Message,  // a message stored by the server
        Pending,  // typed here, not acknowledged yet (maybe offline)
        Rejected, // typed here, refused by the server or too long to send
        Notice,   // a local line: joins, leaves
    };
    Q_ENUM(Kind)

    enum Role {
        KindRole = Qt::UserRole + 1, // Kind
        SenderRole,        // QString: user name (the model's "me" for pending and rejected rows)
        TextRole,          // QString: the message or notice text, as typed (plain text)
        TimestampRole,     // QDateTime (local time): server time for messages, local time otherwise
        IsOwnRole,         // bool: written by the logged-in user (see setMe)
        MessageIdRole,     // qint64: server message id, 0 for rows the server has not stored
        LocalIdRole,       // qint64: ClientSession's local id of a pending or rejected row, else 0
        FileRole,          // QVariant holding a FileInfo for file messages, invalid otherwise
        ShowDayHeaderRole, // bool: this row starts a new day (the first row always does)
        DayTextRole,       // QString: the row's date in the default locale's long format
        ReasonRole,        // QString: why a rejected row was not sent
    };
    Q_ENUM(Role)

    static constexpr int DefaultMaxRows = 5000;

    explicit MessageListModel(const QString &me = QString(), QObject *parent = nullptr);

    QString me() const { return m_me; }
    void setMe(const QString &me);
    int maxRows() const { return m_maxRows; }
    // At least 10. Takes effect at the next append.
    void setMaxRows(int rows);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    // True while older messages may exist and no page is on its way.
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    Kind kind(int row) const { return m_rows.at(row).kind; }
    int messageCount() const { return m_messageCount; }
    bool contains(qint64 messageId) const { return m_ids.contains(messageId); }
    // The first message row's id (0 when there is none): where the next page ends.
    qint64 oldestMessageId() const;
    // The last message row's id (0 when there is none): what a reconnected client fetches after.
    qint64 newestMessageId() const;
    // False once a page brought nothing older (until rows are dropped again).
    bool hasOlderHistory() const { return !m_historyExhausted; }

public slots:
    void appendMessage(const Switchboard::ChatMessage &message);
    // A replay (room join, reconnect): messages already shown are skipped, older ones go
    // on top, newer ones at the bottom, the rest into their place by id.
    void mergeHistory(const QList<Switchboard::ChatMessage> &messages);
    // A page of older messages (oldest first), answering historyWanted().
    void prependHistory(const QList<Switchboard::ChatMessage> &messages);
    void appendNotice(const QString &text);
    void appendPending(qint64 localId, const QString &text);
    // The server stored the pending row localId as messageId: the row becomes that message,
    // or goes away when the message itself already arrived.
    void markSent(qint64 localId, qint64 messageId);
    void markRejected(qint64 localId, const QString &reason);
    void clear();

signals:
    void historyWanted(qint64 beforeMessageId);

private:
    struct Entry
    {
        Kind kind = Kind::Message;
        qint64 messageId = 0;
        qint64 localId = 0;
        qint64 timestampMs = 0;
        qint64 day = 0; // Julian day in local time, cached for day headers
        qint64 seq = 0; // increases down the rows: finds a row without scanning
        QString sender;
        QString text; // rejected rows: the text as typed
        QString reason;
        decltype(ChatMessage::file) file;
    };
    Entry fromMessage(const ChatMessage &m) const;
    Entry localEntry(Kind kind, qint64 localId, const QString &text) const;
    void append(Entry e);
    int merge(const QList<ChatMessage> &messages);
    void insertBlock(int row, const QList<Entry> &entries);
    void removeRow(int row);
    int findPending(qint64 localId) const;
    void forget(const Entry &e);
    void renumber();
    void trim();
    void headerMayHaveChanged(int row);
    bool headerAt(int row) const;

    QString m_me;
    int m_maxRows = DefaultMaxRows;
    QList<Entry> m_rows;    // Qt 6 QList: O(1) removal at the front, amortised O(1) prepend
    QSet<qint64> m_ids;     // server ids present, for dedupe
    QHash<qint64, qint64> m_pendingSeq; // local id -> seq of its pending row
    qint64 m_firstSeq = 0;  // below every row's seq
    qint64 m_nextSeq = 0;   // above every row's seq
    int m_messageCount = 0;
    bool m_historyExhausted = false;
    qint64 m_fetchingBefore = -1;   // the page asked for, until it arrives or times out
    QDeadlineTimer m_fetchDeadline;
};

} // namespace Switchboard
