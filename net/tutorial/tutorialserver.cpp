#include "tutorialserver.h"

#include "net/capture/capturerecord.h"
#include "net/core/logging.h"
#include "net/storage/owneronly.h"
#include "net/transfer/filenamesanitizer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>
#include <QtEndian>

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

TutorialServer::Mode TutorialServer::classify(const QByteArray &first)
{
    if (first.isEmpty())
        return Mode::Unknown;
    // struct.pack('i', n) on the tutorials' machines is little-endian; with n from 2 to 65,536
    // its third byte is 0 or 1 and its fourth 0.
    if (first.size() < 4) {
        const bool couldBePrefix = first.size() < 3 || quint8(first.at(2)) <= 1;
        return couldBePrefix ? Mode::Unknown : Mode::Text;
    }
    const quint32 n = qFromLittleEndian<quint32>(first.constData());
    if (n < 2 || n > 65536)
        return Mode::Text;
    if (first.size() == 4)
        return Mode::Unknown; // the header follows in the next send()
    return first.at(4) == '{' ? Mode::Upload : Mode::Text;
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

    switch (peer.mode) {
    case Mode::Closed:
        return;
    case Mode::Text:
        handleText(socket, chunk);
        return;
    case Mode::Unknown:
    case Mode::Upload:
        peer.pending += chunk;
        consume(socket, peer);
        return;
    }
}

// One recv() may hold the end of an upload, whole further uploads and the start of the next
// head (sticky packets), or only part of a head (split packets): loop until the pending bytes
// run out or are incomplete.
void TutorialServer::consume(QTcpSocket *socket, Peer &peer)
{
    for (;;) {
        if (peer.file) {
            writeUpload(socket, peer);
            if (peer.file)
                return; // needs more bytes (or failed and is closing)
            continue;
        }
        if (peer.mode == Mode::Closed || peer.pending.isEmpty())
            return;
        if (peer.mode == Mode::Unknown) {
            peer.mode = classify(peer.pending);
            if (peer.mode == Mode::Unknown) {
                if (peer.pending.size() < 4)
                    holdShortText(socket, peer);
                return; // the rest of the length prefix follows
            }
            ++peer.decisions;
            if (peer.mode == Mode::Text) {
                const QByteArray text = peer.pending;
                peer.pending.clear();
                handleText(socket, text);
                return;
            }
        }
        if (!startUpload(socket, peer))
            return; // the head is incomplete, or was refused
    }
}

// "q" or "hi" may be text or the first bytes of a length prefix cut by the network: wait a
// moment for more bytes before answering them as text.
void TutorialServer::holdShortText(QTcpSocket *socket, Peer &peer)
{
    const quint64 decision = peer.decisions;
    QTimer::singleShot(m_shortTextWaitMs, socket, [this, socket, decision] {
        auto it = m_peers.find(socket);
        if (it == m_peers.end() || it->decisions != decision || it->mode != Mode::Unknown || it->pending.size() >= 4)
            return;
        it->mode = Mode::Text;
        ++it->decisions;
        const QByteArray text = it->pending;
        it->pending.clear();
        handleText(socket, text);
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
    peer.mode = Mode::Closed; // whatever else arrives is ignored
    peer.pending.clear();
    socket->disconnectFromHost();
}

void TutorialServer::handleText(QTcpSocket *socket, const QByteArray &chunk)
{
    const QString text = QString::fromUtf8(chunk).trimmed();
    if (text.isEmpty())
        return;
    Peer &peer = m_peers[socket];
    const bool quit = text == QLatin1String("q") || text.compare(QLatin1String("bye"), Qt::CaseInsensitive) == 0;
    if (quit) {
        refuse(socket, peer, text.toUtf8());
        return;
    }
    send(socket, peer, m_bot.reply(text).toUtf8());
}

bool TutorialServer::startUpload(QTcpSocket *socket, Peer &peer)
{
    if (peer.pending.size() < 4)
        return false;
    const quint32 n = qFromLittleEndian<quint32>(peer.pending.constData());
    if (peer.pending.size() < 4 + qsizetype(n))
        return false;
    const QJsonObject head = QJsonDocument::fromJson(peer.pending.mid(4, n)).object();
    peer.pending.remove(0, 4 + n);
    const QString name = FileNameSanitizer::sanitize(head.value(QLatin1String("filename")).toString());
    const qint64 size = head.value(QLatin1String("filesize")).toInteger(-1);
    if (name.isEmpty() || size < 0 || size > m_maxUpload || m_uploadDir.isEmpty()) {
        refuse(socket, peer, "error: expected a JSON head with \"filename\" and \"filesize\" (at most "
                                 + QByteArray::number(m_maxUpload) + " bytes)\n");
        return false;
    }
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
    peer.remaining = size;
    log(QStringLiteral("tutorial: receiving %1 (%2 bytes)").arg(peer.finalName).arg(size));
    return true;
}

void TutorialServer::writeUpload(QTcpSocket *socket, Peer &peer)
{
    // Bytes beyond the announced size belong to whatever follows (another upload, or text).
    const qsizetype take = qsizetype(qMin<qint64>(peer.remaining, peer.pending.size()));
    if (take > 0) {
        if (peer.file->write(peer.pending.constData(), take) != take) {
            refuse(socket, peer, "error: write failed\n"); // dropPeer() removes the .part
            return;
        }
        peer.pending.remove(0, take);
        peer.remaining -= take;
    }
    if (peer.remaining == 0)
        finishUpload(socket, peer);
}

void TutorialServer::finishUpload(QTcpSocket *socket, Peer &peer)
{
    const QString partPath = peer.file->fileName();
    peer.file->close();
    const QString finalPath = QDir(m_uploadDir).filePath(peer.finalName);
    const qint64 size = peer.file->size();
    delete peer.file;
    peer.file = nullptr;
    peer.mode = Mode::Unknown; // another upload (or text) may follow on the same connection
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
        const QByteArray reply = QString::fromUtf8(data).toUpper().toUtf8();
        capture(int(CaptureRecord::Kind::Datagram), false, true, socket->localAddress(), socket->localPort(), from, port, reply, 0);
        socket->writeDatagram(reply, from, port);
    }
}

} // namespace Switchboard
