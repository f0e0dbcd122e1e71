#include "savedpackets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace Switchboard {

std::optional<QByteArray> SavedPacket::bytes(QString *error) const
{
    return PayloadCodec::encode(data, format, escapes, error);
}

SavedPackets::SavedPackets(QObject *parent)
    : QAbstractListModel(parent)
{
}

QString SavedPackets::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/lab-packets.json");
}

int SavedPackets::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_packets.size());
}

QVariant SavedPackets::data(const QModelIndex &index, int role) const
{
    if (index.parent().isValid() || index.row() < 0 || index.row() >= m_packets.size())
        return {};
    const SavedPacket &p = m_packets.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return p.target.isEmpty() ? p.name : tr("%1 → %2").arg(p.name, p.target);
    case Qt::ToolTipRole:
        return tr("%1 (%2): %3").arg(p.name, PayloadCodec::formatName(p.format), p.data);
    case Qt::EditRole:
        return p.name;
    default:
        return {};
    }
}

int SavedPackets::add(const SavedPacket &packet)
{
    for (int i = 0; i < m_packets.size(); ++i) {
        if (m_packets.at(i).name == packet.name) {
            m_packets[i] = packet;
            emit dataChanged(index(i), index(i));
            return i;
        }
    }
    const int row = int(m_packets.size());
    beginInsertRows({}, row, row);
    m_packets.append(packet);
    endInsertRows();
    return row;
}

void SavedPackets::remove(int row)
{
    if (row < 0 || row >= m_packets.size())
        return;
    beginRemoveRows({}, row, row);
    m_packets.removeAt(row);
    endRemoveRows();
}

bool SavedPackets::load(const QString &path, QString *error)
{
    QFile file(path);
    QVector<SavedPacket> packets;
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = file.errorString();
            return false;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (!doc.isObject()) {
            if (error)
                *error = tr("%1 is not a saved-packets file: %2").arg(path, parseError.errorString());
            return false;
        }
        for (const QJsonValue &v : doc.object().value(QStringLiteral("packets")).toArray()) {
            const QJsonObject o = v.toObject();
            SavedPacket p;
            p.name = o.value(QStringLiteral("name")).toString();
            p.target = o.value(QStringLiteral("target")).toString();
            p.mode = o.value(QStringLiteral("mode")).toString();
            p.format = PayloadCodec::formatFromName(o.value(QStringLiteral("encoding")).toString())
                           .value_or(PayloadCodec::Format::Utf8);
            p.escapes = o.value(QStringLiteral("escapes")).toBool();
            p.data = o.value(QStringLiteral("data")).toString();
            if (!p.name.isEmpty())
                packets.append(p);
        }
    }
    beginResetModel();
    m_packets = packets;
    endResetModel();
    return true;
}

bool SavedPackets::save(const QString &path, QString *error) const
{
    QJsonArray array;
    for (const SavedPacket &p : m_packets)
        array.append(QJsonObject{{QStringLiteral("name"), p.name},
                                 {QStringLiteral("target"), p.target},
                                 {QStringLiteral("mode"), p.mode},
                                 {QStringLiteral("encoding"), PayloadCodec::formatName(p.format)},
                                 {QStringLiteral("escapes"), p.escapes},
                                 {QStringLiteral("data"), p.data}});
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("packets"), array}})
                   .toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace Switchboard
