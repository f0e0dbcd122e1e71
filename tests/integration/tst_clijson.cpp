// switchboard-cli for scripts (issue 12, item 7): with --json every command prints one JSON
// object per line, results on stdout and errors with their code on stderr; `download -o -`
// writes the verified file to stdout. Runs the real binary against an in-process server.
#include "cliprocess.h"
#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Switchboard;

namespace {

// Each line of a stream as a JSON object; an empty list when any line is not one.
QList<QJsonObject> objects(const QByteArray &stream)
{
    QList<QJsonObject> list;
    for (const QByteArray &line : stream.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {};
        list.append(doc.object());
    }
    return list;
}

struct Run : Test::CliRun
{
    QList<QJsonObject> results() const { return objects(out); }
    QList<QJsonObject> errors() const { return objects(err); }
};

} // namespace

class TestCliJson : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void everyCommandSpeaksJson();

private:
    Run cli(const QString &user, const QStringList &arguments, bool json = true);
    std::unique_ptr<Test::TestServer> m_server;
};

void TestCliJson::initTestCase()
{
    if (!Test::cliBuilt())
        QSKIP("switchboard-cli is not built");
    m_server = std::make_unique<Test::TestServer>();
    QVERIFY(m_server->ok());
}

Run TestCliJson::cli(const QString &user, const QStringList &arguments, bool json)
{
    return Run{Test::runCli(m_server->port(), user, json ? QStringList{QStringLiteral("--json")} + arguments : arguments)};
}

void TestCliJson::everyCommandSpeaksJson()
{
    const QString alice = QStringLiteral("alice");
    Run r = cli(alice, {QStringLiteral("register")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.results().value(0).value(QStringLiteral("type")).toString(), QStringLiteral("registered"));

    r = cli(alice, {QStringLiteral("send"), QStringLiteral("lobby"), QStringLiteral("one"), QStringLiteral("two")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.results().size(), 2);
    QVERIFY(r.results().at(1).value(QStringLiteral("msg")).toInteger() > r.results().at(0).value(QStringLiteral("msg")).toInteger());

    r = cli(alice, {QStringLiteral("room"), QStringLiteral("create"), QStringLiteral("team"), QStringLiteral("--private")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.results().value(0).value(QStringLiteral("type")).toString(), QStringLiteral("room.created"));
    r = cli(alice, {QStringLiteral("room"), QStringLiteral("members"), QStringLiteral("team")});
    QCOMPARE(r.results().value(0).value(QStringLiteral("owner")).toString(), alice);
    QCOMPARE(r.results().value(0).value(QStringLiteral("members")).toArray(), QJsonArray{alice});

    // Errors: the code, on stderr, and the documented exit status.
    r = cli(QStringLiteral("mallory"), {QStringLiteral("send"), QStringLiteral("lobby"), QStringLiteral("x")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.errors().value(0).value(QStringLiteral("error")).toString(), QStringLiteral("auth_failed"));
    r = cli(alice, {QStringLiteral("room"), QStringLiteral("members"), QStringLiteral("nosuchroom")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.errors().value(0).value(QStringLiteral("error")).toString(), QStringLiteral("not_a_member"));
    r = cli(alice, {QStringLiteral("frobnicate")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.errors().value(0).value(QStringLiteral("error")).toString(), QStringLiteral("usage"));
    r = cli(alice, {QStringLiteral("--no-such-option"), QStringLiteral("send")});
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.errors().value(0).value(QStringLiteral("error")).toString(), QStringLiteral("usage"));

    // A file up, then down to stdout: the bytes themselves on stdout, the result on stderr.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.bin"));
    QByteArray content;
    for (int i = 0; i < 300000; ++i)
        content.append(char(i * 7));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    r = cli(alice, {QStringLiteral("upload"), path, QStringLiteral("--room"), QStringLiteral("lobby")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject uploaded = r.results().value(0);
    QCOMPARE(uploaded.value(QStringLiteral("type")).toString(), QStringLiteral("uploaded"));
    QCOMPARE(uploaded.value(QStringLiteral("size")).toInteger(), content.size());
    const QString id = QString::number(uploaded.value(QStringLiteral("file")).toInteger());
    r = cli(alice, {QStringLiteral("download"), id, QStringLiteral("-o"), QStringLiteral("-")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, content);
    QCOMPARE(r.errors().value(0).value(QStringLiteral("type")).toString(), QStringLiteral("downloaded"));
    QVERIFY(!QFile::exists(QStringLiteral("-"))); // not a file named "-"
    // Without --json the same command still writes only the file to stdout.
    r = cli(alice, {QStringLiteral("download"), id, QStringLiteral("-o"), QStringLiteral("-")}, false);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, content);
    r = cli(alice, {QStringLiteral("download"), QStringLiteral("999999"), QStringLiteral("-o"), QStringLiteral("-")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.errors().value(0).value(QStringLiteral("error")).toString(), QStringLiteral("file_not_found"));
}

QTEST_MAIN(TestCliJson)
#include "tst_clijson.moc"
