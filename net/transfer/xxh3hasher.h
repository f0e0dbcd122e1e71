#pragma once
#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct XXH3_state_s; // xxhash.h stays private to net (libxxhash is linked PRIVATE)

namespace Switchboard {

// Incremental XXH3-128 (libxxhash). Not thread-safe; one instance per stream.
// Hash strings on the wire are "xxh3-128:" + the 16-byte canonical (big-endian) digest in hex.
class Xxh3Hasher
{
public:
    Xxh3Hasher();
    ~Xxh3Hasher();
    Xxh3Hasher(const Xxh3Hasher &) = delete;
    Xxh3Hasher &operator=(const Xxh3Hasher &) = delete;

    void reset();
    void update(const char *data, qint64 size);
    void update(QByteArrayView data) { update(data.data(), data.size()); }
    qint64 bytesHashed() const { return m_bytes; }
    // Digest of everything so far (the state stays usable).
    QByteArray digest() const;         // 16 bytes, canonical big-endian
    QString hashString() const;        // "xxh3-128:<32 hex>"

    static QString hash(QByteArrayView data);
    static QString format(const QByteArray &digest);
    // True for "xxh3-128:" followed by exactly 32 lower- or upper-case hex digits.
    static bool isValidHashString(const QString &text);
    // Same hash, compared without regard to hex case.
    static bool sameHash(const QString &a, const QString &b);

private:
    XXH3_state_s *m_state;
    qint64 m_bytes = 0;
};

} // namespace Switchboard
