// Chat flood benchmark: an offscreen GUI client (ClientSession + ChatView, the real chat tab)
// receives a flood sent by another client. The server and the sender run in a child process
// (this program with --serve), so this process holds only the GUI client: its RSS is the
// client's, and its GUI thread does only the client's work. Reports messages displayed per
// second, the GUI thread's CPU time, the longest event-loop stall (a 5 ms timer measuring its
// own lateness) and RSS before and after each round.
//   bench_flood [--messages 20000] [--rounds 2] [--window 5000]
// With --compare it measures instead what one append costs in MessageView and in QListView
// (same model and delegate) at 10 to 100,000 rows, no network.
#include "benchutil.h"
#include "procstatus.h"
#include "net/client/clientsession.h"
#include "net/client/conversationstore.h"
#include "net/client/messagelistmodel.h"
#include "threadedserver.h"
#include "widgets/chat/chattab.h"
#include "widgets/chat/chatview.h"
#include "widgets/chat/messagedelegate.h"
#include "widgets/chat/messageview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QListView>
#include <QProcess>
#include <QSocketNotifier>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <unistd.h>

using namespace Switchboard;
using Bench::threadCpuSeconds;

// Runs the event loop (blocking when idle, unlike a processEvents() loop that would spin and
// inflate the CPU figures) until done() or ms passed.
static bool waitFor(const std::function<bool()> &done, int ms)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(2);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

// A chat line of realistic length; every 7th has a link, every 11th two lines.
static QString floodText(int round, int n)
{
    QString text = QStringLiteral("r%1 #%2 the quick brown fox jumps over the lazy dog 敏捷的棕色狐狸").arg(round).arg(n);
    if (n % 7 == 0)
        text += QStringLiteral(" see https://example.org/item/%1").arg(n);
    if (n % 11 == 0)
        text += QStringLiteral("\nand a second line to make this row taller");
    return text;
}

// --serve: the server (own thread) and the flooding client. Prints "ready PORT" once the
// sender is in the lobby; on "flood ROUND N" sends N messages and prints "acked MS" when the
// server has acknowledged them all; exits when stdin closes.
static int serve(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Bench::ThreadedServer server;
    const quint16 port = server.port();

    ClientSession sender;
    sender.setAutoReconnect(false);
    sender.setSendWindow(1 << 30); // a flood: every message written at once, no send window
    sender.logIn(QStringLiteral("127.0.0.1"), port, QStringLiteral("flooder"), QStringLiteral("pw"), true);
    if (!waitFor([&] { return !sender.members(QStringLiteral("lobby")).isEmpty(); }, 60000)) {
        std::fprintf(stderr, "sender did not log in\n");
        return 1;
    }
    int acked = 0;
    int expected = -1;
    QElapsedTimer clock;
    QObject::connect(&sender, &ClientSession::messageSent, [&] {
        if (++acked == expected) {
            std::printf("acked %lld\n", (long long)clock.elapsed());
            std::fflush(stdout);
        }
    });
    std::printf("ready %u\n", unsigned(port));
    std::fflush(stdout);

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QByteArray pending;
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char buf[256];
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n <= 0) {
            app.quit();
            return;
        }
        pending.append(buf, n);
        qsizetype eol;
        while ((eol = pending.indexOf('\n')) >= 0) {
            const QList<QByteArray> words = pending.left(eol).split(' ');
            pending.remove(0, eol + 1);
            if (words.value(0) != "flood")
                continue;
            const int round = words.value(1).toInt();
            const int count = words.value(2).toInt();
            acked = 0;
            expected = count;
            clock.start();
            for (int i = 1; i <= count; ++i)
                sender.sendToRoom(QStringLiteral("lobby"), floodText(round, i));
        }
    });
    app.exec();
    sender.logOut();
    return 0;
}

// Measures how late a 5 ms timer fires on the GUI thread: the longest blocked stretch. On a
// shared machine part of a stall is the thread waiting for a CPU, so it also records the CPU
// time the thread itself spent between two ticks: the stall its own work caused.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const double cpu = threadCpuSeconds();
            const double late = double(now - m_last) / 1e6 - 5.0;
            m_worst = std::max(m_worst, late);
            m_worstBusy = std::max(m_worstBusy, (cpu - m_lastCpu) * 1000.0);
            m_over50 += late > 50;
            m_last = now;
            m_lastCpu = cpu;
        });
    }
    void start()
    {
        m_worst = m_worstBusy = 0;
        m_over50 = 0;
        m_clock.start();
        m_last = 0;
        m_lastCpu = threadCpuSeconds();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double worstMs() const { return m_worst; }
    double worstBusyMs() const { return m_worstBusy; }
    int over50() const { return m_over50; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_lastCpu = 0;
    double m_worst = 0;
    double m_worstBusy = 0;
    int m_over50 = 0;
};

static int flood(QApplication &app, int messages, int rounds, int window)
{
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    server.start(app.applicationFilePath(), {QStringLiteral("--serve")});
    QByteArray out;
    auto readLine = [&](const char *prefix, int ms) -> QByteArray {
        QByteArray line;
        waitFor([&] {
            out += server.readAllStandardOutput();
            const qsizetype eol = out.indexOf('\n');
            if (eol < 0)
                return false;
            line = out.left(eol);
            out.remove(0, eol + 1);
            return line.startsWith(prefix);
        }, ms);
        return line;
    };
    const QByteArray ready = readLine("ready ", 60000);
    if (!ready.startsWith("ready ")) {
        std::fprintf(stderr, "server process did not start\n");
        return 1;
    }
    const quint16 port = quint16(ready.mid(6).toUInt());

    ClientSession session;
    session.conversations()->setMaxRows(window);
    QWidget top;
    top.resize(1000, 700);
    ChatView *chat = new ChatView(&session, &top);
    chat->resize(top.size());
    top.show();
    session.logIn(QStringLiteral("127.0.0.1"), port, QStringLiteral("viewer"), QStringLiteral("pw"), true);
    if (!waitFor([&] { return chat->tabForRoom(QStringLiteral("lobby"), false) && !session.members(QStringLiteral("lobby")).isEmpty(); }, 60000)) {
        std::fprintf(stderr, "GUI client did not log in\n");
        return 1;
    }
    ChatTab *lobby = chat->tabForRoom(QStringLiteral("lobby"));
    chat->tabs()->setCurrentWidget(lobby);
    MessageListModel *model = lobby->model();
    qint64 shown = 0;
    int lastPaintRows = 0;
    QObject::connect(model, &QAbstractItemModel::rowsInserted, [&](const QModelIndex &, int first, int last) {
        shown += last - first + 1;
    });
    waitFor([] { return false; }, 300);

    std::printf("chat flood: %d messages per round into an offscreen ChatView (1000x700), row window %d;\n"
                "server and sender in a child process\n", messages, window);
    std::printf("| round | displayed | seconds | msgs/s | GUI thread CPU s | capacity msgs/s | longest stall ms (wall / own CPU) "
                "| stalls > 50 ms | rows kept | RSS before → after MiB |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
    StallMeter stalls;
    bool ok = true;
    for (int round = 1; round <= rounds; ++round) {
        const double rssBefore = Bench::rssMiB();
        shown = 0;
        stalls.start();
        const double cpu0 = threadCpuSeconds();
        QElapsedTimer wall;
        wall.start();
        server.write(QStringLiteral("flood %1 %2\n").arg(round).arg(messages).toLatin1());
        const bool done = waitFor([&] { return shown >= messages; }, 300000);
        const double seconds = wall.nsecsElapsed() / 1e9;
        const double cpu = threadCpuSeconds() - cpu0;
        // The last frame is painted: the view followed the flood to its end.
        waitFor([&] { return lobby->view()->isFollowingBottom(); }, 1000);
        stalls.stop();
        const QByteArray acked = readLine("acked ", 10000);
        lastPaintRows = model->rowCount();
        std::printf("| %d | %lld | %.2f | %.0f | %.2f | %.0f | %.1f / %.1f | %d | %d | %.1f → %.1f |\n", round,
                    (long long)shown, seconds, shown / seconds, cpu, shown / cpu, stalls.worstMs(), stalls.worstBusyMs(),
                    stalls.over50(), lastPaintRows, rssBefore, Bench::rssMiB());
        if (acked.startsWith("acked "))
            std::printf("|   | (server acknowledged the sender's %d messages after %.2f s) |||||||||\n", messages,
                        acked.mid(6).toDouble() / 1000.0);
        ok = ok && done;
    }
    std::fflush(stdout);
    session.logOut();
    server.closeWriteChannel();
    waitFor([&] { return server.state() == QProcess::NotRunning; }, 10000);
    return ok ? 0 : 1;
}

struct AppendCost
{
    double appendMs; // append one message and lay the view out
    double paintMs;  // repaint the whole viewport
    double resizeMs; // a new width: every row measured again
};

// What one append costs in a view already holding `rows` rows.
template <typename View> static AppendCost appendCost(int rows, int appends)
{
    MessageListModel model(QStringLiteral("me"));
    model.setMaxRows(rows + appends + 10);
    View view;
    view.resize(800, 600);
    if constexpr (std::is_same_v<View, QListView>)
        view.setItemDelegate(new MessageDelegate(&view));
    view.setModel(&model);
    view.show();
    auto message = [](int i) {
        ChatMessage m;
        m.id = i;
        m.timestampMs = 1760000000000 + i * 1000;
        m.sender = i % 3 ? QStringLiteral("bob") : QStringLiteral("me");
        m.text = floodText(0, i);
        return m;
    };
    QList<ChatMessage> batch;
    for (int i = 1; i <= rows; ++i)
        batch.append(message(i));
    model.mergeHistory(batch);
    view.doItemsLayout();
    view.viewport()->repaint();
    QCoreApplication::processEvents();
    QElapsedTimer t;
    t.start();
    for (int i = 1; i <= appends; ++i) {
        model.appendMessage(message(rows + i));
        view.doItemsLayout();
    }
    AppendCost cost;
    cost.appendMs = t.nsecsElapsed() / 1e6 / appends;
    t.restart();
    for (int i = 0; i < 10; ++i)
        view.viewport()->repaint();
    cost.paintMs = t.nsecsElapsed() / 1e6 / 10;
    t.restart();
    view.resize(700, 600);
    view.doItemsLayout();
    cost.resizeMs = t.nsecsElapsed() / 1e6;
    return cost;
}

static int compare()
{
    std::printf("one append (append a message, lay the view out) and one full repaint, ms, 800x600 view\n");
    std::printf("| rows shown | MessageView append | QListView + MessageDelegate append | MessageView repaint | QListView repaint "
                "| MessageView new width |\n|---|---|---|---|---|---|\n");
    appendCost<MessageView>(100, 10); // warm font and glyph caches
    for (int rows : {10, 1000, 5000, 10000, 100000}) {
        const AppendCost own = appendCost<MessageView>(rows, 1000);
        const AppendCost list = appendCost<QListView>(rows, rows >= 100000 ? 3 : rows >= 10000 ? 10 : 50);
        std::printf("| %d | %.3f | %.2f | %.2f | %.2f | %.1f |\n", rows, own.appendMs, list.appendMs, own.paintMs,
                    list.paintMs, own.resizeMs);
        std::fflush(stdout);
    }
    return 0;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], "--serve") == 0)
            return serve(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int messages = 20000;
    int rounds = 2;
    int window = MessageListModel::DefaultMaxRows;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--compare"))
            return compare();
        if (i + 1 >= args.size())
            continue;
        if (args.at(i) == QLatin1String("--messages"))
            messages = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--rounds"))
            rounds = args.at(i + 1).toInt();
        else if (args.at(i) == QLatin1String("--window"))
            window = args.at(i + 1).toInt();
    }
    return flood(app, messages, rounds, window);
}
