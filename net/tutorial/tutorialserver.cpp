#include "tutorialserver.h"

#include "net/capture/capturerecord.h"
#include "net/core/logging.h"
#include "net/storage/owneronly.h"
#include "net/transfer/filenamesanitizer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>

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

void TutorialServer::accept(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        m_peers.insert(socket, Peer());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readTcp(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { dropPeer(socket); });
        log(QStringLiteral("tutorial: %1:%2 connected").arg(socket->peerAddress().toString()).arg(socket->peerPort()));
    }
}

void TutorialServer::readTcp(QTcpSocket *socket)
{
    auto it = m_peers.find(socket);
    if (it == m_peers.end())
        return;
    Peer &peer = *it;
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
    for (const TutorialStream::Event &e : events) {
        switch (e.kind) {
        case Kind::Text:
            if (!handleText(socket, peer, e.bytes))
                return;
            break;
        case Kind::UploadBegin:
            if (!startUpload(socket, peer, e.name, e.size))
                return;
            break;
        case Kind::UploadData:
            if (peer.file->write(e.bytes) != e.bytes.size()) {
                refuse(socket, peer, "error: write failed\n"); // dropPeer() removes the .part
                return;
            }
            break;
        case Kind::UploadEnd:
            finishUpload(socket, peer);
            break;
        case Kind::Refuse:
            refuse(socket, peer, e.bytes);
            return;
        case Kind::HoldShortText:
            holdShortText(socket, peer);
            break;
        }
    }
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

bool TutorialServer::handleText(QTcpSocket *socket, Peer &peer, const QByteArray &chunk)
{
    const QString text = QString::fromUtf8(chunk).trimmed();
    if (text.isEmpty())
        return true;
    const bool quit = text == QLatin1String("q") || text.compare(QLatin1String("bye"), Qt::CaseInsensitive) == 0;
    if (quit) {
        refuse(socket, peer, text.toUtf8());
        return false;
    }
    send(socket, peer, m_bot.reply(text).toUtf8());
    return true;
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
