// bench_codec: throughput of FrameEncoder and FrameDecoder, single thread, no I/O.
// Prints one table row per case: frames/s and MB/s (10^6 bytes of wire data per second).
//
// usage: bench_codec [--seconds S]   (minimum measuring time per case, default 1)
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QThread>

#include <cstdio>
#include <cstdlib>
#include <functional>

using namespace Switchboard;

namespace {

struct Batch
{
    qint64 frames = 0;
    qint64 bytes = 0;
};

volatile qint64 g_sink = 0; // keeps results observable so nothing is optimised away

double g_minSeconds = 1.0;

void report(const char *name, const std::function<Batch()> &runBatch)
{
    runBatch(); // warm up caches and allocator
    QElapsedTimer t;
    t.start();
    Batch total;
    do {
        const Batch b = runBatch();
        total.frames += b.frames;
        total.bytes += b.bytes;
    } while (t.nsecsElapsed() < qint64(g_minSeconds * 1e9));
    const double secs = double(t.nsecsElapsed()) / 1e9;
    std::printf("%-44s %12.0f %10.1f %12.0f\n", name, double(total.frames) / secs, double(total.bytes) / secs / 1e6,
                double(total.bytes) / double(total.frames));
    std::fflush(stdout);
}

QJsonObject chatHeader()
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("chat.send")},
                       {QStringLiteral("id"), 1},
                       {QStringLiteral("room"), QStringLiteral("lobby")},
                       {QStringLiteral("text"), QStringLiteral("Hello everyone, is the build green again after lunch?")}};
}

QJsonObject chunkHeader()
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("file.chunk")},
                       {QStringLiteral("id"), 1},
                       {QStringLiteral("transfer"), QStringLiteral("3f2a9c")},
                       {QStringLiteral("offset"), 0}};
}

QByteArray payload64k()
{
    QByteArray p(64 * 1024, Qt::Uninitialized);
    for (int i = 0; i < p.size(); ++i)
        p[i] = char(i * 31 + 7);
    return p;
}

Batch encodeBatch(const QJsonObject &base, const QByteArray &payload, int frames)
{
    Batch b;
    QJsonObject h = base;
    for (int i = 0; i < frames; ++i) {
        h.insert(QStringLiteral("id"), i); // a fresh header each time, like a real sender
        const QByteArray wire = FrameEncoder::encode(h, payload);
        b.bytes += wire.size();
        g_sink = g_sink + wire.size();
    }
    b.frames = frames;
    return b;
}

QByteArray makeStream(const QJsonObject &base, const QByteArray &payload, int frames)
{
    QByteArray s;
    QJsonObject h = base;
    for (int i = 0; i < frames; ++i) {
        h.insert(QStringLiteral("id"), i);
        s += FrameEncoder::encode(h, payload);
    }
    return s;
}

Batch decodeBatch(const QByteArray &stream, qsizetype chunk)
{
    FrameDecoder d;
    Frame f;
    Batch b;
    for (qsizetype pos = 0; pos < stream.size(); pos += chunk) {
        d.feed(QByteArrayView(stream).sliced(pos, qMin(chunk, stream.size() - pos)));
        while (d.next(&f)) {
            ++b.frames;
            g_sink = g_sink + f.payload.size();
        }
    }
    if (d.error() != FrameDecoder::Error::None || d.bufferedBytes() != 0) {
        std::fprintf(stderr, "decoder failed: %s\n", qPrintable(d.errorString()));
        std::exit(1);
    }
    b.bytes = stream.size();
    return b;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int s = int(args.indexOf(QStringLiteral("--seconds")));
    if (s > 0 && s + 1 < args.size())
        g_minSeconds = qMax(0.05, args.at(s + 1).toDouble());

    const QJsonObject chat = chatHeader();
    const QJsonObject chunk = chunkHeader();
    const QByteArray big = payload64k();
    const QByteArray smallStream = makeStream(chat, {}, 10000);
    const QByteArray bigStream = makeStream(chunk, big, 200);

    std::printf("bench_codec: Qt %s, %d logical CPUs, >= %.2f s per case\n", qVersion(), QThread::idealThreadCount(),
                g_minSeconds);
    std::printf("%-44s %12s %10s %12s\n", "case", "frames/s", "MB/s", "bytes/frame");
    report("encode  chat frame (~110 B)", [&] { return encodeBatch(chat, {}, 10000); });
    report("encode  64 KiB payload frame", [&] { return encodeBatch(chunk, big, 200); });
    report("decode  chat frames, fed whole stream", [&] { return decodeBatch(smallStream, smallStream.size()); });
    report("decode  chat frames, 64 KiB reads", [&] { return decodeBatch(smallStream, 64 * 1024); });
    report("decode  chat frames, 1460 B reads (MSS)", [&] { return decodeBatch(smallStream, 1460); });
    report("decode  64 KiB payload frames, 64 KiB reads", [&] { return decodeBatch(bigStream, 64 * 1024); });
    report("decode  64 KiB payload frames, 1460 B reads", [&] { return decodeBatch(bigStream, 1460); });
    report("decode  64 KiB payload frames, fed whole", [&] { return decodeBatch(bigStream, bigStream.size()); });
    return 0;
}
