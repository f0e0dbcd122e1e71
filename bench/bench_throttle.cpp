// bench_throttle: memory of the login throttle under failed logins with random names, each from a
// random IPv4 address (the worst case: every failure is a new pair and a new address).
// Prints one row per checkpoint: failures so far, table entries, resident memory, time per failure.
//
// usage: bench_throttle [--failures N] [--name-length L] [--max-entries M]
//        (defaults 300000, 4096 characters, the policy's cap of 100000 keys per table)
#include "procstatus.h"
#include "net/auth/loginthrottle.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>

#include <cstdio>

using namespace Switchboard;

namespace {

int argValue(const QStringList &args, const QString &name, int fallback)
{
    const qsizetype i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : fallback;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int failures = argValue(args, QStringLiteral("--failures"), 300000);
    const int nameLength = argValue(args, QStringLiteral("--name-length"), 4096);
    LoginThrottle::Policy policy;
    policy.maxEntries = argValue(args, QStringLiteral("--max-entries"), policy.maxEntries);

    LoginThrottle throttle(policy);
    QRandomGenerator rng(2026);
    QString name(nameLength, QLatin1Char('x'));
    std::printf("# LoginThrottle, %d failed logins, random %d-character names, random IPv4 sources, cap %d per table\n",
                failures, nameLength, throttle.policy().maxEntries);
    std::printf("%10s %10s %10s %12s\n", "failures", "entries", "RSS MiB", "us/failure");
    const qint64 startRss = Bench::procStatusKiB("VmRSS");
    std::printf("%10d %10d %10.1f %12s\n", 0, throttle.entryCount(), startRss / 1024.0, "-");
    QElapsedTimer timer;
    timer.start();
    int done = 0;
    for (int checkpoint = 1; checkpoint <= 10; ++checkpoint) {
        const int until = qint64(failures) * checkpoint / 10;
        for (; done < until; ++done) {
            // Random where it counts: the throttle keeps the first 32 code points only.
            for (qsizetype i = 0; i < qMin<qsizetype>(name.size(), 32); ++i)
                name[i] = QChar(u'a' + rng.bounded(26));
            const QHostAddress from(rng.generate());
            if (throttle.lockedFor(name, from) == 0)
                throttle.recordAttempt(name, from);
        }
        std::printf("%10d %10d %10.1f %12.2f\n", done, throttle.entryCount(), Bench::procStatusKiB("VmRSS") / 1024.0,
                    timer.nsecsElapsed() / 1000.0 / qMax(1, done));
    }
    return 0;
}
