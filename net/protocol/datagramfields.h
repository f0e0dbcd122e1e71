#pragma once
// Member checks shared by the UDP datagram decoders (discovery, UDP rooms): anyone on the LAN can
// send these, so every member is checked for type, range and content before it is used.

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <optional>

namespace Switchboard::DatagramFields {

// A JSON number that is an integer within [min, max].
bool isInteger(const QJsonValue &v, double min, double max);
// A string of at most maxChars, free of control characters, which a hostile datagram could use to
// garble a list or a log line (and a NUL does not survive re-encoding: a fuzz finding).
bool isShortString(const QJsonValue &v, int maxChars, bool allowEmpty);

// The JSON object of a datagram whose "magic" and "v" are these; nothing for anything else
// (empty, over maxBytes, not a JSON object).
std::optional<QJsonObject> objectOf(const QByteArray &bytes, int maxBytes, QLatin1String magic, int version);

} // namespace Switchboard::DatagramFields
