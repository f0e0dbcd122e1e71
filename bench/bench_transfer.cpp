// bench_transfer: file transfer measurements (measurement code only).
//
//   bench_transfer hash [--mib N]
//       XXH3-128 speed: one-shot over an in-memory buffer, and StreamHasher over a file (page cache).
//   bench_transfer sweep [--mib N] [--chunks 65536,262144,1048576] [--windows 0,1,4,16] [--repeat N] [--lowat BYTES] [--target MS]
//       An in-process server (own thread) and a client upload N MiB for every chunk size and
//       flow-control window (in chunks; 0 = the adaptive SendWindow); prints throughput and the round trip of pings sent on the same
//       connection during the upload (what a chat message experiences), plus the idle round trip.
//   bench_transfer server [--port P] [--data DIR] [--exit-after N] [--tls]
//       A ChatServer with TransferService (and a test-only login); prints "listening PORT" (with
//       --tls: a self-signed certificate generated in DIR, then also "fingerprint SHA256:...") and,
//       per stored file, the CPU seconds it has used so far; exits once N uploads are stored and
//       its clients are gone, printing its peak RSS and CPU seconds.
//   bench_transfer upload --port P [--chunk BYTES] [--window BYTES] [--lowat BYTES] [--download DIR] [--hash-first]
//                         [--threaded-writes] [--tls FINGERPRINT] FILE
//       Uploads FILE to the room "bench"; prints hash and transfer time, throughput, CPU seconds
//       and peak RSS (hashing while sending; --hash-first: a pass over the file before the offer).
//       With --download, then downloads the stored file into DIR and prints the same. With --tls,
//       over TLS to a server presenting that certificate (the fingerprint a --tls server printed).
//       The download writes inline, as the CLI does; --threaded-writes: on a writer thread, as the
//       GUI client does.
//
// bench/transfer_vs_iperf.sh runs server + upload as two processes against iperf3.
#include "benchutil.h"
#include "chatserverthread.h"
#include "procstatus.h"
#include "net/client/chatclient.h"
#include "net/core/allocatortuning.h"
#include "net/server/chatserver.h"
#include "net/server/roommembership.h"
#include "net/server/serversession.h"
#include "net/storage/database.h"
#include "net/tls/clienttls.h"
#include "net/tls/servercertificate.h"
#include "net/transfer/streamhasher.h"
#include "net/transfer/downloader.h"
#include "net/transfer/transferservice.h"
#include "net/transfer/uploader.h"
#include "net/transfer/uploadstore.h"
#include "net/transfer/xxh3hasher.h"
#include "tests/common/testlogin.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <memory>
#include <vector>

using namespace Switchboard;
using Bench::argValue;
using Bench::percentile;

namespace {

// User + system CPU seconds of this process so far.
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

QByteArray randomBytes(qint64 n)
{
    QByteArray b(n, Qt::Uninitialized);
    QRandomGenerator gen(1234);
    gen.fillRange(reinterpret_cast<quint32 *>(b.data()), n / 4);
    return b;
}

QString scratchDir()
{
    return QFileInfo(QStringLiteral("/dev/shm")).isWritable() ? QStringLiteral("/dev/shm") : QDir::tempPath();
}

TransferService *makeService(ChatServer *server, const QString &dataDir)
{
    auto *database = new Database;
    auto *store = new UploadStore(*database);
    auto *service = new TransferService(server, store, server);
    // Every user may share into every room.
    struct Everywhere : RoomMembership
    {
        bool isMember(const QString &, const QString &) const override { return true; }
    };
    static const Everywhere everywhere;
    service->setRoomMembership(&everywhere);
    QObject::connect(service, &QObject::destroyed, [database, store] {
        delete store;
        delete database;
    });
    TransferConfig config;
    config.dataDir = dataDir;
    config.maxFileSize = 0;
    config.userQuota = 0;
    config.minFreeSpace = 0;
    QString error;
    if (!database->open(dataDir + QStringLiteral("/bench.sqlite"), &error) || !service->start(config, &error))
        std::fprintf(stderr, "cannot start the transfer service: %s\n", qPrintable(error));
    return service;
}

bool connectAndLogin(ChatClient &client, quint16 port)
{
    client.setKeepaliveInterval(0);
    QEventLoop loop;
    bool ready = false;
    QObject phase;
    QObject::connect(&client, &ChatClient::ready, &phase, [&] {
        ready = true;
        loop.quit();
    });
    QObject::connect(&client, &ChatClient::connectionFailed, &phase, [&](const Protocol::Error &e) {
        std::fprintf(stderr, "cannot connect: %s\n", qPrintable(e.message));
        loop.quit();
    });
    client.connectToServer(QStringLiteral("127.0.0.1"), port);
    loop.exec();
    if (!ready)
        return false;
    const auto login = Test::trustLogIn(client, QStringLiteral("bench"), ChatClient::DefaultRequestTimeoutMs);
    if (!login.ok())
        std::fprintf(stderr, "login failed: %s\n", qPrintable(login.error.message));
    return login.ok();
}

struct UploadResult
{
    bool ok = false;
    double hashSeconds = 0;
    double transferSeconds = 0; // from upload.accept to upload.done
    std::vector<double> rtts;   // pings sent during the transfer
    qint64 finalWindow = 0;     // flow-control window at the end
    qint64 fileId = 0;
};

// Caps the bytes the kernel keeps unsent on the client's socket (Linux TCP_NOTSENT_LOWAT).
void setNotSentLowat(ChatClient &client, int bytes)
{
    if (bytes <= 0 || !client.connection())
        return;
    const int fd = int(client.connection()->socket()->socketDescriptor());
    if (::setsockopt(fd, IPPROTO_TCP, TCP_NOTSENT_LOWAT, &bytes, sizeof bytes) != 0)
        std::perror("TCP_NOTSENT_LOWAT");
}

int g_targetDelayMs = 0; // --target: the adaptive window's queueing delay target (0: default)
bool g_hashFirst = false; // --hash-first: the uploader's default, a pass over the file before the offer

UploadResult runUpload(ChatClient &client, const QString &path, int chunk, qint64 window, int pingEveryMs)
{
    UploadResult r;
    Uploader up(&client, path);
    up.setHashWhileSending(!g_hashFirst);
    if (g_targetDelayMs > 0)
        up.setTargetDelay(g_targetDelayMs);
    up.setRoom(QStringLiteral("bench"));
    if (chunk > 0)
        up.setChunkSize(chunk);
    if (window > 0)
        up.setSendWindow(window);
    QEventLoop loop;
    QElapsedTimer clock;
    qint64 hashedAt = 0;
    qint64 runningAt = 0;
    QTimer pinger;
    pinger.setInterval(pingEveryMs);
    QObject::connect(&pinger, &QTimer::timeout, &client, [&] { client.ping(); });
    QObject::connect(&client, &ChatClient::pongReceived, &up, [&](qint64, double ms) {
        if (up.state() == Transfer::State::Running) {
            r.rtts.push_back(ms);
            if (qEnvironmentVariableIsSet("SB_DEBUG_FLOW"))
                std::fprintf(stderr, "ping %.2f ms  ack rtt %.2f ms  base %.2f ms  queueing %.2f ms  window %lld K\n", ms,
                             up.flow().lastRttMs(), up.flow().baseRttMs(), up.flow().queueingMs(),
                             up.flow().window() / 1024);
        }
    });
    QObject::connect(&up, &Transfer::stateChanged, &loop, [&](Transfer::State s) {
        if (s == Transfer::State::Waiting && hashedAt == 0)
            hashedAt = clock.nsecsElapsed();
        if (s == Transfer::State::Running && runningAt == 0) {
            runningAt = clock.nsecsElapsed();
            if (pingEveryMs > 0)
                pinger.start();
        }
        if (s == Transfer::State::Finished || s == Transfer::State::Failed || s == Transfer::State::Cancelled)
            loop.quit();
    });
    clock.start();
    up.start();
    if (up.isBusy()) // else it failed at once (an unreadable file)
        loop.exec();
    pinger.stop();
    const qint64 end = clock.nsecsElapsed();
    r.ok = up.state() == Transfer::State::Finished;
    r.finalWindow = up.flow().window();
    r.fileId = up.fileId();
    if (!r.ok)
        std::fprintf(stderr, "upload failed: %s\n", qPrintable(up.errorString()));
    r.hashSeconds = hashedAt / 1e9;
    r.transferSeconds = (end - runningAt) / 1e9;
    return r;
}

// ---- modes ----

int hashBench(const QStringList &args)
{
    const qint64 mib = argValue(args, QStringLiteral("--mib"), QStringLiteral("1024")).toLongLong();
    const QByteArray buffer = randomBytes(256 << 20);
    qint64 total = 0;
    QElapsedTimer t;
    t.start();
    Xxh3Hasher h;
    while (total < (mib << 20)) {
        h.update(buffer);
        total += buffer.size();
    }
    const double memSeconds = t.nsecsElapsed() / 1e9;
    std::printf("XXH3-128 in memory:        %7.2f GB/s  (%lld MiB, 256 MiB buffer, one thread)\n",
                total / memSeconds / 1e9, total >> 20);

    QTemporaryDir dir(scratchDir() + QStringLiteral("/sb-hash-XXXXXX"));
    const QString path = dir.filePath(QStringLiteral("blob"));
    {
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        for (qint64 left = mib << 20; left > 0; left -= buffer.size())
            f.write(buffer.constData(), qMin<qint64>(left, buffer.size()));
    }
    StreamHasher stream;
    QEventLoop loop;
    QObject::connect(&stream, &StreamHasher::finished, &loop, &QEventLoop::quit);
    t.restart();
    stream.addFile(path);
    stream.finish();
    loop.exec();
    const double fileSeconds = t.nsecsElapsed() / 1e9;
    std::printf("StreamHasher from a file:  %7.2f GB/s  (%lld MiB in %s, read in 1 MiB blocks, 16 MiB jobs)\n",
                (mib << 20) / fileSeconds / 1e9, mib, qPrintable(scratchDir()));
    return 0;
}

// The transfer service's server in a thread of its own, trusting any login.
class ServerThread
{
public:
    bool start(const QString &dataDir)
    {
        return m_server.start([&](ChatServer *server) {
            server->setIdleTimeout(0);
            Test::installTrustLogin(*server);
            makeService(server, dataDir);
        });
    }
    quint16 port() const { return m_server.port(); }
    void stop() { m_server.stop(); }

private:
    Bench::ChatServerThread m_server;
};

int sweep(const QStringList &args)
{
    const qint64 mib = argValue(args, QStringLiteral("--mib"), QStringLiteral("256")).toLongLong();
    QList<int> chunks;
    for (const QString &s : argValue(args, QStringLiteral("--chunks"), QStringLiteral("65536,262144,1048576")).split(u','))
        chunks.append(s.toInt());
    QList<int> windows;
    for (const QString &s : argValue(args, QStringLiteral("--windows"), QStringLiteral("0,1,4,16")).split(u','))
        windows.append(s.toInt());
    const int repeats = argValue(args, QStringLiteral("--repeat"), QStringLiteral("2")).toInt();
    const int lowat = argValue(args, QStringLiteral("--lowat"), QStringLiteral("0")).toInt();
    g_targetDelayMs = argValue(args, QStringLiteral("--target"), QStringLiteral("0")).toInt();

    QTemporaryDir dir(scratchDir() + QStringLiteral("/sb-sweep-XXXXXX"));
    const QString path = dir.filePath(QStringLiteral("blob"));
    {
        const QByteArray buffer = randomBytes(64 << 20);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        for (qint64 left = mib << 20; left > 0; left -= buffer.size())
            f.write(buffer.constData(), qMin<qint64>(left, buffer.size()));
    }
    std::printf("# upload of %lld MiB over loopback, server in its own thread, data in %s, best of %d\n",
                mib, qPrintable(scratchDir()), repeats);
    std::printf("# ping = round trip of a ping sent every 5 ms on the same connection during the upload\n");
    if (lowat > 0)
        std::printf("# client socket TCP_NOTSENT_LOWAT = %d bytes\n", lowat);
    if (g_targetDelayMs > 0)
        std::printf("# adaptive window target queueing delay %d ms\n", g_targetDelayMs);

    // Idle round trip for reference.
    {
        ServerThread server;
        server.start(dir.filePath(QStringLiteral("idle")));
        ChatClient client;
        connectAndLogin(client, server.port());
        std::vector<double> rtts;
        QEventLoop loop;
        QObject::connect(&client, &ChatClient::pongReceived, &loop, [&](qint64, double ms) {
            rtts.push_back(ms);
            if (rtts.size() >= 200)
                loop.quit();
            else
                client.ping();
        });
        client.ping();
        loop.exec();
        std::printf("idle ping: p50 %.3f ms, p99 %.3f ms\n\n", percentile(rtts, 0.5), percentile(rtts, 0.99));
        client.disconnectFromServer();
        server.stop();
    }

    std::printf("%10s %10s %10s %10s %10s %10s %10s %12s\n", "chunk", "window", "MiB/s", "ping p50", "ping p99",
                "ping max", "pings", "end window");
    int run = 0;
    for (int chunk : chunks) {
        for (int w : windows) {
            double best = 0;
            qint64 endWindow = 0;
            std::vector<double> rtts;
            for (int rep = 0; rep < repeats; ++rep) {
                const QString data = dir.filePath(QStringLiteral("server%1").arg(run++));
                ServerThread server;
                server.start(data);
                ChatClient client;
                connectAndLogin(client, server.port());
                setNotSentLowat(client, lowat);
                const UploadResult r = runUpload(client, path, chunk, qint64(w) * chunk, 5);
                client.disconnectFromServer();
                server.stop();
                QDir(data).removeRecursively();
                if (!r.ok)
                    return 1;
                const double rate = (mib << 20) / r.transferSeconds / 1048576.0;
                if (rate > best)
                    best = rate;
                endWindow = r.finalWindow;
                rtts.insert(rtts.end(), r.rtts.begin(), r.rtts.end());
            }
            const QByteArray windowText = w == 0 ? QByteArray("adaptive") : QByteArray::number(w * chunk / 1024) + 'K';
            std::printf("%9dK %10s %10.0f %8.2fms %8.2fms %8.2fms %10zu %11lldK\n", chunk / 1024, windowText.constData(),
                        best, percentile(rtts, 0.5), percentile(rtts, 0.99), percentile(rtts, 1.0), rtts.size(),
                        endWindow / 1024);
            std::fflush(stdout);
        }
    }
    return 0;
}

int serverMode(QCoreApplication &app, const QStringList &args)
{
    const quint16 port = quint16(argValue(args, QStringLiteral("--port"), QStringLiteral("0")).toUInt());
    const QString data = argValue(args, QStringLiteral("--data"), scratchDir() + QStringLiteral("/sb-bench-server"));
    const int exitAfter = argValue(args, QStringLiteral("--exit-after"), QStringLiteral("1")).toInt();
    ChatServer server;
    server.setIdleTimeout(0);
    Test::installTrustLogin(server);
    TransferService *service = makeService(&server, data);
    ServerCertificate certificate;
    if (args.contains(QStringLiteral("--tls"))) {
        QString error;
        if (!certificate.loadOrCreate(data, &error)) {
            std::fprintf(stderr, "no certificate: %s\n", qPrintable(error));
            return 1;
        }
        server.setTlsConfiguration(certificate.serverConfiguration());
    }
    if (!server.listen(QHostAddress::LocalHost, port)) {
        std::fprintf(stderr, "cannot listen\n");
        return 1;
    }
    int done = 0;
    QObject::connect(service, &TransferService::fileShared, &app, [&](const FileInfo &f) {
        std::printf("stored file %lld (%lld bytes) cpu_s=%.3f\n", f.id, f.size, cpuSeconds());
        std::fflush(stdout);
        ++done;
    });
    // Done once the uploads are stored and the client (which may download them) has gone.
    QObject::connect(&server, &ChatServer::sessionEnded, &app, [&] {
        if (done >= exitAfter)
            QTimer::singleShot(100, &app, &QCoreApplication::quit);
    });
    if (!certificate.isNull())
        std::printf("fingerprint %s\n", qPrintable(certificate.fingerprint()));
    std::printf("listening %u\n", server.listeners().first().port);
    std::fflush(stdout);
    const int status = app.exec();
    std::printf("server peak_rss_kb=%lld cpu_s=%.3f\n", Bench::procStatusKiB("VmHWM"), cpuSeconds());
    return status;
}

int uploadMode(const QStringList &args)
{
    const quint16 port = quint16(argValue(args, QStringLiteral("--port")).toUInt());
    const int chunk = argValue(args, QStringLiteral("--chunk"), QStringLiteral("0")).toInt();
    const qint64 window = argValue(args, QStringLiteral("--window"), QStringLiteral("0")).toLongLong();
    const int lowat = argValue(args, QStringLiteral("--lowat"), QStringLiteral("0")).toInt();
    g_targetDelayMs = argValue(args, QStringLiteral("--target"), QStringLiteral("0")).toInt();
    g_hashFirst = args.contains(QStringLiteral("--hash-first"));
    const QString path = args.last();
    ChatClient client;
    const QString fingerprint = argValue(args, QStringLiteral("--tls"));
    if (!fingerprint.isEmpty()) {
        ClientTls tls;
        tls.unknownServer = ClientTls::UnknownServer::Refuse;
        tls.fingerprints = {fingerprint};
        client.setTls(tls);
    }
    if (!connectAndLogin(client, port)) {
        std::fprintf(stderr, "cannot connect to port %u\n", port);
        return 1;
    }
    setNotSentLowat(client, lowat);
    const qint64 size = QFileInfo(path).size();
    const double cpuBefore = cpuSeconds();
    const UploadResult r = runUpload(client, path, chunk, window, 0);
    if (!r.ok)
        return 1;
    const double cpuUpload = cpuSeconds() - cpuBefore;
    std::printf("upload bytes=%lld hash_s=%.3f transfer_s=%.3f MiB/s=%.1f Mbit/s=%.0f cpu_s=%.3f peak_rss_kb=%lld\n", size,
                r.hashSeconds, r.transferSeconds, size / r.transferSeconds / 1048576.0, size * 8 / r.transferSeconds / 1e6,
                cpuUpload, Bench::procStatusKiB("VmHWM"));
    std::fflush(stdout);
    const QString downloadDir = argValue(args, QStringLiteral("--download"));
    if (downloadDir.isEmpty())
        return 0;
    const qint64 fileId = r.fileId;
    Downloader down(&client, fileId);
    down.setWriteInline(!args.contains(QStringLiteral("--threaded-writes")));
    // How many chunks the download took and the largest (chunks grow with the server's window).
    qint64 chunks = 0;
    qint64 largest = 0;
    QObject::connect(client.connection(), &Connection::frameReceived, &down, [&](const Frame &f) {
        if (f.type() == QLatin1String("download.chunk")) {
            ++chunks;
            largest = qMax<qint64>(largest, f.payload.size());
        }
    });
    QDir().mkpath(downloadDir);
    down.setDestinationDirectory(downloadDir);
    QEventLoop loop;
    QElapsedTimer clock;
    qint64 runningAt = 0;
    QObject::connect(&down, &Transfer::stateChanged, &loop, [&](Transfer::State s) {
        if (s == Transfer::State::Running && runningAt == 0)
            runningAt = clock.nsecsElapsed();
        if (s == Transfer::State::Finished || s == Transfer::State::Failed || s == Transfer::State::Cancelled)
            loop.quit();
    });
    const double cpuBeforeDown = cpuSeconds();
    clock.start();
    down.start();
    loop.exec();
    if (down.state() != Transfer::State::Finished) {
        std::fprintf(stderr, "download failed: %s\n", qPrintable(down.errorString()));
        return 1;
    }
    // Until the file is verified and in place, like the upload's time (which ends at upload.done).
    const double seconds = (clock.nsecsElapsed() - runningAt) / 1e9;
    std::printf("download bytes=%lld transfer_s=%.3f MiB/s=%.1f Mbit/s=%.0f cpu_s=%.3f peak_rss_kb=%lld chunks=%lld"
                " largest_chunk=%lld\n",
                size, seconds, size / seconds / 1048576.0, size * 8 / seconds / 1e6, cpuSeconds() - cpuBeforeDown,
                Bench::procStatusKiB("VmHWM"), chunks, largest);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    // Like the real mains; --malloc-defaults measures without it.
    bool tune = true;
    for (int i = 1; i < argc; ++i)
        tune = tune && qstrcmp(argv[i], "--malloc-defaults") != 0;
    if (tune)
        tuneAllocator();
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    if (mode == QLatin1String("hash"))
        return hashBench(args);
    if (mode == QLatin1String("sweep"))
        return sweep(args);
    if (mode == QLatin1String("server"))
        return serverMode(app, args);
    if (mode == QLatin1String("upload") && args.size() >= 3)
        return uploadMode(args);
    std::fprintf(stderr, "usage: bench_transfer hash|sweep|server|upload ... (see the source)\n");
    return 2;
}
