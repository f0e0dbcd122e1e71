#include "udproomcommand.h"

#include "net/udproom/udproom.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace Switchboard {

namespace {

const QString SendOption = QStringLiteral("send");
const QString ListenOption = QStringLiteral("listen");
const QString OnOption = QStringLiteral("on");
const QString NameOption = QStringLiteral("name");
const QString JsonOption = QStringLiteral("json");

QString stateWord(UdpRoomModel::State state)
{
    switch (state) {
    case UdpRoomModel::State::InOrder: return QStringLiteral("in-order");
    case UdpRoomModel::State::Own: return QStringLiteral("own");
    case UdpRoomModel::State::Late: return QStringLiteral("late");
    case UdpRoomModel::State::Missing: return QStringLiteral("missing");
    case UdpRoomModel::State::Asked: return QStringLiteral("asked");
    case UdpRoomModel::State::Lost: return QStringLiteral("lost");
    case UdpRoomModel::State::Recovered: return QStringLiteral("recovered");
    }
    return QString();
}

QByteArray line(const UdpRoom &room, int row, bool json)
{
    const QModelIndex i = room.model()->index(row);
    const auto state = i.data(UdpRoomModel::StateRole).value<UdpRoomModel::State>();
    const bool gap = i.data(UdpRoomModel::KindRole).value<UdpRoomModel::Kind>() == UdpRoomModel::Kind::Gap;
    const QString name = i.data(UdpRoomModel::SenderRole).toString();
    const qint64 seq = i.data(UdpRoomModel::SeqRole).toLongLong();
    if (json) {
        QJsonObject o{{QStringLiteral("room"), room.room()},
                      {QStringLiteral("from"), i.data(UdpRoomModel::SenderIdRole).toString()},
                      {QStringLiteral("name"), name},
                      {QStringLiteral("seq"), seq},
                      {QStringLiteral("state"), stateWord(state)}};
        if (!gap) {
            o.insert(QStringLiteral("ts"), i.data(UdpRoomModel::TimestampRole).toDateTime().toMSecsSinceEpoch());
            o.insert(QStringLiteral("text"), i.data(UdpRoomModel::TextRole).toString());
        }
        return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    }
    if (gap)
        return UdpRoomCommand::tr("-- message %1 from %2: %3").arg(seq).arg(name, stateWord(state)).toUtf8() + '\n';
    QString text = QStringLiteral("[%1] %2: %3")
                       .arg(i.data(UdpRoomModel::TimestampRole).toDateTime().toString(QStringLiteral("hh:mm:ss")), name,
                            i.data(UdpRoomModel::TextRole).toString());
    if (state == UdpRoomModel::State::Late || state == UdpRoomModel::State::Recovered)
        text += QStringLiteral(" (%1)").arg(stateWord(state));
    return text.toUtf8() + '\n';
}

void print(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace

void UdpRoomCommand::addOptions(QCommandLineParser &parser)
{
    // --json is the CLI's own option (one JSON object per line for every command).
    parser.addOptions({
        QCommandLineOption(SendOption, tr("udp-room: send TEXT to the room (repeatable)."), QStringLiteral("TEXT")),
        QCommandLineOption(ListenOption, tr("udp-room: print the messages that arrive (until --count or --timeout).")),
        QCommandLineOption(OnOption, tr("udp-room: use interface IFACE only (repeatable; default: every up interface)."),
                           QStringLiteral("IFACE")),
        QCommandLineOption(NameOption, tr("udp-room: the name shown to the room (default: the login name)."), QStringLiteral("NAME")),
    });
}

int UdpRoomCommand::run(const QCommandLineParser &parser, const QStringList &args, int count, int timeoutMs, CaptureSink *capture)
{
    QTextStream err(stderr);
    if (args.size() != 1) {
        err << tr("Usage: udp-room ROOM [--send TEXT]... [--stdin] [--listen] [--on IFACE] [--name NAME] [--json]") << Qt::endl;
        return 2;
    }
    const bool listen = parser.isSet(ListenOption);
    const bool fromStdin = parser.isSet(QStringLiteral("stdin"));
    const bool json = parser.isSet(JsonOption);
    UdpRoom room;
    room.setCaptureSink(capture);
    room.setInterfaces(parser.values(OnOption));
    QString name = parser.value(NameOption);
    if (name.isEmpty())
        name = qEnvironmentVariable("USER", QStringLiteral("cli"));
    room.setDisplayName(name);
    QString why;
    if (!room.join(args.first(), &why)) {
        err << tr("Cannot join UDP room %1: %2").arg(args.first(), why) << Qt::endl;
        return 3;
    }
    err << tr("UDP room %1 on port %2 via %3. UDP rooms are unauthenticated and unencrypted: anyone on the network can "
              "read them and write in anyone's name.")
               .arg(room.room())
               .arg(room.port())
               .arg(room.interfaces().join(QStringLiteral(", ")))
        << Qt::endl;

    QEventLoop loop;
    int status = 0;
    int received = 0;
    auto sendText = [&](const QString &text) {
        if (room.send(text, &why))
            return true;
        err << why << Qt::endl;
        status = 2;
        return false;
    };
    // Sent: stay a moment to answer resend requests, then say bye.
    auto finishSending = [&] {
        if (!listen)
            QTimer::singleShot(timeoutMs > 0 ? qMin(timeoutMs, LingerMs) : LingerMs, &loop, &QEventLoop::quit);
    };
    if (listen)
        QObject::connect(&room, &UdpRoom::messageArrived, &loop, [&](int row) {
            print(line(room, row, json));
            const auto kind = room.model()->kind(row);
            if (kind == UdpRoomModel::Kind::Message && count > 0 && ++received >= count)
                loop.quit();
        });
    for (const QString &text : parser.values(SendOption))
        if (!sendText(text))
            return status;
    std::unique_ptr<QSocketNotifier> stdinNotifier;
    QFile in;
    if (fromStdin) {
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err << tr("Cannot read standard input.") << Qt::endl;
            return 2;
        }
        stdinNotifier = std::make_unique<QSocketNotifier>(0, QSocketNotifier::Read);
        QObject::connect(stdinNotifier.get(), &QSocketNotifier::activated, &loop, [&] {
            const QByteArray bytes = in.readLine();
            if (bytes.isEmpty()) { // end of input
                stdinNotifier->setEnabled(false);
                finishSending();
                return;
            }
            const QString text = QString::fromUtf8(bytes).trimmed();
            if (!text.isEmpty() && !sendText(text))
                loop.quit();
        });
    } else {
        finishSending();
    }
    if (listen && timeoutMs > 0)
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    room.leave();
    return status;
}

} // namespace Switchboard
