#include "tutorialstream.h"

#include "net/auth/credentials.h"
#include "net/transfer/filenamesanitizer.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QtEndian>

namespace Switchboard {

TutorialStream::Mode TutorialStream::classify(const QByteArray &first)
{
    if (first.isEmpty())
        return Mode::Unknown;
    // struct.pack('i', n) on the tutorials' machines is little-endian; with n from 2 to 65,536
    // its third byte is 0 or 1 and its fourth 0.
    // Not an upload: a '{' may start the login flow's JSON object (whose third byte is a quote,
    // a letter or a space, never the 0 or 1 of a length prefix).
    const Mode notUpload = first.at(0) == '{' ? Mode::Json : Mode::Text;
    if (first.size() < 4) {
        const bool couldBePrefix = first.size() < 3 || quint8(first.at(2)) <= 1;
        return couldBePrefix ? Mode::Unknown : notUpload;
    }
    const quint32 n = qFromLittleEndian<quint32>(first.constData());
    if (n < 2 || n > MaxHeadBytes)
        return notUpload;
    if (first.size() == 4)
        return Mode::Unknown; // the header follows in the next send()
    return first.at(4) == '{' ? Mode::Upload : notUpload;
}

QByteArray TutorialStream::hmacMd5(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Md5);
}

QByteArray TutorialStream::hmacSha256(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

void TutorialStream::expectDigest(const QByteArray &key, const QByteArray &challenge)
{
    m_mode = Mode::Digest;
    m_md5 = hmacMd5(key, challenge);
    m_sha256 = hmacSha256(key, challenge);
}

QByteArray TutorialStream::udpReply(const QByteArray &datagram)
{
    return QString::fromUtf8(datagram).toUpper().toUtf8();
}

QList<TutorialStream::Event> TutorialStream::feed(const QByteArray &chunk)
{
    QList<Event> out;
    switch (m_mode) {
    case Mode::Closed:
        break;
    case Mode::Text:
        if (!chunk.isEmpty())
            out.append(Event{Event::Kind::Text, chunk, {}, 0, {}});
        break;
    case Mode::Unknown:
    case Mode::Upload:
    case Mode::Json:
    case Mode::Digest:
        m_pending += chunk;
        consume(out);
        break;
    }
    return out;
}

QList<TutorialStream::Event> TutorialStream::shortTextTimeout(quint64 decision)
{
    QList<Event> out;
    const bool undecided = (m_mode == Mode::Unknown && m_pending.size() < 4) || m_mode == Mode::Json;
    if (decision != m_decisions || !undecided || inUpload() || m_pending.isEmpty())
        return out;
    if (m_mode == Mode::Unknown)
        ++m_decisions;
    becomeText(out);
    return out;
}

QList<TutorialStream::Event> TutorialStream::digestTimeout()
{
    QList<Event> out;
    if (m_mode == Mode::Digest) {
        close();
        out.append(Event{Event::Kind::Illegal, {}, {}, 0, {}});
    }
    return out;
}

void TutorialStream::close()
{
    m_mode = Mode::Closed;
    m_pending.clear();
    m_remaining = -1;
    m_md5.clear();
    m_sha256.clear();
}

void TutorialStream::becomeText(QList<Event> &out)
{
    m_mode = Mode::Text;
    out.append(Event{Event::Kind::Text, m_pending, {}, 0, {}});
    m_pending.clear();
}

// Announced once per decision: the owner's wait runs from the first undecided byte, so a peer
// dribbling bytes cannot keep them undecided for longer.
void TutorialStream::hold(QList<Event> &out)
{
    if (m_heldFor == m_decisions)
        return;
    m_heldFor = m_decisions;
    out.append(Event{Event::Kind::HoldShortText, {}, {}, 0, {}});
}

void TutorialStream::refuse(QList<Event> &out, const QByteArray &line)
{
    close();
    out.append(Event{Event::Kind::Refuse, line, {}, 0, {}});
}

// One chunk may hold the end of an upload, whole further uploads and the start of the next head
// (sticky packets), or only part of a head (split packets): loop until the pending bytes run out
// or are incomplete.
void TutorialStream::consume(QList<Event> &out)
{
    for (;;) {
        if (inUpload()) {
            // Bytes beyond the announced size belong to whatever follows (another upload, or text).
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, m_pending.size()));
            if (take > 0) {
                out.append(Event{Event::Kind::UploadData, m_pending.left(take), {}, 0, {}});
                m_pending.remove(0, take);
                m_remaining -= take;
            }
            if (m_remaining > 0)
                return;
            m_remaining = -1;
            m_mode = Mode::Unknown; // another upload (or text) may follow on the same connection
            out.append(Event{Event::Kind::UploadEnd, {}, {}, 0, {}});
            continue;
        }
        if (m_mode == Mode::Closed || m_pending.isEmpty())
            return;
        if (m_mode == Mode::Digest) {
            if (!checkDigest(out))
                return;
            continue;
        }
        if (m_mode == Mode::Unknown) {
            m_mode = classify(m_pending);
            if (m_mode == Mode::Unknown) {
                if (m_pending.size() < 4)
                    hold(out);
                return; // the rest of the length prefix follows
            }
            ++m_decisions;
            if (m_mode == Mode::Text) {
                becomeText(out);
                return;
            }
            if (m_mode == Mode::Json) {
                m_scanned = 0;
                m_depth = 0;
                m_inString = m_escaped = false;
            }
        }
        if (m_mode == Mode::Json) {
            if (!takeJson(out))
                return;
            continue;
        }
        if (!startUpload(out))
            return; // the head is incomplete, or was refused
    }
}

bool TutorialStream::startUpload(QList<Event> &out)
{
    if (m_pending.size() < 4)
        return false;
    const quint32 n = qFromLittleEndian<quint32>(m_pending.constData());
    if (m_pending.size() < 4 + qsizetype(n))
        return false;
    const QJsonObject head = QJsonDocument::fromJson(m_pending.mid(4, n)).object();
    m_pending.remove(0, 4 + n);
    const QString name = FileNameSanitizer::sanitize(head.value(QLatin1String("filename")).toString());
    const qint64 size = head.value(QLatin1String("filesize")).toInteger(-1);
    if (name.isEmpty() || size < 0 || size > m_maxUpload) {
        refuse(out, "error: expected a JSON head with \"filename\" and \"filesize\" (at most "
                        + QByteArray::number(qMax<qint64>(m_maxUpload, 0)) + " bytes)\n");
        return false;
    }
    m_remaining = size;
    out.append(Event{Event::Kind::UploadBegin, {}, name, size, {}});
    return true;
}

// Finds where the object that starts the pending bytes ends (braces outside strings), scanning
// each byte once across chunks and never beyond MaxJsonBytes, so the outcome does not depend on
// how the bytes were cut.
bool TutorialStream::takeJson(QList<Event> &out)
{
    const qsizetype limit = qMin(m_pending.size(), MaxJsonBytes);
    while (m_scanned < limit) {
        const char c = m_pending.at(m_scanned++);
        if (m_inString) {
            if (m_escaped)
                m_escaped = false;
            else if (c == '\\')
                m_escaped = true;
            else if (c == '"')
                m_inString = false;
        } else if (c == '"') {
            m_inString = true;
        } else if (c == '{') {
            ++m_depth;
        } else if (c == '}' && --m_depth == 0) {
            const QByteArray text = m_pending.left(m_scanned);
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()
                || !doc.object().contains(QLatin1String("operate"))) {
                becomeText(out); // "{hello}" is for the robot
                return false;
            }
            m_pending.remove(0, m_scanned);
            m_mode = Mode::Unknown; // an upload (or anything else) may follow
            out.append(Event{Event::Kind::Login, text, {}, 0, doc.object()});
            return true;
        }
    }
    if (m_scanned >= MaxJsonBytes) {
        becomeText(out);
        return false;
    }
    hold(out);
    return false;
}

// 16 bytes are HMAC-MD5, 32 HMAC-SHA-256. 16 bytes that are not the MD5 one may be the first
// half of a SHA-256 digest cut by TCP: wait for 32 (bounded by the owner's digestTimeout()).
bool TutorialStream::checkDigest(QList<Event> &out)
{
    qsizetype taken = 0;
    if (m_pending.size() >= Md5DigestBytes && Credentials::constantTimeEquals(m_pending.left(Md5DigestBytes), m_md5))
        taken = Md5DigestBytes;
    else if (m_pending.size() < Sha256DigestBytes)
        return false;
    else if (Credentials::constantTimeEquals(m_pending.left(Sha256DigestBytes), m_sha256))
        taken = Sha256DigestBytes;
    if (taken == 0) {
        close();
        out.append(Event{Event::Kind::Illegal, {}, {}, 0, {}});
        return false;
    }
    m_pending.remove(0, taken);
    m_md5.clear();
    m_sha256.clear();
    m_mode = Mode::Unknown;
    out.append(Event{Event::Kind::Legal, {}, {}, taken, {}});
    return true;
}

} // namespace Switchboard
