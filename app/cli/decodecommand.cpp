#include "decodecommand.h"

#include "net/capture/captureimport.h"
#include "net/framing/framing.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

namespace Switchboard {

namespace {

constexpr int PreviewBytes = 64;

void writeOut(const QString &line)
{
    const QByteArray utf8 = line.toUtf8() + '\n';
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
}

void writeJson(const QJsonObject &o)
{
    const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
}

// Bytes shown as text when they are UTF-8 without control characters (bar tab and newlines), else hex.
bool isText(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString s = decoder.decode(bytes);
    if (decoder.hasError())
        return false;
    return std::none_of(s.begin(), s.end(), [](QChar c) {
        return c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n') && c != QLatin1Char('\r');
    });
}

QString preview(const QByteArray &bytes)
{
    const QByteArray head = bytes.left(PreviewBytes);
    const QString more = bytes.size() > PreviewBytes ? QStringLiteral("…") : QString();
    if (isText(bytes)) {
        QString s = QString::fromUtf8(head);
        s.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\n'), QStringLiteral("\\n"))
            .replace(QLatin1Char('\r'), QStringLiteral("\\r")).replace(QLatin1Char('\t'), QStringLiteral("\\t"));
        return QLatin1Char('"') + s + QLatin1Char('"') + more;
    }
    return QString::fromLatin1(head.toHex(' ')) + more;
}

QString sideName(const CaptureImport::Conversation &c, int side)
{
    return side == CaptureImport::AtoB ? c.endpoint(CaptureImport::AtoB) + QStringLiteral(" → ") + c.endpoint(CaptureImport::BtoA)
                                       : c.endpoint(CaptureImport::BtoA) + QStringLiteral(" → ") + c.endpoint(CaptureImport::AtoB);
}

struct Decoded
{
    int side = 0;
    qint64 timeUs = 0; // of the chunk that completed the message
    Framing::Message message;
};

int listConversations(const CaptureImport &import, bool json)
{
    for (const CaptureImport::Conversation &c : import.conversations()) {
        if (json) {
            writeJson(QJsonObject{{QStringLiteral("stream"), c.index},
                                  {QStringLiteral("transport"), c.transportName()},
                                  {QStringLiteral("a"), c.endpoint(CaptureImport::AtoB)},
                                  {QStringLiteral("b"), c.endpoint(CaptureImport::BtoA)},
                                  {QStringLiteral("packets"), c.packets},
                                  {QStringLiteral("bytesAtoB"), c.bytes[0]},
                                  {QStringLiteral("bytesBtoA"), c.bytes[1]},
                                  {QStringLiteral("gapBytesAtoB"), c.gapBytes[0]},
                                  {QStringLiteral("gapBytesBtoA"), c.gapBytes[1]},
                                  {QStringLiteral("repeatedBytes"), c.repeatedBytes[0] + c.repeatedBytes[1]},
                                  {QStringLiteral("firstUs"), c.firstUs},
                                  {QStringLiteral("lastUs"), c.lastUs}});
            continue;
        }
        QString notes;
        if (c.gapBytes[0] + c.gapBytes[1] > 0)
            notes += DecodeCommand::tr("  %1 bytes not captured").arg(c.gapBytes[0] + c.gapBytes[1]);
        if (c.repeatedBytes[0] + c.repeatedBytes[1] > 0)
            notes += DecodeCommand::tr("  %1 bytes retransmitted").arg(c.repeatedBytes[0] + c.repeatedBytes[1]);
        if (c.outOfOrder[0] + c.outOfOrder[1] > 0)
            notes += DecodeCommand::tr("  %1 segments out of order").arg(c.outOfOrder[0] + c.outOfOrder[1]);
        writeOut(DecodeCommand::tr("%1  %2  %3 ⇄ %4  %5 packets  %6 bytes →  %7 bytes ←%8")
                     .arg(c.index, 3)
                     .arg(c.transportName(), c.endpoint(CaptureImport::AtoB), c.endpoint(CaptureImport::BtoA))
                     .arg(c.packets)
                     .arg(c.bytes[0])
                     .arg(c.bytes[1])
                     .arg(notes));
    }
    if (import.conversations().isEmpty() && !json)
        writeOut(DecodeCommand::tr("No TCP or UDP conversation in this capture (%1 packets).").arg(import.packets()));
    return 0;
}

} // namespace

int DecodeCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("switchboard-cli decode FILE [--framing NAME] [--stream N] [--json]\n\n"
           "Reads a pcap or pcapng capture (tcpdump, Wireshark, Switchboard), reassembles each TCP stream\n"
           "and UDP flow and lists the conversations; with --stream N prints the messages of conversation N\n"
           "in both directions, cut under the framing.\n\n")
        + Framing::syntaxHelp());
    parser.addHelpOption();
    QCommandLineOption framingOpt(QStringLiteral("framing"), tr("How to cut the streams into messages (default raw)."),
                                  QStringLiteral("NAME"), QStringLiteral("raw"));
    QCommandLineOption streamOpt(QStringLiteral("stream"), tr("The conversation to print (its number in the list)."),
                                 QStringLiteral("N"));
    QCommandLineOption jsonOpt(QStringLiteral("json"), tr("One JSON object per line."));
    parser.addOptions({framingOpt, streamOpt, jsonOpt});
    parser.addPositionalArgument(QStringLiteral("FILE"), tr("The capture file."));
    QStringList args = arguments;
    args.removeAt(1); // "decode"
    parser.process(args);

    QTextStream err(stderr);
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        err << tr("decode needs exactly one capture file; try decode --help.") << Qt::endl;
        return 2;
    }
    QString why;
    const auto probe = Framing::create(parser.value(framingOpt), &why);
    if (!probe) {
        err << why << Qt::endl;
        return 2;
    }
    int stream = -1;
    if (parser.isSet(streamOpt)) {
        bool ok = false;
        stream = parser.value(streamOpt).toInt(&ok);
        if (!ok || stream < 0) {
            err << tr("--stream needs a conversation number.") << Qt::endl;
            return 2;
        }
    }
    const bool json = parser.isSet(jsonOpt);
    CaptureImport import;
    const bool readOk = import.read(files.first(), stream);
    if (!readOk) {
        err << import.errorString() << Qt::endl;
        if (import.packets() == 0)
            return 1;
    }
    if (stream < 0)
        return listConversations(import, json) == 0 && readOk ? 0 : 1;
    if (stream >= import.conversations().size()) {
        err << tr("There is no conversation %1 (%2 in this capture).").arg(stream).arg(import.conversations().size())
            << Qt::endl;
        return 2;
    }

    const CaptureImport::Conversation &c = import.conversations().at(stream);
    const CaptureImport::Stream &s = import.stream();
    QVector<Decoded> messages;
    QStringList endNotes;
    QList<QJsonObject> endJson;
    bool fits = true;
    for (int side : {CaptureImport::AtoB, CaptureImport::BtoA}) {
        auto framing = Framing::create(parser.value(framingOpt));
        const qint64 firstGap = s.gaps[side].isEmpty() ? -1 : s.gaps[side].first().offset;
        for (const CaptureImport::Chunk &chunk : s.chunks[side]) {
            // After a stretch that was never captured the message boundaries are lost.
            if (firstGap >= 0 && chunk.offset > firstGap)
                break;
            for (const Framing::Message &m : framing->feed(chunk.bytes))
                messages.append(Decoded{side, chunk.timeUs, m});
        }
        QJsonObject note{{QStringLiteral("side"), side == CaptureImport::AtoB ? QStringLiteral("AtoB") : QStringLiteral("BtoA")}};
        if (framing->failed()) {
            fits = false;
            endNotes << tr("%1: the framing %2 does not fit at byte %3: %4")
                            .arg(sideName(c, side), framing->name())
                            .arg(framing->failure().offset)
                            .arg(framing->failure().text);
            note.insert(QStringLiteral("error"), framing->failure().text);
            note.insert(QStringLiteral("offset"), framing->failure().offset);
        } else if (firstGap >= 0) {
            endNotes << tr("%1: %2 bytes at byte %3 were not captured; decoding stops there.")
                            .arg(sideName(c, side))
                            .arg(s.gaps[side].first().length)
                            .arg(firstGap);
            note.insert(QStringLiteral("gap"), firstGap);
        } else if (!framing->pending().isEmpty()) {
            endNotes << tr("%1: the last %2 bytes (from byte %3) are an incomplete message.")
                            .arg(sideName(c, side))
                            .arg(framing->pending().size())
                            .arg(framing->consumed());
            note.insert(QStringLiteral("incomplete"), framing->pending().size());
            note.insert(QStringLiteral("offset"), framing->consumed());
        } else {
            continue;
        }
        endJson << note;
    }
    std::stable_sort(messages.begin(), messages.end(),
                     [](const Decoded &a, const Decoded &b) { return a.timeUs < b.timeUs; });

    if (!json)
        writeOut(tr("Conversation %1 (%2), %3 ⇄ %4, framing %5:")
                     .arg(c.index)
                     .arg(c.transportName(), c.endpoint(CaptureImport::AtoB), c.endpoint(CaptureImport::BtoA),
                          probe->name()));
    for (const Decoded &d : messages) {
        const Framing::Message &m = d.message;
        const QByteArray body = m.body();
        if (json) {
            QJsonObject o{{QStringLiteral("side"), d.side == CaptureImport::AtoB ? QStringLiteral("AtoB") : QStringLiteral("BtoA")},
                          {QStringLiteral("from"), c.endpoint(d.side)},
                          {QStringLiteral("offset"), m.offset},
                          {QStringLiteral("length"), qint64(m.bytes.size())},
                          {QStringLiteral("timeUs"), d.timeUs},
                          {QStringLiteral("bodyLength"), m.bodyLength}};
            if (m.headLength > 0)
                o.insert(QStringLiteral("head"), m.head);
            if (isText(body))
                o.insert(QStringLiteral("text"), QString::fromUtf8(body));
            else
                o.insert(QStringLiteral("hex"), QString::fromLatin1(body.left(4096).toHex()));
            writeJson(o);
            continue;
        }
        QString line = tr("%1  %2  @%3  %4 bytes")
                           .arg(double(d.timeUs - c.firstUs) / 1e6, 11, 'f', 6)
                           .arg(sideName(c, d.side))
                           .arg(m.offset)
                           .arg(m.bytes.size());
        if (m.headLength > 0)
            line += QStringLiteral("  ") + QString::fromUtf8(QJsonDocument(m.head).toJson(QJsonDocument::Compact));
        if (m.headLength == 0 || m.bodyLength > 0)
            line += tr("  %1 bytes: %2").arg(m.bodyLength).arg(preview(body));
        writeOut(line);
    }
    for (const QJsonObject &o : endJson)
        if (json)
            writeJson(o);
    if (!json)
        for (const QString &n : endNotes)
            writeOut(n);
    return fits && readOk ? 0 : 1;
}

} // namespace Switchboard
