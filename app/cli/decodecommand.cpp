#include "decodecommand.h"

#include "net/capture/captureimport.h"
#include "net/framing/framing.h"
#include "net/framing/streamdecoder.h"

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
    const IpDefragmenter &f = import.fragments();
    if (f.reassembled() + f.givenUp() > 0) {
        if (json)
            writeJson(QJsonObject{{QStringLiteral("fragments"),
                                   QJsonObject{{QStringLiteral("reassembled"), f.reassembled()},
                                               {QStringLiteral("givenUp"), f.givenUp()},
                                               {QStringLiteral("overlappingBytes"), f.overlappingBytes()}}}});
        else
            writeOut(DecodeCommand::tr("IP fragments: %1 datagrams put back together, %2 given up (incomplete, "
                                       "too old or too large), %3 bytes sent twice.")
                         .arg(f.reassembled())
                         .arg(f.givenUp())
                         .arg(f.overlappingBytes()));
    }
    return 0;
}

} // namespace

int DecodeCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("switchboard-cli decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--resync]\n"
           "                           [--stream N] [--json]\n\n"
           "Reads a pcap or pcapng capture (tcpdump, Wireshark, Switchboard), reassembles each TCP stream\n"
           "and UDP flow and lists the conversations; with --stream N prints the messages of conversation N\n"
           "in both directions, cut under the framing. Up is client to server: the client is the side that\n"
           "sent the SYN, or, when the handshake was not captured, the side that sent the first packet.\n\n")
        + Framing::syntaxHelp());
    parser.addHelpOption();
    QCommandLineOption framingOpt(QStringLiteral("framing"),
                                  tr("How to cut both directions into messages (default raw)."), QStringLiteral("NAME"),
                                  QStringLiteral("raw"));
    QCommandLineOption upFramingOpt(QStringLiteral("up-framing"), tr("The framing of the client-to-server direction."),
                                    QStringLiteral("NAME"));
    QCommandLineOption downFramingOpt(QStringLiteral("down-framing"),
                                      tr("The framing of the server-to-client direction."), QStringLiteral("NAME"));
    QCommandLineOption resyncOpt(QStringLiteral("resync"),
                                 tr("After a gap or bytes the framing does not fit, find message boundaries again "
                                    "(line/delim: after the next delimiter; v1, tutorial, len: where two whole "
                                    "messages follow one another) and report the bytes skipped."));
    QCommandLineOption streamOpt(QStringLiteral("stream"), tr("The conversation to print (its number in the list)."),
                                 QStringLiteral("N"));
    QCommandLineOption jsonOpt(QStringLiteral("json"), tr("One JSON object per line."));
    parser.addOptions({framingOpt, upFramingOpt, downFramingOpt, resyncOpt, streamOpt, jsonOpt});
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
    // Side AtoB is up: CaptureImport makes A the SYN sender, else the first sender.
    const QString framingNames[2] = {
        parser.isSet(upFramingOpt) ? parser.value(upFramingOpt) : parser.value(framingOpt),
        parser.isSet(downFramingOpt) ? parser.value(downFramingOpt) : parser.value(framingOpt)};
    const bool resync = parser.isSet(resyncOpt);
    std::unique_ptr<StreamDecoder> decoders[2];
    for (int side : {CaptureImport::AtoB, CaptureImport::BtoA}) {
        QString why;
        decoders[side] = StreamDecoder::create(framingNames[side], resync, &why);
        if (!decoders[side]) {
            err << why << Qt::endl;
            return 2;
        }
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
        StreamDecoder &decoder = *decoders[side];
        for (const CaptureImport::Chunk &chunk : s.chunks[side])
            for (const Framing::Message &m : decoder.feed(chunk.offset, chunk.bytes))
                messages.append(Decoded{side, chunk.timeUs, m});
        const qint64 lastUs = s.chunks[side].isEmpty() ? c.lastUs : s.chunks[side].last().timeUs;
        for (const Framing::Message &m : decoder.finish())
            messages.append(Decoded{side, lastUs, m});
        // A gap at the very end (nothing captured after it) has no chunk to reveal it.
        QList<StreamDecoder::Gap> gaps = decoder.gaps();
        for (const TcpReassembler::Gap &g : s.gaps[side])
            if (gaps.isEmpty() || g.offset > gaps.last().offset)
                gaps.append(StreamDecoder::Gap{g.offset, g.length});
        const QString sideLabel = side == CaptureImport::AtoB ? QStringLiteral("AtoB") : QStringLiteral("BtoA");
        auto noteJson = [&](const QJsonObject &o) {
            QJsonObject n = o;
            n.insert(QStringLiteral("side"), sideLabel);
            endJson << n;
        };
        for (const Framing::Failure &f : decoder.failures()) {
            fits = false;
            endNotes << tr("%1: the framing %2 does not fit at byte %3: %4")
                            .arg(sideName(c, side), decoder.framingName())
                            .arg(f.offset)
                            .arg(f.text);
            noteJson({{QStringLiteral("error"), f.text}, {QStringLiteral("offset"), f.offset}});
        }
        for (const StreamDecoder::Gap &g : std::as_const(gaps)) {
            endNotes << (resync ? tr("%1: %2 bytes at byte %3 were not captured.")
                                : tr("%1: %2 bytes at byte %3 were not captured; decoding stops there (--resync "
                                     "goes on after it)."))
                            .arg(sideName(c, side))
                            .arg(g.length)
                            .arg(g.offset);
            noteJson({{QStringLiteral("gap"), g.offset}, {QStringLiteral("length"), g.length}});
            if (!resync)
                break;
        }
        for (const StreamDecoder::Skip &k : decoder.skips()) {
            endNotes << tr("%1: skipped %2 bytes at %3..%4, %5.")
                            .arg(sideName(c, side))
                            .arg(k.length)
                            .arg(k.offset)
                            .arg(k.end() - 1)
                            .arg(k.why);
            noteJson({{QStringLiteral("skipped"), k.length},
                      {QStringLiteral("offset"), k.offset},
                      {QStringLiteral("why"), k.why}});
        }
        if (!decoder.stopped() && decoder.pendingBytes() > 0) {
            endNotes << tr("%1: the last %2 bytes (from byte %3) are an incomplete message.")
                            .arg(sideName(c, side))
                            .arg(decoder.pendingBytes())
                            .arg(decoder.pendingOffset());
            noteJson({{QStringLiteral("incomplete"), decoder.pendingBytes()},
                      {QStringLiteral("offset"), decoder.pendingOffset()}});
        }
    }
    std::stable_sort(messages.begin(), messages.end(),
                     [](const Decoded &a, const Decoded &b) { return a.timeUs < b.timeUs; });

    if (!json)
        writeOut(tr("Conversation %1 (%2), %3 ⇄ %4, framing %5:")
                     .arg(c.index)
                     .arg(c.transportName(), c.endpoint(CaptureImport::AtoB), c.endpoint(CaptureImport::BtoA),
                          decoders[0]->framingName() == decoders[1]->framingName()
                              ? decoders[0]->framingName()
                              : tr("%1 up, %2 down").arg(decoders[0]->framingName(), decoders[1]->framingName()))
                     + (resync ? tr(" (resync)") : QString()));
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
