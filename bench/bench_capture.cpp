// bench_capture: cost of the packet inspector's capture path and of its views over a full ring.
//   - CaptureBuffer::record() throughput, one thread and four threads, ring full (evicting)
//   - memory (RSS) with 1,000,000 realistic records held
//   - CaptureModel over 1,000,000 rows: formatting visible rows, filtering (type, free text)
//   - pcapng export of the whole ring, and CaptureFileWriter streaming
// Needs a QGuiApplication for the model's fonts and colours; run with QT_QPA_PLATFORM=offscreen
// on machines without a display (the program sets it when unset).
//
// usage: bench_capture [--records N]   (default 1000000)
#include "procstatus.h"
#include "net/capture/capturebuffer.h"
#include "net/capture/capturefilewriter.h"
#include "widgets/inspector/capturemodel.h"
#include "net/protocol/frameencoder.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <cstring>
#include <vector>

using namespace Switchboard;

namespace {

volatile qint64 g_sink = 0;

const QString Types[] = {QStringLiteral("chat.send"), QStringLiteral("chat.message"), QStringLiteral("ping"),
                         QStringLiteral("pong"), QStringLiteral("presence"), QStringLiteral("chat.ack")};

// What one connection reports for one message: its frame record and the chunk that carried it.
// Bytes are fresh allocations per message, as on a real connection.
void makeMessage(int i, CaptureRecord *frame, CaptureRecord *chunk, qint64 *offset)
{
    const QString type = Types[i % 6];
    QJsonObject h{{QStringLiteral("type"), type}, {QStringLiteral("id"), i}};
    if (type.startsWith(QLatin1String("chat")))
        h.insert(QStringLiteral("text"), QStringLiteral("message number %1 in the lobby").arg(i));
    const QByteArray wire = FrameEncoder::encode(h);
    const quint64 conn = quint64(i % 64) + 1;
    const bool in = (i / 3) % 2;
    for (CaptureRecord *r : {frame, chunk}) {
        r->direction = in ? CaptureRecord::Direction::In : CaptureRecord::Direction::Out;
        r->connectionId = conn;
        r->timeUs = 1700000000000000LL + i;
        r->localAddress = QHostAddress(QHostAddress::LocalHost);
        r->localPort = 5151;
        r->peerAddress = QHostAddress(QStringLiteral("10.0.0.%1").arg(conn));
        r->peerPort = quint16(40000 + conn);
        r->streamOffset = *offset;
    }
    chunk->kind = CaptureRecord::Kind::Chunk;
    chunk->bytes = QByteArray(wire.constData(), wire.size()); // the read's own buffer
    frame->kind = CaptureRecord::Kind::Frame;
    frame->bytes = wire;
    frame->header = h;
    frame->headerLength = quint32(wire.size() - 4);
    *offset += wire.size();
}

void row(const char *name, double value, const char *unit)
{
    std::printf("%-58s %14.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int records = 1000000;
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--records") == 0)
            records = std::atoi(argv[i + 1]);

    std::printf("# bench_capture: %d records, %d CPUs, sizeof(CaptureBuffer::Entry) = %zu bytes\n", records,
                QThread::idealThreadCount(), sizeof(CaptureBuffer::Entry));

    // 1. record() alone: pre-built records (a pool sharing bytes), ring full and evicting.
    {
        std::vector<CaptureRecord> pool(4096);
        qint64 offset = 0;
        for (std::size_t i = 0; i + 1 < pool.size(); i += 2)
            makeMessage(int(i), &pool[i], &pool[i + 1], &offset);
        CaptureBuffer buffer;
        buffer.setMaxEntries(100000);
        for (int i = 0; i < 100000; ++i)
            buffer.record(pool[std::size_t(i) % pool.size()]);
        QElapsedTimer t;
        t.start();
        const int n = 2000000;
        for (int i = 0; i < n; ++i)
            buffer.record(pool[std::size_t(i) % pool.size()]);
        row("record(), 1 thread, ring full (evicting)", n / (double(t.nsecsElapsed()) / 1e9), "records/s");
        row("  ns per record()", double(t.nsecsElapsed()) / n, "ns");

        // Four threads at once (connections in worker threads).
        buffer.clear();
        t.restart();
        QList<QThread *> threads;
        const int perThread = 500000;
        for (int k = 0; k < 4; ++k)
            threads.append(QThread::create([&buffer, &pool, k] {
                for (int i = 0; i < perThread; ++i)
                    buffer.record(pool[std::size_t(i * 4 + k) % pool.size()]);
            }));
        for (QThread *th : threads)
            th->start();
        for (QThread *th : threads) {
            th->wait();
            delete th;
        }
        row("record(), 4 threads, contended", 4.0 * perThread / (double(t.nsecsElapsed()) / 1e9), "records/s");

        CaptureBuffer paused;
        paused.setPaused(true);
        t.restart();
        for (int i = 0; i < n; ++i)
            paused.record(pool[std::size_t(i) % pool.size()]);
        row("record() while paused", n / (double(t.nsecsElapsed()) / 1e9), "records/s");
    }

    // 2. A million realistic records held: memory.
    const double rssBefore = Bench::rssMiB();
    CaptureBuffer buffer;
    buffer.setMaxEntries(records);
    buffer.setMaxBytes(0);
    {
        QElapsedTimer t;
        t.start();
        qint64 offset = 0;
        CaptureRecord frame, chunk;
        for (int i = 0; i + 1 < records + 1; i += 2) {
            makeMessage(i, &frame, &chunk, &offset);
            buffer.record(chunk);
            buffer.record(frame);
        }
        row("fill: build + record() realistic records", double(buffer.count()) / (double(t.nsecsElapsed()) / 1e9), "records/s");
    }
    const double rssAfter = Bench::rssMiB();
    row("records held", double(buffer.count()), "");
    row("captured bytes held", double(buffer.byteCount()) / 1048576.0, "MiB");
    row("RSS growth for the records", rssAfter - rssBefore, "MiB");
    row("  per record", (rssAfter - rssBefore) * 1048576.0 / double(buffer.count()), "bytes");
    row("process RSS", rssAfter, "MiB");

    // 3. The model over it.
    {
        CaptureModel model(&buffer);
        QElapsedTimer t;
        t.start();
        QRandomGenerator rng(1);
        const int pages = 200;
        for (int p = 0; p < pages; ++p) {
            const int top = int(rng.bounded(model.rowCount() - 40));
            for (int r = top; r < top + 40; ++r)
                for (int c = 0; c < CaptureModel::ColumnCount; ++c)
                    for (int role : {int(Qt::DisplayRole), int(Qt::BackgroundRole), int(Qt::ForegroundRole)})
                        g_sink = g_sink + model.data(model.index(r, c), role).isValid();
        }
        row("model: one screen (40 rows x 7 columns x 3 roles), random", double(t.nsecsElapsed()) / pages / 1e6, "ms");

        CaptureFilter byType;
        byType.type = QStringLiteral("chat.send");
        t.restart();
        model.setFilter(byType);
        model.finishFiltering();
        row("filter: type == chat.send, whole ring", double(t.nsecsElapsed()) / 1e6, "ms");
        row("  matches", model.rowCount(), "rows");

        CaptureFilter text;
        text.text = QStringLiteral("NUMBER 4242");
        t.restart();
        model.setFilter(text);
        model.finishFiltering();
        row("filter: free text (case-insensitive), whole ring", double(t.nsecsElapsed()) / 1e6, "ms");
        row("  matches", model.rowCount(), "rows");

        CaptureFilter peer;
        peer.peer = QStringLiteral("10.0.0.7:");
        peer.direction = CaptureFilter::Direction::In;
        t.restart();
        model.setFilter(peer);
        model.finishFiltering();
        row("filter: peer + direction, whole ring", double(t.nsecsElapsed()) / 1e6, "ms");
        row("  matches", model.rowCount(), "rows");
    }

    // 4. pcapng.
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bench.pcapng"));
        QElapsedTimer t;
        t.start();
        QString error;
        const qint64 packets = CaptureFileWriter::exportBuffer(buffer, path, &error);
        const double secs = double(t.nsecsElapsed()) / 1e9;
        row("export whole ring to pcapng", double(buffer.count()) / secs, "records/s");
        row("  packets written", double(packets), "");
        row("  file size", double(QFileInfo(path).size()) / 1048576.0, "MiB");

        CaptureFileWriter writer;
        writer.open(dir.filePath(QStringLiteral("live.pcapng")), &error);
        std::vector<CaptureRecord> chunks(2048);
        qint64 offset = 0;
        CaptureRecord frame;
        for (std::size_t i = 0; i < chunks.size(); ++i)
            makeMessage(int(i), &frame, &chunks[i], &offset);
        t.restart();
        const int n = 300000;
        for (int i = 0; i < n; ++i)
            writer.record(chunks[std::size_t(i) % chunks.size()]);
        writer.close();
        row("CaptureFileWriter::record() (chunks -> file)", n / (double(t.nsecsElapsed()) / 1e9), "records/s");
    }
    return 0;
}
