#include "tutorialserver.h"

#include "net/capture/capturerecord.h"
#include "net/transfer/filenamesanitizer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
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
    if (first.size() < 4)
        return first.isEmpty() ? Mode::Unknown : Mode::Text;
    // struct.pack('i', n) on the tutorials' machines is little-endian.
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

void TutorialServer::accept(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        m_peers.insert(socket, Peer());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readTcp(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { dropPeer(socket); });
        emit logMessage(tr("tutorial: %1:%2 connected").arg(socket->peerAddress().toString()).arg(socket->peerPort()));
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

    if (peer.mode == Mode::Text) {
        handleText(socket, chunk);
        return;
    }
    peer.pending += chunk;
    if (peer.mode == Mode::Unknown) {
        peer.mode = classify(peer.pending);
        if (peer.mode == Mode::Text) {
            const QByteArray text = peer.pending;
            peer.pending.clear();
            handleText(socket, text);
            return;
        }
        if (peer.mode == Mode::Unknown)
            return;
    }
    if (!peer.file && !startUpload(socket, peer))
        return;
    writeUpload(socket, peer);
}

void TutorialServer::handleText(QTcpSocket *socket, const QByteArray &chunk)
{
    const QString text = QString::fromUtf8(chunk).trimmed();
    if (text.isEmpty())
        return;
    QByteArray reply;
    const bool quit = text == QLatin1String("q") || text.compare(QLatin1String("bye"), Qt::CaseInsensitive) == 0;
    reply = quit ? text.toUtf8() : m_bot.reply(text).toUtf8();
    capture(int(CaptureRecord::Kind::Chunk), false, false, socket->localAddress(), socket->localPort(),
            socket->peerAddress(), socket->peerPort(), reply, 0);
    socket->write(reply);
    if (quit)
        socket->disconnectFromHost();
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
        const QByteArray error = "error: expected a JSON head with \"filename\" and \"filesize\" (at most "
            + QByteArray::number(m_maxUpload) + " bytes)\n";
        socket->write(error);
        socket->disconnectFromHost();
        peer.mode = Mode::Text; // ignore the rest
        return false;
    }
    QDir().mkpath(m_uploadDir);
    const QDir dir(m_uploadDir);
    peer.finalName = FileNameSanitizer::uniqueName(name, [&dir](const QString &candidate) {
        return dir.exists(candidate) || dir.exists(candidate + QStringLiteral(".part"));
    });
    peer.file = new QFile(dir.filePath(peer.finalName + QStringLiteral(".part")), this);
    if (!peer.file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        socket->write("error: cannot store the file\n");
        socket->disconnectFromHost();
        delete peer.file;
        peer.file = nullptr;
        peer.mode = Mode::Text;
        return false;
    }
    peer.remaining = size;
    emit logMessage(tr("tutorial: receiving %1 (%2 bytes)").arg(peer.finalName).arg(size));
    return true;
}

void TutorialServer::writeUpload(QTcpSocket *socket, Peer &peer)
{
    const QByteArray part = peer.pending.left(peer.remaining);
    peer.pending.clear(); // bytes beyond the announced size are not part of the file
    if (!part.isEmpty() && peer.file->write(part) != part.size()) {
        socket->write("error: write failed\n");
        socket->disconnectFromHost();
        return;
    }
    peer.remaining -= part.size();
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
    // Only a complete file gets its real name; QFile::rename never replaces an existing file.
    if (!QFile::rename(partPath, finalPath)) {
        socket->write("error: cannot store the file\n");
        return;
    }
    socket->write("ok " + QByteArray::number(size) + '\n');
    emit logMessage(tr("tutorial: stored %1").arg(finalPath));
    emit fileReceived(finalPath, size);
    peer.mode = Mode::Unknown; // another upload may follow on the same connection
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
