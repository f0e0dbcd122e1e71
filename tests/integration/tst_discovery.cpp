// LAN discovery (docs/PROTOCOL.md section 12), end to end over real UDP sockets. Everything runs in
// a network namespace of the test's own (tests/common/netns.h): its broadcasts reach only
// loopback and a veth pair with TEST-NET addresses, never a real interface.
#include "docsnippet.h"
#include "netns.h"

#include "net/discovery/discoveredserversmodel.h"
#include "net/discovery/serverannouncer.h"
#include "net/discovery/serverbrowser.h"
#include "net/protocol/discoverydatagram.h"
#include "net/server/serverruntime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkDatagram>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

namespace Switchboard {

namespace {

const QHostAddress VethAddress(QStringLiteral("192.0.2.1"));
const QHostAddress VethBroadcast(QStringLiteral("192.0.2.255"));

// An in-process server with its own data directory.
class Server
{
public:
    explicit Server(const QString &host, const QString &name, bool announce = true, const QStringList &announceOn = {},
                    int intervalMs = ServerConfig().announceIntervalMs)
    {
        ServerConfig config;
        config.announceIntervalMs = intervalMs;
        config.listen = {Endpoint{host, 0}};
        config.dataDir = m_dir.path();
        config.name = name;
        config.announce = announce;
        config.announceOn = announceOn;
        QString error;
        m_ok = m_runtime.start(config, &error);
        if (!m_ok)
            qWarning("server: %s", qPrintable(error));
    }
    bool ok() const { return m_ok; }
    quint16 port() const { return m_runtime.endpoints().value(0).port; }
    ServerRuntime &runtime() { return m_runtime; }
    QString id() const
    {
        QFile f(m_dir.path() + QStringLiteral("/server-id"));
        return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).trimmed() : QString();
    }

private:
    QTemporaryDir m_dir;
    ServerRuntime m_runtime;
    bool m_ok = false;
};

int rowOf(const ServerBrowser &browser, const QString &id)
{
    const QList<DiscoveredServer> servers = browser.servers();
    for (int i = 0; i < servers.size(); ++i)
        if (servers.at(i).announcement.id == id)
            return i;
    return -1;
}

} // namespace

class TestDiscovery : public QObject
{
    Q_OBJECT

private slots:
    void inOwnNamespace();
    void datagramRoundTrip();
    void findsServerOnVeth();
    void duplicatesMergeIntoOneEntry();
    void severalClientsOnOneHost();
    void cliDiscoverPrintsJsonLines();
    void junkIsIgnoredAndCounted();
    void agesOutWithoutAnnouncements();
    void goodbyeRemovesAtOnce();
    void noAnnounceIsSilent();
    void serverProgramOptions();
    void interfacesFollowListenAddresses();
    void interfacesComeAndGo();
    void answersAreRateLimited();
    void documentedPythonClientFindsServer();
};

void TestDiscovery::inOwnNamespace()
{
    QStringList names;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces())
        names.append(iface.name());
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("lo"), QStringLiteral("sbva"), QStringLiteral("sbvb")}));
}

void TestDiscovery::datagramRoundTrip()
{
    Discovery::Announcement a;
    a.id = QStringLiteral("0b7d3c9e-1111-4222-8333-944455556666");
    a.name = QStringLiteral("办公室 office");
    a.port = 5151;
    a.server = QStringLiteral("switchboard/0.1.0");
    a.tls = true;
    a.fingerprint = QStringLiteral("sha256:AB:CD");
    a.intervalMs = 1234;
    const QByteArray bytes = Discovery::encodeAnnouncement(a);
    QVERIFY(bytes.size() <= Discovery::MaxDatagramBytes);
    const auto d = Discovery::decode(bytes);
    QVERIFY(d);
    QCOMPARE(int(d->kind), int(Discovery::Datagram::Kind::Announce));
    QCOMPARE(d->announcement.id, a.id);
    QCOMPARE(d->announcement.name, a.name);
    QCOMPARE(d->announcement.port, a.port);
    QCOMPARE(d->announcement.tls, true);
    QCOMPARE(d->announcement.fingerprint, a.fingerprint);
    QCOMPARE(d->announcement.intervalMs, 1234);
    QCOMPARE(int(Discovery::decode(Discovery::encodeQuery())->kind), int(Discovery::Datagram::Kind::Query));
    QCOMPARE(int(Discovery::decode(Discovery::encodeGoodbye(a))->kind), int(Discovery::Datagram::Kind::Goodbye));
    // The longest name still fits one datagram.
    a.name = QString(200, QChar(0x4e2d));
    a.server = QString(200, QLatin1Char('"'));
    QVERIFY(Discovery::encodeAnnouncement(a).size() <= Discovery::MaxDatagramBytes);
    QVERIFY(Discovery::decode(Discovery::encodeAnnouncement(a)));
}

void TestDiscovery::findsServerOnVeth()
{
    Server server(QStringLiteral("192.0.2.1"), QStringLiteral("alpha"));
    QVERIFY(server.ok());
    QVERIFY(!server.id().isEmpty());
    QCOMPARE(server.runtime().announcer()->interfaces(), QStringList{QStringLiteral("sbva")});
    ServerBrowser browser;
    DiscoveredServersModel model(&browser);
    QVERIFY(browser.start());
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser, server.id()) >= 0, 5000);
    const DiscoveredServer s = browser.servers().at(rowOf(browser, server.id()));
    QCOMPARE(s.announcement.name, QStringLiteral("alpha"));
    QCOMPARE(s.announcement.port, server.port());
    QCOMPARE(s.announcement.version, 1);
    // TLS is on by default: the announcement says so and carries what the handshake will present.
    QCOMPARE(s.announcement.tls, true);
    QVERIFY(!server.runtime().tlsFingerprint().isEmpty());
    QCOMPARE(s.announcement.fingerprint, server.runtime().tlsFingerprint());
    QCOMPARE(s.host(), VethAddress);
    // The model shows it, with what the login panel fills in.
    QCOMPARE(model.rowCount(), int(browser.servers().size()));
    const QModelIndex index = model.index(rowOf(browser, server.id()));
    QCOMPARE(index.data(DiscoveredServersModel::HostRole).toString(), QStringLiteral("192.0.2.1"));
    QCOMPARE(index.data(DiscoveredServersModel::PortRole).toInt(), int(server.port()));
    QVERIFY(index.data().toString().contains(QStringLiteral("alpha")));
}

void TestDiscovery::duplicatesMergeIntoOneEntry()
{
    // Listening on every address: announced on loopback, IPv4 broadcast and IPv6 multicast, and
    // answered to the query as well. One server, one entry, several addresses.
    ServerConfig config;
    QTemporaryDir dir;
    config.listen = {Endpoint{QStringLiteral("0.0.0.0"), 0}};
    config.dataDir = dir.path();
    config.name = QStringLiteral("everywhere");
    ServerRuntime runtime;
    QString error;
    QVERIFY2(runtime.start(config, &error), qPrintable(error));
    ServerAnnouncer *announcer = runtime.announcer();
    QVERIFY(announcer->interfaces().contains(QStringLiteral("lo")));
    QVERIFY(announcer->interfaces().contains(QStringLiteral("sbva")));

    ServerBrowser browser;
    int added = 0;
    connect(&browser, &ServerBrowser::serverAdded, this, [&] { ++added; });
    QVERIFY(browser.start());
    // Wait until it has heard the answer to its query and a later announcement (1 s after start).
    QTRY_VERIFY_WITH_TIMEOUT(announcer->answeredCount() >= 1 && announcer->announcementCount() >= 2, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(browser.servers().size() == 1 && browser.servers().first().hosts.size() >= 2, 5000);
    QCOMPARE(added, 1);
    const DiscoveredServer s = browser.servers().first();
    QVERIFY(s.hosts.contains(VethAddress));
    QVERIFY(s.hosts.contains(QHostAddress(QHostAddress::LocalHost)));
    QCOMPARE(s.host(), VethAddress); // IPv4 off loopback first
}

void TestDiscovery::severalClientsOnOneHost()
{
    // Three programs share the discovery port; each hears the announcements and its own answers.
    ServerBrowser first, second;
    QVERIFY(first.start());
    QVERIFY(second.start());
    Server server(QStringLiteral("192.0.2.1"), QStringLiteral("shared"));
    QVERIFY(server.ok());
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(first, server.id()) >= 0 && rowOf(second, server.id()) >= 0, 5000);
    // A third, starting later, finds it too (by its query or the next announcement).
    ServerBrowser third;
    QVERIFY(third.start());
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(third, server.id()) >= 0, 5000);
}

void TestDiscovery::cliDiscoverPrintsJsonLines()
{
    Server server(QStringLiteral("192.0.2.1"), QStringLiteral("cli target"));
    QVERIFY(server.ok());
    QProcess cli;
    cli.start(qEnvironmentVariable("SWITCHBOARD_BINARY_DIR") + QStringLiteral("/app/switchboard-cli"),
              {QStringLiteral("discover"), QStringLiteral("--timeout"), QStringLiteral("1500")});
    // QTRY spins the event loop, so the in-process server answers the CLI's query meanwhile.
    QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 10000);
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli.exitCode(), 0);
    const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    const QJsonObject o = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(o.value(QStringLiteral("name")).toString(), QStringLiteral("cli target"));
    QCOMPARE(o.value(QStringLiteral("host")).toString(), QStringLiteral("192.0.2.1"));
    QCOMPARE(o.value(QStringLiteral("port")).toInt(), int(server.port()));
    QCOMPARE(o.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("id")).toString(), server.id());
    QCOMPARE(o.value(QStringLiteral("tls")), QJsonValue(true));

    // Nothing to find (a server with announcing off does not count): status 1, no output.
    Server silent(QStringLiteral("192.0.2.1"), QStringLiteral("quiet"), false);
    server.runtime().stop();
    QProcess none;
    none.start(qEnvironmentVariable("SWITCHBOARD_BINARY_DIR") + QStringLiteral("/app/switchboard-cli"),
               {QStringLiteral("discover"), QStringLiteral("--timeout"), QStringLiteral("500")});
    QTRY_VERIFY_WITH_TIMEOUT(none.state() == QProcess::NotRunning, 10000);
    QCOMPARE(none.exitCode(), 1);
    QCOMPARE(none.readAllStandardOutput(), QByteArray());
}

void TestDiscovery::junkIsIgnoredAndCounted()
{
    Server server(QStringLiteral("192.0.2.1"), QStringLiteral("target"));
    QVERIFY(server.ok());
    ServerBrowser browser;
    QVERIFY(browser.start());
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser, server.id()) >= 0, 5000);
    ServerAnnouncer *announcer = server.runtime().announcer();
    const qint64 browserBefore = browser.ignoredCount();
    const qint64 serverBefore = announcer->ignoredCount();

    Discovery::Announcement fake;
    fake.id = QStringLiteral("junk");
    fake.name = QStringLiteral("junk");
    fake.port = 1;
    QByteArray oversized = Discovery::encodeAnnouncement(fake);
    oversized.insert(1, QByteArray(Discovery::MaxDatagramBytes, ' ')); // valid JSON, too long
    const QByteArray wrongVersion = Discovery::encodeAnnouncement(fake).replace("\"v\":1", "\"v\":2");
    const QByteArray badPort = Discovery::encodeAnnouncement(fake).replace("\"port\":1", "\"port\":70000");
    const QList<QByteArray> junk{
        QByteArrayLiteral("hello"),
        QByteArrayLiteral("{\"type\":\"announce\",\"id\":\"junk\",\"port\":1}"), // no magic
        QByteArray("\xff\xfe{\x00", 4),
        QByteArrayLiteral("{\"magic\":\"switchboard-discovery\",\"v\":1,\"type\":\"spam\"}"),
        oversized,
        wrongVersion,
        badPort,
    };
    QUdpSocket sender;
    for (const QByteArray &j : junk)
        QCOMPARE(sender.writeDatagram(j, VethBroadcast, Discovery::DefaultPort), qint64(j.size()));
    // Then a valid one: once it is listed, everything sent before it has been read.
    fake.id = QStringLiteral("marker");
    fake.port = 4242;
    const QByteArray marker = Discovery::encodeAnnouncement(fake);
    QCOMPARE(sender.writeDatagram(marker, VethBroadcast, Discovery::DefaultPort), qint64(marker.size()));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser, QStringLiteral("marker")) >= 0, 5000);
    QCOMPARE(browser.ignoredCount() - browserBefore, qint64(junk.size()));
    QTRY_COMPARE_WITH_TIMEOUT(announcer->ignoredCount() - serverBefore, qint64(junk.size()), 5000);
    QCOMPARE(rowOf(browser, QStringLiteral("junk")), -1);
    QVERIFY(rowOf(browser, server.id()) >= 0);
}

void TestDiscovery::agesOutWithoutAnnouncements()
{
    ServerBrowser browser;
    QVERIFY(browser.start());
    Discovery::Announcement a;
    a.id = QStringLiteral("short-lived");
    a.port = 4000;
    a.intervalMs = 200; // forgotten after 3 x 200 ms without a word
    QUdpSocket sender;
    const QByteArray datagram = Discovery::encodeAnnouncement(a);
    QElapsedTimer clock;
    clock.start();
    sender.writeDatagram(datagram, VethBroadcast, Discovery::DefaultPort);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser, a.id) >= 0, 5000);
    QSignalSpy removed(&browser, &ServerBrowser::serverRemoved);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser, a.id) < 0, 5000);
    QVERIFY2(clock.elapsed() >= 3 * a.intervalMs, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(removed.size(), 1);
}

void TestDiscovery::goodbyeRemovesAtOnce()
{
    auto server = std::make_unique<Server>(QStringLiteral("192.0.2.1"), QStringLiteral("leaving"));
    QVERIFY(server->ok());
    const QString id = server->id();
    ServerBrowser browser;
    QVERIFY(browser.start());
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser, id) >= 0, 5000);
    QElapsedTimer clock;
    clock.start();
    server.reset(); // announces every 60 s: only the goodbye can remove it this soon
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser, id) < 0, 3000);
    QVERIFY(clock.elapsed() < 60000);
}

void TestDiscovery::noAnnounceIsSilent()
{
    Server quiet(QStringLiteral("192.0.2.1"), QStringLiteral("quiet"), false);
    QVERIFY(quiet.ok());
    QVERIFY(!quiet.runtime().announcer());
    QVERIFY(!QFile::exists(quiet.runtime().config().dataDir + QStringLiteral("/server-id")));
    Server loud(QStringLiteral("192.0.2.1"), QStringLiteral("loud"));
    QVERIFY(loud.ok());
    ServerBrowser browser;
    QVERIFY(browser.start());
    // The loud one answered this browser's query: had the quiet one answered, it would be here too.
    QTRY_VERIFY_WITH_TIMEOUT(loud.runtime().announcer()->answeredCount() >= 1 && rowOf(browser, loud.id()) >= 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(browser.servers().size(), qsizetype(1), 5000);
    QCOMPARE(browser.servers().first().announcement.port, loud.port());
}

void TestDiscovery::serverProgramOptions()
{
    // switchboard-server itself: --name and --announce-on are announced, --no-announce is silent.
    const QString program = qEnvironmentVariable("SWITCHBOARD_BINARY_DIR") + QStringLiteral("/app/switchboard-server");
    QTemporaryDir loudData, quietData;
    QProcess loud, quiet;
    auto stop = qScopeGuard([&] {
        for (QProcess *p : {&loud, &quiet}) {
            p->terminate();
            p->waitForFinished(5000);
        }
    });
    quiet.start(program, {QStringLiteral("--listen"), QStringLiteral("192.0.2.1:0"), QStringLiteral("--data"), quietData.path(),
                          QStringLiteral("--no-announce")});
    loud.start(program, {QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"), QStringLiteral("--data"), loudData.path(),
                         QStringLiteral("--name"), QStringLiteral("by option"), QStringLiteral("--announce-on"), QStringLiteral("sbva")});
    auto portOf = [](QProcess &p) { // from "listening on tcp://HOST:PORT" (a fingerprint line may follow)
        const QByteArray line = p.readLine().trimmed();
        const int colon = line.lastIndexOf(':');
        return !line.startsWith("listening on") || colon < 0 ? 0 : line.mid(colon + 1).toInt();
    };
    QTRY_VERIFY_WITH_TIMEOUT(quiet.canReadLine() && loud.canReadLine(), 10000);
    const int quietPort = portOf(quiet);
    const int loudPort = portOf(loud);
    QVERIFY(quietPort > 0 && loudPort > 0);
    QVERIFY(!QFile::exists(quietData.filePath(QStringLiteral("server-id"))));

    ServerBrowser browser;
    QVERIFY(browser.start());
    QTRY_VERIFY_WITH_TIMEOUT(!browser.servers().isEmpty(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(browser.queryCount() >= 1 && browser.servers().size() == 1, 5000);
    const DiscoveredServer s = browser.servers().first();
    QCOMPARE(int(s.announcement.port), loudPort);
    QCOMPARE(s.announcement.name, QStringLiteral("by option"));
    QCOMPARE(s.hosts, QList<QHostAddress>{VethAddress}); // sbva only: not heard on loopback
    // The loud server also answers queries; by the time a second browser hears it, a query
    // reached the quiet one as well, and nothing came from it.
    ServerBrowser again;
    QVERIFY(again.start());
    QTRY_VERIFY_WITH_TIMEOUT(!again.servers().isEmpty(), 5000);
    for (const DiscoveredServer &d : again.servers())
        QVERIFY(int(d.announcement.port) != quietPort);
}

void TestDiscovery::interfacesFollowListenAddresses()
{
    Server local(QStringLiteral("127.0.0.1"), QStringLiteral("local"));
    QVERIFY(local.ok());
    QCOMPARE(local.runtime().announcer()->interfaces(), QStringList{QStringLiteral("lo")});
    Server chosen(QStringLiteral("0.0.0.0"), QStringLiteral("chosen"), true, {QStringLiteral("sbva")});
    QVERIFY(chosen.ok());
    QCOMPARE(chosen.runtime().announcer()->interfaces(), QStringList{QStringLiteral("sbva")});

    // A query from the veth network is not answered by the loopback-only server.
    ServerBrowser browser;
    browser.setInterfaces({QStringLiteral("sbva")});
    QVERIFY(browser.start());
    QTRY_VERIFY_WITH_TIMEOUT(chosen.runtime().announcer()->answeredCount() >= 1, 5000);
    QCOMPARE(local.runtime().announcer()->answeredCount(), qint64(0));
}

void TestDiscovery::interfacesComeAndGo()
{
    const QHostAddress later(QStringLiteral("198.51.100.1")); // TEST-NET-2
    Server server(QStringLiteral("0.0.0.0"), QStringLiteral("roaming"), true, {}, 300);
    QVERIFY(server.ok());
    ServerAnnouncer *announcer = server.runtime().announcer();
    QVERIFY(!announcer->interfaces().contains(QStringLiteral("sbvb"))); // no IPv4 there yet
    ServerBrowser browser;
    QVERIFY(browser.start());
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(browser, server.id()) >= 0, 5000);

    // An address appears on sbvb: the next announcement goes out there too.
    QCOMPARE(std::system("ip addr add 198.51.100.1/24 dev sbvb"), 0);
    auto removeAddress = qScopeGuard([] { std::system("ip addr del 198.51.100.1/24 dev sbvb"); });
    auto hosts = [&] { return rowOf(browser, server.id()) < 0 ? QList<QHostAddress>() : browser.servers().at(rowOf(browser, server.id())).hosts; };
    QTRY_VERIFY_WITH_TIMEOUT(hosts().contains(later), 5000);
    QVERIFY(announcer->interfaces().contains(QStringLiteral("sbvb")));

    // It goes again: that address ages out (3 x 300 ms), the server stays listed by its others.
    removeAddress.dismiss();
    QCOMPARE(std::system("ip addr del 198.51.100.1/24 dev sbvb"), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!hosts().contains(later), 5000);
    QVERIFY(hosts().contains(VethAddress));
    QVERIFY(!announcer->interfaces().contains(QStringLiteral("sbvb")));
}

void TestDiscovery::answersAreRateLimited()
{
    Server server(QStringLiteral("192.0.2.1"), QStringLiteral("limited"));
    QVERIFY(server.ok());
    ServerAnnouncer *announcer = server.runtime().announcer();
    QUdpSocket asker;
    QVERIFY(asker.bind(VethAddress, 0));
    int answers = 0;
    connect(&asker, &QUdpSocket::readyRead, this, [&] {
        while (asker.hasPendingDatagrams())
            if (asker.receiveDatagram().isValid())
                ++answers;
    });
    for (int i = 0; i < 30; ++i)
        asker.writeDatagram(Discovery::encodeQuery(), VethAddress, Discovery::DefaultPort);
    QTRY_COMPARE_WITH_TIMEOUT(announcer->answeredCount() + announcer->refusedCount(), qint64(30), 5000);
    QVERIFY2(announcer->answeredCount() <= 12, qPrintable(QString::number(announcer->answeredCount())));
    QTRY_COMPARE_WITH_TIMEOUT(qint64(answers), announcer->answeredCount(), 5000);
}

void TestDiscovery::documentedPythonClientFindsServer()
{
    // A stranger's client: the Python snippet of PROTOCOL.md section 12, as it is printed there.
    const QString snippet = Test::protocolSnippet(QStringLiteral("## 12. Discovery"));
    QVERIFY(!snippet.isEmpty());
    Server server(QStringLiteral("192.0.2.1"), QStringLiteral("for python"));
    QVERIFY(server.ok());
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), snippet + QStringLiteral("print(json.dumps(discover(1.0, \"192.0.2.255\")))\n")});
    QTRY_VERIFY_WITH_TIMEOUT(python.state() == QProcess::NotRunning, 10000);
    if (python.error() == QProcess::FailedToStart)
        QSKIP("python3 is not installed");
    QCOMPARE(python.exitCode(), 0);
    const QJsonObject found = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    const QJsonArray entry = found.value(server.id()).toArray();
    QCOMPARE(entry.size(), 3);
    QCOMPARE(entry.at(0).toString(), QStringLiteral("for python"));
    QCOMPARE(entry.at(1).toString(), QStringLiteral("192.0.2.1"));
    QCOMPARE(entry.at(2).toInt(), int(server.port()));
}

} // namespace Switchboard

int main(int argc, char **argv)
{
    if (const auto status = Switchboard::Test::enterTestNetwork(argc, argv))
        return *status;
    QCoreApplication app(argc, argv);
    Switchboard::TestDiscovery test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_discovery.moc"
