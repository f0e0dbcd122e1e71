// bench_roundtrip: ping round trips per second and latency percentiles, client <-> server over loopback.
//
// Load: N ChatClients (all in the main thread, as in the GUI/CLI) connect, say hello, then each runs a
// closed loop: send ping, wait for its pong, send the next. Latency is the client-measured round trip.
// Servers compared under the same load:
//   event loop         ChatServer, all sessions in one thread (the shipped design), in its own thread
//   thread per client  a minimal blocking server: one OS thread per connection doing recv/decode/send
//                      with the same FrameDecoder/FrameEncoder (the classic alternative design)
//
// usage: bench_roundtrip [--seconds S] [--repeat R] [--clients 1,16]
#include "net/client/chatclient.h"
#include "net/protocol/framedecoder.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/messages.h"
#include "net/server/chatserver.h"
#include "blockingsend.h"
#include "chatserverthread.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Switchboard;

namespace {

// ---- the two servers ----

class BenchServer
{
public:
    virtual ~BenchServer() = default;
    virtual bool start() = 0;
    virtual quint16 port() const = 0;
    virtual void stop() = 0;
};

// The real ChatServer, run in a thread of its own so clients and server do not share one event loop.
class EventLoopServer : public BenchServer
{
public:
    bool start() override
    {
        return m_server.start([](ChatServer *server) {
            server->setIdleTimeout(0);
            server->setMaxClients(10000);
        });
    }
    quint16 port() const override { return m_server.port(); }
    void stop() override { m_server.stop(); }

private:
    Bench::ChatServerThread m_server;
};

// One blocking thread per connection; answers hello and ping like ChatServer does.
class ThreadPerClientServer : public BenchServer
{
public:
    bool start() override
    {
        m_listenFd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (m_listenFd < 0)
            return false;
        const int one = 1;
        ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 || ::listen(m_listenFd, 256) != 0)
            return false;
        socklen_t len = sizeof addr;
        ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        m_acceptor = std::thread([this] { acceptLoop(); });
        return true;
    }
    quint16 port() const override { return m_port; }
    void stop() override
    {
        m_stopping = true;
        ::shutdown(m_listenFd, SHUT_RDWR); // wakes accept()
        m_acceptor.join();
        ::close(m_listenFd);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            for (int fd : m_fds)
                ::shutdown(fd, SHUT_RDWR); // wakes recv() of clients still connected
        }
        for (std::thread &t : m_workers)
            t.join();
    }

private:
    void acceptLoop()
    {
        for (;;) {
            const int fd = ::accept(m_listenFd, nullptr, nullptr);
            if (fd < 0) {
                if (errno == EINTR && !m_stopping)
                    continue;
                return;
            }
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            std::lock_guard<std::mutex> lock(m_mutex);
            m_fds.push_back(fd);
            m_workers.emplace_back([this, fd] {
                serve(fd);
                forget(fd);
            });
        }
    }

    static void serve(int fd)
    {
        FrameDecoder decoder;
        std::vector<char> buf(64 * 1024);
        bool greeted = false;
        for (;;) {
            const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            decoder.feed(QByteArrayView(buf.data(), n));
            Frame f;
            QByteArray out;
            while (decoder.next(&f)) {
                if (!greeted && f.type() == Protocol::Hello::Type) {
                    Protocol::HelloReply reply;
                    reply.id = Protocol::idOf(f.header);
                    reply.version = Protocol::Version;
                    reply.server = QStringLiteral("bench-thread-per-client");
                    out += FrameEncoder::encode(reply.toJson());
                    greeted = true;
                } else if (greeted && f.type() == Protocol::Ping::Type) {
                    // Decoded like ChatServer does, so both servers do the same work per ping.
                    const Protocol::Decoded<Protocol::Ping> ping = Protocol::Ping::fromJson(f.header);
                    if (ping)
                        out += FrameEncoder::encode(Protocol::Pong{ping->id, ping->t}.toJson());
                }
            }
            if (!out.isEmpty() && !Bench::sendAll(fd, out))
                break;
            if (decoder.error() != FrameDecoder::Error::None)
                break;
        }
    }

    // Closes a worker's socket; under the lock, so stop() never shuts down a number already reused.
    void forget(int fd)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_fds.erase(std::remove(m_fds.begin(), m_fds.end(), fd), m_fds.end());
        ::close(fd);
    }

    int m_listenFd = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::thread m_acceptor;
    std::mutex m_mutex;
    std::vector<std::thread> m_workers;
    std::vector<int> m_fds;
};

// ---- the load ----

struct LoadResult
{
    qint64 roundTrips = 0;
    double seconds = 0;
    double p50 = 0, p99 = 0, max = 0;
    bool ok = false;
};

LoadResult runLoad(quint16 port, int clients, double seconds)
{
    std::vector<std::unique_ptr<ChatClient>> fleet;
    std::vector<double> rtts;
    rtts.reserve(1 << 20);
    LoadResult result;
    QEventLoop loop;
    int ready = 0;
    int outstanding = 0;
    bool recording = false;
    bool stopping = false;
    bool failed = false;

    for (int i = 0; i < clients; ++i) {
        fleet.push_back(std::make_unique<ChatClient>());
        ChatClient *c = fleet.back().get();
        c->setKeepaliveInterval(0);
        QObject::connect(c, &ChatClient::ready, &loop, [&] {
            if (++ready == clients)
                loop.quit();
        });
        auto fail = [&](const QString &why) {
            std::fprintf(stderr, "client lost: %s\n", qPrintable(why));
            failed = true;
            loop.quit();
        };
        QObject::connect(c, &ChatClient::disconnected, &loop, fail);
        QObject::connect(c, &ChatClient::connectionFailed, &loop, [fail](const Protocol::Error &e) { fail(e.message); });
        QObject::connect(c, &ChatClient::pongReceived, &loop, [&, c](qint64, double ms) {
            if (recording)
                rtts.push_back(ms);
            if (!stopping) {
                c->ping();
            } else if (--outstanding == 0) {
                loop.quit();
            }
        });
        c->connectToServer(QStringLiteral("127.0.0.1"), port);
    }
    QTimer::singleShot(15000, &loop, [&] {
        std::fprintf(stderr, "timed out\n");
        failed = true;
        loop.quit();
    });
    loop.exec(); // until every client is ready
    if (failed)
        return result;

    QElapsedTimer clock;
    const int warmupMs = 300;
    QTimer::singleShot(warmupMs, &loop, [&] {
        recording = true;
        clock.start();
    });
    QTimer::singleShot(warmupMs + int(seconds * 1000), &loop, [&] {
        result.seconds = double(clock.nsecsElapsed()) / 1e9;
        recording = false;
        stopping = true;
    });
    outstanding = clients;
    for (auto &c : fleet)
        c->ping();
    loop.exec(); // until the last outstanding pong after the stop
    for (auto &c : fleet)
        c->disconnect(&loop);
    fleet.clear();
    if (failed || rtts.empty())
        return result;

    std::sort(rtts.begin(), rtts.end());
    auto pct = [&](double p) { return rtts[std::min(rtts.size() - 1, size_t(double(rtts.size()) * p))]; };
    result.roundTrips = qint64(rtts.size());
    result.p50 = pct(0.50);
    result.p99 = pct(0.99);
    result.max = rtts.back();
    result.ok = true;
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    double seconds = 2.0;
    int repeat = 3;
    QList<int> clientCounts{1, 16};
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--seconds"))
            seconds = qMax(0.2, args.at(i + 1).toDouble());
        if (args.at(i) == QLatin1String("--repeat"))
            repeat = qMax(1, args.at(i + 1).toInt());
        if (args.at(i) == QLatin1String("--clients")) {
            clientCounts.clear();
            for (const QString &n : args.at(i + 1).split(QLatin1Char(',')))
                clientCounts.append(qMax(1, n.toInt()));
        }
    }

    std::printf("bench_roundtrip: Qt %s, %d logical CPUs, 127.0.0.1, closed-loop ping, %.1f s per run "
                "(+0.3 s warm-up), median of %d interleaved runs (min..max of the rate in brackets)\n",
                qVersion(), QThread::idealThreadCount(), seconds, repeat);
    struct Row
    {
        const char *name;
        int kind;
        int clients;
        std::vector<double> rate, p50, p99, max;
    };
    std::vector<Row> rows;
    for (int clients : clientCounts) {
        rows.push_back({"event loop", 0, clients, {}, {}, {}, {}});
        rows.push_back({"thread per client", 1, clients, {}, {}, {}, {}});
    }
    int status = 0;
    // Interleaved, so a burst of load from elsewhere on the machine hits every row alike.
    for (int r = 0; r < repeat; ++r) {
        for (Row &row : rows) {
            std::unique_ptr<BenchServer> server;
            if (row.kind == 0)
                server = std::make_unique<EventLoopServer>();
            else
                server = std::make_unique<ThreadPerClientServer>();
            if (!server->start()) {
                std::fprintf(stderr, "%s: could not listen\n", row.name);
                status = 1;
                continue;
            }
            const LoadResult res = runLoad(server->port(), row.clients, seconds);
            server->stop();
            if (!res.ok) {
                std::fprintf(stderr, "%s, %d clients: run failed\n", row.name, row.clients);
                status = 1;
                continue;
            }
            row.rate.push_back(double(res.roundTrips) / res.seconds);
            row.p50.push_back(res.p50);
            row.p99.push_back(res.p99);
            row.max.push_back(res.max);
        }
    }
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    std::printf("%-20s %8s %14s %17s %9s %9s %9s\n", "server", "clients", "round trips/s", "(range)", "p50 ms",
                "p99 ms", "max ms");
    for (const Row &row : rows) {
        if (row.rate.empty()) {
            std::printf("%-20s %8d   failed\n", row.name, row.clients);
            continue;
        }
        const auto [lo, hi] = std::minmax_element(row.rate.begin(), row.rate.end());
        std::printf("%-20s %8d %14.0f %8.0f..%-8.0f %9.3f %9.3f %9.3f\n", row.name, row.clients, median(row.rate), *lo,
                    *hi, median(row.p50), median(row.p99), median(row.max));
    }
    return status;
}
