#include "framing.h"

#include "delimiterframing.h"
#include "fixedframing.h"
#include "jsonheadframing.h"
#include "lengthprefixframing.h"
#include "rawframing.h"

#include <QStringList>

#include <cctype>

namespace Switchboard {

Framing::~Framing() = default;

QStringList Framing::names()
{
    return {QStringLiteral("v1"),   QStringLiteral("tutorial"),     QStringLiteral("len:4:be"),
            QStringLiteral("len:4:le"), QStringLiteral("len:2:be"), QStringLiteral("len:1:be"),
            QStringLiteral("line"), QStringLiteral("delim:00"),     QStringLiteral("fixed:16"),
            QStringLiteral("raw")};
}

QString Framing::syntaxHelp()
{
    return tr("Framings:\n"
              "  v1                      Switchboard: 4-byte big-endian length + JSON header + \"size\" bytes\n"
              "  tutorial                struct.pack('i') (little-endian signed) + JSON head + \"filesize\" bytes\n"
              "  len:N:be|le[:inclusive] an N-byte length prefix (N = 1, 2 or 4); inclusive: it counts itself\n"
              "  line                    lines ending in \\n\n"
              "  delim:HEX               records ending in the bytes HEX (e.g. delim:0d0a)\n"
              "  fixed:N                 records of N bytes\n"
              "  raw                     every chunk as it arrived");
}

std::unique_ptr<Framing> Framing::create(const QString &name, QString *error)
{
    auto fail = [&](const QString &why) -> std::unique_ptr<Framing> {
        if (error)
            *error = why;
        return nullptr;
    };
    const QStringList parts = name.trimmed().split(QLatin1Char(':'));
    const QString kind = parts.first().toLower();
    if (kind == QLatin1String("v1") && parts.size() == 1)
        return std::make_unique<JsonHeadFraming>(JsonHeadFraming::Variant::V1);
    if (kind == QLatin1String("tutorial") && parts.size() == 1)
        return std::make_unique<JsonHeadFraming>(JsonHeadFraming::Variant::Tutorial);
    if (kind == QLatin1String("raw") && parts.size() == 1)
        return std::make_unique<RawFraming>();
    if (kind == QLatin1String("line") && parts.size() == 1)
        return std::make_unique<DelimiterFraming>(QStringLiteral("line"), QByteArray("\n"));
    if (kind == QLatin1String("delim") && parts.size() == 2) {
        const QByteArray hex = parts.at(1).toLatin1();
        const QByteArray delimiter = QByteArray::fromHex(hex);
        bool hexOnly = hex.size() % 2 == 0;
        for (char c : hex)
            hexOnly = hexOnly && std::isxdigit(static_cast<unsigned char>(c));
        if (delimiter.isEmpty() || !hexOnly)
            return fail(tr("delim:HEX needs an even number of hex digits, e.g. delim:0d0a."));
        return std::make_unique<DelimiterFraming>(QStringLiteral("delim:") + QString::fromLatin1(delimiter.toHex()),
                                                  delimiter);
    }
    if (kind == QLatin1String("fixed") && parts.size() == 2) {
        bool ok = false;
        const qint64 n = parts.at(1).toLongLong(&ok);
        if (!ok || n < 1 || n > DefaultMaxMessage)
            return fail(tr("fixed:N needs a record size from 1 to %1.").arg(DefaultMaxMessage));
        return std::make_unique<FixedFraming>(n);
    }
    if (kind == QLatin1String("len") && (parts.size() == 3 || parts.size() == 4)) {
        bool ok = false;
        const int n = parts.at(1).toInt(&ok);
        const QString order = parts.at(2).toLower();
        const bool inclusive = parts.size() == 4 && parts.at(3).toLower() == QLatin1String("inclusive");
        if (!ok || (n != 1 && n != 2 && n != 4))
            return fail(tr("len:N:be|le needs N = 1, 2 or 4."));
        if (order != QLatin1String("be") && order != QLatin1String("le"))
            return fail(tr("len:N:ORDER needs the byte order be or le."));
        if (parts.size() == 4 && !inclusive)
            return fail(tr("len:N:ORDER:inclusive is the only fourth part."));
        return std::make_unique<LengthPrefixFraming>(n, order == QLatin1String("be"), inclusive);
    }
    return fail(tr("Unknown framing \"%1\".").arg(name) + QLatin1Char('\n') + syntaxHelp());
}

void Framing::reset()
{
    m_buffer.clear();
    m_start = 0;
    m_base = 0;
    m_expected = 0;
    m_scanned = 0;
    m_failure = Failure();
}

qint64 Framing::resyncOffset(QByteArrayView data, bool atEnd, qint64 *rejected)
{
    *rejected = 0;
    for (qsizetype start = 0; start < data.size(); ++start) {
        qint64 at = start;
        int whole = 0;
        bool undecided = false;
        while (whole < ResyncChain) {
            const QByteArrayView rest = data.sliced(at);
            Failure failure;
            const qint64 length = rest.isEmpty() ? 0 : measure(rest, 0, &failure);
            if (length < 0 || length > m_maxMessage)
                break;
            if (length == 0 || length > rest.size()) {
                undecided = true; // needs bytes that have not come yet
                break;
            }
            at += length;
            ++whole;
        }
        if (whole >= ResyncChain)
            return start;
        if (undecided && !atEnd)
            return -1; // start may still begin a chain: wait for more bytes
        *rejected = start + 1;
    }
    return -1;
}

void Framing::describe(Message &message) const
{
    message.bodyOffset = 0;
    message.bodyLength = message.bytes.size();
}

QList<Framing::Message> Framing::feed(QByteArrayView chunk)
{
    QList<Message> out;
    if (failed() || chunk.isEmpty())
        return out;
    // Drop consumed bytes once they are most of the buffer, so a long stream costs linear time.
    if (m_start > 65536 && m_start * 2 > m_buffer.size()) {
        m_buffer.remove(0, m_start);
        m_base += m_start;
        m_start = 0;
    }
    m_buffer.append(chunk.data(), chunk.size());
    for (;;) {
        const QByteArrayView data(m_buffer.constData() + m_start, m_buffer.size() - m_start);
        if (data.isEmpty())
            break;
        if (m_expected == 0) {
            Failure failure;
            const qint64 length = measure(data, m_scanned, &failure);
            if (length < 0 || length > m_maxMessage) {
                if (length > m_maxMessage) {
                    failure.offset = 0;
                    failure.text = tr("a message of %1 bytes would start here: larger than any plausible message "
                                      "(%2 bytes at most); the framing does not fit")
                                       .arg(length)
                                       .arg(m_maxMessage);
                }
                m_failure.offset = consumed() + qMax<qint64>(0, failure.offset);
                m_failure.text = failure.text;
                break;
            }
            if (length == 0) {
                m_scanned = data.size();
                break;
            }
            m_expected = length;
            m_scanned = 0;
        }
        if (data.size() < m_expected)
            break;
        Message m;
        m.offset = consumed();
        m.bytes = data.first(m_expected).toByteArray();
        describe(m);
        out.append(m);
        m_start += m_expected;
        m_expected = 0;
    }
    return out;
}

} // namespace Switchboard
