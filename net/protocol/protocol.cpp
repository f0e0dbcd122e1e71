#include "protocol.h"

namespace Switchboard::Protocol {

QJsonObject makeError(const QString &code, const QString &message, const QJsonValue &requestId, bool fatal)
{
    QJsonObject o{{QStringLiteral("type"), Type::Error}, {QStringLiteral("code"), code},
                  {QStringLiteral("message"), message}};
    if (!requestId.isUndefined() && !requestId.isNull())
        o.insert(QStringLiteral("id"), requestId);
    if (fatal)
        o.insert(QStringLiteral("fatal"), true);
    return o;
}

QJsonObject makeReply(const QString &type, const Frame &request)
{
    QJsonObject o{{QStringLiteral("type"), type}};
    const QJsonValue id = request.header.value(QLatin1String("id"));
    if (!id.isUndefined())
        o.insert(QStringLiteral("id"), id);
    return o;
}

} // namespace Switchboard::Protocol
