#include "net/core/configfile.h"

#include <QCommandLineParser>
#include <QTemporaryDir>
#include <QTest>

using namespace Switchboard;

class TestConfigFile : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QByteArray &text)
    {
        const QString path = m_dir.filePath(QStringLiteral("server.conf"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }

private slots:
    void linesBecomeArguments()
    {
        const QString path = write("# comment\n\n"
                                   "listen = 0.0.0.0:5151\n"
                                   "listen = [::]:5151\n"
                                   "  max-clients=500  \n"
                                   "no-register = yes\n"
                                   "bot = false\n"
                                   "data = \"/var/lib/switch board\"\n"
                                   "strict\n");
        QStringList args;
        QString error;
        QVERIFY2(ConfigFile::toArguments(path, &args, &error), qPrintable(error));
        QCOMPARE(args, (QStringList{QStringLiteral("--listen=0.0.0.0:5151"), QStringLiteral("--listen=[::]:5151"),
                                    QStringLiteral("--max-clients=500"), QStringLiteral("--no-register"),
                                    QStringLiteral("--data=/var/lib/switch board"), QStringLiteral("--strict")}));
    }

    void badLinesNameFileAndLine()
    {
        const QString path = write("listen = 1.2.3.4:5\n--max-clients = 3\n");
        QStringList args;
        QString error;
        QVERIFY(!ConfigFile::toArguments(path, &args, &error));
        QVERIFY2(error.contains(path + QStringLiteral(":2:")), qPrintable(error));

        QVERIFY(!ConfigFile::toArguments(write("config = /etc/other.conf\n"), &args, &error));
        QVERIFY2(error.contains(QStringLiteral("cannot name another")), qPrintable(error));

        QVERIFY(!ConfigFile::toArguments(m_dir.filePath(QStringLiteral("missing.conf")), &args, &error));
        QVERIFY(error.contains(QStringLiteral("missing.conf")));
    }

    void commandLineWinsOverFile()
    {
        const QString path = write("max-clients = 500\nhistory = 10\n");
        QStringList merged;
        QString error, used;
        const QStringList argv{QStringLiteral("prog"), QStringLiteral("--config"), path, QStringLiteral("--history=20")};
        QVERIFY2(ConfigFile::withConfigArguments(argv, QString(), &merged, &error, &used), qPrintable(error));
        QCOMPARE(used, path);

        QCommandLineParser parser;
        QCommandLineOption config(QStringLiteral("config"), QString(), QStringLiteral("FILE"));
        QCommandLineOption clients(QStringLiteral("max-clients"), QString(), QStringLiteral("N"), QStringLiteral("1000"));
        QCommandLineOption history(QStringLiteral("history"), QString(), QStringLiteral("N"), QStringLiteral("50"));
        parser.addOptions({config, clients, history});
        QVERIFY2(parser.parse(merged), qPrintable(parser.errorText()));
        QCOMPARE(parser.value(clients), QStringLiteral("500"));
        QCOMPARE(parser.value(history), QStringLiteral("20")); // the last value: the command line's
    }

    void defaultPathOnlyWhenPresent()
    {
        QStringList merged;
        QString error, used;
        const QStringList argv{QStringLiteral("prog"), QStringLiteral("--bot")};
        QVERIFY(ConfigFile::withConfigArguments(argv, m_dir.filePath(QStringLiteral("none.conf")), &merged, &error, &used));
        QCOMPARE(merged, argv);
        QVERIFY(used.isEmpty());

        const QString path = write("bot\n");
        QVERIFY(ConfigFile::withConfigArguments(argv, path, &merged, &error, &used));
        QCOMPARE(used, path);
        QCOMPARE(merged, (QStringList{QStringLiteral("prog"), QStringLiteral("--bot"), QStringLiteral("--bot")}));

        QVERIFY(!ConfigFile::withConfigArguments({QStringLiteral("prog"), QStringLiteral("--config")}, QString(), &merged, &error));
    }
};

QTEST_GUILESS_MAIN(TestConfigFile)
#include "tst_configfile.moc"
