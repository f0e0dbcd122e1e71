#include "tutorialserver.h"

#include "commandrunner.h"
#include "net/auth/authservice.h"
#include "net/auth/loginthrottle.h"
#include "net/auth/userstore.h"
#include "net/capture/capturerecord.h"
#include "net/core/logging.h"
#include "net/storage/owneronly.h"
#include "net/transfer/filenamesanitizer.h"
#include "tutoriallogin.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QPointer>
#include <QPromise>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThreadPool>
#include <QTimer>
#include <QUdpSocket>
#include <QtEndian>

#include <utility>

namespace Switchboard {

TutorialServer::TutorialServer(QObject *parent)
    : QObject(parent)
{
}

TutorialServer::~TutorialServer()
{
    const auto sockets = m_peers.keys();
    for (QTcpSocket *s : sockets)
        dropPeer(s);
}

bool TutorialServer::listenTcp(const QHostAddress &address, quint16 port, QString *error)
{
    auto *server = new QTcpServer(this);
    if (!server->listen(address, port)) {
        *error = server->errorString();
        delete server;
        return false;
    }
    connect(server, &QTcpServer::newConnection, this, [this, server] { accept(server); });
    m_tcp.append(server);
    return true;
}

bool TutorialServer::listenUdp(const QHostAddress &address, quint16 port, QString *error)
{
    auto *socket = new QUdpSocket(this);
    if (!socket->bind(address, port)) {
        *error = socket->errorString();
        delete socket;
        return false;
    }
    connect(socket, &QUdpSocket::readyRead, this, [this, socket] { readUdp(socket); });
    m_udp.append(socket);
    return true;
}

QList<Endpoint> TutorialServer::tcpEndpoints() const
{
    QList<Endpoint> out;
    for (QTcpServer *s : m_tcp)
        out.append(Endpoint{s->serverAddress().toString(), s->serverPort()});
    return out;
}

QList<Endpoint> TutorialServer::udpEndpoints() const
{
    QList<Endpoint> out;
    for (QUdpSocket *s : m_udp)
        out.append(Endpoint{s->localAddress().toString(), s->localPort()});
    return out;
}

void TutorialServer::capture(int kind, bool inbound, bool udp, const QHostAddress &local, quint16 localPort,
                             const QHostAddress &peer, quint16 peerPort, const QByteArray &bytes, qint64 offset)
{
    if (!m_sink)
        return;
    CaptureRecord r;
    r.kind = CaptureRecord::Kind(kind);
    r.direction = inbound ? CaptureRecord::Direction::In : CaptureRecord::Direction::Out;
    r.transport = udp ? CaptureRecord::Transport::Udp : CaptureRecord::Transport::Tcp;
    r.timeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    r.localAddress = local;
    r.localPort = localPort;
    r.peerAddress = peer;
    r.peerPort = peerPort;
    r.bytes = bytes;
    r.streamOffset = offset;
    m_sink->record(r);
}

void TutorialServer::log(const QString &line)
{
    qCInfo(lcServer).noquote() << line;
    emit logMessage(line);
}

void TutorialServer::setCommandLimits(int timeoutMs, qint64 maxOutput)
{
    m_commandTimeoutMs = timeoutMs;
    m_commandMaxOutput = maxOutput;
}

void TutorialServer::setAccounts(UserStore *users, LoginThrottle *throttle)
{
    m_users = users;
    m_throttle = throttle;
}

QString TutorialServer::peerName(QTcpSocket *socket)
{
    return QStringLiteral("%1:%2").arg(socket->peerAddress().toString()).arg(socket->peerPort());
}

void TutorialServer::accept(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        Peer &peer = *m_peers.insert(socket, Peer());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readTcp(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { dropPeer(socket); });
        log(QStringLiteral("tutorial: %1 connected").arg(peerName(socket)));
        if (!m_joinKey.isEmpty())
            challenge(socket, peer);
    }
}

// The tutorial's check_client(): os.urandom(32) out, the client's HMAC of it back.
void TutorialServer::challenge(QTcpSocket *socket, Peer &peer)
{
    const QByteArray nonce = Credentials::randomBytes(int(TutorialStream::ChallengeBytes));
    peer.stream.expectDigest(m_joinKey, nonce);
    send(socket, peer, nonce);
    QTimer::singleShot(m_joinTimeoutMs, socket, [this, socket] {
        auto it = m_peers.find(socket);
        if (it != m_peers.end())
            handle(socket, *it, it->stream.digestTimeout());
    });
}

void TutorialServer::readTcp(QTcpSocket *socket)
{
    auto it = m_peers.find(socket);
    if (it == m_peers.end())
        return;
    Peer &peer = *it;
    if (peer.busy)
        return; // read once the login check or the command is done (resume())
    const QByteArray chunk = socket->readAll();
    capture(int(CaptureRecord::Kind::Chunk), true, false, socket->localAddress(), socket->localPort(),
            socket->peerAddress(), socket->peerPort(), chunk, peer.received);
    peer.received += chunk.size();
    // Without an upload folder every upload head is refused.
    peer.stream.setMaxUpload(m_uploadDir.isEmpty() ? -1 : m_maxUpload);
    handle(socket, peer, peer.stream.feed(chunk));
}

void TutorialServer::handle(QTcpSocket *socket, Peer &peer, const QList<TutorialStream::Event> &events)
{
    using Kind = TutorialStream::Event::Kind;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const TutorialStream::Event &e = events.at(i);
        Next next = Next::Continue;
        switch (e.kind) {
        case Kind::Text:
            next = handleText(socket, peer, e.bytes);
            break;
        case Kind::UploadBegin:
            next = startUpload(socket, peer, e.name, e.size) ? Next::Continue : Next::Stop;
            break;
        case Kind::UploadData:
            if (peer.file->write(e.bytes) != e.bytes.size()) {
                refuse(socket, peer, "error: write failed\n"); // dropPeer() removes the .part
                next = Next::Stop;
            }
            break;
        case Kind::UploadEnd:
            finishUpload(socket, peer);
            break;
        case Kind::Refuse:
            refuse(socket, peer, e.bytes);
            next = Next::Stop;
            break;
        case Kind::HoldShortText:
            holdShortText(socket, peer);
            break;
        case Kind::Login:
            next = handleLogin(socket, peer, e.json);
            break;
        case Kind::Legal:
        case Kind::Illegal:
            next = handleDigest(socket, peer, e);
            break;
        }
        if (next == Next::Stop)
            return;
        if (next == Next::Wait) {
            peer.deferred = events.mid(i + 1);
            return;
        }
    }
}

void TutorialServer::resume(QTcpSocket *socket)
{
    auto it = m_peers.find(socket);
    if (it == m_peers.end())
        return;
    it->busy = false;
    handle(socket, *it, std::exchange(it->deferred, {}));
    it = m_peers.find(socket);
    if (it != m_peers.end() && !it->busy && socket->bytesAvailable() > 0)
        readTcp(socket);
}

TutorialServer::Next TutorialServer::handleDigest(QTcpSocket *socket, Peer &peer, const TutorialStream::Event &e)
{
    if (e.kind == TutorialStream::Event::Kind::Legal) {
        ++m_acceptedJoins;
        log(QStringLiteral("tutorial: %1 passed the join check (HMAC-%2)")
                .arg(peerName(socket), e.size == TutorialStream::Md5DigestBytes ? QStringLiteral("MD5") : QStringLiteral("SHA256")));
        send(socket, peer, "legal");
        return Next::Continue;
    }
    ++m_refusedJoins;
    // As the tutorial's server: closed without a word (the stream reads nothing more).
    log(QStringLiteral("tutorial: %1 failed the join check (wrong or missing HMAC); closed, %2 refused so far")
            .arg(peerName(socket)).arg(m_refusedJoins));
    socket->disconnectFromHost();
    return Next::Stop;
}

// The tutorial's login(): {"operate": "login", "user": ..., "passwd": ...} answered
// {"flag": true} (the upload may follow) or {"flag": false} and closed. Counted by the same
// throttle as SCRAM logins, so the LAN cannot guess passwords faster here.
TutorialServer::Next TutorialServer::handleLogin(QTcpSocket *socket, Peer &peer, const QJsonObject &request)
{
    const QString operate = request.value(QLatin1String("operate")).toString();
    const QString user = request.value(QLatin1String("user")).toString();
    const QString who = peerName(socket);
    if (operate != QLatin1String("login") || !m_users || !m_throttle) {
        log(QStringLiteral("tutorial: %1 sent operate \"%2\"; only \"login\" is served%3")
                .arg(who, AuthService::nameForLog(operate), m_users ? QString() : QStringLiteral(" (no accounts)")));
        refuse(socket, peer, TutorialLogin::reply(false));
        return Next::Stop;
    }
    const QHostAddress address = socket->peerAddress();
    if (const int locked = m_throttle->lockedFor(user, address); locked > 0) {
        log(QStringLiteral("tutorial: login for %1 from %2 refused: locked for %3 s")
                .arg(AuthService::nameForLog(user), who).arg(locked));
        refuse(socket, peer, TutorialLogin::reply(false));
        return Next::Stop;
    }
    m_throttle->recordAttempt(user, address); // a failure until it succeeds
    const QString password = request.value(QLatin1String("passwd")).toString();
    peer.busy = true;
    // The verifier through the accounts' storage (PostgreSQL: off the event loop).
    const QPointer<QTcpSocket> guard(socket);
    m_users->findVerifier(user, this, [this, guard, user, password](std::optional<ScramVerifier> verifier,
                                                                   const QString &error) {
        if (!guard)
            return;
        if (!error.isEmpty())
            log(QStringLiteral("tutorial: cannot look up %1: %2").arg(AuthService::nameForLog(user), error));
        checkPassword(guard, user, password, verifier); // none: fails like an unknown user
    });
    return Next::Wait;
}

void TutorialServer::checkPassword(QTcpSocket *socket, const QString &user, const QString &password,
                                   const std::optional<ScramVerifier> &verifier)
{
    // PBKDF2 off the event loop, on the pool the SCRAM key derivations use. The watcher belongs
    // to the socket: a peer gone meanwhile abandons the result.
    auto promise = std::make_shared<QPromise<bool>>();
    auto *watcher = new QFutureWatcher<bool>(socket);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [this, socket, watcher, user] {
        const bool ok = watcher->future().resultCount() > 0 && watcher->result();
        watcher->deleteLater();
        loginChecked(socket, user, ok);
    });
    watcher->setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, verifier, user, password, salt = m_standInSalt] {
        promise->addResult(TutorialLogin::matches(verifier, user, password, salt));
        promise->finish();
    });
}

void TutorialServer::loginChecked(QTcpSocket *socket, const QString &user, bool ok)
{
    auto it = m_peers.find(socket);
    if (it == m_peers.end())
        return;
    const QString name = AuthService::nameForLog(user);
    if (!ok) {
        log(QStringLiteral("tutorial: failed login for %1 from %2").arg(name, peerName(socket)));
        refuse(socket, *it, TutorialLogin::reply(false));
        return;
    }
    m_throttle->recordSuccess(user, socket->peerAddress());
    log(QStringLiteral("tutorial: %1 logged in from %2").arg(name, peerName(socket)));
    send(socket, *it, TutorialLogin::reply(true));
    resume(socket);
}

const TutorialCommand *TutorialServer::findCommand(const QString &text) const
{
    for (const TutorialCommand &c : m_commands)
        if (c.name == text)
            return &c;
    return nullptr;
}

// The tutorial's remote shell, without the shell: only a declared program, answered
// struct.pack('i', len(output)) + output.
void TutorialServer::runCommand(QTcpSocket *socket, Peer &peer, const TutorialCommand &command)
{
    peer.busy = true;
    auto *run = new CommandRunner(command, m_commandTimeoutMs, m_commandMaxOutput, socket);
    peer.command = run;
    const QString who = peerName(socket);
    log(QStringLiteral("tutorial: %1 runs %2").arg(who, command.toString()));
    // Queued: a program that cannot start reports during start(), before handle() has paused.
    connect(run, &CommandRunner::finished, run,
            [this, socket, run, who, name = command.name](const QByteArray &answer, const QString &outcome, qint64 ms) {
                run->deleteLater();
                auto it = m_peers.find(socket);
                if (it == m_peers.end())
                    return;
                it->command = nullptr;
                log(QStringLiteral("tutorial: %1's %2: %3, %4 bytes in %5 ms").arg(who, name, outcome).arg(answer.size()).arg(ms));
                QByteArray prefix(4, Qt::Uninitialized);
                qToLittleEndian<qint32>(qint32(answer.size()), prefix.data());
                send(socket, *it, prefix + answer);
                resume(socket);
            }, Qt::QueuedConnection);
    run->start();
}

// "q" or "hi" may be text or the first bytes of a length prefix cut by the network: wait a
// moment for more bytes before answering them as text.
void TutorialServer::holdShortText(QTcpSocket *socket, Peer &peer)
{
    const quint64 decision = peer.stream.decisions();
    QTimer::singleShot(m_shortTextWaitMs, socket, [this, socket, decision] {
        auto it = m_peers.find(socket);
        if (it != m_peers.end())
            handle(socket, *it, it->stream.shortTextTimeout(decision));
    });
}

void TutorialServer::send(QTcpSocket *socket, Peer &peer, const QByteArray &bytes)
{
    capture(int(CaptureRecord::Kind::Chunk), false, false, socket->localAddress(), socket->localPort(),
            socket->peerAddress(), socket->peerPort(), bytes, peer.sent);
    peer.sent += bytes.size();
    socket->write(bytes);
}

void TutorialServer::refuse(QTcpSocket *socket, Peer &peer, const QByteArray &line)
{
    send(socket, peer, line);
    peer.stream.close(); // whatever else arrives is ignored
    socket->disconnectFromHost();
}

TutorialServer::Next TutorialServer::handleText(QTcpSocket *socket, Peer &peer, const QByteArray &chunk)
{
    const QString text = QString::fromUtf8(chunk).trimmed();
    if (text.isEmpty())
        return Next::Continue;
    const bool quit = text == QLatin1String("q") || text.compare(QLatin1String("bye"), Qt::CaseInsensitive) == 0;
    if (quit) {
        refuse(socket, peer, text.toUtf8());
        return Next::Stop;
    }
    // Only the whole text equal to a NAME runs anything; "NAME arg" or "ls; rm" is for the robot.
    if (const TutorialCommand *command = findCommand(text)) {
        runCommand(socket, peer, *command);
        return Next::Wait;
    }
    send(socket, peer, m_bot.reply(text).toUtf8());
    return Next::Continue;
}

bool TutorialServer::startUpload(QTcpSocket *socket, Peer &peer, const QString &name, qint64 size)
{
    OwnerOnly::makeDirectory(m_uploadDir);
    const QDir dir(m_uploadDir);
    peer.finalName = FileNameSanitizer::uniqueName(name, [&dir](const QString &candidate) {
        return dir.exists(candidate) || dir.exists(candidate + QStringLiteral(".part"));
    });
    peer.file = new QFile(dir.filePath(peer.finalName + QStringLiteral(".part")), this);
    if (!OwnerOnly::open(*peer.file, QIODevice::WriteOnly | QIODevice::Truncate)) {
        delete peer.file;
        peer.file = nullptr;
        refuse(socket, peer, "error: cannot store the file\n");
        return false;
    }
    log(QStringLiteral("tutorial: receiving %1 (%2 bytes)").arg(peer.finalName).arg(size));
    return true;
}

void TutorialServer::finishUpload(QTcpSocket *socket, Peer &peer)
{
    const QString partPath = peer.file->fileName();
    peer.file->close();
    const QString finalPath = QDir(m_uploadDir).filePath(peer.finalName);
    const qint64 size = peer.file->size();
    delete peer.file;
    peer.file = nullptr;
    // Only a complete file gets its real name; QFile::rename never replaces an existing file.
    if (!QFile::rename(partPath, finalPath)) {
        QFile::remove(partPath);
        send(socket, peer, "error: cannot store the file\n");
        return;
    }
    send(socket, peer, "ok " + QByteArray::number(size) + '\n');
    log(QStringLiteral("tutorial: stored %1").arg(finalPath));
    emit fileReceived(finalPath, size);
}

void TutorialServer::dropPeer(QTcpSocket *socket)
{
    auto it = m_peers.find(socket);
    if (it == m_peers.end())
        return;
    if (it->file) { // an interrupted upload: never left behind as if complete
        it->file->close();
        it->file->remove();
        delete it->file;
    }
    delete it->command; // kills a program still running
    m_peers.erase(it);
    socket->deleteLater();
}

void TutorialServer::readUdp(QUdpSocket *socket)
{
    while (socket->hasPendingDatagrams()) {
        QByteArray data(int(qMax<qint64>(socket->pendingDatagramSize(), 0)), Qt::Uninitialized);
        QHostAddress from;
        quint16 port = 0;
        const qint64 n = socket->readDatagram(data.data(), data.size(), &from, &port);
        if (n < 0)
            break;
        data.resize(n);
        capture(int(CaptureRecord::Kind::Datagram), true, true, socket->localAddress(), socket->localPort(), from, port, data, 0);
        const QByteArray reply = TutorialStream::udpReply(data);
        capture(int(CaptureRecord::Kind::Datagram), false, true, socket->localAddress(), socket->localPort(), from, port, reply, 0);
        socket->writeDatagram(reply, from, port);
    }
}

} // namespace Switchboard
