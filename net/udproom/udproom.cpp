#include "udproom.h"

#include "net/capture/capturerecord.h"
#include "net/core/logging.h"
#include "net/protocol/datagramfields.h"

#include <QDateTime>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QTimer>
#include <QUdpSocket>

namespace Switchboard {

using UdpRooms::Datagram;

namespace {

constexpr int SeenKept = 4096; // sequence numbers per sender remembered for dropping duplicates

QString randomId()
{
    const quint64 n = QRandomGenerator::system()->generate64();
    return QString::number(n, 16).rightJustified(16, u'0');
}

} // namespace

UdpRoom::UdpRoom(QObject *parent)
    : QObject(parent)
    , m_id(randomId())
    , m_helloTimer(new QTimer(this))
    , m_model(new UdpRoomModel(this))
{
    connect(m_helloTimer, &QTimer::timeout, this, [this] {
        forgetSilentPeers();
        m_scope.refresh(); // interfaces come and go
        sayHello();
    });
}

UdpRoom::~UdpRoom()
{
    leave();
}

bool UdpRoom::join(const QString &room, QString *error)
{
    const QString trimmed = room.trimmed();
    if (!DatagramFields::isShortString(trimmed, UdpRooms::MaxRoomChars, false)) {
        if (error)
            *error = tr("A room name is 1 to %1 characters, without control characters.").arg(UdpRooms::MaxRoomChars);
        return false;
    }
    leave();
    m_room = trimmed;
    auto *roomSocket = new QUdpSocket(this);
    auto *ownSocket = new QUdpSocket(this);
    // Dual stack and shared: every program in the room on this host receives the broadcasts.
    if (!roomSocket->bind(QHostAddress::Any, m_port, QAbstractSocket::ShareAddress | QAbstractSocket::ReuseAddressHint)
        || !ownSocket->bind(QHostAddress::Any, 0)) {
        if (error)
            *error = tr("Cannot use UDP port %1: %2")
                         .arg(m_port)
                         .arg(roomSocket->state() == QAbstractSocket::BoundState ? ownSocket->errorString()
                                                                                : roomSocket->errorString());
        delete roomSocket;
        delete ownSocket;
        return false;
    }
    m_roomSocket = roomSocket;
    m_ownSocket = ownSocket;
    connect(m_roomSocket, &QUdpSocket::readyRead, this, [this] { readPending(m_roomSocket); });
    connect(m_ownSocket, &QUdpSocket::readyRead, this, [this] { readPending(m_ownSocket); });
    m_scope.setInterfaceNames(m_interfaceNames);
    m_scope.refresh();
    if (m_scope.targets().isEmpty()) {
        if (error)
            *error = m_interfaceNames.isEmpty()
                ? tr("No network interface is up.")
                : tr("None of these interfaces is up with an address: %1").arg(m_interfaceNames.join(QStringLiteral(", ")));
        leave();
        return false;
    }
    qCDebug(lcClient).noquote() << QStringLiteral("udp room %1: joined on port %2 via %3 as %4")
                                      .arg(m_room)
                                      .arg(m_port)
                                      .arg(m_scope.interfaceNames().join(u','), m_id);
    sayHello();
    m_helloTimer->start(m_helloIntervalMs);
    return true;
}

void UdpRoom::leave()
{
    if (!m_roomSocket)
        return;
    Datagram bye = datagram(Datagram::Kind::Bye);
    broadcast(UdpRooms::encode(bye), UdpRooms::kindName(bye.kind));
    m_helloTimer->stop();
    delete m_roomSocket;
    delete m_ownSocket;
    m_roomSocket = nullptr;
    m_ownSocket = nullptr;
    m_held.clear();
    if (!m_peers.isEmpty()) {
        m_peers.clear();
        emit peersChanged();
    }
}

bool UdpRoom::send(const QString &text, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!m_roomSocket)
        return fail(tr("Join the UDP room first."));
    if (text.trimmed().isEmpty())
        return fail(tr("The message is empty."));
    Datagram d = datagram(Datagram::Kind::Message);
    d.name = m_name;
    d.seq = m_seq + 1;
    d.timeMs = QDateTime::currentMSecsSinceEpoch();
    // Control characters other than tab and line feed would make the datagram invalid for peers.
    for (QChar c : text)
        d.text.append(c.category() == QChar::Other_Control && c != u'\n' && c != u'\t' ? QChar(u' ') : c);
    const QByteArray bytes = UdpRooms::encode(d);
    if (bytes.isEmpty())
        return fail(tr("Too long for one UDP datagram: %1 bytes of text, and a datagram (with room, name and sequence "
                       "number) holds at most %2 bytes. Shorten the message or split it.")
                        .arg(d.text.toUtf8().size())
                        .arg(UdpRooms::MaxDatagramBytes));
    m_seq = d.seq;
    m_history[d.seq] = Sent{bytes, {}};
    while (m_history.size() > size_t(HistorySize))
        m_history.erase(m_history.begin());
    m_model->appendMessage(m_id, m_name, d.seq, d.timeMs, d.text, UdpRoomModel::State::Own);
    const QString kind = UdpRooms::kindName(d.kind);
    if (m_drop.remove(d.seq))
        return true;
    if (m_hold.remove(d.seq)) {
        m_held = bytes;
        return true;
    }
    broadcast(bytes, kind);
    if (!m_held.isEmpty()) {
        broadcast(m_held, kind);
        m_held.clear();
    }
    return true;
}

Datagram UdpRoom::datagram(Datagram::Kind kind) const
{
    Datagram d;
    d.kind = kind;
    d.room = m_room;
    d.from = m_id;
    return d;
}

QList<UdpRoomPeer> UdpRoom::peers() const
{
    QList<UdpRoomPeer> out;
    for (const Peer &p : m_peers)
        out.append(p.info);
    std::sort(out.begin(), out.end(), [](const UdpRoomPeer &a, const UdpRoomPeer &b) {
        return a.name.localeAwareCompare(b.name) < 0 || (a.name == b.name && a.id < b.id);
    });
    return out;
}

void UdpRoom::readPending(QUdpSocket *socket)
{
    while (socket && socket->hasPendingDatagrams()) {
        // One byte more than allowed tells an oversized datagram from one that just fits.
        const QNetworkDatagram d = socket->receiveDatagram(UdpRooms::MaxDatagramBytes + 1);
        if (!d.isValid())
            break;
        const QHostAddress sender = DiscoveryScope::normalized(d.senderAddress());
        const quint16 senderPort = quint16(d.senderPort());
        const QByteArray data = d.data();
        const auto decoded = UdpRooms::decode(data);
        capture(true, socket->localPort(), sender, senderPort, data, decoded ? UdpRooms::kindName(decoded->kind) : QStringLiteral("junk"));
        if (!decoded) {
            ++m_ignored;
            emit ignored(sender, data.size() > UdpRooms::MaxDatagramBytes ? QStringLiteral("oversized")
                                                                          : QStringLiteral("not a UDP room datagram"));
            continue;
        }
        // Another room on the same port, or our own broadcast coming back: not for us, not junk.
        if (decoded->room != m_room || decoded->from == m_id)
            continue;
        handle(*decoded, sender, senderPort);
    }
}

UdpRoom::Peer &UdpRoom::peerFor(const Datagram &d, const QHostAddress &sender, quint16 senderPort)
{
    auto it = m_peers.find(d.from);
    const bool isNew = it == m_peers.end();
    if (isNew) {
        it = m_peers.insert(d.from, Peer());
        it->info.id = d.from;
    }
    Peer &p = *it;
    p.heard.start();
    // Resend requests go where its datagrams come from: its own port, not the shared one. Each
    // datagram comes over IPv4 and IPv6: keep the IPv4 address rather than flip between the two.
    const bool moved = p.info.address != sender || p.info.port != senderPort;
    if (moved && (p.info.address.isNull() || sender.protocol() == QAbstractSocket::IPv4Protocol
                  || p.info.address.protocol() != QAbstractSocket::IPv4Protocol)) {
        p.info.address = sender;
        p.info.port = senderPort;
    }
    const bool renamed = (d.kind == Datagram::Kind::Message || d.kind == Datagram::Kind::Hello) && p.info.name != d.name;
    if (renamed)
        p.info.name = d.name;
    if (isNew)
        m_model->appendNotice(tr("%1 is in the room (from %2)").arg(p.info.name, sender.toString()));
    if (isNew || renamed)
        emit peersChanged();
    return p;
}

void UdpRoom::handle(const Datagram &d, const QHostAddress &sender, quint16 senderPort)
{
    // After a bye, the other path's copy of an earlier hello or message must not bring the
    // leaver back (PROTOCOL.md 13).
    constexpr qint64 DepartedQuietMs = 2000;
    if (const auto gone = m_departed.constFind(d.from); gone != m_departed.cend()) {
        if (gone->elapsed() < DepartedQuietMs)
            return;
        m_departed.erase(gone);
    }
    switch (d.kind) {
    case Datagram::Kind::Message:
        onMessage(peerFor(d, sender, senderPort), d);
        break;
    case Datagram::Kind::Hello: {
        const bool isNew = !m_peers.contains(d.from);
        Peer &p = peerFor(d, sender, senderPort);
        if (isNew) // it has just joined: tell it at once that we are here too
            sayHello(p.info.address, p.info.port);
        p.intervalMs = d.intervalMs;
        if (p.highest < 0)
            p.highest = d.seq; // what it said before we came is not ours to miss
        else if (d.seq > p.highest)
            markMissing(p, d.seq); // the last messages it sent never arrived
        break;
    }
    case Datagram::Kind::Resend:
        if (d.to == m_id)
            onResend(d, sender, senderPort);
        break;
    case Datagram::Kind::Bye:
        if (m_peers.contains(d.from)) {
            m_model->appendNotice(tr("%1 left the room").arg(m_peers.value(d.from).info.name));
            m_peers.remove(d.from);
            m_departed.removeIf([](const auto &e) { return e.value().elapsed() >= 2000; });
            m_departed[d.from].start();
            emit peersChanged();
        }
        break;
    }
}

void UdpRoom::onMessage(Peer &p, const Datagram &d)
{
    if (p.seen.contains(d.seq)) {
        ++m_duplicates; // heard on two interfaces (IPv4 and IPv6), or resent twice
        return;
    }
    p.seen.insert(d.seq);
    if (p.seen.size() > SeenKept) {
        const qint64 floor = p.highest - SeenKept / 2;
        p.seen.removeIf([floor](qint64 s) { return s < floor; });
    }
    if (p.highest < 0)
        p.highest = d.seq - 1; // the first we hear of it: nothing before is missing
    if (d.seq > p.highest) {
        markMissing(p, d.seq - 1);
        m_model->appendMessage(p.info.id, p.info.name, d.seq, d.timeMs, d.text, UdpRoomModel::State::InOrder);
        p.highest = d.seq;
        emit messageArrived(m_model->rowCount() - 1);
        return;
    }
    const int row = m_model->rowOf(p.info.id, d.seq);
    if (row >= 0 && m_model->kind(row) == UdpRoomModel::Kind::Gap) {
        const bool asked = p.asked.remove(d.seq);
        m_model->fillGap(row, d.timeMs, d.text, asked ? UdpRoomModel::State::Recovered : UdpRoomModel::State::Late);
        emit messageArrived(row);
        return;
    }
    // Older than anything we waited for (sent before we first heard of its sender): late.
    m_model->appendMessage(p.info.id, p.info.name, d.seq, d.timeMs, d.text, UdpRoomModel::State::Late);
    emit messageArrived(m_model->rowCount() - 1);
}

void UdpRoom::markMissing(Peer &p, qint64 upTo)
{
    if (upTo <= p.highest)
        return;
    const qint64 from = qMax(p.highest + 1, upTo - MaxGap + 1);
    if (from > p.highest + 1)
        m_model->appendNotice(tr("%n earlier message(s) from %1 never arrived", nullptr, int(qMin<qint64>(from - p.highest - 1, INT_MAX)))
                                  .arg(p.info.name));
    for (qint64 s = from; s <= upTo; ++s)
        if (!p.seen.contains(s)) {
            m_model->appendGap(p.info.id, p.info.name, s);
            emit messageArrived(m_model->rowCount() - 1);
        }
    p.highest = upTo;
    // A short wait first: a reordered datagram usually arrives within it, and needs no request.
    QTimer::singleShot(m_resendDelayMs, this, [this, id = p.info.id] { askMissing(id); });
}

void UdpRoom::askMissing(const QString &peerId)
{
    auto it = m_peers.find(peerId);
    if (it == m_peers.end() || !m_ownSocket)
        return;
    Peer &p = *it;
    Datagram request = datagram(Datagram::Kind::Resend);
    request.to = p.info.id;
    for (qint64 s = qMax<qint64>(1, p.highest - MaxGap + 1); s <= p.highest && request.seqs.size() < UdpRooms::MaxResendSeqs; ++s) {
        const int row = m_model->rowOf(p.info.id, s);
        if (row >= 0 && m_model->kind(row) == UdpRoomModel::Kind::Gap && m_model->state(row) == UdpRoomModel::State::Missing) {
            request.seqs.append(s);
            p.asked.insert(s);
            m_model->setState(row, UdpRoomModel::State::Asked);
        }
    }
    if (request.seqs.isEmpty())
        return;
    ++m_resendRequests;
    sendTo(UdpRooms::encode(request), UdpRooms::kindName(request.kind), p.info.address, p.info.port);
    // Asked once: what has not come back after a while is lost.
    QTimer::singleShot(qMax(2000, 5 * m_resendDelayMs), this, [this, peerId, seqs = request.seqs] { markLost(peerId, seqs); });
}

void UdpRoom::markLost(const QString &peerId, const QList<qint64> &seqs)
{
    for (qint64 s : seqs) {
        const int row = m_model->rowOf(peerId, s);
        if (row >= 0 && m_model->kind(row) == UdpRoomModel::Kind::Gap && m_model->state(row) == UdpRoomModel::State::Asked)
            m_model->setState(row, UdpRoomModel::State::Lost);
    }
}

void UdpRoom::onResend(const Datagram &d, const QHostAddress &sender, quint16 senderPort)
{
    for (qint64 s : d.seqs) {
        auto it = m_history.find(s);
        // Answered once per requester: a request repeated (or forged) cannot make us flood.
        if (it == m_history.end() || it->second.answered.contains(d.from))
            continue;
        it->second.answered.insert(d.from);
        ++m_resendsAnswered;
        sendTo(it->second.bytes, UdpRooms::kindName(Datagram::Kind::Message), sender, senderPort);
    }
}

void UdpRoom::sayHello(const QHostAddress &to, quint16 port)
{
    if (!m_roomSocket)
        return;
    Datagram hello = datagram(Datagram::Kind::Hello);
    hello.name = m_name;
    hello.seq = m_seq;
    hello.intervalMs = m_helloIntervalMs;
    if (to.isNull())
        broadcast(UdpRooms::encode(hello), UdpRooms::kindName(hello.kind));
    else
        sendTo(UdpRooms::encode(hello), UdpRooms::kindName(hello.kind), to, port);
}

void UdpRoom::forgetSilentPeers()
{
    bool changed = false;
    for (auto it = m_peers.begin(); it != m_peers.end();) {
        if (it->heard.hasExpired(3 * qint64(it->intervalMs))) {
            m_model->appendNotice(tr("%1 is no longer heard").arg(it->info.name));
            it = m_peers.erase(it);
            changed = true;
        } else {
            ++it;
        }
    }
    if (changed)
        emit peersChanged();
}

void UdpRoom::broadcast(const QByteArray &bytes, const QString &kind)
{
    for (const QHostAddress &target : m_scope.targets())
        sendTo(bytes, kind, target, m_port);
}

void UdpRoom::sendTo(const QByteArray &bytes, const QString &kind, const QHostAddress &target, quint16 port)
{
    if (!m_ownSocket || bytes.isEmpty())
        return;
    capture(false, m_ownSocket->localPort(), target, port, bytes, kind);
    if (m_ownSocket->writeDatagram(bytes, target, port) != bytes.size())
        qCDebug(lcClient).noquote() << QStringLiteral("udp room: cannot send to %1: %2").arg(target.toString(), m_ownSocket->errorString());
}

void UdpRoom::capture(bool inbound, quint16 localPort, const QHostAddress &peer, quint16 peerPort, const QByteArray &bytes, const QString &kind)
{
    if (!m_sink)
        return;
    CaptureRecord r;
    r.kind = CaptureRecord::Kind::Datagram;
    r.direction = inbound ? CaptureRecord::Direction::In : CaptureRecord::Direction::Out;
    r.transport = CaptureRecord::Transport::Udp;
    r.timeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    r.localAddress = QHostAddress(QHostAddress::Any);
    r.localPort = localPort;
    r.peerAddress = peer;
    r.peerPort = peerPort;
    r.bytes = bytes;
    r.text = QStringLiteral("udp-room ") + kind;
    m_sink->record(r);
}

} // namespace Switchboard
