// libFuzzer target for the typed protocol messages (built with clang++ -fsanitize=fuzzer,address,undefined;
// see CMakeLists.txt).
//
// Input: the bytes of a frame header as a peer sends them. If they parse as a JSON object, every
// message type's fromJson() gets it, whatever its "type" (a decoder must cope with any object).
// Round-trip property for each decode that succeeds:
//   m = fromJson(h);  j = m.toJson();  fromJson(j) succeeds and its toJson() equals j,
// and j carries the message's wire type. A failed decode names a reason.
#include "net/protocol/messages.h"
#include "fuzzcheck.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Switchboard;
using namespace Switchboard::Protocol;

namespace {

[[noreturn]] void violated(const char *type, const char *what, const QJsonObject &a = {}, const QJsonObject &b = {})
{
    std::fprintf(stderr, "invariant violated for %s: %s\n  first:  %s\n  second: %s\n", type, what,
                 QJsonDocument(a).toJson(QJsonDocument::Compact).constData(),
                 QJsonDocument(b).toJson(QJsonDocument::Compact).constData());
    std::abort();
}

template <class T>
void roundTrip(const QJsonObject &header)
{
    const char *type = T::Type.data();
    const Decoded<T> first = T::fromJson(header);
    if (!first) {
        if (first.error().toString().isEmpty())
            violated(type, "a failed decode gives no reason", header);
        return;
    }
    const QJsonObject encoded = first->toJson();
    if (typeOf(encoded) != QLatin1String(T::Type))
        violated(type, "toJson() does not write the wire type", header, encoded);
    const Decoded<T> second = T::fromJson(encoded);
    if (!second) {
        std::fprintf(stderr, "re-decode error: %s\n", qPrintable(second.error().toString()));
        violated(type, "a re-encoded message does not decode", header, encoded);
    }
    const QJsonObject again = second->toJson();
    if (again != encoded)
        violated(type, "decode(encode(m)) differs from m", encoded, again);
}

// ChatMessage and FileInfo sit outside Protocol; FileInfo has its own operator== to check as well.
void fileInfoRoundTrip(const QJsonObject &o)
{
    const Decoded<FileInfo> first = FileInfo::fromJson(o);
    if (!first)
        return;
    const Decoded<FileInfo> second = FileInfo::fromJson(first->toJson());
    if (!second)
        violated("FileInfo", "a re-encoded file does not decode", o, first->toJson());
    if (!(second.value() == first.value()) || second->toJson() != first->toJson())
        violated("FileInfo", "decode(encode(f)) differs from f", first->toJson(), second->toJson());
}

template <class... T>
void all(const QJsonObject &header)
{
    (roundTrip<T>(header), ...);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    const QJsonObject h = doc.object();
    // Cheap accessors every frame goes through first.
    (void)typeOf(h);
    if (idOf(h) < 0)
        violated("idOf", "negative request id", h);

    fileInfoRoundTrip(h);
    all<ChatMessage, Hello, HelloReply, Error, Ping, Pong, Register, Registered, AuthStart, AuthChallenge, AuthFinish,
        AuthOk, RoomJoin, RoomJoined, RoomLeave, RoomLeft, RoomList, Rooms, HistoryRequest, History, ChatSend, ChatAck,
        Presence, UploadOffer, UploadAccept, UploadChunk, UploadAck, UploadEnd, UploadDone, UploadCancel,
        UploadCancelled, DownloadRequest, DownloadBegin, DownloadChunk, DownloadAck, DownloadEnd, DownloadCancel,
        DownloadCancelled, RoomCreate, RoomInvite, RoomRemove, RoomOwner, RoomMembersRequest, RoomMembers,
        RoomInvited, RoomRemoved>(h);
    return 0;
}
