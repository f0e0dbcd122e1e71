#include "messagelistmodel.h"

#include "net/protocol/messages.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace Switchboard {

namespace {
qint64 localDay(qint64 timestampMs)
{
    return QDateTime::fromMSecsSinceEpoch(timestampMs, Qt::LocalTime).date().toJulianDay();
}
} // namespace

MessageListModel::MessageListModel(const QString &me, QObject *parent)
    : QAbstractListModel(parent)
    , m_me(me)
{
}

void MessageListModel::setMe(const QString &me)
{
    if (me == m_me)
        return;
    m_me = me;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {IsOwnRole});
}

void MessageListModel::setMaxRows(int rows)
{
    m_maxRows = qMax(10, rows);
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool MessageListModel::headerAt(int row) const
{
    return row == 0 || m_rows.at(row).day != m_rows.at(row - 1).day;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return QVariant();
    const Entry &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return e.text;
    case KindRole:
        return QVariant::fromValue(e.kind);
    case SenderRole:
        return e.sender;
    case TimestampRole:
        return QDateTime::fromMSecsSinceEpoch(e.timestampMs, Qt::LocalTime);
    case IsOwnRole:
        return e.kind == Kind::Pending || e.kind == Kind::Rejected || (e.kind == Kind::Message && e.sender == m_me);
    case MessageIdRole:
        return e.messageId;
    case LocalIdRole:
        return e.localId;
    case FileRole:
        return e.file.isValid() ? QVariant::fromValue(e.file) : QVariant();
    case ShowDayHeaderRole:
        return headerAt(index.row());
    case DayTextRole:
        return QLocale().toString(QDate::fromJulianDay(e.day), QLocale::LongFormat);
    case ReasonRole:
        return e.reason;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{KindRole, "kind"}, {SenderRole, "sender"}, {TextRole, "text"}, {TimestampRole, "timestamp"},
                  {IsOwnRole, "isOwn"}, {MessageIdRole, "messageId"}, {LocalIdRole, "localId"}, {FileRole, "file"},
                  {ShowDayHeaderRole, "showDayHeader"}, {DayTextRole, "dayText"}, {ReasonRole, "reason"}});
    return names;
}

qint64 MessageListModel::oldestMessageId() const
{
    for (const Entry &e : m_rows)
        if (e.kind == Kind::Message && e.messageId > 0)
            return e.messageId;
    return 0;
}

qint64 MessageListModel::newestMessageId() const
{
    // Rows are in id order except lines of ours that were acknowledged in place: take the largest.
    qint64 newest = 0;
    for (const qint64 id : m_ids)
        newest = qMax(newest, id);
    return newest;
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_historyExhausted || m_messageCount == 0)
        return false;
    // One page at a time; a page that never comes (offline, lost) does not block for ever.
    return m_fetchingBefore < 0 || m_fetchDeadline.hasExpired();
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetchingBefore = oldestMessageId();
    m_fetchDeadline.setRemainingTime(10000);
    emit historyWanted(m_fetchingBefore);
}

MessageListModel::Entry MessageListModel::fromMessage(const ChatMessage &m) const
{
    Entry e;
    e.kind = Kind::Message;
    e.messageId = m.id;
    e.timestampMs = m.timestampMs;
    e.day = localDay(m.timestampMs);
    e.sender = m.sender;
    e.text = m.text;
    e.file = m.file;
    return e;
}

MessageListModel::Entry MessageListModel::localEntry(Kind kind, qint64 localId, const QString &text) const
{
    Entry e;
    e.kind = kind;
    e.localId = localId;
    e.timestampMs = QDateTime::currentMSecsSinceEpoch();
    e.day = localDay(e.timestampMs);
    e.sender = kind == Kind::Notice ? QString() : m_me;
    e.text = text;
    return e;
}

void MessageListModel::append(Entry e)
{
    if (e.kind == Kind::Message) {
        if (e.messageId != 0 && m_ids.contains(e.messageId))
            return; // already shown: history and live delivery overlap
        m_ids.insert(e.messageId);
        ++m_messageCount;
    }
    e.seq = m_nextSeq++;
    if (e.kind == Kind::Pending)
        m_pendingSeq.insert(e.localId, e.seq);
    const int row = int(m_rows.size());
    beginInsertRows(QModelIndex(), row, row);
    m_rows.append(std::move(e));
    endInsertRows();
    trim();
}

void MessageListModel::appendMessage(const ChatMessage &message)
{
    append(fromMessage(message));
}

void MessageListModel::appendNotice(const QString &text)
{
    append(localEntry(Kind::Notice, 0, text));
}

void MessageListModel::appendPending(qint64 localId, const QString &text)
{
    append(localEntry(Kind::Pending, localId, text));
}

// Inserts entries (messages not yet present) at row as one block.
void MessageListModel::insertBlock(int row, const QList<Entry> &entries)
{
    if (entries.isEmpty())
        return;
    const int n = int(entries.size());
    beginInsertRows(QModelIndex(), row, row + n - 1);
    if (row == 0 && !m_rows.isEmpty()) {
        for (int i = n - 1; i >= 0; --i) {
            m_rows.prepend(entries.at(i));
            m_rows.first().seq = --m_firstSeq;
        }
    } else if (row == m_rows.size()) {
        for (const Entry &e : entries) {
            m_rows.append(e);
            m_rows.last().seq = m_nextSeq++;
        }
    } else {
        for (int i = 0; i < n; ++i)
            m_rows.insert(row + i, entries.at(i));
        renumber(); // rare: a gap filled in the middle
    }
    for (const Entry &e : entries) {
        m_ids.insert(e.messageId);
        ++m_messageCount;
    }
    endInsertRows();
    headerMayHaveChanged(row + n);
}

void MessageListModel::mergeHistory(const QList<ChatMessage> &messages)
{
    merge(messages);
}

// Returns how many rows went on top (older than everything shown). Paged-in rows may take
// the window past maxRows until the next append trims it: paging follows the user's scrolling.
int MessageListModel::merge(const QList<ChatMessage> &messages)
{
    QList<ChatMessage> sorted = messages;
    std::sort(sorted.begin(), sorted.end(), [](const ChatMessage &a, const ChatMessage &b) { return a.id < b.id; });
    const qint64 oldest = oldestMessageId();
    qint64 newest = 0;
    for (auto it = m_rows.crbegin(); it != m_rows.crend() && newest == 0; ++it)
        if (it->kind == Kind::Message)
            newest = it->messageId;

    QList<Entry> older, newer, between;
    QSet<qint64> seen;
    for (const ChatMessage &m : std::as_const(sorted)) {
        if (m.id <= 0 || m_ids.contains(m.id) || seen.contains(m.id))
            continue;
        seen.insert(m.id);
        if (oldest == 0 || m.id > newest)
            newer.append(fromMessage(m));
        else if (m.id < oldest)
            older.append(fromMessage(m));
        else
            between.append(fromMessage(m));
    }
    insertBlock(0, older);
    // Replayed messages go above the lines still waiting to be sent.
    int end = int(m_rows.size());
    while (end > 0 && (m_rows.at(end - 1).kind == Kind::Pending || m_rows.at(end - 1).kind == Kind::Rejected))
        --end;
    insertBlock(end, newer);
    // A gap in what we had (rare): each goes after the last message with a smaller id.
    for (const Entry &e : std::as_const(between)) {
        int row = int(m_rows.size());
        while (row > 0 && !(m_rows.at(row - 1).kind == Kind::Message && m_rows.at(row - 1).messageId < e.messageId))
            --row;
        insertBlock(row, {e});
    }
    return int(older.size());
}

void MessageListModel::prependHistory(const QList<ChatMessage> &messages)
{
    const bool asked = m_fetchingBefore >= 0;
    m_fetchingBefore = -1;
    if (merge(messages) == 0 && asked)
        m_historyExhausted = true; // the server has nothing older
}

int MessageListModel::findPending(qint64 localId) const
{
    const auto seq = m_pendingSeq.constFind(localId);
    if (seq == m_pendingSeq.cend())
        return -1;
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), *seq,
                                     [](const Entry &e, qint64 s) { return e.seq < s; });
    return it != m_rows.cend() && it->seq == *seq ? int(it - m_rows.cbegin()) : -1;
}

void MessageListModel::renumber()
{
    m_pendingSeq.clear();
    for (int row = 0; row < m_rows.size(); ++row) {
        m_rows[row].seq = row;
        if (m_rows.at(row).kind == Kind::Pending)
            m_pendingSeq.insert(m_rows.at(row).localId, row);
    }
    m_firstSeq = 0;
    m_nextSeq = m_rows.size();
}

// Bookkeeping for a row that leaves the model.
void MessageListModel::forget(const Entry &e)
{
    if (e.kind == Kind::Message) {
        m_ids.remove(e.messageId);
        --m_messageCount;
    } else if (e.kind == Kind::Pending) {
        m_pendingSeq.remove(e.localId);
    }
}

void MessageListModel::removeRow(int row)
{
    beginRemoveRows(QModelIndex(), row, row);
    forget(m_rows.takeAt(row));
    endRemoveRows();
    headerMayHaveChanged(row);
}

void MessageListModel::markSent(qint64 localId, qint64 messageId)
{
    const int row = findPending(localId);
    if (row < 0)
        return;
    m_pendingSeq.remove(localId);
    if (m_ids.contains(messageId)) {
        removeRow(row); // the message itself arrived first
        return;
    }
    Entry &e = m_rows[row];
    e.kind = Kind::Message;
    e.messageId = messageId;
    m_ids.insert(messageId);
    ++m_messageCount;
    emit dataChanged(index(row), index(row));
}

void MessageListModel::markRejected(qint64 localId, const QString &reason)
{
    const int row = findPending(localId);
    if (row < 0)
        return;
    m_pendingSeq.remove(localId);
    m_rows[row].kind = Kind::Rejected;
    m_rows[row].reason = reason;
    emit dataChanged(index(row), index(row));
}

void MessageListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_ids.clear();
    m_pendingSeq.clear();
    m_firstSeq = m_nextSeq = 0;
    m_messageCount = 0;
    m_historyExhausted = false;
    m_fetchingBefore = -1;
    endResetModel();
}

// Keeps memory bounded: past maxRows, drops the oldest tenth of the window at once, so the
// cost per appended row stays constant and views see few removals.
void MessageListModel::trim()
{
    if (m_rows.size() <= m_maxRows)
        return;
    const int drop = int(m_rows.size()) - m_maxRows + m_maxRows / 10;
    beginRemoveRows(QModelIndex(), 0, drop - 1);
    for (int i = 0; i < drop; ++i)
        forget(m_rows.at(i));
    m_rows.remove(0, drop);
    endRemoveRows();
    m_historyExhausted = false; // what we dropped can be paged in again
    headerMayHaveChanged(0);
}

void MessageListModel::headerMayHaveChanged(int row)
{
    if (row >= 0 && row < m_rows.size())
        emit dataChanged(index(row), index(row), {ShowDayHeaderRole});
}

} // namespace Switchboard
