// DeviceTokens and FailedLoginLog on a real SQLite database; SettingsTokenKeeper's file.
#include "net/auth/devicetokens.h"
#include "net/auth/failedloginlog.h"
#include "net/client/filetokenkeeper.h"
#include "net/client/settingstokenkeeper.h"
#include "net/storage/database.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Switchboard;

class tst_DeviceTokenStore : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void issuedTokensAreValidForTheirAccountOnly();
    void storedOnlyAsHash();
    void idleTokensExpire();
    void oldestGoBeyondTheCap();
    void failedLoginsCountedAndTaken();
    void keeperFileIsOwnerOnly();
    void fileKeeperOneFilePerAccount();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
};

void tst_DeviceTokenStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = std::make_unique<Database>();
    QString error;
    QVERIFY2(m_db->open(m_dir->filePath(QStringLiteral("t.db")), &error), qPrintable(error));
}

void tst_DeviceTokenStore::cleanup()
{
    m_db.reset();
    m_dir.reset();
}

void tst_DeviceTokenStore::issuedTokensAreValidForTheirAccountOnly()
{
    DeviceTokens tokens(*m_db);
    const QString a = tokens.issue(QStringLiteral("alice"));
    const QString b = tokens.issue(QStringLiteral("alice"));
    QCOMPARE(a.size(), DeviceTokens::TokenChars);
    QVERIFY(a != b);
    QVERIFY(!tokens.validKey(QStringLiteral("alice"), a).isEmpty());
    QVERIFY(tokens.validKey(QStringLiteral("alice"), a) != tokens.validKey(QStringLiteral("alice"), b));
    QVERIFY(tokens.validKey(QStringLiteral("Alice"), a).isEmpty());
    QVERIFY(tokens.validKey(QStringLiteral("bob"), a).isEmpty());
    QVERIFY(tokens.validKey(QStringLiteral("alice"), a.left(42)).isEmpty());
    QVERIFY(tokens.validKey(QStringLiteral("alice"), QString()).isEmpty());
    QVERIFY(tokens.revokeAll(QStringLiteral("alice")));
    QVERIFY(tokens.validKey(QStringLiteral("alice"), a).isEmpty());
}

void tst_DeviceTokenStore::storedOnlyAsHash()
{
    DeviceTokens tokens(*m_db);
    const QString token = tokens.issue(QStringLiteral("alice"));
    const QByteArray raw = QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding);
    QCOMPARE(raw.size(), 32);
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT hash FROM device_tokens")) && q.next());
    QCOMPARE(q.value(0).toByteArray(), QCryptographicHash::hash(raw, QCryptographicHash::Sha256));
}

void tst_DeviceTokenStore::idleTokensExpire()
{
    DeviceTokens tokens(*m_db);
    const QString token = tokens.issue(QStringLiteral("alice"));
    const QString key = tokens.validKey(QStringLiteral("alice"), token);
    QVERIFY(!key.isEmpty());
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE device_tokens SET last_used = ?"));
    q.addBindValue(QDateTime::currentSecsSinceEpoch() - qint64(DeviceTokens::MaxIdleDays) * 86400 - 10);
    QVERIFY(q.exec());
    QVERIFY(tokens.validKey(QStringLiteral("alice"), token).isEmpty());
    tokens.markUsed(key); // only a login presenting it can do that, and it would have failed
    QVERIFY(!tokens.validKey(QStringLiteral("alice"), token).isEmpty());
}

void tst_DeviceTokenStore::oldestGoBeyondTheCap()
{
    DeviceTokens tokens(*m_db);
    const QString first = tokens.issue(QStringLiteral("alice"));
    const QString bobs = tokens.issue(QStringLiteral("bob"));
    // Make `first` the oldest by its last use, then issue past the cap.
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE device_tokens SET last_used = last_used - 100")));
    QString last;
    for (int i = 0; i < DeviceTokens::MaxPerUser; ++i)
        last = tokens.issue(QStringLiteral("alice"));
    QCOMPARE(tokens.count(QStringLiteral("alice")), DeviceTokens::MaxPerUser);
    QVERIFY(tokens.validKey(QStringLiteral("alice"), first).isEmpty());
    QVERIFY(!tokens.validKey(QStringLiteral("alice"), last).isEmpty());
    QVERIFY(!tokens.validKey(QStringLiteral("bob"), bobs).isEmpty()); // others untouched
}

void tst_DeviceTokenStore::failedLoginsCountedAndTaken()
{
    FailedLoginLog log(*m_db);
    QCOMPARE(log.take(QStringLiteral("alice")).count, 0);
    log.record(QStringLiteral("alice"), QStringLiteral("10.0.0.4"), 1000);
    log.record(QStringLiteral("alice"), QStringLiteral("10.0.0.5"), 2000);
    log.record(QStringLiteral("bob"), QStringLiteral("10.0.0.9"), 3000);
    QCOMPARE(log.peek(QStringLiteral("alice")).count, 2);
    const Protocol::FailedLogins f = log.take(QStringLiteral("alice"));
    QCOMPARE(f.count, 2);
    QCOMPARE(f.lastMs, 2000);
    QCOMPARE(f.lastFrom, QStringLiteral("10.0.0.5"));
    QCOMPARE(log.take(QStringLiteral("alice")).count, 0);
    QCOMPARE(log.peek(QStringLiteral("bob")).count, 1);
}

void tst_DeviceTokenStore::keeperFileIsOwnerOnly()
{
    const QString path = m_dir->filePath(QStringLiteral("cli/device-tokens.ini"));
    {
        SettingsTokenKeeper keeper(path);
        keeper.setToken(QStringLiteral("alice@::1:5151"), QStringLiteral("tokenA"));
        keeper.setToken(QStringLiteral("alice@127.0.0.1:5151"), QStringLiteral("tokenB"));
        keeper.setToken(QStringLiteral("a/b\\c@host:1"), QStringLiteral("tokenC"));
    }
    QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    SettingsTokenKeeper again(path);
    QCOMPARE(again.token(QStringLiteral("alice@::1:5151")), QStringLiteral("tokenA"));
    QCOMPARE(again.token(QStringLiteral("alice@127.0.0.1:5151")), QStringLiteral("tokenB"));
    QCOMPARE(again.token(QStringLiteral("a/b\\c@host:1")), QStringLiteral("tokenC"));
    QCOMPARE(again.token(QStringLiteral("bob@::1:5151")), QString());
}

void tst_DeviceTokenStore::fileKeeperOneFilePerAccount()
{
    const QString dir = m_dir->filePath(QStringLiteral("cli2/device-tokens"));
    const QStringList accounts{QStringLiteral("alice@::1:5151"), QStringLiteral("alice@127.0.0.1:5151"),
                               QStringLiteral("a/b\\c@host:1"), QStringLiteral("例@host:2")};
    {
        FileTokenKeeper keeper(dir);
        for (const QString &a : accounts)
            keeper.setToken(a, QStringLiteral("token-") + a);
    }
    QCOMPARE(QFileInfo(dir).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeGroup | QFile::ExeOther),
             QFile::Permissions());
    const QStringList files = QDir(dir).entryList(QDir::Files);
    QCOMPARE(files.size(), accounts.size()); // one each, nothing else (no lock file)
    FileTokenKeeper again(dir);
    for (const QString &a : accounts) {
        QCOMPARE(again.token(a), QStringLiteral("token-") + a);
        QCOMPARE(QFileInfo(again.fileOf(a)).permissions()
                     & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
    }
    QCOMPARE(again.token(QStringLiteral("bob@::1:5151")), QString());
    // A new token replaces the old one; an empty one removes the file.
    again.setToken(accounts.at(0), QStringLiteral("newer"));
    QCOMPARE(FileTokenKeeper(dir).token(accounts.at(0)), QStringLiteral("newer"));
    again.setToken(accounts.at(1), QString());
    QVERIFY(!QFile::exists(again.fileOf(accounts.at(1))));
    QCOMPARE(again.token(accounts.at(1)), QString());
    QCOMPARE(again.token(accounts.at(2)), QStringLiteral("token-") + accounts.at(2));
    // A file that names another account (a collision, or tampering) is not taken for this one.
    QFile foreign(again.fileOf(accounts.at(3)));
    QVERIFY(foreign.open(QIODevice::WriteOnly));
    foreign.write("mallory@host:2\nstolen\n");
    foreign.close();
    QCOMPARE(again.token(accounts.at(3)), QString());
}

QTEST_GUILESS_MAIN(tst_DeviceTokenStore)
#include "tst_devicetokenstore.moc"
