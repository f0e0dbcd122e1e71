#pragma once
// The socket lab's saved packets: name, target, format and data, kept as JSON in the app data
// directory so they can be sent again with one click in a later session.

#include "payloadcodec.h"

#include <QAbstractListModel>
#include <QVector>

namespace Switchboard {

struct SavedPacket
{
    QString name;
    QString target; // "HOST:PORT" (may be empty: send to whatever is connected)
    QString mode;   // "tcp-client", "tcp-server", "udp"
    PayloadCodec::Format format = PayloadCodec::Format::Utf8;
    bool escapes = false;
    QString data;   // as typed (text, or hex digits)

    std::optional<QByteArray> bytes(QString *error = nullptr) const;
};

class SavedPackets : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit SavedPackets(QObject *parent = nullptr);

    // <AppDataLocation>/lab-packets.json
    static QString defaultPath();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    const QVector<SavedPacket> &packets() const { return m_packets; }
    SavedPacket at(int row) const { return m_packets.value(row); }
    // Adds or, when one with the same name exists, replaces it; returns its row.
    int add(const SavedPacket &packet);
    void remove(int row);

    // Reads the file (a missing file is an empty list); false with the reason when it is unreadable.
    bool load(const QString &path, QString *error = nullptr);
    // Writes atomically; false with the reason on failure.
    bool save(const QString &path, QString *error = nullptr) const;

private:
    QVector<SavedPacket> m_packets;
};

} // namespace Switchboard
