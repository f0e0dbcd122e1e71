#include "rawcommand.h"

#include "net/core/endpoint.h"
#include "net/lab/autoreplier.h"
#include "net/lab/payloadcodec.h"
#include "net/lab/rawtcpclient.h"
#include "net/lab/rawtcpserver.h"
#include "net/lab/udpendpoint.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace Switchboard {

namespace {

// Prints each chunk or datagram: as text when it decodes and --hex-out is not given, else as hex
// (one line per chunk); with --json, one JSON object per line.
class Printer
{
public:
    Printer(PayloadCodec::Format format, bool hexOut, bool json)
        : m_format(format)
        , m_hexOut(hexOut)
        , m_json(json)
    {
    }

    void print(const char *direction, const QString &peer, const QByteArray &bytes) const
    {
        QByteArray out;
        bool isText = false;
        const QString shown = PayloadCodec::display(bytes, m_hexOut ? PayloadCodec::Format::Hex : m_format, &isText);
        if (m_json) {
            QJsonObject o{{QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                          {QStringLiteral("dir"), QLatin1String(direction)},
                          {QStringLiteral("peer"), peer},
                          {QStringLiteral("size"), bytes.size()},
                          {QStringLiteral("hex"), PayloadCodec::toHex(bytes)}};
            if (isText)
                o.insert(QStringLiteral("text"), shown);
            out = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
        } else if (qstrcmp(direction, "in") != 0) {
            return; // plain output shows what arrives, like nc
        } else if (isText) {
            out = shown.toUtf8();
        } else {
            out = shown.toLatin1() + '\n';
        }
        std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
        std::fflush(stdout);
    }

private:
    PayloadCodec::Format m_format;
    bool m_hexOut;
    bool m_json;
};

} // namespace

int RawCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Send raw bytes to any TCP or UDP program and print what comes back, or (--listen) serve and print what "
           "arrives.\n\nExamples:\n"
           "  switchboard-cli raw tcp 127.0.0.1:7000 --text 'hello\\n'\n"
           "  switchboard-cli raw udp 127.0.0.1:7001 --hex '48 65 6c 6c 6f' --hex-out\n"
           "  switchboard-cli raw tcp 127.0.0.1:7000 --listen --echo --wait 10000"));
    parser.addHelpOption();
    const QCommandLineOption hexOpt(QStringLiteral("hex"), tr("Send these bytes, given in hex (\"48 65 6c\" or \"48656c\")."),
                                    QStringLiteral("HEX"));
    const QCommandLineOption textOpt(QStringLiteral("text"),
                                     tr("Send this text (escapes \\n \\r \\t \\\\ \\xHH \\0 are expanded)."),
                                     QStringLiteral("TEXT"));
    const QCommandLineOption stdinOpt(QStringLiteral("stdin"), tr("Send what standard input holds, byte for byte."));
    const QCommandLineOption listenOpt(QStringLiteral("listen"),
                                       tr("Serve (TCP) or bind (UDP) HOST:PORT and print what arrives; a payload "
                                          "goes to each TCP client as it connects."));
    const QCommandLineOption echoOpt(QStringLiteral("echo"), tr("With --listen: send back whatever arrives."));
    const QCommandLineOption encodingOpt(QStringLiteral("encoding"), tr("Text encoding: utf8 (default) or gbk."),
                                         QStringLiteral("utf8|gbk"), QStringLiteral("utf8"));
    const QCommandLineOption waitOpt(QStringLiteral("wait"),
                                     tr("Exit once nothing has arrived for MS milliseconds (default %1; with "
                                        "--listen 0, which waits for ever).")
                                         .arg(DefaultWaitMs),
                                     QStringLiteral("MS"));
    const QCommandLineOption hexOutOpt(QStringLiteral("hex-out"), tr("Print what arrives in hex even when it is text."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     tr("Print one JSON object per chunk or datagram (time, dir, peer, size, hex, text)."));
    parser.addOptions({hexOpt, textOpt, stdinOpt, listenOpt, echoOpt, encodingOpt, waitOpt, hexOutOpt, jsonOpt});
    parser.addPositionalArgument(QStringLiteral("raw"), tr("The command."));
    parser.addPositionalArgument(QStringLiteral("transport"), tr("tcp or udp."));
    parser.addPositionalArgument(QStringLiteral("endpoint"), tr("HOST:PORT to send to, or to listen on."));
    parser.process(arguments);

    QTextStream err(stderr);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 3 || (args.at(1) != QLatin1String("tcp") && args.at(1) != QLatin1String("udp"))) {
        err << tr("Usage: raw tcp|udp HOST:PORT [--hex HEX | --text TEXT | --stdin] [--listen]; try raw --help.")
            << Qt::endl;
        return 2;
    }
    const bool udp = args.at(1) == QLatin1String("udp");
    Endpoint endpoint;
    QString why;
    if (!Endpoint::parse(args.at(2), &endpoint, &why)) {
        err << why << Qt::endl;
        return 2;
    }
    const auto format = PayloadCodec::formatFromName(parser.value(encodingOpt));
    if (!format || *format == PayloadCodec::Format::Hex) {
        err << tr("Unknown encoding \"%1\": use utf8 or gbk.").arg(parser.value(encodingOpt)) << Qt::endl;
        return 2;
    }
    if (int(parser.isSet(hexOpt)) + int(parser.isSet(textOpt)) + int(parser.isSet(stdinOpt)) > 1) {
        err << tr("Give one of --hex, --text and --stdin.") << Qt::endl;
        return 2;
    }
    const bool listening = parser.isSet(listenOpt);
    if (parser.isSet(echoOpt) && !listening) {
        err << tr("--echo needs --listen.") << Qt::endl;
        return 2;
    }
    std::optional<QByteArray> payload;
    if (parser.isSet(hexOpt)) {
        payload = PayloadCodec::encode(parser.value(hexOpt), PayloadCodec::Format::Hex, false, &why);
    } else if (parser.isSet(textOpt)) {
        payload = PayloadCodec::encode(parser.value(textOpt), *format, true, &why);
    } else if (parser.isSet(stdinOpt)) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err << tr("Cannot read standard input: %1").arg(in.errorString()) << Qt::endl;
            return 2;
        }
        payload = in.readAll();
    }
    if ((parser.isSet(hexOpt) || parser.isSet(textOpt)) && !payload) {
        err << why << Qt::endl;
        return 2;
    }
    if (!listening && !payload && udp) {
        err << tr("A UDP client needs something to send: --hex, --text or --stdin.") << Qt::endl;
        return 2;
    }
    bool waitOk = true;
    const int waitMs = parser.isSet(waitOpt) ? parser.value(waitOpt).toInt(&waitOk) : (listening ? 0 : DefaultWaitMs);
    if (!waitOk || waitMs < 0) {
        err << tr("--wait takes a number of milliseconds.") << Qt::endl;
        return 2;
    }

    const Printer printer(*format, parser.isSet(hexOutOpt), parser.isSet(jsonOpt));
    AutoReplier echo;
    if (parser.isSet(echoOpt)) {
        AutoReplyRule rule;
        rule.kind = AutoReplyRule::Kind::Echo;
        echo.setRules({rule});
    }
    QEventLoop loop;
    int status = 0;
    // Quiet for waitMs: done. Every arrival starts the wait again.
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(waitMs);
    QObject::connect(&idle, &QTimer::timeout, &loop, &QEventLoop::quit);
    auto arrived = [&](const QString &peer, const QByteArray &bytes) {
        printer.print("in", peer, bytes);
        if (waitMs > 0)
            idle.start();
    };
    auto left = [&](const QString &peer, const QByteArray &bytes, bool) { printer.print("out", peer, bytes); };

    RawTcpClient client;
    bool everConnected = false;
    RawTcpServer server;
    UdpEndpoint socket;
    const QHostAddress address(endpoint.host);
    if (listening && address.isNull()) {
        err << tr("--listen needs an IP address, not \"%1\".").arg(endpoint.host) << Qt::endl;
        return 2;
    }
    if (udp) {
        socket.setAutoReplier(&echo);
        QObject::connect(&socket, &UdpEndpoint::received, &loop, arrived);
        QObject::connect(&socket, &UdpEndpoint::sent, &loop, left);
        if (listening) {
            if (!socket.bind(address, endpoint.port, &why)) {
                err << tr("Cannot bind %1: %2").arg(endpoint.toString(), why) << Qt::endl;
                return 3;
            }
            err << tr("Bound to %1").arg(Endpoint::format(socket.localAddress(), socket.localPort())) << Qt::endl;
        } else {
            // A name is resolved once, here; datagrams go to its first address.
            QHostAddress target = address;
            if (target.isNull()) {
                const QHostInfo info = QHostInfo::fromName(endpoint.host);
                if (info.addresses().isEmpty()) {
                    err << tr("Cannot resolve %1: %2").arg(endpoint.host, info.errorString()) << Qt::endl;
                    return 3;
                }
                target = info.addresses().first();
            }
            if (socket.sendTo(target, endpoint.port, *payload, &why) < 0) {
                err << tr("Cannot send to %1: %2").arg(endpoint.toString(), why) << Qt::endl;
                return 3;
            }
        }
    } else if (listening) {
        server.setAutoReplier(&echo);
        QObject::connect(&server, &RawTcpServer::received, &loop,
                         [&](quint64, const QString &peer, const QByteArray &bytes) { arrived(peer, bytes); });
        QObject::connect(&server, &RawTcpServer::sent, &loop,
                         [&](quint64, const QString &peer, const QByteArray &bytes, bool a) { left(peer, bytes, a); });
        QObject::connect(&server, &RawTcpServer::clientConnected, &loop, [&](quint64 id, const QString &peer) {
            err << tr("%1 connected").arg(peer) << Qt::endl;
            if (payload)
                server.sendTo(id, *payload);
            if (waitMs > 0)
                idle.start();
        });
        QObject::connect(&server, &RawTcpServer::clientDisconnected, &loop, [&](quint64, const QString &peer) {
            err << tr("%1 disconnected").arg(peer) << Qt::endl;
        });
        if (!server.listen(address, endpoint.port, &why)) {
            err << tr("Cannot listen on %1: %2").arg(endpoint.toString(), why) << Qt::endl;
            return 3;
        }
        err << tr("Listening on %1").arg(Endpoint::format(server.serverAddress(), server.serverPort())) << Qt::endl;
    } else {
        QObject::connect(&client, &RawTcpClient::received, &loop, arrived);
        QObject::connect(&client, &RawTcpClient::sent, &loop, left);
        QObject::connect(&client, &RawTcpClient::errorOccurred, &loop, [&](const QString &message) {
            if (!client.isConnected()) {
                err << tr("Cannot connect to %1: %2").arg(endpoint.toString(), message) << Qt::endl;
                status = 3;
            }
        });
        QObject::connect(&client, &RawTcpClient::connected, &loop, [&] {
            everConnected = true;
            if (payload)
                client.send(*payload);
            if (waitMs > 0)
                idle.start();
        });
        // The peer closing ends the exchange, as with nc.
        QObject::connect(&client, &RawTcpClient::disconnected, &loop, &QEventLoop::quit);
        client.connectToHost(endpoint.host, endpoint.port);
    }
    if (waitMs > 0)
        idle.start();
    loop.exec();
    if (!udp && !listening && !everConnected && status == 0) {
        err << tr("Timed out connecting to %1.").arg(endpoint.toString()) << Qt::endl;
        status = 3;
    }
    return status;
}

} // namespace Switchboard
