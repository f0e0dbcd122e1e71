#include "messages.h"

#include <cmath>

namespace Switchboard {

namespace Protocol {

namespace {

constexpr double MaxExactInteger = 9007199254740992.0; // 2^53: JSON numbers are doubles

enum Need { Required, Optional };

// Reads members of one header, remembering the first problem. Every read leaves its output
// untouched when the member is absent and optional.
class Reader
{
public:
    explicit Reader(const QJsonObject &o) : m_o(o) {}
    Reader(QJsonObject &&) = delete; // holds a reference: never to a temporary

    bool has(const char *key) const { return m_o.contains(QLatin1String(key)); }
    const DecodeError &error() const { return m_error; }
    bool failed() const { return m_failed; }

    void fail(const char *key, const QString &message)
    {
        if (m_failed)
            return;
        m_failed = true;
        m_error = DecodeError{QString::fromLatin1(key), message};
    }

    // Absent: false and, when required, an error.
    bool present(const char *key, Need need)
    {
        if (has(key))
            return true;
        if (need == Required)
            fail(key, QStringLiteral("missing"));
        return false;
    }

    void string(const char *key, QString *out, Need need = Required)
    {
        if (!present(key, need))
            return;
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isString())
            return fail(key, QStringLiteral("must be a string"));
        *out = v.toString();
    }

    void integer(const char *key, qint64 *out, Need need = Required, qint64 min = 0, qint64 max = qint64(MaxExactInteger))
    {
        if (!present(key, need))
            return;
        const QJsonValue v = m_o.value(QLatin1String(key));
        const double d = v.toDouble();
        if (!v.isDouble() || std::floor(d) != d || std::fabs(d) > MaxExactInteger)
            return fail(key, QStringLiteral("must be an integer"));
        if (d < double(min) || d > double(max))
            return fail(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        *out = qint64(d);
    }

    void integer(const char *key, int *out, Need need = Required, int min = 0, int max = INT_MAX)
    {
        qint64 v = *out;
        integer(key, &v, need, min, max);
        *out = int(v);
    }

    void boolean(const char *key, bool *out, Need need = Optional)
    {
        if (!present(key, need))
            return;
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isBool())
            return fail(key, QStringLiteral("must be true or false"));
        *out = v.toBool();
    }

    void strings(const char *key, QStringList *out, Need need = Required)
    {
        QJsonArray a;
        if (!array(key, &a, need))
            return;
        QStringList list;
        list.reserve(a.size());
        for (const QJsonValue &v : std::as_const(a)) {
            if (!v.isString())
                return fail(key, QStringLiteral("must be an array of strings"));
            list.append(v.toString());
        }
        *out = list;
    }

    bool array(const char *key, QJsonArray *out, Need need = Required)
    {
        if (!present(key, need))
            return false;
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isArray()) {
            fail(key, QStringLiteral("must be an array"));
            return false;
        }
        *out = v.toArray();
        return true;
    }

    bool object(const char *key, QJsonObject *out, Need need = Required)
    {
        if (!present(key, need))
            return false;
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (!v.isObject()) {
            fail(key, QStringLiteral("must be an object"));
            return false;
        }
        *out = v.toObject();
        return true;
    }

    // Standard base64 with padding (RFC 4648 section 4).
    void base64(const char *key, QByteArray *out, Need need = Required)
    {
        QString s;
        string(key, &s, need);
        if (m_failed || s.isNull())
            return;
        const auto r = QByteArray::fromBase64Encoding(s.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!r)
            return fail(key, QStringLiteral("must be base64"));
        *out = r.decoded;
    }

    // The request id: optional, a positive integer.
    void id(qint64 *out) { integer("id", out, Optional, 1); }

    // A list of chat messages (history, room.joined).
    void messages(const char *key, QList<ChatMessage> *out, Need need = Required)
    {
        QJsonArray a;
        if (!array(key, &a, need))
            return;
        QList<ChatMessage> list;
        list.reserve(a.size());
        for (const QJsonValue &v : std::as_const(a)) {
            if (!v.isObject())
                return fail(key, QStringLiteral("must be an array of messages"));
            Decoded<ChatMessage> m = ChatMessage::fromJson(v.toObject());
            if (!m)
                return fail(key, m.error().toString());
            list.append(m.value());
        }
        *out = list;
    }

    // Exactly one of two string members (e.g. "room" / "to").
    void oneOf(const char *a, QString *outA, const char *b, QString *outB)
    {
        if (has(a) == has(b))
            return fail(a, QStringLiteral("exactly one of \"%1\" and \"%2\" is required")
                               .arg(QLatin1String(a), QLatin1String(b)));
        string(a, outA, Optional);
        string(b, outB, Optional);
        // The one present must say something: an empty target would not survive re-encoding.
        if (!m_failed && (has(a) ? outA : outB)->isEmpty())
            fail(has(a) ? a : b, QStringLiteral("must not be empty"));
    }

    template <class T>
    Decoded<T> finish(T &&value) const
    {
        if (m_failed)
            return m_error;
        return Decoded<T>(std::forward<T>(value));
    }

private:
    const QJsonObject &m_o;
    bool m_failed = false;
    DecodeError m_error;
};

QJsonObject header(QLatin1String type, qint64 id = 0)
{
    QJsonObject o{{QStringLiteral("type"), QString(type)}};
    if (id > 0)
        o.insert(QStringLiteral("id"), double(id));
    return o;
}

void putInt(QJsonObject &o, const char *key, qint64 v)
{
    o.insert(QLatin1String(key), double(v));
}

void putIfSet(QJsonObject &o, const char *key, const QString &v)
{
    if (!v.isEmpty())
        o.insert(QLatin1String(key), v);
}

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

QJsonArray toArray(const QList<ChatMessage> &messages)
{
    QJsonArray a;
    for (const ChatMessage &m : messages)
        a.append(m.toJson());
    return a;
}

} // namespace

QString typeOf(const QJsonObject &h)
{
    return h.value(QLatin1String("type")).toString();
}

qint64 idOf(const QJsonObject &h)
{
    const QJsonValue v = h.value(QLatin1String("id"));
    const double d = v.toDouble();
    if (!v.isDouble() || d < 1 || std::floor(d) != d || d > MaxExactInteger)
        return 0;
    return qint64(d);
}

} // namespace Protocol

using namespace Protocol;

// ---------------------------------------------------------------------------------------------

bool FileInfo::operator==(const FileInfo &o) const
{
    return id == o.id && owner == o.owner && name == o.name && size == o.size && hash == o.hash && room == o.room
        && toUser == o.toUser && created == o.created;
}

QJsonObject FileInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("file"), double(id)},
                  {QStringLiteral("name"), name},
                  {QStringLiteral("fileSize"), double(size)},
                  {QStringLiteral("hash"), hash},
                  {QStringLiteral("owner"), owner},
                  {QStringLiteral("created"), created.toUTC().toString(Qt::ISODateWithMs)}};
    putIfSet(o, "room", room);
    putIfSet(o, "to", toUser);
    return o;
}

Decoded<FileInfo> FileInfo::fromJson(const QJsonObject &h)
{
    Reader r(h);
    FileInfo f;
    r.integer("file", &f.id, Required, 1);
    r.string("name", &f.name);
    r.integer("fileSize", &f.size);
    r.string("hash", &f.hash);
    r.string("owner", &f.owner);
    QString created;
    r.string("created", &created);
    r.string("room", &f.room, Optional);
    r.string("to", &f.toUser, Optional);
    if (!r.failed()) {
        f.created = QDateTime::fromString(created, Qt::ISODateWithMs);
        if (!f.created.isValid())
            r.fail("created", QStringLiteral("must be an ISO 8601 date"));
    }
    return r.finish(std::move(f));
}

QJsonObject ChatMessage::toJson() const
{
    QJsonObject o = header(Type);
    putInt(o, "msg", id);
    putInt(o, "ts", timestampMs);
    o.insert(QStringLiteral("from"), sender);
    o.insert(QStringLiteral("text"), text);
    if (!room.isEmpty())
        o.insert(QStringLiteral("room"), room);
    else
        o.insert(QStringLiteral("to"), recipient);
    if (file.isValid())
        o.insert(QStringLiteral("file"), file.toJson());
    return o;
}

Decoded<ChatMessage> ChatMessage::fromJson(const QJsonObject &h)
{
    Reader r(h);
    ChatMessage m;
    r.integer("msg", &m.id);
    r.integer("ts", &m.timestampMs);
    r.string("from", &m.sender);
    r.string("text", &m.text);
    r.oneOf("room", &m.room, "to", &m.recipient);
    QJsonObject file;
    if (r.object("file", &file, Optional)) {
        Decoded<FileInfo> f = FileInfo::fromJson(file);
        if (!f)
            r.fail("file", f.error().toString());
        else
            m.file = f.value();
    }
    return r.finish(std::move(m));
}

namespace Protocol {

// ---------------------------------------------------------------------------------------------
// Set-up, errors, keepalive

QJsonObject Hello::toJson() const
{
    QJsonObject o = header(Type, id);
    QJsonArray v;
    for (int x : versions)
        v.append(x);
    o.insert(QStringLiteral("versions"), v);
    putIfSet(o, "client", client);
    if (maxHeader > 0)
        putInt(o, "maxHeader", maxHeader);
    return o;
}

Decoded<Hello> Hello::fromJson(const QJsonObject &h)
{
    Reader r(h);
    Hello m;
    r.id(&m.id);
    QJsonArray versions;
    if (r.array("versions", &versions)) {
        // Entries this side does not understand are skipped: negotiation picks from the rest.
        for (const QJsonValue &v : std::as_const(versions)) {
            const double d = v.toDouble();
            if (v.isDouble() && std::floor(d) == d && d >= 0 && d <= INT_MAX)
                m.versions.append(int(d));
        }
    }
    r.string("client", &m.client, Optional);
    r.integer("maxHeader", &m.maxHeader, Optional, 1);
    return r.finish(std::move(m));
}

QJsonObject HelloReply::toJson() const
{
    QJsonObject o = header(Type, id);
    o.insert(QStringLiteral("version"), version);
    o.insert(QStringLiteral("server"), server);
    o.insert(QStringLiteral("auth"), toArray(auth));
    o.insert(QStringLiteral("register"), registration);
    QJsonObject l;
    putInt(l, "maxHeader", limits.maxHeader);
    putInt(l, "maxPayload", limits.maxPayload);
    putInt(l, "maxText", limits.maxText);
    putInt(l, "idleTimeout", limits.idleTimeout);
    o.insert(QStringLiteral("limits"), l);
    if (transfer) {
        QJsonObject t{{QStringLiteral("hash"), transfer->hash}};
        putInt(t, "maxFileSize", transfer->maxFileSize);
        putInt(t, "quota", transfer->quota);
        putInt(t, "chunk", transfer->chunk);
        if (transfer->hashAtEnd)
            t.insert(QStringLiteral("hashAtEnd"), true);
        o.insert(QStringLiteral("transfer"), t);
    }
    return o;
}

Decoded<HelloReply> HelloReply::fromJson(const QJsonObject &h)
{
    Reader r(h);
    HelloReply m;
    r.id(&m.id);
    r.integer("version", &m.version);
    r.string("server", &m.server, Optional);
    r.strings("auth", &m.auth, Optional);
    r.boolean("register", &m.registration);
    QJsonObject limits;
    if (r.object("limits", &limits, Optional)) {
        Reader l(limits);
        l.integer("maxHeader", &m.limits.maxHeader, Optional);
        l.integer("maxPayload", &m.limits.maxPayload, Optional);
        l.integer("maxText", &m.limits.maxText, Optional);
        l.integer("idleTimeout", &m.limits.idleTimeout, Optional);
        if (l.failed())
            r.fail("limits", l.error().toString());
    }
    QJsonObject transfer;
    if (r.object("transfer", &transfer, Optional)) {
        Reader t(transfer);
        TransferSettings s;
        t.string("hash", &s.hash, Optional);
        t.integer("maxFileSize", &s.maxFileSize, Optional);
        t.integer("quota", &s.quota, Optional);
        t.integer("chunk", &s.chunk, Optional);
        t.boolean("hashAtEnd", &s.hashAtEnd);
        if (t.failed())
            r.fail("transfer", t.error().toString());
        m.transfer = s;
    }
    return r.finish(std::move(m));
}

Error Error::make(ErrorCode code, const QString &message, qint64 id, bool fatal)
{
    Error e;
    e.id = id;
    e.code = code;
    e.codeString = toWire(code);
    e.message = message;
    e.fatal = fatal;
    return e;
}

QJsonObject Error::toJson() const
{
    QJsonObject o = header(Type, id);
    o.insert(QStringLiteral("code"), codeString.isEmpty() ? toWire(code) : codeString);
    o.insert(QStringLiteral("message"), message);
    if (fatal)
        o.insert(QStringLiteral("fatal"), true);
    if (retryAfter >= 0)
        putInt(o, "retryAfter", retryAfter);
    if (upload > 0)
        putInt(o, "upload", upload);
    if (download > 0)
        putInt(o, "download", download);
    return o;
}

Decoded<Error> Error::fromJson(const QJsonObject &h)
{
    Reader r(h);
    Error m;
    r.id(&m.id);
    r.string("code", &m.codeString);
    r.string("message", &m.message, Optional);
    r.boolean("fatal", &m.fatal);
    r.integer("retryAfter", &m.retryAfter, Optional);
    r.integer("upload", &m.upload, Optional);
    r.integer("download", &m.download, Optional);
    m.code = errorCodeFromWire(m.codeString);
    return r.finish(std::move(m));
}

QJsonObject Ping::toJson() const
{
    QJsonObject o = header(Type, id);
    if (!t.isUndefined() && !t.isNull())
        o.insert(QStringLiteral("t"), t);
    return o;
}

Decoded<Ping> Ping::fromJson(const QJsonObject &h)
{
    Reader r(h);
    Ping m;
    r.id(&m.id);
    m.t = h.value(QLatin1String("t"));
    return r.finish(std::move(m));
}

QJsonObject Pong::toJson() const
{
    QJsonObject o = header(Type, id);
    if (!t.isUndefined() && !t.isNull())
        o.insert(QStringLiteral("t"), t);
    return o;
}

Decoded<Pong> Pong::fromJson(const QJsonObject &h)
{
    Reader r(h);
    Pong m;
    r.id(&m.id);
    m.t = h.value(QLatin1String("t"));
    return r.finish(std::move(m));
}

// ---------------------------------------------------------------------------------------------
// Accounts

QJsonObject Register::toJson() const
{
    QJsonObject o = header(Type, id);
    o.insert(QStringLiteral("user"), user);
    o.insert(QStringLiteral("scheme"), scheme);
    o.insert(QStringLiteral("salt"), QString::fromLatin1(salt.toBase64()));
    o.insert(QStringLiteral("iterations"), iterations);
    o.insert(QStringLiteral("storedKey"), QString::fromLatin1(storedKey.toBase64()));
    o.insert(QStringLiteral("serverKey"), QString::fromLatin1(serverKey.toBase64()));
    return o;
}

Decoded<Register> Register::fromJson(const QJsonObject &h)
{
    Reader r(h);
    Register m;
    r.id(&m.id);
    r.string("user", &m.user);
    r.integer("scheme", &m.scheme);
    r.base64("salt", &m.salt);
    r.integer("iterations", &m.iterations);
    r.base64("storedKey", &m.storedKey);
    r.base64("serverKey", &m.serverKey);
    return r.finish(std::move(m));
}

QJsonObject Registered::toJson() const
{
    QJsonObject o = header(Type, id);
    o.insert(QStringLiteral("user"), user);
    return o;
}

Decoded<Registered> Registered::fromJson(const QJsonObject &h)
{
    Reader r(h);
    Registered m;
    r.id(&m.id);
    r.string("user", &m.user);
    return r.finish(std::move(m));
}

QJsonObject AuthStart::toJson() const
{
    QJsonObject o = header(Type, id);
    o.insert(QStringLiteral("mechanism"), mechanism);
    o.insert(QStringLiteral("data"), data);
    putIfSet(o, "deviceToken", deviceToken);
    return o;
}

Decoded<AuthStart> AuthStart::fromJson(const QJsonObject &h)
{
    Reader r(h);
    AuthStart m;
    r.id(&m.id);
    r.string("mechanism", &m.mechanism);
    r.string("data", &m.data);
    r.string("deviceToken", &m.deviceToken, Optional);
    return r.finish(std::move(m));
}

QJsonObject AuthChallenge::toJson() const
{
    QJsonObject o = header(Type, id);
    o.insert(QStringLiteral("data"), data);
    return o;
}

Decoded<AuthChallenge> AuthChallenge::fromJson(const QJsonObject &h)
{
    Reader r(h);
    AuthChallenge m;
    r.id(&m.id);
    r.string("data", &m.data);
    return r.finish(std::move(m));
}

QJsonObject AuthFinish::toJson() const
{
    QJsonObject o = header(Type, id);
    o.insert(QStringLiteral("data"), data);
    return o;
}

Decoded<AuthFinish> AuthFinish::fromJson(const QJsonObject &h)
{
    Reader r(h);
    AuthFinish m;
    r.id(&m.id);
    r.string("data", &m.data);
    return r.finish(std::move(m));
}

QJsonObject AuthOk::toJson() const
{
    QJsonObject o = header(Type, id);
    o.insert(QStringLiteral("user"), user);
    o.insert(QStringLiteral("data"), data);
    putIfSet(o, "deviceToken", deviceToken);
    if (failedLogins.count > 0) {
        QJsonObject f;
        putInt(f, "count", failedLogins.count);
        putInt(f, "last", failedLogins.lastMs);
        f.insert(QStringLiteral("lastFrom"), failedLogins.lastFrom);
        o.insert(QStringLiteral("failedLogins"), f);
    }
    return o;
}

Decoded<AuthOk> AuthOk::fromJson(const QJsonObject &h)
{
    Reader r(h);
    AuthOk m;
    r.id(&m.id);
    r.string("user", &m.user);
    r.string("data", &m.data);
    r.string("deviceToken", &m.deviceToken, Optional);
    QJsonObject failed;
    if (r.object("failedLogins", &failed, Optional)) {
        Reader f(failed);
        f.integer("count", &m.failedLogins.count);
        f.integer("last", &m.failedLogins.lastMs);
        f.string("lastFrom", &m.failedLogins.lastFrom);
        if (f.failed())
            r.fail("failedLogins", f.error().toString());
    }
    return r.finish(std::move(m));
}

// ---------------------------------------------------------------------------------------------
// Chat

namespace {
template <class T>
QJsonObject roomMessage(const T &m)
{
    QJsonObject o = header(T::Type, m.id);
    o.insert(QStringLiteral("room"), m.room);
    return o;
}

template <class T>
Decoded<T> decodeRoomMessage(const QJsonObject &h)
{
    Reader r(h);
    T m;
    r.id(&m.id);
    r.string("room", &m.room);
    return r.finish(std::move(m));
}
} // namespace

QJsonObject RoomJoin::toJson() const { return roomMessage(*this); }
Decoded<RoomJoin> RoomJoin::fromJson(const QJsonObject &h) { return decodeRoomMessage<RoomJoin>(h); }
QJsonObject RoomLeave::toJson() const { return roomMessage(*this); }
Decoded<RoomLeave> RoomLeave::fromJson(const QJsonObject &h) { return decodeRoomMessage<RoomLeave>(h); }
QJsonObject RoomLeft::toJson() const { return roomMessage(*this); }
Decoded<RoomLeft> RoomLeft::fromJson(const QJsonObject &h) { return decodeRoomMessage<RoomLeft>(h); }

QJsonObject RoomJoined::toJson() const
{
    QJsonObject o = roomMessage(*this);
    o.insert(QStringLiteral("members"), toArray(members));
    o.insert(QStringLiteral("history"), toArray(history));
    if (more)
        o.insert(QStringLiteral("more"), true);
    if (membersPartial)
        o.insert(QStringLiteral("membersPartial"), true);
    return o;
}

Decoded<RoomJoined> RoomJoined::fromJson(const QJsonObject &h)
{
    Reader r(h);
    RoomJoined m;
    r.id(&m.id);
    r.string("room", &m.room);
    r.strings("members", &m.members, Optional);
    r.messages("history", &m.history, Optional);
    r.boolean("more", &m.more);
    r.boolean("membersPartial", &m.membersPartial);
    return r.finish(std::move(m));
}

QJsonObject RoomList::toJson() const
{
    QJsonObject o = header(Type, id);
    putIfSet(o, "after", after);
    return o;
}

Decoded<RoomList> RoomList::fromJson(const QJsonObject &h)
{
    Reader r(h);
    RoomList m;
    r.id(&m.id);
    r.string("after", &m.after, Optional);
    return r.finish(std::move(m));
}

QJsonObject RoomInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name}, {QStringLiteral("members"), toArray(members)}};
    if (isPrivate) {
        o.insert(QStringLiteral("private"), true);
        o.insert(QStringLiteral("owner"), owner);
    }
    return o;
}

QJsonObject Rooms::toJson() const
{
    QJsonObject o = header(Type, id);
    QJsonArray list;
    for (const RoomInfo &room : rooms)
        list.append(room.toJson());
    o.insert(QStringLiteral("rooms"), list);
    o.insert(QStringLiteral("online"), toArray(online));
    putIfSet(o, "next", next);
    return o;
}

Decoded<Rooms> Rooms::fromJson(const QJsonObject &h)
{
    Reader r(h);
    Rooms m;
    r.id(&m.id);
    QJsonArray rooms;
    if (r.array("rooms", &rooms)) {
        for (const QJsonValue &v : std::as_const(rooms)) {
            const QJsonObject o = v.toObject();
            Reader room(o);
            RoomInfo info;
            room.string("name", &info.name);
            room.strings("members", &info.members, Optional);
            room.boolean("private", &info.isPrivate);
            room.string("owner", &info.owner, Optional);
            if (!v.isObject() || room.failed()) {
                r.fail("rooms", room.failed() ? room.error().toString() : QStringLiteral("must be an array of objects"));
                break;
            }
            m.rooms.append(info);
        }
    }
    r.strings("online", &m.online, Optional);
    r.string("next", &m.next, Optional);
    return r.finish(std::move(m));
}

namespace {

// history and history.search requests: {room | with, before?, limit?} (+ text for a search).
template <class M>
QJsonObject historyQueryToJson(const M &m)
{
    QJsonObject o = header(M::Type, m.id);
    putIfSet(o, "room", m.room);
    putIfSet(o, "with", m.with);
    if (m.before > 0)
        putInt(o, "before", m.before);
    if (m.limit > 0)
        putInt(o, "limit", m.limit);
    return o;
}

template <class M>
void readHistoryQuery(Reader &r, const QJsonObject &h, M *m)
{
    r.id(&m->id);
    r.oneOf("room", &m->room, "with", &m->with);
    r.integer("before", &m->before, Optional);
    // Out-of-range limits are clamped by the server (1..500), not refused.
    qint64 limit = 0;
    r.integer("limit", &limit, Optional, LLONG_MIN / 2, LLONG_MAX / 2);
    m->limit = int(qBound(qint64(0), limit, qint64(INT_MAX)));
    if (h.contains(QLatin1String("limit")) && limit < 1)
        m->limit = 1;
}

// Their replies: {messages, more?}.
template <class M>
QJsonObject messagePageToJson(const M &m)
{
    QJsonObject o = header(M::Type, m.id);
    o.insert(QStringLiteral("messages"), toArray(m.messages));
    if (m.more)
        o.insert(QStringLiteral("more"), true);
    return o;
}

template <class M>
Decoded<M> messagePageFromJson(const QJsonObject &h)
{
    Reader r(h);
    M m;
    r.id(&m.id);
    r.messages("messages", &m.messages);
    r.boolean("more", &m.more);
    return r.finish(std::move(m));
}

} // namespace

QJsonObject HistoryRequest::toJson() const
{
    return historyQueryToJson(*this);
}

Decoded<HistoryRequest> HistoryRequest::fromJson(const QJsonObject &h)
{
    Reader r(h);
    HistoryRequest m;
    readHistoryQuery(r, h, &m);
    return r.finish(std::move(m));
}

QJsonObject History::toJson() const
{
    return messagePageToJson(*this);
}

Decoded<History> History::fromJson(const QJsonObject &h)
{
    return messagePageFromJson<History>(h);
}

QJsonObject HistorySearchRequest::toJson() const
{
    QJsonObject o = historyQueryToJson(*this);
    o.insert(QStringLiteral("text"), text);
    return o;
}

Decoded<HistorySearchRequest> HistorySearchRequest::fromJson(const QJsonObject &h)
{
    Reader r(h);
    HistorySearchRequest m;
    readHistoryQuery(r, h, &m);
    r.string("text", &m.text);
    return r.finish(std::move(m));
}

QJsonObject HistorySearchResult::toJson() const
{
    return messagePageToJson(*this);
}

Decoded<HistorySearchResult> HistorySearchResult::fromJson(const QJsonObject &h)
{
    return messagePageFromJson<HistorySearchResult>(h);
}

// Private rooms

namespace {
// {type, id, room, user}: invite, remove, owner.
template <class T>
QJsonObject roomUserMessage(const T &m)
{
    QJsonObject o = roomMessage(m);
    o.insert(QStringLiteral("user"), m.user);
    return o;
}

template <class T>
Decoded<T> decodeRoomUser(const QJsonObject &h, T m = T())
{
    Reader r(h);
    r.id(&m.id);
    r.string("room", &m.room);
    r.string("user", &m.user);
    return r.finish(std::move(m));
}

// {type, room, by}: the pushed invitation and removal.
template <class T>
QJsonObject roomByMessage(const T &m)
{
    QJsonObject o = header(T::Type);
    o.insert(QStringLiteral("room"), m.room);
    o.insert(QStringLiteral("by"), m.by);
    return o;
}

template <class T>
Decoded<T> decodeRoomBy(const QJsonObject &h)
{
    Reader r(h);
    T m;
    r.string("room", &m.room);
    r.string("by", &m.by);
    return r.finish(std::move(m));
}
} // namespace

QJsonObject RoomCreate::toJson() const
{
    QJsonObject o = roomMessage(*this);
    o.insert(QStringLiteral("private"), isPrivate);
    return o;
}

Decoded<RoomCreate> RoomCreate::fromJson(const QJsonObject &h)
{
    Reader r(h);
    RoomCreate m;
    r.id(&m.id);
    r.string("room", &m.room);
    r.boolean("private", &m.isPrivate);
    return r.finish(std::move(m));
}

QJsonObject RoomInvite::toJson() const
{
    QJsonObject o = roomUserMessage(*this);
    if (shareHistory)
        o.insert(QStringLiteral("history"), true);
    return o;
}

Decoded<RoomInvite> RoomInvite::fromJson(const QJsonObject &h)
{
    RoomInvite m;
    Reader r(h);
    r.boolean("history", &m.shareHistory);
    if (r.failed())
        return r.error();
    return decodeRoomUser(h, m);
}

QJsonObject RoomRemove::toJson() const { return roomUserMessage(*this); }
Decoded<RoomRemove> RoomRemove::fromJson(const QJsonObject &h) { return decodeRoomUser<RoomRemove>(h); }
QJsonObject RoomOwner::toJson() const { return roomUserMessage(*this); }
Decoded<RoomOwner> RoomOwner::fromJson(const QJsonObject &h) { return decodeRoomUser<RoomOwner>(h); }
QJsonObject RoomInvited::toJson() const { return roomByMessage(*this); }
Decoded<RoomInvited> RoomInvited::fromJson(const QJsonObject &h) { return decodeRoomBy<RoomInvited>(h); }
QJsonObject RoomRemoved::toJson() const { return roomByMessage(*this); }
Decoded<RoomRemoved> RoomRemoved::fromJson(const QJsonObject &h) { return decodeRoomBy<RoomRemoved>(h); }

QJsonObject RoomMembersRequest::toJson() const
{
    QJsonObject o = roomMessage(*this);
    putIfSet(o, "after", after);
    return o;
}

Decoded<RoomMembersRequest> RoomMembersRequest::fromJson(const QJsonObject &h)
{
    Reader r(h);
    RoomMembersRequest m;
    r.id(&m.id);
    r.string("room", &m.room);
    r.string("after", &m.after, Optional);
    return r.finish(std::move(m));
}

QJsonObject RoomMembers::toJson() const
{
    QJsonObject o = roomMessage(*this);
    o.insert(QStringLiteral("private"), isPrivate);
    if (isPrivate)
        o.insert(QStringLiteral("owner"), owner);
    o.insert(QStringLiteral("members"), toArray(members));
    putIfSet(o, "next", next);
    return o;
}

Decoded<RoomMembers> RoomMembers::fromJson(const QJsonObject &h)
{
    Reader r(h);
    RoomMembers m;
    r.id(&m.id);
    r.string("room", &m.room);
    r.boolean("private", &m.isPrivate);
    r.string("owner", &m.owner, Optional);
    r.strings("members", &m.members);
    r.string("next", &m.next, Optional);
    return r.finish(std::move(m));
}

QJsonObject ChatSend::toJson() const
{
    QJsonObject o = header(Type, id);
    putIfSet(o, "room", room);
    putIfSet(o, "to", to);
    o.insert(QStringLiteral("text"), text);
    putIfSet(o, "key", key);
    return o;
}

bool ChatSend::isValidKey(const QString &key)
{
    if (key.isEmpty() || key.size() > MaxKeyLength)
        return false;
    for (const QChar c : key)
        if (c.unicode() < 0x21 || c.unicode() > 0x7e) // printable ASCII, no space
            return false;
    return true;
}

Decoded<ChatSend> ChatSend::fromJson(const QJsonObject &h)
{
    Reader r(h);
    ChatSend m;
    r.id(&m.id);
    r.oneOf("room", &m.room, "to", &m.to);
    r.string("text", &m.text);
    r.string("key", &m.key, Optional);
    if (r.has("key") && !r.failed() && !isValidKey(m.key))
        r.fail("key", QStringLiteral("must be 1 to %1 printable ASCII characters").arg(MaxKeyLength));
    return r.finish(std::move(m));
}

QJsonObject ChatAck::toJson() const
{
    QJsonObject o = header(Type, id);
    putInt(o, "msg", msg);
    putInt(o, "ts", ts);
    return o;
}

Decoded<ChatAck> ChatAck::fromJson(const QJsonObject &h)
{
    Reader r(h);
    ChatAck m;
    r.id(&m.id);
    r.integer("msg", &m.msg);
    r.integer("ts", &m.ts);
    return r.finish(std::move(m));
}

namespace {
constexpr const char *PresenceEvents[] = {"join", "leave", "online", "offline"};
}

QJsonObject Presence::toJson() const
{
    QJsonObject o = header(Type);
    putIfSet(o, "room", room);
    o.insert(QStringLiteral("user"), user);
    o.insert(QStringLiteral("event"), QLatin1String(PresenceEvents[int(event)]));
    return o;
}

Decoded<Presence> Presence::fromJson(const QJsonObject &h)
{
    Reader r(h);
    Presence m;
    r.string("room", &m.room, Optional);
    r.string("user", &m.user);
    QString event;
    r.string("event", &event);
    if (!r.failed()) {
        int i = 0;
        while (i < 4 && event != QLatin1String(PresenceEvents[i]))
            ++i;
        if (i == 4)
            r.fail("event", QStringLiteral("must be join, leave, online or offline"));
        else
            m.event = Event(i);
    }
    return r.finish(std::move(m));
}

// ---------------------------------------------------------------------------------------------
// Files

QJsonObject UploadOffer::toJson() const
{
    QJsonObject o = header(Type, id);
    o.insert(QStringLiteral("name"), name);
    putInt(o, "fileSize", fileSize);
    putIfSet(o, "hash", hash);
    putIfSet(o, "room", room);
    putIfSet(o, "to", to);
    return o;
}

Decoded<UploadOffer> UploadOffer::fromJson(const QJsonObject &h)
{
    Reader r(h);
    UploadOffer m;
    r.id(&m.id);
    r.string("name", &m.name);
    r.integer("fileSize", &m.fileSize);
    r.string("hash", &m.hash, Optional);
    r.oneOf("room", &m.room, "to", &m.to);
    return r.finish(std::move(m));
}

QJsonObject UploadAccept::toJson() const
{
    QJsonObject o = header(Type, id);
    putInt(o, "upload", upload);
    putInt(o, "offset", offset);
    o.insert(QStringLiteral("name"), name);
    putInt(o, "chunk", chunk);
    return o;
}

Decoded<UploadAccept> UploadAccept::fromJson(const QJsonObject &h)
{
    Reader r(h);
    UploadAccept m;
    r.id(&m.id);
    r.integer("upload", &m.upload, Required, 1);
    r.integer("offset", &m.offset);
    r.string("name", &m.name);
    r.integer("chunk", &m.chunk, Optional);
    return r.finish(std::move(m));
}

namespace {
// {type, [id], <key>, offset}: the chunk and ack frames.
template <class T>
QJsonObject positionMessage(const T &m, const char *key, qint64 keyValue)
{
    QJsonObject o = header(T::Type);
    putInt(o, key, keyValue);
    putInt(o, "offset", m.offset);
    return o;
}

template <class T>
Decoded<T> decodePosition(const QJsonObject &h, const char *key, qint64 T::*member)
{
    Reader r(h);
    T m;
    r.integer(key, &(m.*member), Required, 1);
    r.integer("offset", &m.offset);
    return r.finish(std::move(m));
}

// {type, id, <key>}: end, cancel and cancelled.
template <class T>
QJsonObject idKeyMessage(const T &m, const char *key, qint64 keyValue)
{
    QJsonObject o = header(T::Type, m.id);
    putInt(o, key, keyValue);
    return o;
}

template <class T>
Decoded<T> decodeIdKey(const QJsonObject &h, const char *key, qint64 T::*member)
{
    Reader r(h);
    T m;
    r.id(&m.id);
    r.integer(key, &(m.*member), Required, 1);
    return r.finish(std::move(m));
}
} // namespace

QJsonObject UploadChunk::toJson() const { return positionMessage(*this, "upload", upload); }
Decoded<UploadChunk> UploadChunk::fromJson(const QJsonObject &h) { return decodePosition(h, "upload", &UploadChunk::upload); }
QJsonObject UploadAck::toJson() const { return positionMessage(*this, "upload", upload); }
Decoded<UploadAck> UploadAck::fromJson(const QJsonObject &h) { return decodePosition(h, "upload", &UploadAck::upload); }
QJsonObject DownloadChunk::toJson() const { return positionMessage(*this, "download", download); }
Decoded<DownloadChunk> DownloadChunk::fromJson(const QJsonObject &h) { return decodePosition(h, "download", &DownloadChunk::download); }
QJsonObject DownloadAck::toJson() const { return positionMessage(*this, "download", download); }
Decoded<DownloadAck> DownloadAck::fromJson(const QJsonObject &h) { return decodePosition(h, "download", &DownloadAck::download); }

QJsonObject UploadEnd::toJson() const
{
    QJsonObject o = idKeyMessage(*this, "upload", upload);
    putIfSet(o, "hash", hash);
    return o;
}

Decoded<UploadEnd> UploadEnd::fromJson(const QJsonObject &h)
{
    Reader r(h);
    UploadEnd m;
    r.id(&m.id);
    r.integer("upload", &m.upload, Required, 1);
    r.string("hash", &m.hash, Optional);
    return r.finish(std::move(m));
}
QJsonObject UploadCancel::toJson() const { return idKeyMessage(*this, "upload", upload); }
Decoded<UploadCancel> UploadCancel::fromJson(const QJsonObject &h) { return decodeIdKey(h, "upload", &UploadCancel::upload); }
QJsonObject UploadCancelled::toJson() const { return idKeyMessage(*this, "upload", upload); }
Decoded<UploadCancelled> UploadCancelled::fromJson(const QJsonObject &h) { return decodeIdKey(h, "upload", &UploadCancelled::upload); }
QJsonObject DownloadCancel::toJson() const { return idKeyMessage(*this, "download", download); }
Decoded<DownloadCancel> DownloadCancel::fromJson(const QJsonObject &h) { return decodeIdKey(h, "download", &DownloadCancel::download); }
QJsonObject DownloadCancelled::toJson() const { return idKeyMessage(*this, "download", download); }
Decoded<DownloadCancelled> DownloadCancelled::fromJson(const QJsonObject &h) { return decodeIdKey(h, "download", &DownloadCancelled::download); }

namespace {
// upload.done and download.begin carry a file description's members at their top level.
QJsonObject withFile(QJsonObject o, const FileInfo &file)
{
    const QJsonObject f = file.toJson();
    for (auto it = f.begin(); it != f.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

void readFile(Reader &r, const QJsonObject &h, FileInfo *out)
{
    Decoded<FileInfo> f = FileInfo::fromJson(h);
    if (!f)
        r.fail("file", f.error().toString());
    else
        *out = f.value();
}
} // namespace

QJsonObject UploadDone::toJson() const
{
    QJsonObject o = header(Type, id);
    putInt(o, "upload", upload);
    return withFile(o, file);
}

Decoded<UploadDone> UploadDone::fromJson(const QJsonObject &h)
{
    Reader r(h);
    UploadDone m;
    r.id(&m.id);
    r.integer("upload", &m.upload, Required, 1);
    readFile(r, h, &m.file);
    return r.finish(std::move(m));
}

QJsonObject DownloadRequest::toJson() const
{
    QJsonObject o = header(Type, id);
    putInt(o, "file", file);
    putInt(o, "offset", offset);
    return o;
}

Decoded<DownloadRequest> DownloadRequest::fromJson(const QJsonObject &h)
{
    Reader r(h);
    DownloadRequest m;
    r.id(&m.id);
    r.integer("file", &m.file);
    // A negative offset is the server's bad_offset, not a malformed request.
    r.integer("offset", &m.offset, Optional, -qint64(MaxExactInteger));
    return r.finish(std::move(m));
}

QJsonObject DownloadBegin::toJson() const
{
    QJsonObject o = header(Type, id);
    putInt(o, "download", download);
    putInt(o, "offset", offset);
    putInt(o, "chunk", chunk);
    return withFile(o, file);
}

Decoded<DownloadBegin> DownloadBegin::fromJson(const QJsonObject &h)
{
    Reader r(h);
    DownloadBegin m;
    r.id(&m.id);
    r.integer("download", &m.download, Required, 1);
    r.integer("offset", &m.offset);
    r.integer("chunk", &m.chunk, Optional);
    readFile(r, h, &m.file);
    return r.finish(std::move(m));
}

QJsonObject DownloadEnd::toJson() const
{
    QJsonObject o = header(Type, id);
    putInt(o, "download", download);
    putInt(o, "file", file);
    putInt(o, "fileSize", fileSize);
    o.insert(QStringLiteral("hash"), hash);
    return o;
}

Decoded<DownloadEnd> DownloadEnd::fromJson(const QJsonObject &h)
{
    Reader r(h);
    DownloadEnd m;
    r.id(&m.id);
    r.integer("download", &m.download, Required, 1);
    r.integer("file", &m.file);
    r.integer("fileSize", &m.fileSize);
    r.string("hash", &m.hash, Optional);
    return r.finish(std::move(m));
}

} // namespace Protocol
} // namespace Switchboard
