#include "proxycommand.h"

#include "net/capture/capturefilewriter.h"
#include "net/core/endpoint.h"
#include "net/core/signalwatcher.h"
#include "net/proxy/framingproxy.h"
#include "net/proxy/proxyconnection.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QHostInfo>
#include <QTextStream>

#include <cstdio>

namespace Switchboard {

namespace {

struct KnobOption
{
    const char *name;
    const char *valueName;
    const char *help;
};

// Every knob as a bare option (both directions) and with --up-/--down- prefixes.
const KnobOption KnobOptions[] = {
    {"split", "N|MIN-MAX", QT_TRANSLATE_NOOP("ProxyCommand", "cut every write into pieces of N bytes (or random sizes MIN to MAX)")},
    {"split-delay", "MS", QT_TRANSLATE_NOOP("ProxyCommand", "wait MS between pieces (default 1, so they arrive as separate reads)")},
    {"coalesce", "MS", QT_TRANSLATE_NOOP("ProxyCommand", "send writes arriving within MS of the first as one")},
    {"latency", "MS", QT_TRANSLATE_NOOP("ProxyCommand", "hold every byte MS milliseconds")},
    {"rate", "BYTES/s", QT_TRANSLATE_NOOP("ProxyCommand", "throttle to BYTES per second")},
    {"close-after", "N", QT_TRANSLATE_NOOP("ProxyCommand", "close the connection after N bytes")},
};

void printLine(const QString &line)
{
    const QByteArray utf8 = line.toUtf8() + '\n';
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fflush(stdout);
}

bool resolve(const QString &text, QHostAddress *address, quint16 *port, QString *error)
{
    Endpoint e;
    if (!Endpoint::parse(text, &e, error))
        return false;
    *port = e.port;
    if (address->setAddress(e.host))
        return true;
    const QHostInfo info = QHostInfo::fromName(e.host); // once, at start: the CLI has nothing else to do
    if (info.addresses().isEmpty()) {
        *error = ProxyCommand::tr("Cannot resolve %1: %2").arg(e.host, info.errorString());
        return false;
    }
    *address = info.addresses().first();
    return true;
}

// Applies the value of option prefix+name (if given) to knobs. False with *error on a bad value.
bool applyKnob(const QCommandLineParser &parser, const QString &option, const char *name, ProxyKnobs *k, QString *error)
{
    if (!parser.isSet(option))
        return true;
    const QString value = parser.value(option);
    const QString knob = QLatin1String(name);
    if (knob == QLatin1String("split")) {
        if (ProxyCommand::parseSplit(value, &k->splitMin, &k->splitMax))
            return true;
        *error = ProxyCommand::tr("--%1 needs N or MIN-MAX (bytes, at least 1), got \"%2\".").arg(option, value);
        return false;
    }
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    if (!ok || n < 0 || (knob != QLatin1String("rate") && knob != QLatin1String("close-after") && n > 3600000)) {
        *error = ProxyCommand::tr("--%1 needs a number, got \"%2\".").arg(option, value);
        return false;
    }
    if (knob == QLatin1String("split-delay"))
        k->splitDelayMs = int(n);
    else if (knob == QLatin1String("coalesce"))
        k->coalesceMs = int(n);
    else if (knob == QLatin1String("latency"))
        k->latencyMs = int(n);
    else if (knob == QLatin1String("rate"))
        k->rateBytesPerSecond = n;
    else
        k->closeAfter = n;
    return true;
}

} // namespace

bool ProxyCommand::parseSplit(const QString &text, int *min, int *max)
{
    const QStringList parts = text.split(QLatin1Char('-'));
    bool ok1 = false, ok2 = true;
    const int a = parts.first().toInt(&ok1);
    const int b = parts.size() == 2 ? parts.at(1).toInt(&ok2) : a;
    if (parts.size() > 2 || !ok1 || !ok2 || a < 1 || b < a)
        return false;
    *min = a;
    *max = b;
    return true;
}

QString ProxyCommand::describe(const ProxyKnobs &k)
{
    QStringList parts;
    if (k.splits())
        parts << (k.splitMin == k.splitMax ? tr("split into %1-byte pieces").arg(k.splitMin)
                                           : tr("split into %1 to %2-byte pieces").arg(k.splitMin).arg(k.splitMax))
                     + tr(" %1 ms apart").arg(k.splitDelayMs);
    if (k.coalesceMs > 0)
        parts << tr("coalesce within %1 ms").arg(k.coalesceMs);
    if (k.latencyMs > 0)
        parts << tr("latency %1 ms").arg(k.latencyMs);
    if (k.rateBytesPerSecond > 0)
        parts << tr("%1 bytes/s").arg(k.rateBytesPerSecond);
    if (k.closeAfter >= 0)
        parts << tr("close after %1 bytes").arg(k.closeAfter);
    return parts.isEmpty() ? tr("unchanged") : parts.join(QStringLiteral(", "));
}

int ProxyCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("switchboard-cli proxy --listen HOST:PORT --to HOST:PORT [knobs]\n\n"
           "Forwards every connection made to --listen to --to, both directions byte for byte (a half-close\n"
           "passed on in each direction on its own), shaped by the knobs below. Each knob applies to both\n"
           "directions; prefix it with up- (client to target) or down- (target to client) for one:\n"
           "--up-split 1 cuts what the client sends into single bytes."));
    parser.addHelpOption();
    QCommandLineOption listenOpt(QStringLiteral("listen"), tr("Address to listen on (port 0: any free port)."),
                                 QStringLiteral("HOST:PORT"));
    QCommandLineOption toOpt(QStringLiteral("to"), tr("The server to forward to."), QStringLiteral("HOST:PORT"));
    QCommandLineOption captureOpt(QStringLiteral("capture"), tr("Record every chunk read and written to FILE as pcapng."),
                                  QStringLiteral("FILE.pcapng"));
    QCommandLineOption connectionsOpt(QStringLiteral("connections"), tr("Exit after N connections have ended."),
                                      QStringLiteral("N"));
    parser.addOptions({listenOpt, toOpt, captureOpt, connectionsOpt});
    for (const KnobOption &o : KnobOptions)
        for (const QString &prefix : {QString(), QStringLiteral("up-"), QStringLiteral("down-")})
            parser.addOption(QCommandLineOption(prefix + QLatin1String(o.name),
                                                prefix.isEmpty() ? tr(o.help) : tr("%1, %2 only").arg(tr(o.help), prefix.chopped(1)),
                                                QLatin1String(o.valueName)));
    QStringList args = arguments;
    args.removeAt(1); // "proxy"
    parser.process(args);

    QTextStream err(stderr);
    if (!parser.isSet(listenOpt) || !parser.isSet(toOpt)) {
        err << tr("proxy needs --listen HOST:PORT and --to HOST:PORT; try proxy --help.") << Qt::endl;
        return 2;
    }
    QString why;
    QHostAddress listenAddress, target;
    quint16 listenPort = 0, targetPort = 0;
    if (!resolve(parser.value(listenOpt), &listenAddress, &listenPort, &why)
        || !resolve(parser.value(toOpt), &target, &targetPort, &why)) {
        err << why << Qt::endl;
        return 2;
    }
    ProxyKnobs knobs[2];
    for (int d : {0, 1}) {
        for (const KnobOption &o : KnobOptions) {
            if (!applyKnob(parser, QLatin1String(o.name), o.name, &knobs[d], &why)
                || !applyKnob(parser, (d == 0 ? QStringLiteral("up-") : QStringLiteral("down-")) + QLatin1String(o.name),
                              o.name, &knobs[d], &why)) {
                err << why << Qt::endl;
                return 2;
            }
        }
    }
    const int stopAfter = parser.isSet(connectionsOpt) ? parser.value(connectionsOpt).toInt() : -1;

    std::unique_ptr<CaptureFileWriter> capture;
    if (parser.isSet(captureOpt)) {
        capture = std::make_unique<CaptureFileWriter>();
        if (!capture->open(parser.value(captureOpt), &why)) {
            err << why << Qt::endl;
            return 2;
        }
    }
    FramingProxy proxy;
    proxy.setTarget(target, targetPort);
    proxy.setKnobs(FramingProxy::Up, knobs[0]);
    proxy.setKnobs(FramingProxy::Down, knobs[1]);
    proxy.setCaptureSink(capture.get());
    if (!proxy.listen(listenAddress, listenPort, &why)) {
        err << why << Qt::endl;
        return 3;
    }
    printLine(tr("listening on %1, forwarding to %2; up: %3; down: %4")
                  .arg(Endpoint::format(proxy.listenAddress(), proxy.listenPort()), Endpoint::format(target, targetPort),
                       describe(knobs[0]), describe(knobs[1])));

    QEventLoop loop;
    int ended = 0;
    QObject::connect(&proxy, &FramingProxy::connectionClosed, &loop, [&](ProxyConnection *c, const QString &reason) {
        const ProxyConnection::Stats &s = c->stats();
        printLine(tr("%1: up %2 bytes (%3 reads from the client, %4 writes to the target), "
                     "down %5 bytes (%6 reads from the target, %7 writes to the client); %8")
                      .arg(c->clientString())
                      .arg(s.bytes[0])
                      .arg(s.reads[0])
                      .arg(s.writes[0])
                      .arg(s.bytes[1])
                      .arg(s.reads[1])
                      .arg(s.writes[1])
                      .arg(reason));
        if (stopAfter > 0 && ++ended >= stopAfter)
            loop.quit();
    });
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &loop, &QEventLoop::quit);
    loop.exec();
    proxy.close();
    if (capture)
        capture->close();
    return 0;
}

} // namespace Switchboard
