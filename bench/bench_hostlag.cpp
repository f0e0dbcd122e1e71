// Host mode: how late the host's GUI thread runs while a teammate uploads a file to the server it
// hosts. The teammate is switchboard-cli in a child process (TLS, as the host's default); the
// server runs either on this program's main thread (how host mode worked before EmbeddedServer)
// or through EmbeddedServer on a thread of its own. A 5 ms Qt::PreciseTimer on the main thread
// records how late each tick fires; the main thread's own CPU time is counted too.
//   bench_hostlag [--mib 512] [--rounds 3] [--cli PATH] [--dir DIR]
// DIR (default /dev/shm if it exists, else the temp folder) holds the file and the server's data.
#include "benchutil.h"
#include "net/server/embeddedserver.h"
#include "net/server/serverruntime.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Switchboard;
using Bench::argValue;
using Bench::percentile;
using Bench::threadCpuSeconds;

namespace {

// Runs the CLI with the event loop running (a server on this thread must keep answering).
bool runCli(const QString &cli, const QString &home, const QStringList &args, QString *output)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("SWITCHBOARD_PASSWORD"), QStringLiteral("pw"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    p.start(cli, args);
    QTimer::singleShot(600000, &loop, &QEventLoop::quit);
    loop.exec();
    *output = QString::fromLocal8Bit(p.readAll());
    return p.state() == QProcess::NotRunning && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

struct Round
{
    double seconds = 0;
    double mainCpu = 0;
    std::vector<double> lateMs;
};

bool runRound(bool ownThread, const QString &cli, const QString &dir, const QString &file, Round *out)
{
    QTemporaryDir work(dir + QStringLiteral("/sb-hostlag-XXXXXX"));
    ServerConfig config;
    config.listen = {Endpoint{QStringLiteral("127.0.0.1"), 0}};
    config.dataDir = work.filePath(QStringLiteral("server"));
    config.announce = false;
    config.tls = true;
    QString error;
    std::unique_ptr<ServerRuntime> sameThread;
    std::unique_ptr<EmbeddedServer> embedded;
    quint16 port = 0;
    if (ownThread) {
        embedded = std::make_unique<EmbeddedServer>();
        if (!embedded->start(config, &error))
            return std::fprintf(stderr, "server: %s\n", qPrintable(error)), false;
        port = embedded->endpoints().value(0).port;
    } else {
        sameThread = std::make_unique<ServerRuntime>();
        if (!sameThread->start(config, &error))
            return std::fprintf(stderr, "server: %s\n", qPrintable(error)), false;
        port = sameThread->endpoints().value(0).port;
    }
    const QString home = work.filePath(QStringLiteral("home"));
    QDir().mkpath(home);
    const QStringList common{QStringLiteral("--server"), QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--user"),
                             QStringLiteral("teammate")};
    QString output;
    if (!runCli(cli, home, common + QStringList{QStringLiteral("register")}, &output))
        return std::fprintf(stderr, "register failed: %s\n", qPrintable(output)), false;

    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        out->lateMs.push_back(std::max(0.0, sinceTick.nsecsElapsed() / 1e6 - 5.0));
        sinceTick.restart();
    });
    QElapsedTimer clock;
    clock.start();
    const double cpuBefore = threadCpuSeconds();
    sinceTick.start();
    ticker.start(5);
    const bool ok = runCli(cli, home, common + QStringList{QStringLiteral("upload"), file, QStringLiteral("--room"), QStringLiteral("lobby")},
                           &output);
    ticker.stop();
    out->mainCpu = threadCpuSeconds() - cpuBefore;
    out->seconds = clock.nsecsElapsed() / 1e9;
    if (!ok)
        return std::fprintf(stderr, "upload failed: %s\n", qPrintable(output)), false;
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 mib = argValue(args, QStringLiteral("--mib"), QStringLiteral("512")).toLongLong();
    const int rounds = argValue(args, QStringLiteral("--rounds"), QStringLiteral("3")).toInt();
    const QString cli = argValue(args, QStringLiteral("--cli"),
                                 QCoreApplication::applicationDirPath() + QStringLiteral("/../app/switchboard-cli"));
    const QString dir = argValue(args, QStringLiteral("--dir"),
                                 QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath());
    QTemporaryDir files(dir + QStringLiteral("/sb-hostlag-file-XXXXXX"));
    const QString file = files.filePath(QStringLiteral("teammate.bin"));
    {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return std::fprintf(stderr, "cannot write %s\n", qPrintable(file)), 1;
        QByteArray block(1 << 20, Qt::Uninitialized);
        QRandomGenerator gen(7);
        for (qint64 i = 0; i < mib; ++i) {
            gen.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            f.write(block);
        }
    }
    std::printf("a %lld MiB upload over TLS into the hosted server; the main thread's 5 ms timer\n", mib);
    std::printf("%-11s %5s %8s %12s %9s %9s %9s %8s %8s\n", "server on", "round", "MiB/s", "main CPU s", "late p50", "late p99",
                "late max", ">16 ms", ">50 ms");
    for (int r = 1; r <= rounds; ++r) {
        for (const bool ownThread : {false, true}) { // alternating, so both see the same machine
            Round round;
            if (!runRound(ownThread, cli, dir, file, &round))
                return 1;
            const auto over = [&round](double ms) {
                return std::count_if(round.lateMs.begin(), round.lateMs.end(), [ms](double l) { return l > ms; });
            };
            std::printf("%-11s %5d %8.0f %12.2f %9.2f %9.2f %9.1f %8ld %8ld\n", ownThread ? "own thread" : "GUI thread",
                        r, mib / round.seconds, round.mainCpu, percentile(round.lateMs, 0.5), percentile(round.lateMs, 0.99),
                        percentile(round.lateMs, 1.0), long(over(16)), long(over(50)));
            std::fflush(stdout);
        }
    }
    return 0;
}
