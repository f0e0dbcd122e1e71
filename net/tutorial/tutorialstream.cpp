#include "tutorialstream.h"

#include "net/transfer/filenamesanitizer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

namespace Switchboard {

TutorialStream::Mode TutorialStream::classify(const QByteArray &first)
{
    if (first.isEmpty())
        return Mode::Unknown;
    // struct.pack('i', n) on the tutorials' machines is little-endian; with n from 2 to 65,536
    // its third byte is 0 or 1 and its fourth 0.
    if (first.size() < 4) {
        const bool couldBePrefix = first.size() < 3 || quint8(first.at(2)) <= 1;
        return couldBePrefix ? Mode::Unknown : Mode::Text;
    }
    const quint32 n = qFromLittleEndian<quint32>(first.constData());
    if (n < 2 || n > MaxHeadBytes)
        return Mode::Text;
    if (first.size() == 4)
        return Mode::Unknown; // the header follows in the next send()
    return first.at(4) == '{' ? Mode::Upload : Mode::Text;
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
            out.append(Event{Event::Kind::Text, chunk, {}, 0});
        break;
    case Mode::Unknown:
    case Mode::Upload:
        m_pending += chunk;
        consume(out);
        break;
    }
    return out;
}

QList<TutorialStream::Event> TutorialStream::shortTextTimeout(quint64 decision)
{
    QList<Event> out;
    if (decision != m_decisions || m_mode != Mode::Unknown || inUpload() || m_pending.isEmpty()
        || m_pending.size() >= 4)
        return out;
    m_mode = Mode::Text;
    ++m_decisions;
    out.append(Event{Event::Kind::Text, m_pending, {}, 0});
    m_pending.clear();
    return out;
}

void TutorialStream::close()
{
    m_mode = Mode::Closed;
    m_pending.clear();
    m_remaining = -1;
}

void TutorialStream::refuse(QList<Event> &out, const QByteArray &line)
{
    close();
    out.append(Event{Event::Kind::Refuse, line, {}, 0});
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
                out.append(Event{Event::Kind::UploadData, m_pending.left(take), {}, 0});
                m_pending.remove(0, take);
                m_remaining -= take;
            }
            if (m_remaining > 0)
                return;
            m_remaining = -1;
            m_mode = Mode::Unknown; // another upload (or text) may follow on the same connection
            out.append(Event{Event::Kind::UploadEnd, {}, {}, 0});
            continue;
        }
        if (m_mode == Mode::Closed || m_pending.isEmpty())
            return;
        if (m_mode == Mode::Unknown) {
            m_mode = classify(m_pending);
            if (m_mode == Mode::Unknown) {
                if (m_pending.size() < 4)
                    out.append(Event{Event::Kind::HoldShortText, {}, {}, 0});
                return; // the rest of the length prefix follows
            }
            ++m_decisions;
            if (m_mode == Mode::Text) {
                out.append(Event{Event::Kind::Text, m_pending, {}, 0});
                m_pending.clear();
                return;
            }
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
    out.append(Event{Event::Kind::UploadBegin, {}, name, size});
    return true;
}

} // namespace Switchboard
