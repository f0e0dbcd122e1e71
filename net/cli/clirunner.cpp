#include "clirunner.h"

#include "client/chatclient.h"
#include "core/endpoint.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace Switchboard {

int CliRunner::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Switchboard command-line client.\n\nCommands:\n"
                                        "  ping [--count N]    measure the round-trip time to the server"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption serverOpt(QStringLiteral("server"), tr("Server to connect to (default 127.0.0.1:5151)."),
                                 QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:5151"));
    QCommandLineOption countOpt(QStringLiteral("count"), tr("How many pings (default 4)."), QStringLiteral("N"), QStringLiteral("4"));
    QCommandLineOption timeoutOpt(QStringLiteral("timeout"), tr("Give up after MS milliseconds (default 10000)."),
                                  QStringLiteral("MS"), QStringLiteral("10000"));
    parser.addOptions({serverOpt, countOpt, timeoutOpt});
    parser.addPositionalArgument(QStringLiteral("command"), tr("What to do: ping."));
    parser.process(arguments);

    QTextStream err(stderr);
    Endpoint server;
    QString why;
    if (!Endpoint::parse(parser.value(serverOpt), &server, &why)) {
        err << why << Qt::endl;
        return 2;
    }
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        err << tr("No command given; try --help.") << Qt::endl;
        return 2;
    }
    const QString command = args.first();

    ChatClient client;
    client.setClientName(QStringLiteral("switchboard-cli/") + QStringLiteral(SWITCHBOARD_VERSION));
    client.setKeepaliveInterval(0);
    QEventLoop loop;
    int status = 0;
    // The connection phase's handlers live only as long as this context object.
    auto *phase = new QObject;
    QObject::connect(&client, &ChatClient::connectionFailed, phase, [&](const QString &reason) {
        err << tr("Cannot connect to %1: %2").arg(server.toString(), reason) << Qt::endl;
        status = 3;
        loop.quit();
    });
    QObject::connect(&client, &ChatClient::disconnected, phase, [&](const QString &reason) {
        err << tr("Disconnected: %1").arg(reason) << Qt::endl;
        status = 3;
        loop.quit();
    });
    QObject::connect(&client, &ChatClient::ready, phase, [&] { loop.quit(); });
    QTimer::singleShot(parser.value(timeoutOpt).toInt(), phase, [&] {
        err << tr("Timed out.") << Qt::endl;
        status = 4;
        loop.quit();
    });
    client.connectToServer(server.host, server.port);
    loop.exec();
    delete phase;
    if (status != 0)
        return status;

    if (command == QLatin1String("ping"))
        return ping(client, std::max(1, parser.value(countOpt).toInt()));
    err << tr("Unknown command \"%1\"; try --help.").arg(command) << Qt::endl;
    return 2;
}

int CliRunner::ping(ChatClient &client, int count)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QList<double> rtts;
    QEventLoop loop;
    int status = 0;
    QObject phase;
    QObject::connect(&client, &ChatClient::pongReceived, &phase, [&](qint64, double ms) {
        rtts.append(ms);
        out << tr("pong from %1: time=%2 ms").arg(client.peerName()).arg(ms, 0, 'f', 3) << Qt::endl;
        if (rtts.size() >= count)
            loop.quit();
        else
            QTimer::singleShot(200, &client, [&client] { client.ping(); });
    });
    QObject::connect(&client, &ChatClient::disconnected, &phase, [&](const QString &reason) {
        err << tr("Disconnected: %1").arg(reason) << Qt::endl;
        status = 3;
        loop.quit();
    });
    client.ping();
    loop.exec();
    if (!rtts.isEmpty()) {
        std::sort(rtts.begin(), rtts.end());
        double sum = 0;
        for (double r : rtts)
            sum += r;
        out << tr("%1 pings: min %2 ms, avg %3 ms, max %4 ms")
                   .arg(rtts.size())
                   .arg(rtts.first(), 0, 'f', 3)
                   .arg(sum / rtts.size(), 0, 'f', 3)
                   .arg(rtts.last(), 0, 'f', 3)
            << Qt::endl;
    }
    phase.disconnect();
    QObject::disconnect(&client, nullptr, &phase, nullptr);
    client.disconnectFromServer();
    return status;
}

} // namespace Switchboard
