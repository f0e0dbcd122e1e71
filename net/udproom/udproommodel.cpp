#include "udproommodel.h"

#include <QDateTime>

namespace Switchboard {

UdpRoomModel::UdpRoomModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int UdpRoomModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant UdpRoomModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TextRole: return r.text;
    case KindRole: return QVariant::fromValue(r.kind);
    case StateRole: return QVariant::fromValue(r.state);
    case SenderRole: return r.sender;
    case SenderIdRole: return r.senderId;
    case SeqRole: return r.seq;
    case TimestampRole: return QDateTime::fromMSecsSinceEpoch(r.timeMs).toLocalTime();
    default: return {};
    }
}

QHash<int, QByteArray> UdpRoomModel::roleNames() const
{
    return {{KindRole, "kind"},         {StateRole, "state"}, {SenderRole, "sender"}, {SenderIdRole, "senderId"},
            {SeqRole, "seq"},           {TimestampRole, "timestamp"}, {TextRole, "text"}};
}

QString UdpRoomModel::key(const QString &senderId, qint64 seq)
{
    return senderId + u':' + QString::number(seq);
}

int UdpRoomModel::rowOf(const QString &senderId, qint64 seq) const
{
    const auto it = m_serialOf.constFind(key(senderId, seq));
    return it == m_serialOf.cend() ? -1 : int(*it - m_firstSerial);
}

int UdpRoomModel::countIn(State state) const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += r.state == state && r.kind != Kind::Notice ? 1 : 0;
    return n;
}

void UdpRoomModel::append(const Row &row)
{
    if (m_rows.size() >= MaxRows) {
        // Drop the oldest tenth at once: one removal for many messages, not one per message.
        const int drop = MaxRows / 10;
        beginRemoveRows(QModelIndex(), 0, drop - 1);
        for (int i = 0; i < drop; ++i)
            if (m_rows.at(i).kind != Kind::Notice)
                m_serialOf.remove(key(m_rows.at(i).senderId, m_rows.at(i).seq));
        m_rows.remove(0, drop);
        m_firstSerial += drop;
        endRemoveRows();
    }
    const int at = int(m_rows.size());
    beginInsertRows(QModelIndex(), at, at);
    m_rows.append(row);
    if (row.kind != Kind::Notice)
        m_serialOf.insert(key(row.senderId, row.seq), m_firstSerial + at);
    endInsertRows();
}

void UdpRoomModel::appendMessage(const QString &senderId, const QString &sender, qint64 seq, qint64 timeMs,
                                 const QString &text, State state)
{
    append(Row{Kind::Message, state, senderId, sender, seq, timeMs, text});
}

void UdpRoomModel::appendGap(const QString &senderId, const QString &sender, qint64 seq)
{
    append(Row{Kind::Gap, State::Missing, senderId, sender, seq, QDateTime::currentMSecsSinceEpoch(), QString()});
}

void UdpRoomModel::appendNotice(const QString &text)
{
    append(Row{Kind::Notice, State::InOrder, QString(), QString(), 0, QDateTime::currentMSecsSinceEpoch(), text});
}

void UdpRoomModel::fillGap(int row, qint64 timeMs, const QString &text, State state)
{
    Row &r = m_rows[row];
    r.kind = Kind::Message;
    r.state = state;
    r.timeMs = timeMs;
    r.text = text;
    emit dataChanged(index(row), index(row));
}

void UdpRoomModel::setState(int row, State state)
{
    m_rows[row].state = state;
    emit dataChanged(index(row), index(row), {StateRole});
}

} // namespace Switchboard
