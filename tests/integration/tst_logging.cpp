// Server logging: lines go to the switchboard.* categories in English whatever the language,
// the GUI feed (logMessage) carries the same text, and QT_LOGGING_RULES decides what is printed.

#include "net/core/logging.h"
#include "net/core/translations.h"
#include "net/server/chatserver.h"

#include <QMutex>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Switchboard;

namespace {

struct Logged
{
    QString category;
    QtMsgType type;
    QString text;
};

QMutex s_mutex;
QList<Logged> s_logged;
QtMessageHandler s_previous = nullptr;

void record(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    {
        QMutexLocker lock(&s_mutex);
        s_logged.append(Logged{QString::fromLatin1(context.category), type, text});
    }
    s_previous(type, context, text);
}

QList<Logged> loggedIn(const QString &category)
{
    QMutexLocker lock(&s_mutex);
    QList<Logged> out;
    for (const Logged &l : std::as_const(s_logged))
        if (l.category == category)
            out.append(l);
    return out;
}

} // namespace

class TestLogging : public QObject
{
    Q_OBJECT
private:
    // A client that connects and says nothing: the server logs that it timed out.
    static QString helloTimeoutLine(ChatServer &server)
    {
        QSignalSpy lines(&server, &ChatServer::logMessage);
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, server.listeners().first().port);
        if (!lines.wait(10000))
            return QString();
        return lines.first().first().toString();
    }

private slots:
    void initTestCase()
    {
        s_previous = qInstallMessageHandler(record);
        // Chinese translations loaded: a line written with tr() would come out in Chinese.
        qputenv("SWITCHBOARD_LANG", "zh_CN");
        installTranslations(*QCoreApplication::instance());
        QVERIFY2(QCoreApplication::translate("Switchboard::ChatClient", "Cancelled.") != QLatin1String("Cancelled."),
                 "the zh_CN translation is not loaded: the test would prove nothing");
    }

    void cleanup()
    {
        QLoggingCategory::setFilterRules(QString());
        QMutexLocker lock(&s_mutex);
        s_logged.clear();
    }

    void linesAreEnglishAndCategorised()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("switchboard.server.debug=true"));
        ChatServer server;
        server.setHelloTimeout(100);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        const QString line = helloTimeoutLine(server);
        static const QRegularExpression english(QStringLiteral("^127\\.0\\.0\\.1:\\d+: no hello within 100 ms, disconnecting$"));
        QVERIFY2(english.match(line).hasMatch(), qPrintable(line));

        const QList<Logged> logged = loggedIn(QStringLiteral("switchboard.server"));
        QStringList texts;
        for (const Logged &l : logged)
            texts.append(l.text);
        QVERIFY2(texts.contains(line), qPrintable(texts.join(u'\n'))); // the same line, at info level
        QVERIFY2(texts.filter(QRegularExpression(QStringLiteral(" connected$"))).size() == 1, // debug, enabled above
                 qPrintable(texts.join(u'\n')));
    }

    void rulesSilenceACategory()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("switchboard.server.info=false"));
        ChatServer server;
        server.setHelloTimeout(100);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QVERIFY(!helloTimeoutLine(server).isEmpty()); // the GUI feed still has it
        QVERIFY(loggedIn(QStringLiteral("switchboard.server")).isEmpty());
    }

    void serverHonoursQtLoggingRules()
    {
        // The real binary, started twice: its default shows the server's lines (time, category,
        // English text); QT_LOGGING_RULES turns a category off.
        QString dir = qEnvironmentVariable("SWITCHBOARD_BINARY_DIR");
        if (dir.isEmpty())
            dir = QCoreApplication::applicationDirPath() + QStringLiteral("/..");
        const QString program = dir + QStringLiteral("/app/switchboard-server");
        QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program + " is not built"));

        auto runOnce = [&](const QString &rules) -> QString {
            QTemporaryDir data;
            QProcess proc;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("SWITCHBOARD_LANG"), QStringLiteral("zh_CN"));
            env.remove(QStringLiteral("QT_MESSAGE_PATTERN"));
            if (rules.isEmpty())
                env.remove(QStringLiteral("QT_LOGGING_RULES"));
            else
                env.insert(QStringLiteral("QT_LOGGING_RULES"), rules);
            proc.setProcessEnvironment(env);
            proc.start(program, {"--listen", "127.0.0.1:0", "--data", data.path()});
            if (!proc.waitForStarted(30000))
                return QStringLiteral("<did not start>");
            QByteArray out;
            if (!QTest::qWaitFor([&] { return (out += proc.readAllStandardOutput()).contains("listening on"); }, 30000))
                return QStringLiteral("<did not listen>");
            proc.terminate();
            if (!proc.waitForFinished(30000))
                proc.kill();
            return QString::fromUtf8(proc.readAllStandardError());
        };

        const QString shown = runOnce(QString());
        static const QRegularExpression line(QStringLiteral(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3} switchboard\\.server: database .* applied migration 1 "),
            QRegularExpression::MultilineOption);
        QVERIFY2(line.match(shown).hasMatch(), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("switchboard.server: shutting down")), qPrintable(shown));

        const QString hidden = runOnce(QStringLiteral("switchboard.server.info=false"));
        QVERIFY2(!hidden.contains(QLatin1String("switchboard.server")), qPrintable(hidden));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
