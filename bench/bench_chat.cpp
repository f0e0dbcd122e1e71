// Chat benchmark: one sender, N receivers in one room, all real clients on loopback against an
// in-process server (its own thread). Reports messages delivered per second and the
// send-to-receive latency p50/p99 seen by the receivers.
//   bench_chat [--receivers 50] [--messages 2000] [--commit-batch N]   (1: a transaction per message)
#include "net/capture/capturebuffer.h"
#include "net/client/clientsession.h"
#include "net/server/serverruntime.h"
#include "threadedserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Switchboard;

static bool waitFor(const std::function<bool()> &done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int receivers = 50;
    int messages = 2000;
    ServerConfig config;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--receivers"))
            receivers = args.at(i + 1).toInt();
        if (args.at(i) == QLatin1String("--messages"))
            messages = args.at(i + 1).toInt();
        if (args.at(i) == QLatin1String("--commit-batch"))
            config.chatCommitBatch = qMax(1, args.at(i + 1).toInt());
    }

    // The server runs in its own thread, as a separate process would.
    config.historyCount = 0;
    Bench::ThreadedServer server(config);
    ServerRuntime *runtime = server.runtime();
    const quint16 port = server.port();

    std::vector<std::unique_ptr<ClientSession>> clients;
    for (int i = 0; i <= receivers; ++i) {
        auto c = std::make_unique<ClientSession>();
        c->setAutoReconnect(false);
        c->logIn(QStringLiteral("127.0.0.1"), port, QStringLiteral("user%1").arg(i), QStringLiteral("pw"), true);
        clients.push_back(std::move(c));
    }
    if (!waitFor([&] {
            return std::all_of(clients.begin(), clients.end(), [](auto &c) {
                return c->members(QStringLiteral("lobby")).size() > 0 && c->status() == ClientSession::Status::Online;
            });
        }, 120000)) {
        std::fprintf(stderr, "clients did not all log in\n");
        return 1;
    }
    ClientSession *sender = clients.front().get();
    sender->setSendWindow(64); // the benchmark's own window below, all on the wire
    QElapsedTimer clock;
    clock.start();
    std::vector<qint64> sentAtNs;
    std::vector<double> latencies;
    qint64 delivered = 0;
    int round = 0;
    for (int i = 1; i <= receivers; ++i) {
        QObject::connect(clients[i].get(), &ClientSession::messageReceived, [&](const ChatMessage &m) {
            const int n = m.text.section(QLatin1Char(' '), 2).toInt(); // "r<round> msg N"
            if (m.text.startsWith(QStringLiteral("r%1 ").arg(round)) && n > 0 && n <= messages && sentAtNs[n] > 0)
                latencies.push_back(double(clock.nsecsElapsed() - sentAtNs[n]) / 1e6);
            ++delivered;
        });
    }
    int acked = 0;
    QObject::connect(sender, &ClientSession::messageSent, [&] { ++acked; });

    // Rounds alternate capture off and on (a CaptureBuffer on the server and on every client,
    // as the GUI keeps one while its inspector is closed), so both are measured in one run.
    auto serverCapture = std::make_shared<CaptureBuffer>();
    CaptureBuffer clientCapture; // ChatClient takes a plain pointer: detached from every client below before it goes
    const qint64 expected = qint64(messages) * receivers;
    bool ok = true;
    std::printf("chat fan-out: 1 sender, %d receivers, %d messages per round, server in its own thread\n", receivers, messages);
    double rate[2] = {0, 0};
    int count[2] = {0, 0};
    for (round = 1; round <= 4; ++round) {
        const bool capture = round % 2 == 0;
        server.run([&] { runtime->setCaptureSink(capture ? serverCapture : nullptr); });
        for (auto &c : clients)
            c->client()->setCaptureSink(capture ? &clientCapture : nullptr);
        sentAtNs.assign(messages + 1, 0);
        latencies.clear();
        latencies.reserve(size_t(expected));
        delivered = 0;
        acked = 0;
        int next = 1;
        QElapsedTimer wall;
        wall.start();
        // At most 64 unacknowledged messages at a time, like a client typing very fast.
        while (delivered < expected && wall.elapsed() < 300000) {
            while (next <= messages && next - 1 - acked < 64) {
                sentAtNs[next] = clock.nsecsElapsed();
                sender->sendToRoom(QStringLiteral("lobby"), QStringLiteral("r%1 msg %2").arg(round).arg(next));
                ++next;
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        const double seconds = wall.nsecsElapsed() / 1e9;
        std::sort(latencies.begin(), latencies.end());
        auto pct = [&](double p) { return latencies.empty() ? 0.0 : latencies[size_t(p * (latencies.size() - 1))]; };
        std::printf("  round %d, capture %-3s: %lld/%lld delivered in %.2f s: %7.0f deliveries/s, %5.0f msgs/s; "
                    "latency p50 %.2f ms, p99 %.2f ms\n",
                    round, capture ? "on" : "off", (long long)delivered, (long long)expected, seconds,
                    delivered / seconds, messages / seconds, pct(0.5), pct(0.99));
        rate[capture] += delivered / seconds;
        ++count[capture];
        ok = ok && delivered == expected;
    }
    const double off = rate[0] / count[0], on = rate[1] / count[1];
    std::printf("  capture cost on deliveries/s: %+.1f%% (on %.0f vs off %.0f); server ring holds %llu records\n",
                (on - off) / off * 100.0, on, off, (unsigned long long)serverCapture->state().count());
    server.run([&] { runtime->setCaptureSink(nullptr); });
    for (auto &c : clients)
        c->client()->setCaptureSink(nullptr);

    clients.clear();
    return ok ? 0 : 1;
}
