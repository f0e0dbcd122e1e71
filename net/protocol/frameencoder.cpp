#include "frameencoder.h"

#include <QJsonDocument>
#include <QtEndian>

namespace Switchboard {

QByteArray FrameEncoder::headerBytes(const QJsonObject &header)
{
    return QJsonDocument(header).toJson(QJsonDocument::Compact);
}

QByteArray FrameEncoder::assemble(const QByteArray &headerJson, const QByteArray &payload)
{
    QByteArray out;
    out.reserve(4 + headerJson.size() + payload.size());
    char prefix[4];
    qToBigEndian<quint32>(quint32(headerJson.size()), prefix);
    out.append(prefix, 4);
    out.append(headerJson);
    out.append(payload);
    return out;
}

QByteArray FrameEncoder::encode(QJsonObject header, const QByteArray &payload)
{
    if (!payload.isEmpty())
        header.insert(QLatin1String("size"), double(payload.size()));
    else
        header.remove(QLatin1String("size"));
    return assemble(headerBytes(header), payload);
}

QByteArray Frame::wireBytes() const
{
    return FrameEncoder::assemble(rawHeader.isEmpty() ? FrameEncoder::headerBytes(header) : rawHeader, payload);
}

} // namespace Switchboard
