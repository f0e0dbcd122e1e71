// switchboard-server: the headless Switchboard server.
#include "app/cli/clusterkick.h"
#include "app/cli/serveroptions.h"
#include "app/cli/useradmin.h"
#include "net/capture/capturefilewriter.h"
#include "net/core/allocatortuning.h"
#include "net/core/configfile.h"
#include "net/core/epolldispatcher.h"
#include "net/core/logging.h"
#include "net/core/signalwatcher.h"
#include "net/core/translations.h"
#include "net/server/chatserver.h"
#include "net/server/serverruntime.h"
#include "net/transfer/transferconfig.h"
#include "net/tutorial/tutorialserver.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <sys/resource.h>

namespace {

// Each client is a descriptor: take the hard limit (20,000 here, 1,024 soft by default).
void raiseDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max)
        return;
    const rlim_t before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) == 0)
        qCInfo(Switchboard::lcServer, "open-file limit raised from %llu to %llu", qulonglong(before),
               qulonglong(limit.rlim_max));
}

} // namespace

using namespace Switchboard;

int main(int argc, char **argv)
{
    QStringList programArguments;
    for (int i = 0; i < argc; ++i)
        programArguments.append(QString::fromLocal8Bit(argv[i]));
    // Qt takes an event dispatcher only before the application object exists.
    const QString eventLoop = ServerOptions::eventLoopBeforeStart(programArguments);
#ifdef Q_OS_LINUX
    if (eventLoop == QLatin1String("epoll"))
        QCoreApplication::setEventDispatcher(new EpollDispatcher);
#endif
    Switchboard::tuneAllocator(); // transfers: no page faults per chunk (net/core/allocatortuning.h)
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("switchboard-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SWITCHBOARD_VERSION));
    installTranslations(app);

    QStringList arguments;
    QString error;
    if (!ConfigFile::withConfigArguments(QCoreApplication::arguments(), QString(), &arguments, &error)) {
        QTextStream(stderr) << error << Qt::endl;
        return 2;
    }
    ServerOptions options;
    if (!ServerOptions::parse(arguments, /*interactive*/ true, &options, &error)) {
        QTextStream(stderr) << error << Qt::endl;
        return 2;
    }
    if (!options.positional.isEmpty()) {
        if (options.positional.first() == QLatin1String("kick"))
            return ClusterKick::run(options.config, options.positional.mid(1));
        if (options.positional.first() != QLatin1String("user")) {
            QTextStream(stderr) << QCoreApplication::translate("main", "Unknown command \"%1\"; try --help.").arg(options.positional.first()) << Qt::endl;
            return 2;
        }
        return UserAdmin::run(options.config, options.positional.mid(1));
    }

    // Log lines (net/core/logging.h) with time and category; QT_MESSAGE_PATTERN overrides this,
    // QT_LOGGING_RULES chooses what is shown.
    // Under systemd (stderr is the journal's stream) the journal adds the time; a "<N>" prefix
    // gives each line its priority, so "journalctl -p warning" finds the warnings.
    if (qEnvironmentVariableIsSet("JOURNAL_STREAM"))
        qSetMessagePattern(QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                                          "%{if-critical}<3>%{endif}%{if-fatal}<2>%{endif}%{category}: %{message}"));
    else
        qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{category}: "
                                          "%{if-warning}warning: %{endif}%{if-critical}error: %{endif}%{message}"));
    QTextStream err(stderr);
    raiseDescriptorLimit();
    qCInfo(lcServer).noquote() << "event loop:" << eventLoop;
    if (options.config.maxClients > 0) {
        rlimit limit{};
        if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
            && rlim_t(options.config.maxClients) + 64 > limit.rlim_cur)
            qCWarning(lcServer, "--max-clients %d is near the open-file limit (%llu): accepting stops when "
                                "descriptors run out", options.config.maxClients, qulonglong(limit.rlim_cur));
    }

    ServerRuntime runtime;
    if (!runtime.start(options.config, &error)) {
        err << error << Qt::endl;
        return 1;
    }
    std::shared_ptr<CaptureFileWriter> capture; // the connections share it: lives while any reports to it
    if (!options.capturePath.isEmpty()) {
        capture = std::make_shared<CaptureFileWriter>();
        if (!capture->open(options.capturePath, &error)) {
            err << error << Qt::endl;
            return 1;
        }
        runtime.setCaptureSink(capture);
    }
    // The bound endpoints go to stdout: scripts read them (a contract, not log lines).
    for (const Endpoint &e : runtime.endpoints())
        std::printf("listening on tcp://%s\n", qPrintable(e.toString()));
    if (runtime.tutorial())
        for (const Endpoint &e : runtime.tutorial()->tcpEndpoints())
            std::printf("tutorial protocols on tcp://%s and udp://%s\n", qPrintable(e.toString()), qPrintable(e.toString()));
    if (!runtime.tlsFingerprint().isEmpty()) // what clients may pin (--fingerprint); also logged
        std::printf("tls fingerprint %s\n", qPrintable(runtime.tlsFingerprint()));
    std::fflush(stdout);

    SignalWatcher signals_;
    // SIGHUP (systemctl reload, logrotate): read the configuration file and command line again and
    // apply what a running server can change; start a new capture file. Clients stay connected.
    QObject::connect(&signals_, &SignalWatcher::reloadRequested, &app, [&] {
        QStringList again;
        QString why;
        ServerOptions next;
        if (!ConfigFile::withConfigArguments(QCoreApplication::arguments(), QString(), &again, &why)
            || !ServerOptions::parse(again, /*interactive*/ false, &next, &why)) {
            qCWarning(lcServer).noquote() << "reload: the configuration is not valid, nothing changed:" << why;
            return;
        }
        QStringList needRestart = runtime.reconfigure(next.config);
        if (next.eventLoop != eventLoop)
            needRestart.append(QStringLiteral("event-loop"));
        if (!next.capturePath.isEmpty()) {
            // Connections open now keep writing to the old file until they end (they share it).
            auto fresh = std::make_shared<CaptureFileWriter>();
            if (fresh->open(next.capturePath, &why)) {
                capture = fresh;
                runtime.setCaptureSink(capture);
            } else {
                qCWarning(lcServer).noquote() << "reload: cannot open the capture file:" << why;
            }
        } else if (capture) {
            capture.reset();
            runtime.setCaptureSink(nullptr);
        }
        qCInfo(lcServer).noquote() << "reload: configuration applied"
                                   << (needRestart.isEmpty() ? QString()
                                                             : QStringLiteral("; a restart is needed to change: ") + needRestart.join(QStringLiteral(", ")));
    });
    QObject::connect(&signals_, &SignalWatcher::terminationRequested, &app, [&](int) {
        qCInfo(lcServer, "shutting down");
        runtime.stop();
        QTimer::singleShot(200, &app, [&] {
            if (capture)
                capture->close();
            QCoreApplication::quit(); // after goodbye frames have left
        });
    });
    return app.exec();
}
