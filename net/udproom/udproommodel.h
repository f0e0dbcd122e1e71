#pragma once
// The rows of one UDP room (docs/PROTOCOL.md section 13), oldest first, with what the sequence
// numbers told about each: in order, late (reordered), missing (a gap), asked for again, lost,
// recovered by a resend. UdpRoom fills it; widgets and the CLI only read it.

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace Switchboard {

class UdpRoomModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class Kind {
        Message, // a message, sent or received
        Gap,     // a sequence number not received (yet): a placeholder in its place
        Notice,  // a local line: joins, leaves, messages missed beyond the gap limit
    };
    Q_ENUM(Kind)
    enum class State {
        InOrder,   // received in sequence
        Own,       // sent from here
        Late,      // arrived after a later message of its sender (reordered)
        Missing,   // Gap: not received, not asked for yet
        Asked,     // Gap: the sender was asked to send it again
        Lost,      // Gap: asked, no answer came
        Recovered, // arrived after it was asked for
    };
    Q_ENUM(State)
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind
        StateRole,     // State
        SenderRole,    // QString: display name
        SenderIdRole,  // QString: the sender id
        SeqRole,       // qint64: the sender's sequence number (0 for notices)
        TimestampRole, // QDateTime (local): the sender's send time; for gaps and notices, when noticed
        TextRole,      // QString: the text (messages, notices)
    };
    Q_ENUM(Role)
    static constexpr int MaxRows = 5000;

    explicit UdpRoomModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    // DisplayRole: the text (messages, notices), empty for gaps; the view words the rest.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // -1 when the model has no row for that message (any more).
    int rowOf(const QString &senderId, qint64 seq) const;
    State state(int row) const { return m_rows.at(row).state; }
    Kind kind(int row) const { return m_rows.at(row).kind; }
    int countIn(State state) const;

    void appendMessage(const QString &senderId, const QString &sender, qint64 seq, qint64 timeMs, const QString &text,
                       State state);
    void appendGap(const QString &senderId, const QString &sender, qint64 seq);
    void appendNotice(const QString &text);
    // A gap's placeholder becomes the message that arrived (Late or Recovered).
    void fillGap(int row, qint64 timeMs, const QString &text, State state);
    void setState(int row, State state);

private:
    struct Row
    {
        Kind kind = Kind::Message;
        State state = State::InOrder;
        QString senderId;
        QString sender;
        qint64 seq = 0;
        qint64 timeMs = 0;
        QString text;
    };
    void append(const Row &row);
    static QString key(const QString &senderId, qint64 seq);

    QList<Row> m_rows;
    QHash<QString, qint64> m_serialOf; // "id:seq" -> serial; row = serial - m_firstSerial
    qint64 m_firstSerial = 0;
};

} // namespace Switchboard
