// FrameDecoder / FrameEncoder: reassembly under every split, every error kind, limits, memory bounds.
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <QtEndian>

#include <limits>

#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace Switchboard;

namespace {

using Error = FrameDecoder::Error;

QByteArray prefix(quint32 n)
{
    char p[4];
    qToBigEndian<quint32>(n, p);
    return QByteArray(p, 4);
}

// A frame with a hand-written header, so the exact raw header bytes are under the test's control.
QByteArray rawFrame(const QByteArray &headerJson, const QByteArray &payload = {})
{
    return prefix(quint32(headerJson.size())) + headerJson + payload;
}

QByteArray binaryPayload(int size, int seed)
{
    QByteArray b(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        b[i] = char((i * 131 + seed * 17) & 0xff);
    return b;
}

struct Stream
{
    QByteArray bytes;
    QList<Frame> expected; // what a correct decoder must produce, built independently of the decoder
};

void append(Stream &s, const QByteArray &headerJson, const QByteArray &payload = {})
{
    Frame f;
    QJsonParseError err;
    f.header = QJsonDocument::fromJson(headerJson, &err).object();
    Q_ASSERT(err.error == QJsonParseError::NoError);
    f.payload = payload;
    f.streamOffset = s.bytes.size();
    f.headerLength = quint32(headerJson.size());
    f.rawHeader = headerJson;
    s.bytes += rawFrame(headerJson, payload);
    s.expected.append(f);
}

// Frames with and without payloads, Unicode (raw and escaped), whitespace, tiny headers,
// explicit zero size, and payloads that look like length prefixes.
Stream mixedStream()
{
    Stream s;
    append(s, R"({"type":"hello","id":1,"versions":[1],"client":"tst"})");
    append(s, QStringLiteral(u"{\"type\":\"chat.send\",\"room\":\"général\",\"text\":\"héllo 世界 🎉\"}").toUtf8());
    append(s, R"({"type":"file.chunk","id":2,"size":300})", binaryPayload(300, 1));
    append(s, R"({"type":"a"})");
    append(s, R"({"type":"\u00e9t\u00e9","x":"\ud83d\ude00"})");
    append(s, R"({"type":"one","size":1})", QByteArray("\x00", 1));
    append(s, R"({"type":"zero","size":0})");
    append(s, " \t\r\n{ \"type\" : \"spaced\" }\n ");
    append(s, R"({"type":"tricky","size":8})", prefix(0) + prefix(0xFFFFFFFFu));
    append(s, R"({"size":4,"type":"size-first"})", QByteArray("{}{}"));
    append(s, R"({"type":"nested","o":{"type":5,"size":-1},"a":[{"size":"x"}]})");
    return s;
}

// A small stream for the every-pair-of-split-points test.
Stream smallStream()
{
    Stream s;
    append(s, R"({"type":"a"})");
    append(s, R"({"type":"p","size":3})", QByteArray("\x00\xff\x01", 3));
    append(s, QStringLiteral(u"{\"type\":\"é\"}").toUtf8());
    append(s, R"({"type":"z","size":0})");
    return s;
}

// Feeds, then takes every frame that is ready.
void feedAndDrain(FrameDecoder &d, QByteArrayView bytes, QList<Frame> *out)
{
    d.feed(bytes);
    Frame f;
    while (d.next(&f))
        out->append(f);
}

// Writes bytes into the decoder's own buffers (receiveSpace/commit, as a transport does), never
// more than a span at a time, and takes every frame that is ready after each commit.
void pour(FrameDecoder &d, QByteArrayView bytes, QList<Frame> *out)
{
    while (!bytes.isEmpty()) {
        const FrameDecoder::Span space = d.receiveSpace();
        QVERIFY(space.data != nullptr && space.size > 0);
        const qsizetype n = qMin(space.size, bytes.size());
        std::memcpy(space.data, bytes.data(), size_t(n));
        d.commit(n);
        bytes = bytes.sliced(n);
        Frame f;
        while (d.next(&f))
            out->append(f);
    }
}

// Frames around the direct-payload size: below, at, above it, and small ones in between.
Stream largePayloadStream()
{
    Stream s;
    append(s, R"({"type":"a"})");
    append(s, R"({"type":"under","size":32767})", binaryPayload(32767, 2));
    append(s, R"({"type":"at","size":32768})", binaryPayload(32768, 3));
    append(s, R"({"type":"ack","size":2})", QByteArray("ok"));
    append(s, R"({"type":"over","size":40000})", binaryPayload(40000, 4));
    append(s, R"({"type":"z"})");
    return s;
}

QString describeFrame(const Frame &f)
{
    return QStringLiteral("{offset %1, N %2, raw %3, payload %4 bytes}")
        .arg(f.streamOffset)
        .arg(f.headerLength)
        .arg(QString::fromUtf8(f.rawHeader))
        .arg(f.payload.size());
}

// Empty when equal, else what differs.
QString diffFrames(const QList<Frame> &got, const QList<Frame> &want)
{
    if (got.size() != want.size())
        return QStringLiteral("got %1 frames, want %2").arg(got.size()).arg(want.size());
    for (int i = 0; i < got.size(); ++i) {
        const Frame &a = got.at(i);
        const Frame &b = want.at(i);
        if (a.header != b.header || a.payload != b.payload || a.streamOffset != b.streamOffset
            || a.headerLength != b.headerLength || a.rawHeader != b.rawHeader)
            return QStringLiteral("frame %1 differs: got %2, want %3").arg(i).arg(describeFrame(a), describeFrame(b));
    }
    return QString();
}

qint64 heapInUse()
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    const struct mallinfo2 mi = mallinfo2();
    return qint64(mi.uordblks) + qint64(mi.hblkhd);
#else
    return -1;
#endif
}

} // namespace

Q_DECLARE_METATYPE(Switchboard::FrameDecoder::Error)

namespace Switchboard {

class TestFrameDecoder : public QObject
{
    Q_OBJECT

private slots:
    void wholeStreamInOneFeed();
    void everySplitPoint();
    void everyPairOfSplitPoints();
    void oneByteAtATime();
    void irregularChunks();
    void errors_data();
    void errors();
    void errorsTrickled_data() { errors_data(); }
    void errorsTrickled();
    void framesBeforeErrorAreDelivered();
    void nothingAfterError();
    void resetRecovers();
    void hugePrefixDoesNotAllocate();
    void hugeDeclaredPayloadDoesNotAllocate();
    void headerLimit();
    void payloadLimit();
    void limitBoundariesAccepted();
    void trickledLargePayload();
    void bufferStaysBoundedOverLongStream();
    void inPlaceEverySplitPoint();
    void inPlaceFrameLargerThanBuffer();
    void inPlaceHeadersReadExactlyBetweenLargePayloads();
    void payloadBuffersReusedOnlyWhenLetGo();
    void inPlaceScratchAfterError();
    void encoderRoundTrip_data();
    void encoderRoundTrip();
    void encoderDropsStaleSize();
    void encoderUnicodeLength();
    void wireBytesReproducesInput();
    void errorCodesAreStable();
};

void TestFrameDecoder::wholeStreamInOneFeed()
{
    const Stream s = mixedStream();
    FrameDecoder d;
    QList<Frame> got;
    feedAndDrain(d, s.bytes, &got);
    const QString diff = diffFrames(got, s.expected);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(d.error(), Error::None);
    QCOMPARE(d.bufferedBytes(), 0);
    QCOMPARE(d.consumedBytes(), qint64(s.bytes.size()));
    // Spot checks that do not depend on the helper.
    QCOMPARE(got.at(1).header.value("text").toString(), QStringLiteral(u"héllo 世界 🎉"));
    QCOMPARE(got.at(4).type(), QStringLiteral(u"été"));
    QCOMPARE(got.at(7).type(), QStringLiteral("spaced"));
    QCOMPARE(got.at(8).payload.size(), 8);
}

void TestFrameDecoder::everySplitPoint()
{
    const Stream s = mixedStream();
    for (int i = 0; i <= s.bytes.size(); ++i) {
        FrameDecoder d;
        QList<Frame> got;
        feedAndDrain(d, QByteArrayView(s.bytes).first(i), &got);
        QCOMPARE(d.consumedBytes() + d.bufferedBytes(), qint64(i));
        feedAndDrain(d, QByteArrayView(s.bytes).sliced(i), &got);
        const QString diff = diffFrames(got, s.expected);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("split at %1: %2").arg(i).arg(diff)));
        QCOMPARE(d.error(), Error::None);
        QCOMPARE(d.bufferedBytes(), 0);
    }
}

void TestFrameDecoder::everyPairOfSplitPoints()
{
    const Stream s = smallStream();
    const int n = int(s.bytes.size());
    for (int i = 0; i <= n; ++i) {
        for (int j = i; j <= n; ++j) {
            FrameDecoder d;
            QList<Frame> got;
            feedAndDrain(d, QByteArrayView(s.bytes).sliced(0, i), &got);
            feedAndDrain(d, QByteArrayView(s.bytes).sliced(i, j - i), &got);
            feedAndDrain(d, QByteArrayView(s.bytes).sliced(j), &got);
            const QString diff = diffFrames(got, s.expected);
            QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("splits at %1,%2: %3").arg(i).arg(j).arg(diff)));
            QCOMPARE(d.bufferedBytes(), 0);
        }
    }
}

void TestFrameDecoder::oneByteAtATime()
{
    const Stream s = mixedStream();
    FrameDecoder d;
    QList<Frame> got;
    for (int i = 0; i < s.bytes.size(); ++i) {
        feedAndDrain(d, QByteArrayView(s.bytes).sliced(i, 1), &got);
        QCOMPARE(d.consumedBytes() + d.bufferedBytes(), qint64(i + 1));
    }
    const QString diff = diffFrames(got, s.expected);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(d.bufferedBytes(), 0);
}

void TestFrameDecoder::irregularChunks()
{
    // Several streams back to back, cut in chunk sizes that drift across frame boundaries.
    Stream s = mixedStream();
    const Stream more = mixedStream();
    for (int k = 0; k < 3; ++k) {
        for (Frame f : more.expected) {
            f.streamOffset += s.bytes.size();
            s.expected.append(f);
        }
        s.bytes += more.bytes;
    }
    for (int chunk : {2, 3, 5, 7, 13, 64, 301, 4096}) {
        FrameDecoder d;
        QList<Frame> got;
        for (qsizetype i = 0; i < s.bytes.size(); i += chunk)
            feedAndDrain(d, QByteArrayView(s.bytes).sliced(i, qMin<qsizetype>(chunk, s.bytes.size() - i)), &got);
        const QString diff = diffFrames(got, s.expected);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("chunk %1: %2").arg(chunk).arg(diff)));
    }
}

void TestFrameDecoder::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Error>("error");
    QTest::addColumn<QString>("code");

    QTest::newRow("zero length") << prefix(0) << Error::ZeroLength << "frame_zero_length";
    QTest::newRow("zero length + more") << prefix(0) + rawFrame(R"({"type":"a"})") << Error::ZeroLength
                                        << "frame_zero_length";
    QTest::newRow("header 65537") << prefix(65537) << Error::HeaderTooLarge << "frame_header_too_large";
    QTest::newRow("header 0xFFFFFFFF") << prefix(0xFFFFFFFFu) << Error::HeaderTooLarge << "frame_header_too_large";
    QTest::newRow("header 0x80000000") << prefix(0x80000000u) << Error::HeaderTooLarge << "frame_header_too_large";
    QTest::newRow("http request") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << Error::HeaderTooLarge
                                  << "frame_header_too_large";
    QTest::newRow("payload 16MiB+1") << rawFrame(R"({"type":"f","size":16777217})") << Error::PayloadTooLarge
                                     << "frame_payload_too_large";
    QTest::newRow("payload 1e15") << rawFrame(R"({"type":"f","size":1000000000000000})") << Error::PayloadTooLarge
                                  << "frame_payload_too_large";
    QTest::newRow("utf8 0xff") << rawFrame("{\"type\":\"\xff\"}") << Error::BadUtf8 << "frame_bad_utf8";
    QTest::newRow("utf8 overlong") << rawFrame("{\"type\":\"\xc0\xaf\"}") << Error::BadUtf8 << "frame_bad_utf8";
    QTest::newRow("utf8 surrogate") << rawFrame("{\"type\":\"\xed\xa0\x80\"}") << Error::BadUtf8 << "frame_bad_utf8";
    QTest::newRow("utf8 truncated") << rawFrame("{\"type\":\"\xe4\xb8\"}") << Error::BadUtf8 << "frame_bad_utf8";
    QTest::newRow("utf8 lone continuation") << rawFrame("{\"type\":\"a\x80\"}") << Error::BadUtf8 << "frame_bad_utf8";
    QTest::newRow("not json: text") << rawFrame("hello") << Error::NotJson << "frame_not_json";
    QTest::newRow("not json: truncated") << rawFrame(R"({"type":)") << Error::NotJson << "frame_not_json";
    QTest::newRow("not json: trailing") << rawFrame(R"({"type":"a"}x)") << Error::NotJson << "frame_not_json";
    QTest::newRow("not json: two objects") << rawFrame(R"({"type":"a"}{"type":"b"})") << Error::NotJson
                                           << "frame_not_json";
    QTest::newRow("not json: single quotes") << rawFrame("{'type':'a'}") << Error::NotJson << "frame_not_json";
    QTest::newRow("not json: NUL byte") << rawFrame(QByteArray("{\"type\":\"a\"}\0", 13)) << Error::NotJson
                                        << "frame_not_json";
    QTest::newRow("not object: array") << rawFrame(R"([{"type":"a"}])") << Error::NotObject << "frame_not_object";
    QTest::newRow("not object: empty array") << rawFrame("[]") << Error::NotObject << "frame_not_object";
    QTest::newRow("type missing") << rawFrame("{}") << Error::MissingType << "frame_missing_type";
    QTest::newRow("type missing, id only") << rawFrame(R"({"id":1,"size":0})") << Error::MissingType
                                           << "frame_missing_type";
    QTest::newRow("type number") << rawFrame(R"({"type":1})") << Error::MissingType << "frame_missing_type";
    QTest::newRow("type null") << rawFrame(R"({"type":null})") << Error::MissingType << "frame_missing_type";
    QTest::newRow("type array") << rawFrame(R"({"type":["a"]})") << Error::MissingType << "frame_missing_type";
    QTest::newRow("type object") << rawFrame(R"({"type":{}})") << Error::MissingType << "frame_missing_type";
    QTest::newRow("type empty") << rawFrame(R"({"type":""})") << Error::MissingType << "frame_missing_type";
    QTest::newRow("Type capitalised") << rawFrame(R"({"Type":"a"})") << Error::MissingType << "frame_missing_type";
    QTest::newRow("size negative") << rawFrame(R"({"type":"f","size":-1})") << Error::BadSize << "frame_bad_size";
    QTest::newRow("size fractional") << rawFrame(R"({"type":"f","size":1.5})") << Error::BadSize << "frame_bad_size";
    QTest::newRow("size string") << rawFrame(R"({"type":"f","size":"10"})") << Error::BadSize << "frame_bad_size";
    QTest::newRow("size null") << rawFrame(R"({"type":"f","size":null})") << Error::BadSize << "frame_bad_size";
    QTest::newRow("size bool") << rawFrame(R"({"type":"f","size":true})") << Error::BadSize << "frame_bad_size";
    QTest::newRow("size array") << rawFrame(R"({"type":"f","size":[1]})") << Error::BadSize << "frame_bad_size";
    QTest::newRow("size 1e300") << rawFrame(R"({"type":"f","size":1e300})") << Error::BadSize << "frame_bad_size";
}

void TestFrameDecoder::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Error, error);
    QFETCH(QString, code);

    FrameDecoder d;
    d.feed(bytes);
    Frame f;
    QVERIFY(!d.next(&f));
    QCOMPARE(d.error(), error);
    QCOMPARE(FrameDecoder::errorCode(d.error()), code);
    QVERIFY(!d.errorString().isEmpty());
    QCOMPARE(d.consumedBytes(), 0);
    QCOMPARE(d.bufferedBytes(), 0); // a broken stream keeps nothing
    QVERIFY(!d.next(&f));
    QCOMPARE(d.error(), error);
}

void TestFrameDecoder::errorsTrickled()
{
    // The same verdicts when the bytes arrive one at a time, and the error comes no later
    // than the byte that makes it certain (here: the end of the offending header at most).
    QFETCH(QByteArray, bytes);
    QFETCH(Error, error);

    FrameDecoder d;
    Frame f;
    int failedAt = -1;
    for (int i = 0; i < bytes.size() && failedAt < 0; ++i) {
        d.feed(QByteArrayView(bytes).sliced(i, 1));
        QVERIFY2(!d.next(&f), "no frame may come out of a bad stream");
        if (d.error() != Error::None)
            failedAt = i;
    }
    QVERIFY2(failedAt >= 0, "the error must be detected");
    QCOMPARE(d.error(), error);
    if (error == Error::ZeroLength || error == Error::HeaderTooLarge)
        QCOMPARE(failedAt, 3); // as soon as the length prefix is complete
    QCOMPARE(d.bufferedBytes(), 0);
}

void TestFrameDecoder::framesBeforeErrorAreDelivered()
{
    const QByteArray good1 = rawFrame(R"({"type":"a","size":2})", "xy");
    const QByteArray good2 = rawFrame(R"({"type":"b"})");
    FrameDecoder d;
    d.feed(good1 + good2 + rawFrame(R"({"type":"c","size":-4})") + rawFrame(R"({"type":"d"})"));
    Frame f;
    QVERIFY(d.next(&f));
    QCOMPARE(f.type(), QStringLiteral("a"));
    QCOMPARE(f.payload, QByteArray("xy"));
    QVERIFY(d.next(&f));
    QCOMPARE(f.type(), QStringLiteral("b"));
    QCOMPARE(f.streamOffset, qint64(good1.size()));
    QVERIFY(!d.next(&f));
    QCOMPARE(d.error(), Error::BadSize);
    QCOMPARE(d.consumedBytes(), qint64(good1.size() + good2.size())); // where the bad frame starts
}

void TestFrameDecoder::nothingAfterError()
{
    FrameDecoder d;
    d.feed(prefix(0));
    Frame f;
    QVERIFY(!d.next(&f));
    QCOMPARE(d.error(), Error::ZeroLength);
    const QByteArray good = rawFrame(R"({"type":"a"})");
    for (int i = 0; i < 10; ++i) {
        d.feed(good);
        QVERIFY(!d.next(&f));
        QCOMPARE(d.bufferedBytes(), 0);
    }
    QCOMPARE(d.error(), Error::ZeroLength);
    QCOMPARE(d.errorString(), FrameDecoder::describe(Error::ZeroLength));
}

void TestFrameDecoder::resetRecovers()
{
    FrameDecoder d;
    d.feed(QByteArray("garbage!"));
    Frame f;
    QVERIFY(!d.next(&f));
    QVERIFY(d.error() != Error::None);
    d.reset();
    QCOMPARE(d.error(), Error::None);
    QVERIFY(d.errorString().isEmpty());
    QCOMPARE(d.consumedBytes(), 0);
    d.feed(rawFrame(R"({"type":"a"})"));
    QVERIFY(d.next(&f));
    QCOMPARE(f.type(), QStringLiteral("a"));
    QCOMPARE(f.streamOffset, 0);
}

void TestFrameDecoder::hugePrefixDoesNotAllocate()
{
    // Default limits: rejected on the prefix alone.
    {
        FrameDecoder d;
        const qint64 before = heapInUse();
        d.feed(prefix(0xFFFFFFFFu));
        Frame f;
        QVERIFY(!d.next(&f));
        QCOMPARE(d.error(), Error::HeaderTooLarge);
        QCOMPARE(d.bufferedBytes(), 0);
        if (before >= 0)
            QVERIFY2(heapInUse() - before < 1024 * 1024, "decoder allocated from the length prefix");
    }
    // Even with the header limit lifted to the maximum, a 4 GiB claim reserves nothing:
    // the decoder holds exactly what arrived and keeps waiting.
    {
        FrameDecoder d(FrameLimits{std::numeric_limits<quint32>::max(), 16 * 1024 * 1024});
        const qint64 before = heapInUse();
        d.feed(prefix(0xFFFFFFFFu));
        Frame f;
        QVERIFY(!d.next(&f));
        QCOMPARE(d.error(), Error::None);
        QCOMPARE(d.bufferedBytes(), 4);
        const QByteArray some(1000, '{');
        for (int i = 0; i < 10; ++i) {
            d.feed(some);
            QVERIFY(!d.next(&f));
        }
        QCOMPARE(d.bufferedBytes(), 4 + 10 * 1000);
        if (before >= 0)
            QVERIFY2(heapInUse() - before < 1024 * 1024, "decoder allocated from the length prefix");
    }
}

void TestFrameDecoder::hugeDeclaredPayloadDoesNotAllocate()
{
    // A header announcing the largest allowed payload, followed by a few bytes of it.
    const QByteArray header = rawFrame(R"({"type":"file.chunk","size":16777216})");
    FrameDecoder d;
    const qint64 before = heapInUse();
    d.feed(header);
    Frame f;
    QVERIFY(!d.next(&f));
    QCOMPARE(d.error(), Error::None);
    QCOMPARE(d.consumedBytes(), qint64(header.size()));
    QCOMPARE(d.bufferedBytes(), 0);
    d.feed(QByteArray(10, 'x'));
    QVERIFY(!d.next(&f));
    QCOMPARE(d.bufferedBytes(), 10);
    if (before >= 0)
        QVERIFY2(heapInUse() - before < 1024 * 1024, "decoder reserved memory for an announced payload");
}

void TestFrameDecoder::headerLimit()
{
    const QByteArray h10 = R"({"type":1})"; // 10 bytes, content irrelevant for the length check
    QCOMPARE(h10.size(), 10);
    FrameDecoder d(FrameLimits{9, 100});
    QCOMPARE(d.limits().maxHeaderBytes, 9u);
    d.feed(rawFrame(h10));
    Frame f;
    QVERIFY(!d.next(&f));
    QCOMPARE(d.error(), Error::HeaderTooLarge);

    // setLimits() changes the verdict for a fresh stream.
    FrameDecoder d2;
    d2.setLimits(FrameLimits{12, 100});
    d2.feed(rawFrame(R"({"type":"a"})") + rawFrame(R"({"type":"ab"})"));
    QVERIFY(d2.next(&f)); // 12 bytes: allowed
    QVERIFY(!d2.next(&f)); // 13 bytes: too large
    QCOMPARE(d2.error(), Error::HeaderTooLarge);
}

void TestFrameDecoder::payloadLimit()
{
    FrameDecoder d(FrameLimits{65536, 5});
    d.feed(rawFrame(R"({"type":"p","size":5})", "12345") + rawFrame(R"({"type":"p","size":6})", "123456"));
    Frame f;
    QVERIFY(d.next(&f));
    QCOMPARE(f.payload, QByteArray("12345"));
    QVERIFY(!d.next(&f));
    QCOMPARE(d.error(), Error::PayloadTooLarge);

    FrameDecoder none(FrameLimits{65536, 0});
    none.feed(rawFrame(R"({"type":"p","size":0})") + rawFrame(R"({"type":"p","size":1})", "1"));
    QVERIFY(none.next(&f));
    QVERIFY(!none.next(&f));
    QCOMPARE(none.error(), Error::PayloadTooLarge);
}

void TestFrameDecoder::limitBoundariesAccepted()
{
    // A header of exactly 65536 bytes and a payload announced at exactly 16 MiB are allowed.
    QByteArray header = R"({"type":"big","pad":")";
    const QByteArray tail = R"(","size":16777216})";
    header += QByteArray(65536 - header.size() - tail.size(), 'p');
    header += tail;
    QCOMPARE(header.size(), 65536);
    FrameDecoder d;
    d.feed(rawFrame(header));
    Frame f;
    QVERIFY(!d.next(&f));
    QCOMPARE(d.error(), Error::None);
    QCOMPARE(d.consumedBytes(), 4 + 65536);

    // One more header byte is refused.
    FrameDecoder d2;
    d2.feed(prefix(65537));
    QVERIFY(!d2.next(&f));
    QCOMPARE(d2.error(), Error::HeaderTooLarge);
}

void TestFrameDecoder::trickledLargePayload()
{
    const int size = 4 * 1024 * 1024;
    const QByteArray payload = binaryPayload(size, 7);
    const QByteArray bytes = FrameEncoder::encode(QJsonObject{{"type", "file.chunk"}, {"id", 9}}, payload);
    const qint64 headerBytes = bytes.size() - size;

    FrameDecoder d;
    Frame f;
    qint64 fed = 0;
    const int step = 16 * 1024 + 3; // not aligned with anything
    bool done = false;
    while (fed < bytes.size()) {
        const qsizetype n = qMin<qsizetype>(step, bytes.size() - fed);
        d.feed(QByteArrayView(bytes).sliced(fed, n));
        fed += n;
        done = d.next(&f);
        if (done)
            break;
        // Everything fed is accounted for, and nothing more is held than what was sent.
        QCOMPARE(d.consumedBytes() + d.bufferedBytes(), fed);
        if (fed >= headerBytes) {
            QCOMPARE(d.consumedBytes(), headerBytes);
            QCOMPARE(d.bufferedBytes(), fed - headerBytes);
        } else {
            QCOMPARE(d.bufferedBytes(), fed);
        }
    }
    QVERIFY(done);
    QCOMPARE(fed, qint64(bytes.size()));
    QCOMPARE(f.payload.size(), size);
    QVERIFY(f.payload == payload);
    QCOMPARE(f.header.value("size").toInteger(), size);
    QCOMPARE(d.bufferedBytes(), 0);
    QCOMPARE(d.consumedBytes(), qint64(bytes.size()));
}

void TestFrameDecoder::bufferStaysBoundedOverLongStream()
{
    // Thousands of frames fed in odd chunks: the decoder never holds more than a frame plus a chunk.
    QByteArray stream;
    for (int i = 0; i < 5000; ++i)
        stream += FrameEncoder::encode(QJsonObject{{"type", "chat.send"}, {"id", i}, {"text", "hi"}},
                                       i % 10 == 0 ? binaryPayload(200, i) : QByteArray());
    FrameDecoder d;
    Frame f;
    int count = 0;
    const int chunk = 1500;
    for (qsizetype i = 0; i < stream.size(); i += chunk) {
        d.feed(QByteArrayView(stream).sliced(i, qMin<qsizetype>(chunk, stream.size() - i)));
        while (d.next(&f)) {
            QCOMPARE(f.header.value("id").toInt(), count);
            ++count;
        }
        QVERIFY2(d.bufferedBytes() < chunk + 300, qPrintable(QString::number(d.bufferedBytes())));
    }
    QCOMPARE(count, 5000);
    QCOMPARE(d.bufferedBytes(), 0);
}

void TestFrameDecoder::inPlaceEverySplitPoint()
{
    // Read in place, cut at every byte near a frame's prefix, header and payload boundaries (and
    // at every 101st elsewhere): the same frames, every payload intact.
    const Stream s = largePayloadStream();
    QList<qint64> boundaries;
    for (const Frame &f : s.expected)
        boundaries << f.streamOffset << f.streamOffset + 4 << f.streamOffset + 4 + f.headerLength
                   << f.streamOffset + f.wireSize();
    for (qsizetype i = 0; i <= s.bytes.size(); ++i) {
        const bool near = std::any_of(boundaries.cbegin(), boundaries.cend(), [i](qint64 b) { return qAbs(b - i) <= 80; });
        if (!near && i % 101 != 0)
            continue;
        FrameDecoder d;
        QList<Frame> got;
        pour(d, QByteArrayView(s.bytes).first(i), &got);
        pour(d, QByteArrayView(s.bytes).sliced(i), &got);
        const QString diff = diffFrames(got, s.expected);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("split at %1: %2").arg(i).arg(diff)));
        QCOMPARE(d.bufferedBytes(), 0);
        QCOMPARE(d.consumedBytes(), qint64(s.bytes.size()));
    }
}

void TestFrameDecoder::inPlaceFrameLargerThanBuffer()
{
    // A 3 MiB payload and a 40 KB header, both larger than the room a read gets.
    Stream s;
    QByteArray header = R"({"type":"big-header","pad":")" + QByteArray(40000, 'h') + R"("})";
    append(s, header);
    append(s, R"({"type":"big","size":3145728})", binaryPayload(3 * 1024 * 1024, 5));
    append(s, R"({"type":"after"})");
    FrameDecoder d;
    QList<Frame> got;
    qsizetype largestSpan = 0;
    QByteArrayView rest(s.bytes);
    while (!rest.isEmpty()) {
        const FrameDecoder::Span space = d.receiveSpace();
        largestSpan = qMax(largestSpan, space.size);
        const qsizetype n = qMin(space.size, rest.size());
        std::memcpy(space.data, rest.data(), size_t(n));
        d.commit(n);
        rest = rest.sliced(n);
        // Never more held than what arrived (nothing reserved from a declared size).
        QVERIFY(d.bufferedBytes() <= qint64(s.bytes.size() - rest.size()));
        Frame f;
        while (d.next(&f))
            got.append(f);
    }
    const QString diff = diffFrames(got, s.expected);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY2(largestSpan < 3 * 1024 * 1024, "a payload's buffer grows with its data, not from the declared size");
}

void TestFrameDecoder::inPlaceHeadersReadExactlyBetweenLargePayloads()
{
    // After a large payload the decoder offers exactly the length prefix, then exactly the header,
    // so the next payload is read into its own buffer and not copied there from the small one.
    const QByteArray first = rawFrame(R"({"type":"c","size":65536})", binaryPayload(65536, 1));
    const QByteArray json = R"({"type":"c","size":50000})";
    FrameDecoder d;
    QList<Frame> got;
    pour(d, first, &got);
    QCOMPARE(got.size(), 1);
    FrameDecoder::Span space = d.receiveSpace();
    QCOMPARE(space.size, 4);
    std::memcpy(space.data, prefix(quint32(json.size())).constData(), 4);
    d.commit(4);
    Frame f;
    QVERIFY(!d.next(&f));
    space = d.receiveSpace();
    QCOMPARE(space.size, json.size());
    std::memcpy(space.data, json.constData(), size_t(json.size()));
    d.commit(json.size());
    QVERIFY(!d.next(&f)); // header parsed, payload pending
    space = d.receiveSpace();
    QVERIFY(space.size >= 50000); // the payload's own buffer
    const QByteArray payload = binaryPayload(50000, 2);
    std::memcpy(space.data, payload.constData(), 50000);
    d.commit(50000);
    QVERIFY(d.next(&f));
    QCOMPARE(f.payload, payload);
}

void TestFrameDecoder::payloadBuffersReusedOnlyWhenLetGo()
{
    const QByteArray a = binaryPayload(100000, 1);
    const QByteArray b = binaryPayload(100000, 2);
    const QByteArray c = binaryPayload(100000, 3);
    FrameDecoder d;
    Frame f;
    d.feed(rawFrame(R"({"type":"c","size":100000})", a));
    QVERIFY(d.next(&f));
    const char *firstBuffer = f.payload.constData();
    f = Frame(); // let go: the next payload lands in the same memory
    d.feed(rawFrame(R"({"type":"c","size":100000})", b));
    QVERIFY(d.next(&f));
    QCOMPARE(f.payload.constData(), firstBuffer);
    QCOMPARE(f.payload, b);
    const Frame kept = f; // kept (a queued signal, a list): the next payload must not overwrite it
    f = Frame();
    d.feed(rawFrame(R"({"type":"c","size":100000})", c));
    QVERIFY(d.next(&f));
    QVERIFY(f.payload.constData() != kept.payload.constData());
    QCOMPARE(f.payload, c);
    QCOMPARE(kept.payload, b);
}

void TestFrameDecoder::inPlaceScratchAfterError()
{
    FrameDecoder d;
    QList<Frame> got;
    pour(d, prefix(0), &got);
    QCOMPARE(d.error(), Error::ZeroLength);
    // A transport may still read what the socket holds: it goes to scratch space and is dropped.
    pour(d, rawFrame(R"({"type":"a"})"), &got);
    QVERIFY(got.isEmpty());
    QCOMPARE(d.bufferedBytes(), 0);
}

void TestFrameDecoder::encoderRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("header");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("hello") << QJsonObject{{"type", "hello"}, {"id", 1}, {"versions", QJsonArray{1}}, {"client", "x"}}
                           << QByteArray();
    QTest::newRow("unicode") << QJsonObject{{"type", QStringLiteral(u"сообщение")}, {"text", QStringLiteral(u"日本語 🎌 \"q\" \\")}}
                             << QByteArray();
    QTest::newRow("control chars") << QJsonObject{{"type", "t"}, {"text", QStringLiteral("a\nb\tc\x01")}} << QByteArray();
    QTest::newRow("payload 1") << QJsonObject{{"type", "p"}} << QByteArray(1, '\0');
    QTest::newRow("payload 64KiB") << QJsonObject{{"type", "file.chunk"}, {"id", 3}} << binaryPayload(65536, 3);
    QTest::newRow("wrong size is replaced") << QJsonObject{{"type", "p"}, {"size", 999}} << QByteArray("abc");
}

void TestFrameDecoder::encoderRoundTrip()
{
    QFETCH(QJsonObject, header);
    QFETCH(QByteArray, payload);
    const QByteArray bytes = FrameEncoder::encode(header, payload);
    const QByteArray json = bytes.mid(4, bytes.size() - 4 - payload.size());
    QCOMPARE(qFromBigEndian<quint32>(bytes.constData()), quint32(json.size()));
    QCOMPARE(bytes.right(payload.size()), payload);

    FrameDecoder d;
    d.feed(bytes);
    Frame f;
    QVERIFY(d.next(&f));
    QJsonObject want = header;
    if (payload.isEmpty())
        want.remove("size");
    else
        want.insert("size", double(payload.size()));
    QCOMPARE(f.header, want);
    QCOMPARE(f.payload, payload);
    QCOMPARE(f.headerLength, quint32(json.size()));
    QCOMPARE(f.rawHeader, json);
    QCOMPARE(f.wireBytes(), bytes);
    QCOMPARE(f.wireSize(), qint64(bytes.size()));
    QVERIFY(!d.next(&f));
    QCOMPARE(d.error(), Error::None);
}

void TestFrameDecoder::encoderDropsStaleSize()
{
    const QByteArray bytes = FrameEncoder::encode(QJsonObject{{"type", "p"}, {"size", 10}});
    FrameDecoder d;
    d.feed(bytes);
    Frame f;
    QVERIFY2(d.next(&f), "a frame without payload must not announce one");
    QVERIFY(!f.header.contains("size"));
}

void TestFrameDecoder::encoderUnicodeLength()
{
    // N counts bytes, not characters.
    const QString text = QStringLiteral(u"€🎉");
    const QByteArray json = FrameEncoder::headerBytes(QJsonObject{{"type", text}});
    QCOMPARE(json, QStringLiteral(u"{\"type\":\"€🎉\"}").toUtf8());
    const QByteArray bytes = FrameEncoder::encode(QJsonObject{{"type", text}});
    QCOMPARE(qFromBigEndian<quint32>(bytes.constData()), quint32(json.size()));
    QCOMPARE(bytes.size(), 4 + json.size());
}

void TestFrameDecoder::wireBytesReproducesInput()
{
    // rawHeader keeps the sender's exact bytes (spacing, escapes, key order); wireBytes() rebuilds the input.
    const Stream s = mixedStream();
    FrameDecoder d;
    QList<Frame> got;
    feedAndDrain(d, s.bytes, &got);
    QByteArray rebuilt;
    for (const Frame &f : got)
        rebuilt += f.wireBytes();
    QCOMPARE(rebuilt, s.bytes);
    // A locally built frame (no rawHeader) serialises its header.
    Frame local;
    local.header = QJsonObject{{"type", "x"}};
    QCOMPARE(local.wireBytes(), FrameEncoder::encode(local.header));
}

void TestFrameDecoder::errorCodesAreStable()
{
    QCOMPARE(FrameDecoder::errorCode(Error::None), QString());
    const QList<Error> all{Error::ZeroLength, Error::HeaderTooLarge, Error::PayloadTooLarge, Error::BadUtf8,
                           Error::NotJson,    Error::NotObject,      Error::MissingType,     Error::BadSize};
    QSet<QString> codes;
    for (Error e : all) {
        const QString code = FrameDecoder::errorCode(e);
        QVERIFY(code.startsWith(QLatin1String("frame_")));
        QVERIFY(!FrameDecoder::describe(e).isEmpty());
        codes.insert(code);
    }
    QCOMPARE(codes.size(), all.size());
}

} // namespace Switchboard

QTEST_GUILESS_MAIN(Switchboard::TestFrameDecoder)
#include "tst_framedecoder.moc"
