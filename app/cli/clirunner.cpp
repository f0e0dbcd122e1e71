#include "clirunner.h"

#include "net/capture/capturefilewriter.h"
#include "net/client/chatclient.h"
#include "net/client/clientsession.h"
#include "net/client/conversationstore.h"
#include "net/connection/connection.h"
#include "net/client/serverlist.h"
#include "net/client/filetokenkeeper.h"
#include "net/core/endpoint.h"
#include "net/server/serverconfig.h"
#include "net/tls/fingerprint.h"
#include "net/tls/knownservers.h"
#include "net/client/transfermanager.h"
#include "batchedoutput.h"
#include "decodecommand.h"
#include "discovercommand.h"
#include "udproomcommand.h"
#include "passwordinput.h"
#include "proxycommand.h"
#include "rawcommand.h"
#include "clioutput.h"
#include "roomcommands.h"
#include "searchcommand.h"
#include "transfercommands.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonDocument>
#include <QLocale>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

#include <QSet>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <unistd.h>

namespace Switchboard {

CliRunner::CliRunner() = default;
CliRunner::~CliRunner() = default;

int CliRunner::run(const QStringList &arguments)
{
    // Commands with options of their own parse them themselves.
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("decode"))
        return DecodeCommand::run(arguments);
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("proxy"))
        return ProxyCommand::run(arguments);
    // "raw" parses its own options (raw ... --listen differs from the chat commands' options).
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("raw"))
        return RawCommand::run(arguments);
    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Switchboard command-line client.\n\n"
        "Commands:\n"
        "  ping [--count N]                 measure the round-trip time to the server\n"
        "  register                         create the account --user (password as for login)\n"
        "  send ROOM TEXT...                send each TEXT to ROOM (or to --to USER: send TEXT...)\n"
        "  send --stdin ROOM                send one message per line read from standard input\n"
        "  listen ROOM [--count N]          print each new message in ROOM as one JSON line\n"
        "  upload FILE... --room ROOM | --to USER\n"
        "  download ID [-o PATH]\n"
        "  room create NAME [--private]     create a room; a private one is yours to manage\n"
        "  room invite NAME USER [--share-history]\n"
        "  room remove NAME USER            take USER off a private room's access list\n"
        "  room owner NAME USER             hand a private room over to USER\n"
        "  room members NAME                list a room's members (the owner marked)\n"
        "  search ROOM TEXT [--limit N] [--before ID]\n"
        "                                   messages of ROOM (or --to USER) containing TEXT, newest first\n"
        "  discover [--timeout MS]          print each server found on the LAN as one JSON line\n"
        "  decode FILE [--framing NAME | --up-framing NAME --down-framing NAME] [--stream N]\n"
        "         [--resync] [--json]\n"
        "                                   list a pcap/pcapng capture's conversations or print one's\n"
        "                                   messages (decode --help)\n"
        "  proxy --listen HOST:PORT --to HOST:PORT [--split N] ...\n"
        "                                   forward any TCP program's traffic, split or coalesced\n"
        "                                   on demand (proxy --help)\n"
        "  raw tcp|udp HOST:PORT ...        send to, or listen for, any TCP or UDP program (raw --help)\n"
        "  udp-room ROOM [--send TEXT] [--stdin] [--listen] [--on IFACE] [--json]\n"
        "                                   chat in a serverless UDP room (unauthenticated, unencrypted)\n\n"
        "The password comes from the environment variable SWITCHBOARD_PASSWORD, from a file with\n"
        "--password-file, or from the first line of standard input with --password-stdin (asked\n"
        "for without echo at a terminal). It never leaves this computer.\n\n"
        "Connections use TLS. A server seen for the first time is trusted and its certificate\n"
        "fingerprint recorded (printed to standard error); a server whose certificate changed\n"
        "is refused. Compare the fingerprint with the one the server logs at start."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption serverOpt(QStringLiteral("server"),
                                 tr("Server to connect to (default 127.0.0.1:5151). Several nodes of one cluster: "
                                    "a:1,b:2 or the option repeated; they are tried in order."),
                                 QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:5151"));
    QCommandLineOption userOpt(QStringLiteral("user"), tr("User name to log in as."), QStringLiteral("NAME"));
    QCommandLineOption passwordStdinOpt(QStringLiteral("password-stdin"), tr("Read the password from the first line of standard input."));
    QCommandLineOption passwordFileOpt(QStringLiteral("password-file"), tr("Read the password from the first line of FILE."),
                                       QStringLiteral("FILE"));
    QCommandLineOption stdinOpt(QStringLiteral("stdin"), tr("send: read messages from standard input, one per line."));
    QCommandLineOption countOpt(QStringLiteral("count"), tr("ping: how many pings (default 4); listen: exit after N messages."),
                                QStringLiteral("N"), QStringLiteral("0"));
    QCommandLineOption windowOpt(QStringLiteral("window"),
                                 tr("send --stdin: messages sent ahead of their acknowledgement at most (default %1).")
                                     .arg(DefaultSendWindow),
                                 QStringLiteral("N"), QString::number(DefaultSendWindow));
    QCommandLineOption timeoutOpt(QStringLiteral("timeout"), tr("Give up connecting or logging in after MS milliseconds (default 10000)."),
                                  QStringLiteral("MS"), QStringLiteral("10000"));
    QCommandLineOption captureOpt(QStringLiteral("capture"), tr("Write this client's traffic to FILE as pcapng."),
                                  QStringLiteral("FILE.pcapng"));
    QCommandLineOption noTlsOpt(QStringLiteral("no-tls"),
                                tr("Connect without TLS, to a server started with --no-tls (teaching the raw protocol)."));
    QCommandLineOption strictTlsOpt(QStringLiteral("strict-tls"),
                                    tr("Refuse servers not in the known-servers file (unless --fingerprint names them)."));
    QCommandLineOption fingerprintOpt(QStringLiteral("fingerprint"),
                                      tr("Trust the server whose certificate has this fingerprint (repeatable)."),
                                      QStringLiteral("SHA256:..."));
    QCommandLineOption knownServersOpt(QStringLiteral("known-servers"),
                                       tr("The known-servers file (default %1).").arg(KnownServers::defaultPath()),
                                       QStringLiteral("FILE"));
    QCommandLineOption jsonOpt(QStringLiteral("json"),
                               tr("One JSON object per line: results on standard output, errors on standard error "
                                  "as {\"error\": CODE, \"message\": TEXT}."));
    parser.addOptions({jsonOpt, serverOpt, userOpt, passwordStdinOpt, passwordFileOpt, stdinOpt, windowOpt, countOpt, timeoutOpt, captureOpt, noTlsOpt,
                       strictTlsOpt, fingerprintOpt, knownServersOpt});
    TransferCommands::addOptions(parser); // --room, --to, -o
    RoomCommands::addOptions(parser);     // --private, --share-history
    DiscoverCommand::addOptions(parser);  // --interface
    UdpRoomCommand::addOptions(parser);   // --send, --listen, --on, --name, --json
    SearchCommand::addOptions(parser);    // --limit, --before
    parser.addPositionalArgument(QStringLiteral("command"), tr("ping, register, send, listen, upload, download, room, search, discover, raw, udp-room, decode or proxy."));
    const QString usage = QStringLiteral("usage");
    // An unknown option is a usage error like the others (exit status 2, JSON with --json);
    // process() would exit with 1.
    if (!parser.parse(arguments)) {
        m_output.setJson(arguments.contains(QStringLiteral("--json")));
        m_output.error(usage, parser.errorText());
        return 2;
    }
    parser.process(arguments); // --help, --help-all, --version: print and exit
    m_output.setJson(parser.isSet(jsonOpt));

    QList<Endpoint> servers;
    QString why;
    if (!ServerList::parse(parser.values(serverOpt).join(QLatin1Char(',')), ServerConfig::DefaultPort, &servers, &why)) {
        m_output.error(usage, why);
        return 2;
    }
    const Endpoint server = servers.constFirst(); // ping: the first node
    QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        m_output.error(usage, tr("No command given; try --help."));
        return 2;
    }
    const QString command = args.takeFirst();
    m_timeoutMs = std::max(100, parser.value(timeoutOpt).toInt());
    if (parser.isSet(captureOpt)) {
        m_capture = std::make_unique<CaptureFileWriter>();
        if (!m_capture->open(parser.value(captureOpt), &why)) {
            m_output.error(QStringLiteral("io_error"), why);
            return 2;
        }
    }
    const int count = parser.value(countOpt).toInt();
    if (command == QLatin1String("udp-room"))
        return UdpRoomCommand::run(parser, args, count, parser.isSet(timeoutOpt) ? m_timeoutMs : 0, m_capture.get());
    if (command == QLatin1String("discover"))
        return DiscoverCommand::run(parser, parser.isSet(timeoutOpt) ? m_timeoutMs : DiscoverCommand::DefaultTimeoutMs,
                                    m_output);
    ClientTls tls;
    tls.enabled = !parser.isSet(noTlsOpt);
    tls.unknownServer = parser.isSet(strictTlsOpt) ? ClientTls::UnknownServer::Refuse
                                                   : ClientTls::UnknownServer::TrustFirstUse;
    tls.knownServersFile = parser.isSet(knownServersOpt) ? parser.value(knownServersOpt) : KnownServers::defaultPath();
    for (const QString &f : parser.values(fingerprintOpt)) {
        if (Fingerprint::normalized(f).isEmpty()) {
            m_output.error(usage, tr("Not a fingerprint: %1 (expected SHA256: and 43 base64 characters).").arg(f));
            return 2;
        }
        tls.fingerprints.append(f);
    }

    if (command == QLatin1String("ping")) {
        ChatClient client;
        setUpTls(client, tls);
        client.setClientName(QStringLiteral("switchboard-cli/") + QStringLiteral(SWITCHBOARD_VERSION));
        client.setKeepaliveInterval(0);
        if (m_capture)
            client.setCaptureSink(m_capture.get());
        QEventLoop loop;
        int status = 0;
        QObject phase; // the connection phase's handlers live as long as this
        client.setConnectTimeout(m_timeoutMs);
        client.setHandshakeTimeout(qMin(m_timeoutMs, client.handshakeTimeout()));
        QObject::connect(&client, &ChatClient::connectionFailed, &phase, [&](const Protocol::Error &e) {
            m_output.error(toWire(e.code), e.message,
                           tr("Cannot connect to %1 (%2): %3").arg(server.toString(), toWire(e.code), e.message));
            status = 3;
            loop.quit();
        });
        QObject::connect(&client, &ChatClient::disconnected, &phase, [&](const QString &reason) {
            m_output.error(QStringLiteral("connection_lost"), reason, tr("Disconnected: %1").arg(reason));
            status = 3;
            loop.quit();
        });
        QObject::connect(&client, &ChatClient::ready, &phase, [&] { loop.quit(); });
        QTimer::singleShot(m_timeoutMs, &phase, [&] {
            m_output.error(QStringLiteral("timeout"), tr("Timed out."));
            status = 4;
            loop.quit();
        });
        client.connectToServer(server.host, server.port);
        loop.exec();
        if (status != 0)
            return status;
        QObject::disconnect(&client, nullptr, &phase, nullptr);
        return ping(client, count > 0 ? count : 4);
    }

    static const QStringList known{QStringLiteral("register"), QStringLiteral("send"), QStringLiteral("listen"),
                                   QStringLiteral("upload"), QStringLiteral("download"), QStringLiteral("room"),
                                   QStringLiteral("search")};
    if (!known.contains(command)) {
        m_output.error(usage, tr("Unknown command \"%1\"; try --help.").arg(command));
        return 2;
    }
    m_user = parser.value(userOpt);
    if (m_user.isEmpty()) {
        m_output.error(usage, tr("Give the user name with --user NAME."));
        return 2;
    }
    if (parser.isSet(passwordFileOpt)) {
        QString why;
        if (!PasswordInput::fromFile(parser.value(passwordFileOpt), &m_password, &why)) {
            m_output.error(QStringLiteral("io_error"), why);
            return 2;
        }
    } else if (parser.isSet(passwordStdinOpt)) {
        m_password = PasswordInput::fromStdin(tr("Password: "));
    } else {
        m_password = qEnvironmentVariable("SWITCHBOARD_PASSWORD");
        // Typed by a person at a terminal: asked for, never echoed.
        if (m_password.isEmpty() && command != QLatin1String("discover") && PasswordInput::stdinIsTerminal())
            m_password = PasswordInput::fromStdin(tr("Password for %1: ").arg(m_user));
    }
    if (m_password.isEmpty()) {
        m_output.error(usage, tr("No password: set SWITCHBOARD_PASSWORD, or use --password-file FILE or --password-stdin."));
        return 2;
    }

    // Device tokens (docs/PROTOCOL.md 6.6) in the CLI's data directory, owner-only.
    FileTokenKeeper deviceTokens(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
                                 + QStringLiteral("/device-tokens"));
    ClientSession session;
    // The CLI shows no conversation: the session's message models would only cost time per
    // message (a row each, its local day computed from the time zone file).
    QObject::disconnect(&session, nullptr, session.conversations(), nullptr);
    session.setDeviceTokenKeeper(&deviceTokens);
    setUpTls(*session.client(), tls);
    session.setAutoReconnect(false);
    if (m_capture)
        session.client()->setCaptureSink(m_capture.get());
    session.client()->setClientName(QStringLiteral("switchboard-cli/") + QStringLiteral(SWITCHBOARD_VERSION));
    const QString room = parser.value(QStringLiteral("room"));
    const QString to = parser.value(QStringLiteral("to"));

    if (command == QLatin1String("register")) {
        const int status = login(session, servers, true, {});
        if (status == 0)
            m_output.result({{QStringLiteral("type"), QStringLiteral("registered")}, {QStringLiteral("user"), m_user}},
                            tr("registered %1").arg(m_user));
        session.logOut();
        return status;
    }
    if (command == QLatin1String("send")) {
        QString target = room;
        if (to.isEmpty() && target.isEmpty()) {
            if (args.isEmpty()) {
                m_output.error(usage, tr("send needs a ROOM (or --to USER)."));
                return 2;
            }
            target = args.takeFirst();
        }
        if (!parser.isSet(stdinOpt) && args.isEmpty()) {
            m_output.error(usage, tr("send needs the text to send (or --stdin)."));
            return 2;
        }
        if (const int status = login(session, servers, false, to.isEmpty() ? QStringList{target} : QStringList{}))
            return status;
        const int status = send(session, to.isEmpty() ? target : QString(), to, args, parser.isSet(stdinOpt),
                                std::max(1, parser.value(windowOpt).toInt()));
        session.logOut();
        return status;
    }
    if (command == QLatin1String("listen")) {
        const QString target = room.isEmpty() ? args.value(0) : room;
        if (target.isEmpty()) {
            m_output.error(usage, tr("listen needs a ROOM."));
            return 2;
        }
        // The newest message of the join's replay: older ones are not printed again after a failover.
        qint64 seenBefore = 0;
        QObject replay;
        QObject::connect(&session, &ClientSession::roomJoined, &replay,
                         [&](const QString &joined, const QStringList &, const QList<ChatMessage> &history) {
            for (const ChatMessage &m : history)
                if (joined == target)
                    seenBefore = std::max(seenBefore, m.id);
        });
        if (const int status = login(session, servers, false, {target}))
            return status;
        QObject::disconnect(&session, nullptr, &replay, nullptr);
        const int status = listen(session, target, count, seenBefore, servers.size() > 1);
        session.logOut();
        return status;
    }
    if (command == QLatin1String("search")) {
        QString target = room;
        if (to.isEmpty() && target.isEmpty() && args.size() > 1)
            target = args.takeFirst();
        const QString text = args.join(QLatin1Char(' '));
        if ((to.isEmpty() && target.isEmpty()) || text.isEmpty()) {
            m_output.error(usage, tr("Usage: search ROOM TEXT, or search --to USER TEXT."));
            return 2;
        }
        if (const int status = login(session, servers, false, {}))
            return status;
        const int status = SearchCommand::run(session, target, to, text, parser, m_output, m_timeoutMs);
        session.logOut();
        return status;
    }
    if (command == QLatin1String("room")) {
        const QString wrong = RoomCommands::usageError(args);
        if (!wrong.isEmpty()) {
            m_output.error(usage, wrong);
            return 2;
        }
        if (const int status = login(session, servers, false, {}))
            return status;
        const int status = RoomCommands::run(session, args, parser, m_output, m_timeoutMs);
        session.logOut();
        return status;
    }
    // upload / download
    const QStringList rooms = room.isEmpty() ? QStringList{} : QStringList{room};
    if (const int status = login(session, servers, false, rooms))
        return status;
    const int status = TransferCommands::run(*session.transfers(), command, args, parser, m_output);
    session.logOut();
    return status;
}

void CliRunner::setUpTls(ChatClient &client, const ClientTls &tls)
{
    client.setTls(tls);
    // Like ssh's accept-new: say so when a server is trusted for the first time.
    QObject::connect(&client, &ChatClient::serverRecorded, &client,
                     [this](const QString &server, const QString &fingerprint, const QString &file) {
                         m_output.notice({{QStringLiteral("type"), QStringLiteral("server_trusted")},
                                          {QStringLiteral("server"), server},
                                          {QStringLiteral("fingerprint"), fingerprint},
                                          {QStringLiteral("file"), file}},
                                         tr("New server %1: trusted on first use, certificate fingerprint %2 "
                                            "recorded in %3. Compare it with the one the server logs.")
                                             .arg(server, fingerprint, file));
                     });
}

int CliRunner::login(ClientSession &session, const QList<Endpoint> &servers, bool registerFirst, const QStringList &rooms)
{
    session.setAutoJoin(rooms);
    session.client()->setConnectTimeout(m_timeoutMs);
    session.client()->setHandshakeTimeout(qMin(m_timeoutMs, session.client()->handshakeTimeout()));
    QEventLoop loop;
    int status = 0;
    QObject phase;
    QObject::connect(&session, &ClientSession::loggedIn, &phase, [&] {
        if (rooms.isEmpty())
            loop.quit();
    });
    // Wait for the rooms to be joined, so "listen" misses nothing sent after it reported ready.
    QObject::connect(&session, &ClientSession::roomJoined, &phase, [&](const QString &room) {
        if (rooms.contains(room))
            loop.quit();
    });
    QObject::connect(&session, &ClientSession::failedLoginsReported, &phase,
                     [&](int count, const QDateTime &last, const QString &from) {
        m_output.notice({{QStringLiteral("type"), QStringLiteral("failed_logins")},
                         {QStringLiteral("count"), count},
                         {QStringLiteral("last"), last.toUTC().toString(Qt::ISODateWithMs)},
                         {QStringLiteral("from"), from}},
                        tr("%n failed login attempt(s) since your last login, the last from %1 at %2", nullptr, count)
                            .arg(from, QLocale().toString(last.toLocalTime(), QLocale::ShortFormat)));
    });
    QObject::connect(&session, &ClientSession::errorReceived, &phase, [&](const Protocol::Error &e) {
        m_output.error(e.codeString, e.message, tr("Error (%1): %2").arg(e.codeString, e.message));
        status = 1;
        loop.quit();
    });
    QObject::connect(&session, &ClientSession::loginFailed, &phase, [&](const Protocol::Error &e) {
        using Protocol::ErrorCode;
        const QString code = toWire(e.code);
        const bool connecting = e.code == ErrorCode::Unreachable || e.code == ErrorCode::NotSwitchboard
            || e.code == ErrorCode::HandshakeTimeout || e.code == ErrorCode::Disconnected || e.code == ErrorCode::TlsError
            || e.code == ErrorCode::CertificateChanged || e.code == ErrorCode::CertificateUnknown;
        if (connecting)
            m_output.error(code, e.message, tr("Cannot connect to %1 (%2): %3").arg(session.serverAddress(), code, e.message));
        else if (e.retryAfter > 0)
            m_output.error(code, e.message, tr("Login failed (%1): %2 (retry in %n s)", nullptr, e.retryAfter).arg(code, e.message));
        else
            m_output.error(code, e.message, tr("Login failed (%1): %2").arg(code, e.message));
        status = connecting ? 3 : 1;
        loop.quit();
    });
    QTimer::singleShot(m_timeoutMs + (registerFirst ? 5000 : 0), &phase, [&] {
        m_output.error(QStringLiteral("timeout"), tr("Timed out."));
        status = 4;
        loop.quit();
    });
    session.logIn(servers, m_user, m_password, registerFirst);
    loop.exec();
    return status;
}

int CliRunner::send(ClientSession &session, const QString &room, const QString &to, const QStringList &texts, bool fromStdin,
                    int window)
{
    session.setSendWindow(window); // on the wire as well as read ahead from standard input
    QEventLoop loop;
    int status = 0;
    int outstanding = 0;
    bool inputDone = !fromStdin;
    QObject phase;
    auto sendOne = [&](const QString &text) {
        if (text.trimmed().isEmpty())
            return;
        ++outstanding;
        if (to.isEmpty())
            session.sendToRoom(room, text);
        else
            session.sendToUser(to, text);
    };
    auto maybeDone = [&] {
        if (inputDone && outstanding == 0)
            loop.quit();
    };

    // Standard input is read only while fewer than `window` messages wait for their ack, so a
    // long input never makes the server queue more for this connection (acks and echoes) than
    // the window's worth, and the client's memory stays flat.
    QByteArray pending; // read, not yet sent; lines start at pendingPos
    qsizetype pendingPos = 0;
    bool eof = false;
    QSocketNotifier notifier(STDIN_FILENO, QSocketNotifier::Read);
    notifier.setEnabled(false);
    auto pump = [&] {
        qsizetype newline;
        while (outstanding < window && (newline = pending.indexOf('\n', pendingPos)) >= 0) {
            QByteArray line = pending.mid(pendingPos, newline - pendingPos);
            pendingPos = newline + 1;
            if (line.endsWith('\r'))
                line.chop(1);
            sendOne(QString::fromUtf8(line));
        }
        if (eof && outstanding < window && !inputDone) {
            if (pendingPos < pending.size())
                sendOne(QString::fromUtf8(pending.mid(pendingPos)));
            pending.clear();
            pendingPos = 0;
            inputDone = true;
        }
        notifier.setEnabled(fromStdin && !eof && outstanding < window);
        maybeDone();
    };
    QObject::connect(&notifier, &QSocketNotifier::activated, &phase, [&] {
        pending.remove(0, pendingPos);
        pendingPos = 0;
        char buffer[65536];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0)
            eof = true;
        else
            pending.append(buffer, n);
        pump();
    });
    QObject::connect(&session, &ClientSession::messageSent, &phase, [&](qint64, qint64 messageId) {
        m_output.result({{QStringLiteral("type"), QStringLiteral("sent")}, {QStringLiteral("msg"), messageId}}, QString());
        --outstanding;
        pump();
    });
    QObject::connect(&session, &ClientSession::messageRejected, &phase, [&](qint64, Protocol::ErrorCode code, const QString &message) {
        m_output.error(toWire(code), message, tr("Not sent (%1): %2").arg(toWire(code), message));
        status = 1;
        --outstanding;
        pump();
    });
    QObject::connect(&session, &ClientSession::disconnected, &phase, [&](const QString &reason) {
        m_output.error(QStringLiteral("connection_lost"), reason, tr("Disconnected: %1").arg(reason));
        status = 3;
        loop.quit();
    });

    for (const QString &t : texts)
        sendOne(t);
    pump();
    if (!(inputDone && outstanding == 0))
        loop.exec();
    return status;
}

int CliRunner::listen(ClientSession &session, const QString &room, int count, qint64 seenBefore, bool followNodes)
{
    QEventLoop loop;
    int status = 0;
    int seen = 0;
    QSet<qint64> printed; // with several nodes a message may come live and again in a replay
    QObject phase;
    BatchedOutput out; // written at the end of each event-loop pass, and when this returns
    const auto print = [&](qint64 id, const QByteArray &line) {
        if ((count > 0 && seen >= count) || printed.contains(id))
            return;
        printed.insert(id);
        out.writeLine(line);
        if (count > 0 && ++seen >= count)
            loop.quit();
    };
    // Straight from the frames: each line is the message's header exactly as the server sent it
    // (compact JSON, one object), so nothing is encoded again per message.
    const auto hook = [&](Connection *connection) {
        if (!connection)
            return;
        QObject::connect(connection, &Connection::frameReceived, &phase, [&](const Frame &frame) {
            // Frames that arrived in the same read are delivered even after quit(): stop at N.
            if ((count > 0 && seen >= count) || frame.type() != ChatMessage::Type)
                return;
            const Protocol::Decoded<ChatMessage> m = ChatMessage::fromJson(frame.header);
            if (!m || m->room != room)
                return;
            const bool oneLine = !frame.rawHeader.isEmpty() && !frame.rawHeader.contains('\n') && !frame.rawHeader.contains('\r');
            print(m->id, oneLine ? frame.rawHeader : QJsonDocument(m->toJson()).toJson(QJsonDocument::Compact));
        });
    };
    hook(session.connection());
    if (followNodes) {
        // Several nodes: a lost node is not the end. The session moves to the next node and joins
        // the room again; what was said meanwhile is in the join's replay (the newest --history
        // messages of the room), printed once.
        session.setAutoReconnect(true);
        QObject::connect(&session, &ClientSession::connectionChanged, &phase, hook);
        QObject::connect(&session, &ClientSession::serverChanged, &phase, [&](const QString &address) {
            m_output.notice({{QStringLiteral("type"), QStringLiteral("server_changed")}, {QStringLiteral("server"), address}},
                            tr("Now on %1").arg(address));
        });
        QObject::connect(&session, &ClientSession::roomJoined, &phase,
                         [&](const QString &joined, const QStringList &, const QList<ChatMessage> &history) {
            if (joined != room)
                return;
            for (const ChatMessage &m : history)
                if (m.id > seenBefore)
                    print(m.id, QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact));
        });
    }
    QObject::connect(&session, &ClientSession::disconnected, &phase, [&](const QString &reason) {
        out.flush();
        if (followNodes) {
            m_output.notice({{QStringLiteral("type"), QStringLiteral("reconnecting")}, {QStringLiteral("reason"), reason}},
                            tr("Disconnected (%1): trying the next server").arg(reason));
            return;
        }
        m_output.error(QStringLiteral("connection_lost"), reason, tr("Disconnected: %1").arg(reason));
        status = 3;
        loop.quit();
    });
    // The room is joined: a script may now send, nothing after this line is missed.
    m_output.notice({{QStringLiteral("type"), QStringLiteral("listening")}, {QStringLiteral("room"), room}},
                    tr("Listening to %1 (Ctrl+C stops)").arg(room));
    loop.exec();
    return status;
}

int CliRunner::ping(ChatClient &client, int count)
{
    QList<double> rtts;
    QEventLoop loop;
    int status = 0;
    QObject phase;
    QObject::connect(&client, &ChatClient::pongReceived, &phase, [&](qint64, double ms) {
        rtts.append(ms);
        m_output.result({{QStringLiteral("type"), QStringLiteral("pong")}, {QStringLiteral("from"), client.peerName()},
                         {QStringLiteral("ms"), ms}},
                        tr("pong from %1: time=%2 ms").arg(client.peerName()).arg(ms, 0, 'f', 3));
        if (rtts.size() >= count)
            loop.quit();
        else
            QTimer::singleShot(200, &client, [&client] { client.ping(); });
    });
    QObject::connect(&client, &ChatClient::disconnected, &phase, [&](const QString &reason) {
        m_output.error(QStringLiteral("connection_lost"), reason, tr("Disconnected: %1").arg(reason));
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
        const double avg = sum / rtts.size();
        m_output.result({{QStringLiteral("type"), QStringLiteral("ping.summary")}, {QStringLiteral("count"), int(rtts.size())},
                         {QStringLiteral("min"), rtts.first()}, {QStringLiteral("avg"), avg}, {QStringLiteral("max"), rtts.last()}},
                        tr("%n ping(s): min %1 ms, avg %2 ms, max %3 ms", nullptr, int(rtts.size()))
                            .arg(rtts.first(), 0, 'f', 3)
                            .arg(avg, 0, 'f', 3)
                            .arg(rtts.last(), 0, 'f', 3));
    }
    QObject::disconnect(&client, nullptr, &phase, nullptr);
    client.disconnectFromServer();
    return status;
}

} // namespace Switchboard
