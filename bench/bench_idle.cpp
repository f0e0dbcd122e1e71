// Idle connections: how much a server spends per connected, logged-in, silent client, and what
// they do to the round trip of one busy client. Runs in its own process (the clients' descriptors
// do not count against the server's limit) against a server already running:
//
//   bench_idle --port P --pid PID [--protocol switchboard|mqtt] [--tls] [--counts 1000,5000,10000]
//              [--pings 2000] [--user NAME --password PW]
//
// switchboard: registers NAME (ignoring user_exists), then opens the connections one after the
// other, each hello + SCRAM login (the salted password derived once and reused, as RFC 5802
// lets a client cache it). mqtt: CONNECT (clean session, no keepalive) and CONNACK; the pings
// are PINGREQ/PINGRESP. Before the first count and after each: the server's VmRSS and the
// round trip of --pings sequential pings on one extra connection (p50, p99, µs), then as many
// again with this process and every thread of the server pinned to one CPU (same_cpu_*): each
// wake-up is then a switch on that CPU, not a wake-up of another, idle one. On this VM waking an
// idle vCPU costs tens of µs, so an unpinned p50 measures the CPUs' sleep (120-150 µs on an idle
// machine, ~20 µs while other work keeps them awake) more than the server. Prints
//   result <protocol> <connections> rss_kib <K> per_conn_bytes <B> ping_p50_us <U> ping_p99_us <U>
//          same_cpu_p50_us <U> same_cpu_p99_us <U>
// Blocking sockets only: nothing on the client side scans the idle connections.
#include "bench/benchutil.h"
#include "bench/blockingsend.h"
#include "bench/procstatus.h"
#include "net/auth/credentials.h"
#include "net/auth/scramclient.h"
#include "net/protocol/frameencoder.h"
#include "net/protocol/messages.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QtEndian>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <dirent.h>
#include <memory>
#include <sched.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

using namespace Switchboard;
using Bench::percentile;

namespace {

// One client connection, blocking: plain descriptor or TLS (QSslSocket with waitFor*).
class Link
{
public:
    virtual ~Link() = default;
    virtual bool writeAll(const QByteArray &bytes) = 0;
    virtual bool readExactly(char *out, qsizetype n) = 0;
};

class PlainLink : public Link
{
public:
    explicit PlainLink(int fd) : m_fd(fd) {}
    ~PlainLink() override { ::close(m_fd); }
    bool writeAll(const QByteArray &bytes) override { return Bench::sendAll(m_fd, bytes); }
    bool readExactly(char *out, qsizetype n) override
    {
        qsizetype done = 0;
        while (done < n) {
            const ssize_t r = ::recv(m_fd, out + done, size_t(n - done), 0);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                return false;
            done += r;
        }
        return true;
    }

private:
    int m_fd;
};

class TlsLink : public Link
{
public:
    explicit TlsLink(int fd)
    {
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.setPeerVerifyMode(QSslSocket::VerifyNone); // the server's self-signed certificate
        m_socket.setSslConfiguration(c);
        m_socket.setSocketDescriptor(fd);
        m_socket.startClientEncryption();
        m_ok = m_socket.waitForEncrypted(30000);
    }
    bool ok() const { return m_ok; }
    bool writeAll(const QByteArray &bytes) override
    {
        m_socket.write(bytes);
        while (m_socket.bytesToWrite() > 0)
            if (!m_socket.waitForBytesWritten(30000))
                return false;
        return true;
    }
    bool readExactly(char *out, qsizetype n) override
    {
        while (m_socket.bytesAvailable() < n)
            if (!m_socket.waitForReadyRead(30000))
                return false;
        return m_socket.read(out, n) == n;
    }

private:
    QSslSocket m_socket;
    bool m_ok = false;
};

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof(a)) != 0) {
        std::perror("bench_idle: connect");
        std::exit(1);
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd;
}

std::unique_ptr<Link> openLink(quint16 port, bool tls)
{
    const int fd = connectTo(port);
    if (!tls)
        return std::make_unique<PlainLink>(fd);
    auto link = std::make_unique<TlsLink>(fd);
    if (!link->ok()) {
        std::fprintf(stderr, "bench_idle: TLS handshake failed\n");
        std::exit(1);
    }
    return link;
}

// The next frame's header (its payload, if any, read and dropped).
QJsonObject readFrame(Link &link)
{
    char prefix[4];
    if (!link.readExactly(prefix, 4)) {
        std::fprintf(stderr, "bench_idle: the server closed the connection\n");
        std::exit(1);
    }
    QByteArray json(qsizetype(qFromBigEndian<quint32>(prefix)), Qt::Uninitialized);
    if (!link.readExactly(json.data(), json.size()))
        std::exit(1);
    const QJsonObject header = QJsonDocument::fromJson(json).object();
    QByteArray payload(qsizetype(header.value(QLatin1String("size")).toInteger()), Qt::Uninitialized);
    if (!payload.isEmpty() && !link.readExactly(payload.data(), payload.size()))
        std::exit(1);
    return header;
}

// The reply to request `id` (events before it are skipped).
QJsonObject replyTo(Link &link, qint64 id)
{
    for (;;) {
        const QJsonObject h = readFrame(link);
        if (Protocol::idOf(h) == id)
            return h;
    }
}

template <class M>
void send(Link &link, const M &m)
{
    if (!link.writeAll(FrameEncoder::encode(m.toJson())))
        std::exit(1);
}

class SwitchboardClient
{
public:
    SwitchboardClient(quint16 port, bool tls, QString user, QString password)
        : m_port(port), m_tls(tls), m_user(std::move(user)), m_password(std::move(password))
    {
    }

    void registerAccount()
    {
        auto link = openLink(m_port, m_tls);
        send(*link, Protocol::Hello{1, {1}, QStringLiteral("bench_idle")});
        replyTo(*link, 1);
        const ScramVerifier v = Credentials::deriveVerifier(Credentials::scramPassword(m_user, m_password),
                                                            Credentials::MinIterations);
        Protocol::Register r;
        r.id = 2;
        r.user = m_user;
        r.scheme = v.scheme;
        r.salt = v.salt;
        r.iterations = v.iterations;
        r.storedKey = v.storedKey;
        r.serverKey = v.serverKey;
        send(*link, r);
        const QJsonObject answer = replyTo(*link, 2);
        if (Protocol::typeOf(answer) == Protocol::Error::Type
            && answer.value(QLatin1String("code")).toString() != QLatin1String("user_exists")) {
            std::fprintf(stderr, "bench_idle: register: %s\n", QJsonDocument(answer).toJson().constData());
            std::exit(1);
        }
    }

    std::unique_ptr<Link> logIn()
    {
        auto link = openLink(m_port, m_tls);
        ScramClient scram(m_user);
        // hello and auth.start in one write: the server takes frames in order.
        link->writeAll(FrameEncoder::encode(Protocol::Hello{1, {1}, QStringLiteral("bench_idle")}.toJson())
                       + FrameEncoder::encode(Protocol::AuthStart{2, QStringLiteral("SCRAM-SHA-256"),
                                                                  QString::fromUtf8(scram.clientFirstMessage()), {}}
                                                  .toJson()));
        replyTo(*link, 1);
        const QJsonObject challenge = replyTo(*link, 2);
        const auto c = Protocol::AuthChallenge::fromJson(challenge);
        if (!c || !scram.handleServerFirst(c->data.toUtf8())) {
            std::fprintf(stderr, "bench_idle: no challenge: %s\n", QJsonDocument(challenge).toJson().constData());
            std::exit(1);
        }
        if (m_salted.isEmpty()) // derived once: every login is to the same account
            m_salted = ScramClient::saltedPassword(Credentials::scramPassword(m_user, m_password), scram.salt(),
                                                   scram.iterations());
        scram.computeProof(m_salted);
        send(*link, Protocol::AuthFinish{3, QString::fromUtf8(scram.clientFinalMessage())});
        const QJsonObject ok = replyTo(*link, 3);
        if (Protocol::typeOf(ok) != Protocol::AuthOk::Type) {
            std::fprintf(stderr, "bench_idle: login failed: %s\n", QJsonDocument(ok).toJson().constData());
            std::exit(1);
        }
        return link;
    }

    // One ping's round trip in µs.
    static qint64 ping(Link &link, qint64 id)
    {
        QElapsedTimer clock;
        clock.start();
        send(link, Protocol::Ping{id, {}});
        replyTo(link, id);
        return clock.nsecsElapsed() / 1000;
    }

private:
    quint16 m_port;
    bool m_tls;
    QString m_user;
    QString m_password;
    QByteArray m_salted;
};

// MQTT 3.1.1, the least a client needs: CONNECT/CONNACK and PINGREQ/PINGRESP.
std::unique_ptr<Link> mqttConnect(quint16 port, int n)
{
    auto link = openLink(port, false);
    const QByteArray clientId = "idle" + QByteArray::number(n);
    QByteArray body;
    body += QByteArray("\x00\x04MQTT\x04\x02\x00\x00", 10); // level 4, clean session, keepalive 0
    body += char(clientId.size() >> 8);
    body += char(clientId.size() & 0xff);
    body += clientId;
    QByteArray packet;
    packet += char(0x10);
    packet += char(body.size()); // < 128
    packet += body;
    char connack[4];
    if (!link->writeAll(packet) || !link->readExactly(connack, 4) || connack[0] != char(0x20) || connack[3] != 0) {
        std::fprintf(stderr, "bench_idle: MQTT CONNECT refused\n");
        std::exit(1);
    }
    return link;
}

qint64 mqttPing(Link &link)
{
    QElapsedTimer clock;
    clock.start();
    char resp[2];
    if (!link.writeAll(QByteArray("\xc0\x00", 2)) || !link.readExactly(resp, 2) || resp[0] != char(0xd0))
        std::exit(1);
    return clock.nsecsElapsed() / 1000;
}

qint64 serverRssKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Every thread of process `pid` (0: this one) on the CPUs in `set`.
void pinProcess(qint64 pid, const cpu_set_t &set)
{
    const QByteArray dir = pid > 0 ? "/proc/" + QByteArray::number(pid) + "/task" : QByteArray("/proc/self/task");
    DIR *d = ::opendir(dir.constData());
    if (!d)
        return;
    while (dirent *e = ::readdir(d)) {
        const pid_t tid = pid_t(std::atoi(e->d_name));
        if (tid > 0)
            ::sched_setaffinity(tid, sizeof set, &set);
    }
    ::closedir(d);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption portOpt("port", "Server port (127.0.0.1).", "PORT");
    const QCommandLineOption pidOpt("pid", "Server process id (its VmRSS is read).", "PID");
    const QCommandLineOption protocolOpt("protocol", "switchboard or mqtt.", "NAME", "switchboard");
    const QCommandLineOption tlsOpt("tls", "Switchboard over TLS.");
    const QCommandLineOption countsOpt("counts", "Idle connections to reach, in order.", "N,N,...", "1000,5000,10000");
    const QCommandLineOption pingsOpt("pings", "Pings per measurement.", "N", "2000");
    const QCommandLineOption userOpt("user", "Account (registered if missing).", "NAME", "idlebench");
    const QCommandLineOption passwordOpt("password", "Its password.", "PW", "idle-bench-password");
    parser.addOptions({portOpt, pidOpt, protocolOpt, tlsOpt, countsOpt, pingsOpt, userOpt, passwordOpt});
    parser.process(app);
    const quint16 port = quint16(parser.value(portOpt).toUInt());
    const qint64 pid = parser.value(pidOpt).toLongLong();
    const bool mqtt = parser.value(protocolOpt) == QLatin1String("mqtt");
    const bool tls = parser.isSet(tlsOpt);
    const int pings = parser.value(pingsOpt).toInt();
    std::vector<int> counts;
    for (const QString &c : parser.value(countsOpt).split(QLatin1Char(',')))
        counts.push_back(c.toInt());
    if (port == 0 || pid <= 0 || counts.empty()) {
        std::fprintf(stderr, "bench_idle: --port and --pid are required\n");
        return 2;
    }
    // The clients' descriptors: 10,000 need more than the default soft limit.
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }

    const QString name = mqtt ? QStringLiteral("mosquitto") : tls ? QStringLiteral("switchboard-tls") : QStringLiteral("switchboard");
    SwitchboardClient client(port, tls, parser.value(userOpt), parser.value(passwordOpt));
    std::unique_ptr<Link> pinger;
    if (mqtt) {
        pinger = mqttConnect(port, 0);
    } else {
        client.registerAccount();
        pinger = client.logIn();
    }
    qint64 nextId = 100;
    cpu_set_t allCpus;
    CPU_ZERO(&allCpus);
    ::sched_getaffinity(0, sizeof allCpus, &allCpus);
    cpu_set_t oneCpu;
    CPU_ZERO(&oneCpu);
    for (int c = 0; c < CPU_SETSIZE; ++c) {
        if (CPU_ISSET(c, &allCpus)) {
            CPU_SET(c, &oneCpu);
            break;
        }
    }
    auto pingRound = [&] {
        std::vector<qint64> rtt;
        rtt.reserve(size_t(pings));
        for (int i = 0; i < pings; ++i)
            rtt.push_back(mqtt ? mqttPing(*pinger) : SwitchboardClient::ping(*pinger, nextId++));
        return rtt;
    };
    auto measure = [&](int connections, qint64 baseRss) {
        const std::vector<qint64> rtt = pingRound();
        pinProcess(pid, oneCpu);
        pinProcess(0, oneCpu);
        const std::vector<qint64> pinned = pingRound();
        pinProcess(0, allCpus);
        pinProcess(pid, allCpus);
        const qint64 rss = serverRssKiB(pid);
        const qint64 perConn = connections > 0 ? (rss - baseRss) * 1024 / connections : 0;
        std::printf("result %s %d rss_kib %lld per_conn_bytes %lld ping_p50_us %lld ping_p99_us %lld "
                    "same_cpu_p50_us %lld same_cpu_p99_us %lld\n",
                    qPrintable(name), connections, qlonglong(rss), qlonglong(perConn),
                    qlonglong(percentile(rtt, 0.5)), qlonglong(percentile(rtt, 0.99)),
                    qlonglong(percentile(pinned, 0.5)), qlonglong(percentile(pinned, 0.99)));
        std::fflush(stdout);
        return rss;
    };
    // Warm up (the server's first login allocates what every later one reuses), then the baseline.
    for (int i = 0; i < 200; ++i)
        mqtt ? mqttPing(*pinger) : SwitchboardClient::ping(*pinger, nextId++);
    const qint64 baseRss = measure(0, 0);

    std::vector<std::unique_ptr<Link>> idle;
    QElapsedTimer clock;
    for (int target : counts) {
        clock.start();
        while (int(idle.size()) < target)
            idle.push_back(mqtt ? mqttConnect(port, int(idle.size()) + 1) : client.logIn());
        std::fprintf(stderr, "bench_idle: %d %s connections open and logged in (%.1f s)\n", target, qPrintable(name),
                     double(clock.elapsed()) / 1000.0);
        measure(target, baseRss);
    }
    return 0;
}
