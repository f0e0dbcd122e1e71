#include "discovercommand.h"

#include "clioutput.h"
#include "net/discovery/serverbrowser.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace Switchboard {

namespace {

const QString InterfaceOption = QStringLiteral("interface");
constexpr int SettleMs = 300;

QJsonObject jsonObject(const DiscoveredServer &s)
{
    QJsonArray hosts;
    for (const QHostAddress &h : s.hosts)
        hosts.append(h.toString());
    QJsonObject o{{QStringLiteral("name"), s.announcement.name},
                  {QStringLiteral("host"), s.hostText()},
                  {QStringLiteral("port"), s.announcement.port},
                  {QStringLiteral("version"), s.announcement.version},
                  {QStringLiteral("id"), s.announcement.id},
                  {QStringLiteral("tls"), s.announcement.tls},
                  {QStringLiteral("hosts"), hosts}};
    if (s.announcement.tls)
        o.insert(QStringLiteral("fingerprint"), s.announcement.fingerprint);
    return o;
}

} // namespace

void DiscoverCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(InterfaceOption,
                                        tr("discover: query on interface IFACE only (repeatable; default: every up interface)."),
                                        QStringLiteral("IFACE")));
}

int DiscoverCommand::run(const QCommandLineParser &parser, int timeoutMs, const CliOutput &output)
{
    ServerBrowser browser;
    browser.setInterfaces(parser.values(InterfaceOption));
    // Ask again within the wait: a first query may leave before an interface has its address.
    browser.setQueryInterval(qMax(250, timeoutMs / 3));
    QEventLoop loop;
    QStringList printed;
    auto print = [&](const QString &id) {
        for (const DiscoveredServer &s : browser.servers())
            if (s.announcement.id == id && !printed.contains(id)) {
                CliOutput::writeLine(stdout, jsonObject(s));
                printed.append(id);
            }
    };
    // A server answers on every interface at once: printed a moment after it is first heard, its
    // line lists the addresses heard by then, and host is the best of them.
    QObject::connect(&browser, &ServerBrowser::serverAdded, &loop, [&](int row) {
        const QString id = browser.servers().at(row).announcement.id;
        QTimer::singleShot(qMin(SettleMs, timeoutMs), &loop, [&print, id] { print(id); });
    });
    QString why;
    if (!browser.start(&why)) {
        output.error(QStringLiteral("io_error"), why,
                     tr("Cannot listen for servers on UDP port %1: %2").arg(Discovery::DefaultPort).arg(why));
        return 3;
    }
    QTimer::singleShot(timeoutMs, &loop, [&] {
        for (const DiscoveredServer &s : browser.servers())
            print(s.announcement.id);
        loop.quit();
    });
    loop.exec();
    return printed.isEmpty() ? 1 : 0;
}

} // namespace Switchboard
