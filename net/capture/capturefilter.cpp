#include "capturefilter.h"
#include "net/protocol/messages.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Switchboard {

namespace {

inline char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
}

// ASCII case-insensitive search of a lower-case needle (non-ASCII bytes must match exactly).
bool containsLower(QByteArrayView hay, const QByteArray &needle)
{
    const qsizetype n = needle.size();
    if (n == 0)
        return true;
    if (hay.size() < n)
        return false;
    const char first = needle.at(0);
    const char firstUpper = (first >= 'a' && first <= 'z') ? char(first - 32) : first;
    const char *data = hay.data();
    const qsizetype last = hay.size() - n;
    for (qsizetype i = 0; i <= last; ++i) {
        if (data[i] != first && data[i] != firstUpper)
            continue;
        qsizetype k = 1;
        while (k < n && asciiLower(data[i + k]) == needle.at(k))
            ++k;
        if (k == n)
            return true;
    }
    return false;
}

const QString &kindName(CaptureRecord::Kind kind)
{
    static const QString names[] = {QStringLiteral("chunk"), QStringLiteral("frame"), QStringLiteral("datagram"),
                                    QStringLiteral("error"), QStringLiteral("event")};
    return names[int(kind)];
}

} // namespace

bool CaptureFilter::isEmpty() const
{
    return kinds == AllKinds && type.isEmpty() && peer.isEmpty() && direction == Direction::Any && text.isEmpty();
}

bool CaptureFilter::operator==(const CaptureFilter &o) const
{
    return kinds == o.kinds && type == o.type && peer == o.peer && direction == o.direction && text == o.text;
}

void CaptureFilter::prepare()
{
    m_textLower = text.toLower();
    m_textUtf8Lower = m_textLower.toUtf8();
    m_typeLower = type.trimmed().toLower();
    m_typePrefix = m_typeLower.endsWith(QLatin1Char('*'));
    if (m_typePrefix)
        m_typeLower.chop(1);
    m_prepared = true;
}

int CaptureFilter::kindFlag(CaptureRecord::Kind kind)
{
    switch (kind) {
    case CaptureRecord::Kind::Chunk: return Chunks;
    case CaptureRecord::Kind::Frame: return Frames;
    case CaptureRecord::Kind::Datagram: return Datagrams;
    case CaptureRecord::Kind::Error: return Errors;
    case CaptureRecord::Kind::Event: return Events;
    }
    return 0;
}

bool CaptureFilter::matchesText(QByteArrayView bytes, const QString &typeName, const QString &peerString) const
{
    if (m_textLower.isEmpty())
        return true;
    if (typeName.contains(m_textLower, Qt::CaseInsensitive) || peerString.contains(m_textLower, Qt::CaseInsensitive))
        return true;
    return containsLower(bytes.first(qMin<qsizetype>(bytes.size(), TextSearchLimit)), m_textUtf8Lower);
}

bool CaptureFilter::matches(const CaptureBuffer::Entry &e, const CaptureBuffer::Endpoint &ep, const QString &typeName) const
{
    Q_ASSERT(m_prepared || isEmpty());
    if (!(kinds & kindFlag(e.kind)))
        return false;
    if (direction != Direction::Any
        && (direction == Direction::In) != (e.direction == CaptureRecord::Direction::In))
        return false;
    QString frameType = typeName;
    if (e.kind != CaptureRecord::Kind::Frame)
        frameType = kindName(e.kind);
    else if (e.kind == CaptureRecord::Kind::Frame && frameType.isEmpty() && (!m_typeLower.isEmpty() || !m_textLower.isEmpty())) {
        const QJsonObject h = e.header.isEmpty() ? QJsonDocument::fromJson(e.headerText().toByteArray()).object() : e.header;
        frameType = Protocol::typeOf(h);
    }
    if (!m_typeLower.isEmpty()) {
        if (e.kind != CaptureRecord::Kind::Frame)
            return false;
        if (m_typePrefix ? !frameType.startsWith(m_typeLower, Qt::CaseInsensitive)
                         : frameType.compare(m_typeLower, Qt::CaseInsensitive) != 0)
            return false;
    }
    if (!peer.isEmpty() && !ep.peerString.contains(peer, Qt::CaseInsensitive))
        return false;
    return matchesText(e.bytes, frameType, ep.peerString);
}

bool CaptureFilter::matches(const CaptureRecord &r) const
{
    if (!m_prepared) {
        CaptureFilter prepared = *this;
        prepared.prepare();
        return prepared.matches(r);
    }
    CaptureBuffer::Entry e;
    e.kind = r.kind;
    e.direction = r.direction;
    e.headerLength = r.headerLength;
    e.bytes = (r.kind == CaptureRecord::Kind::Error || r.kind == CaptureRecord::Kind::Event) ? r.text.toUtf8() : r.bytes;
    CaptureBuffer::Endpoint ep;
    ep.peerString = r.peerString();
    return matches(e, ep, r.kind == CaptureRecord::Kind::Frame ? r.typeName() : QString());
}

} // namespace Switchboard
