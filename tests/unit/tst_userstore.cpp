// UserStore: SQLite account table, userinfo import, and a SCRAM login against stored verifiers.

#include "net/auth/credentials.h"
#include "net/auth/scramclient.h"
#include "net/auth/scramserver.h"
#include "net/auth/userstore.h"
#include "net/storage/database.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Switchboard;

namespace {

const int Iterations = 4096; // keep the tests fast

QString zhangSan()
{
    return QString::fromUtf8("\xe5\xbc\xa0\xe4\xb8\x89"); // 张三
}

ScramVerifier verifierFor(const QString &user, const QString &password)
{
    return Credentials::deriveVerifier(Credentials::scramPassword(user, password), Iterations);
}

// A full SCRAM exchange of a client knowing `password` against the store; true if both sides agree.
bool login(UserStore &store, const QString &user, const QString &password)
{
    const QByteArray secret = store.serverSecret();
    if (secret.isEmpty())
        return false;
    ScramClient client(user);
    ScramServer server(store.lookup(), secret);
    const QByteArray challenge = server.handleClientFirst(client.clientFirstMessage());
    if (challenge.isEmpty() || !client.handleServerFirst(challenge))
        return false;
    if (!client.computeProofWithPassword(Credentials::scramPassword(user, password)))
        return false;
    const QByteArray final = server.handleClientFinal(client.clientFinalMessage());
    return !final.isEmpty() && client.handleServerFinal(final) && server.isAuthenticated() && server.user() == user;
}

QByteArray readAllFiles(const QString &dbPath)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-journal"), QStringLiteral("-wal")}) {
        QFile f(dbPath + suffix);
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

} // namespace

class tst_UserStore : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void openCreatesDatabase();
    void addListRemove();
    void duplicateNames();
    void userNameValidation_data();
    void userNameValidation();
    void lookAlikeNames();
    void reservedNames();
    void nameKeyLookupUsesIndex();
    void existingUsersGetKeys();
    void databaseErrorIsLogged();
    void rejectsBadVerifier();
    void persistedAcrossReopen();
    void setVerifier();
    void serverSecret();
    void twoInstances();
    void noSecretsInFile();
    void importUserInfo();
    void importFailures();
    void loginWithStoredVerifier();
    void closedStore();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString dbPath() const { return m_dir->filePath(QStringLiteral("data/switchboard.db")); }
};

void tst_UserStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_UserStore::cleanup()
{
    m_dir.reset();
}

void tst_UserStore::openCreatesDatabase()
{
    Database db;
    UserStore store(db);
    QVERIFY(!store.isOpen());
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error)); // also creates data/
    QVERIFY(store.isOpen());
    QVERIFY(QFile::exists(dbPath()));
    QVERIFY(!(QFile::permissions(dbPath()) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
    QCOMPARE(store.userCount(), 0);
    QVERIFY(store.users().isEmpty());
    db.close();
    QVERIFY(!store.isOpen());
    QVERIFY(!store.addUser(QStringLiteral("alice"), verifierFor(QStringLiteral("alice"), QStringLiteral("pw"))));
    QCOMPARE(store.lastError(), UserStore::Error::NotOpen);
}

void tst_UserStore::addListRemove()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    QString error;
    QVERIFY2(store.addUser(QStringLiteral("bob"), verifierFor(QStringLiteral("bob"), QStringLiteral("pw")), &error),
             qPrintable(error));
    QVERIFY(store.addUser(QStringLiteral("alice"), verifierFor(QStringLiteral("alice"), QStringLiteral("pw"))));
    QVERIFY(store.addUser(zhangSan(), verifierFor(zhangSan(), QStringLiteral("pw"))));
    QCOMPARE(store.users(), (QStringList{QStringLiteral("alice"), QStringLiteral("bob"), zhangSan()}));
    QCOMPARE(store.userCount(), 3);
    QVERIFY(store.contains(zhangSan()));
    QVERIFY(!store.contains(QStringLiteral("carol")));
    QVERIFY(store.created(QStringLiteral("alice")).isValid());
    QVERIFY(qAbs(store.created(QStringLiteral("alice")).secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QVERIFY(!store.created(QStringLiteral("carol")).isValid());
    QVERIFY(store.verifier(QStringLiteral("alice")).has_value());
    QVERIFY(!store.verifier(QStringLiteral("carol")).has_value());
    QCOMPARE(store.lastError(), UserStore::Error::NoSuchUser);

    QVERIFY(store.removeUser(QStringLiteral("bob"), &error));
    QCOMPARE(store.users(), (QStringList{QStringLiteral("alice"), zhangSan()}));
    QVERIFY(!store.removeUser(QStringLiteral("bob"), &error));
    QCOMPARE(store.lastError(), UserStore::Error::NoSuchUser);
    QVERIFY(!error.isEmpty());
    // The name is free again.
    QVERIFY(store.addUser(QStringLiteral("bob"), verifierFor(QStringLiteral("bob"), QStringLiteral("new"))));
}

void tst_UserStore::duplicateNames()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    const ScramVerifier first = verifierFor(QStringLiteral("alice"), QStringLiteral("one"));
    QVERIFY(store.addUser(QStringLiteral("alice"), first));
    QString error;
    QVERIFY(!store.addUser(QStringLiteral("alice"), verifierFor(QStringLiteral("alice"), QStringLiteral("two")), &error));
    QCOMPARE(store.lastError(), UserStore::Error::UserExists);
    QVERIFY(error.contains(QStringLiteral("alice")));
    QCOMPARE(*store.verifier(QStringLiteral("alice")), first); // unchanged
    // Case variants are taken too (no look-alike accounts).
    QVERIFY(!store.addUser(QStringLiteral("Alice"), verifierFor(QStringLiteral("Alice"), QStringLiteral("x")), &error));
    QCOMPARE(store.lastError(), UserStore::Error::UserExists);
    QCOMPARE(store.userCount(), 1);
}

void tst_UserStore::userNameValidation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QStringLiteral("alice") << true;
    QTest::newRow("one char") << QStringLiteral("a") << true;
    QTest::newRow("punctuation allowed") << QStringLiteral("A.b-c_d9") << true;
    QTest::newRow("chinese") << zhangSan() << true;
    QTest::newRow("mixed") << (zhangSan() + QStringLiteral("_2024")) << true;
    QTest::newRow("greek") << QString::fromUtf8("\xce\x95\xce\xbb\xce\xad\xce\xbd\xce\xb7") << true;  // Ελένη
    QTest::newRow("nfc accent") << QString::fromUtf8("Zo\xc3\xab") << true;                              // Zoë
    QTest::newRow("32 chars") << QString(32, QLatin1Char('x')) << true;
    QTest::newRow("32 chinese") << zhangSan().repeated(16) << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("33 chars") << QString(33, QLatin1Char('x')) << false;
    QTest::newRow("33 chinese") << (zhangSan().repeated(16) + QStringLiteral("x")) << false;
    QTest::newRow("space") << QStringLiteral("a b") << false;
    QTest::newRow("leading space") << QStringLiteral(" alice") << false;
    QTest::newRow("ideographic space") << QString::fromUtf8("a\xe3\x80\x80" "b") << false;
    QTest::newRow("pipe") << QStringLiteral("a|b") << false;
    QTest::newRow("tab") << QStringLiteral("a\tb") << false;
    QTest::newRow("newline") << QStringLiteral("a\nb") << false;
    QTest::newRow("nul") << QString(QStringLiteral("ab")).insert(1, QChar(0)) << false;
    QTest::newRow("comma") << QStringLiteral("a,b") << false;
    QTest::newRow("equals") << QStringLiteral("a=b") << false;
    QTest::newRow("at") << QStringLiteral("a@b") << false;
    QTest::newRow("slash") << QStringLiteral("a/b") << false;
    QTest::newRow("emoji") << QString::fromUtf8("a\xf0\x9f\x98\x80") << false;
    QTest::newRow("zero width joiner") << QString::fromUtf8("a\xe2\x80\x8d" "b") << false;
    QTest::newRow("rtl override") << QString::fromUtf8("a\xe2\x80\xae" "b") << false;
    QTest::newRow("nfd accent") << QString::fromUtf8("Zoe\xcc\x88") << false;
    QTest::newRow("leading mark") << QString::fromUtf8("\xcc\x88" "a") << false;
    QTest::newRow("fullwidth comma") << QString::fromUtf8("a\xef\xbc\x8c" "b") << false;
    // One script per name (Unicode TS 39 "highly restrictive"): look-alikes of Latin names are refused.
    QTest::newRow("cyrillic") << QString::fromUtf8("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd") << true;          // Иван
    QTest::newRow("cyrillic a in latin") << QString::fromUtf8("\xd0\xb0lice") << false;                  // аlice
    QTest::newRow("greek o in latin") << QString::fromUtf8("b\xce\xbf" "b") << false;                    // bοb
    QTest::newRow("cyrillic and greek") << QString::fromUtf8("\xd0\x98\xce\xbb") << false;              // Иλ
    QTest::newRow("cyrillic digits") << QString::fromUtf8("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd_1.2") << true; // Иван_1.2
    QTest::newRow("latin and han") << (QStringLiteral("li_") + zhangSan()) << true;
    QTest::newRow("kanji and kana") << QString::fromUtf8("\xe5\xb1\xb1\xe3\x81\xa0\xe3\x82\xab") << true; // 山だカ
    QTest::newRow("hangul and han") << QString::fromUtf8("\xea\xb9\x80\xe9\x87\x91") << true;        // 김金
    QTest::newRow("hangul and kana") << QString::fromUtf8("\xea\xb9\x80\xe3\x82\xab") << false;      // 김カ
    QTest::newRow("fullwidth latin") << QString::fromUtf8("\xef\xbd\x81lice") << true; // valid alone, collides with alice
}

void tst_UserStore::userNameValidation()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QString reason;
    QCOMPARE(UserStore::isValidUserName(name, &reason), valid);
    QCOMPARE(reason.isEmpty(), valid);

    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    QCOMPARE(store.addUser(name, verifierFor(name, QStringLiteral("pw"))), valid);
    if (!valid)
        QCOMPARE(store.lastError(), UserStore::Error::InvalidUserName);
}

void tst_UserStore::lookAlikeNames()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    QVERIFY(store.addUser(QStringLiteral("alice"), verifierFor(QStringLiteral("alice"), QStringLiteral("pw"))));
    QVERIFY(store.addUser(QString::fromUtf8("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd"), verifierFor(QStringLiteral("x"), QStringLiteral("pw"))));
    QCOMPARE(UserStore::nameKey(QString::fromUtf8("\xef\xbd\x81lice")), QStringLiteral("alice"));
    QCOMPARE(UserStore::nameKey(QString::fromUtf8("\xef\xbc\xa1LICE")), QStringLiteral("alice"));
    const QStringList taken = {
        QString::fromUtf8("\xef\xbd\x81lice"),                 // fullwidth a
        QString::fromUtf8("\xef\xbd\x81\xef\xbd\x8c\xef\xbd\x89\xef\xbd\x83\xef\xbd\x85"), // all fullwidth
        QStringLiteral("ALICE"),
        QString::fromUtf8("\xd0\x98\xd0\x92\xd0\x90\xd0\x9d"), // ИВАН
    };
    for (const QString &name : taken) {
        QString error;
        QVERIFY2(!store.addUser(name, verifierFor(name, QStringLiteral("pw")), &error), qPrintable(name));
        QCOMPARE(store.lastError(), UserStore::Error::UserExists);
        QVERIFY2(error.contains(QStringLiteral("taken")), qPrintable(error));
    }
    // Mixed scripts are refused before any lookup.
    QVERIFY(!store.addUser(QString::fromUtf8("\xd0\xb0lice"), verifierFor(QStringLiteral("x"), QStringLiteral("pw"))));
    QCOMPARE(store.lastError(), UserStore::Error::InvalidUserName);
    QVERIFY(!store.addUser(QString::fromUtf8("b\xce\xbf" "b"), verifierFor(QStringLiteral("x"), QStringLiteral("pw"))));
    QCOMPARE(store.lastError(), UserStore::Error::InvalidUserName);
    QCOMPARE(store.userCount(), 2);
    // A name that is not a look-alike still registers, and is then taken in every form.
    QVERIFY(store.addUser(QStringLiteral("bob"), verifierFor(QStringLiteral("bob"), QStringLiteral("pw"))));
    QVERIFY(!store.addUser(QString::fromUtf8("\xef\xbd\x82ob"), verifierFor(QStringLiteral("x"), QStringLiteral("pw"))));
    // Removing a user frees every form of the name.
    QVERIFY(store.removeUser(QStringLiteral("alice")));
    QVERIFY(store.addUser(QStringLiteral("Alice"), verifierFor(QStringLiteral("Alice"), QStringLiteral("pw"))));
}

void tst_UserStore::reservedNames()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    for (const QString &name : {QStringLiteral("robot"), QStringLiteral("Robot"), QStringLiteral("admin"),
                                QStringLiteral("SERVER"), QStringLiteral("switchboard"),
                                QString::fromUtf8("\xef\xbd\x92obot")}) { // fullwidth r
        QVERIFY(UserStore::isReservedName(name));
        QString error;
        QVERIFY2(!store.addUser(name, verifierFor(name, QStringLiteral("pw")), &error), qPrintable(name));
        QCOMPARE(store.lastError(), UserStore::Error::UserExists);
        QVERIFY(error.contains(QStringLiteral("reserved")));
    }
    QVERIFY(!UserStore::isReservedName(QStringLiteral("robots")));
    QVERIFY(store.addUser(QStringLiteral("robots"), verifierFor(QStringLiteral("robots"), QStringLiteral("pw"))));
    QVERIFY(store.addUser(QStringLiteral("admin2"), verifierFor(QStringLiteral("admin2"), QStringLiteral("pw"))));
    QCOMPARE(store.userCount(), 2);
}

void tst_UserStore::nameKeyLookupUsesIndex()
{
    // Registration must not read every user: the key lookup is an index search.
    Database db;
    QVERIFY(db.open(dbPath()));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT name FROM users WHERE name_key = 'alice' LIMIT 1")));
    QString plan;
    while (q.next())
        plan += q.value(3).toString() + QLatin1Char('\n');
    QVERIFY2(plan.contains(QLatin1String("USING INDEX users_name_key")) || plan.contains(QLatin1String("USING COVERING INDEX users_name_key")),
             qPrintable(plan));
}

void tst_UserStore::existingUsersGetKeys()
{
    // A database made before migration 4 holds names without keys (and may hold look-alikes):
    // the migration computes their keys, and later registrations are checked against them.
    {
        Database old;
        QVERIFY(old.open(dbPath(), Database::migrations().mid(0, 3)));
        QSqlQuery q(old.connection());
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO users VALUES(?, 1, x'00', 4096, x'01', x'02', 1700000000)")));
        for (const QString &name : {QString::fromUtf8("\xef\xbc\xa1lice"), QStringLiteral("alice")}) { // Ａlice, alice
            q.addBindValue(name);
            QVERIFY(q.exec());
        }
    }
    Database db;
    QString error;
    QVERIFY2(db.open(dbPath(), &error), qPrintable(error));
    QVERIFY(db.appliedVersions().contains(4));
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM users WHERE name_key = 'alice'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2); // both kept: the index is not unique
    UserStore store(db);
    QVERIFY(!store.addUser(QStringLiteral("ALICE"), verifierFor(QStringLiteral("ALICE"), QStringLiteral("pw"))));
    QCOMPARE(store.lastError(), UserStore::Error::UserExists);
}

void tst_UserStore::databaseErrorIsLogged()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral("DROP TABLE users")));
    // The detail goes to the server log; AuthService answers internal_error with a fixed text.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^user database: Cannot look up the user \"alice\": .+")));
    QVERIFY(!store.addUser(QStringLiteral("alice"), verifierFor(QStringLiteral("alice"), QStringLiteral("pw"))));
    QCOMPARE(store.lastError(), UserStore::Error::Database);
}

void tst_UserStore::rejectsBadVerifier()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    ScramVerifier v = verifierFor(QStringLiteral("alice"), QStringLiteral("pw"));
    v.iterations = 1000;
    QString error;
    QVERIFY(!store.addUser(QStringLiteral("alice"), v, &error));
    QCOMPARE(store.lastError(), UserStore::Error::InvalidVerifier);
    QVERIFY(!error.isEmpty());
    v = verifierFor(QStringLiteral("alice"), QStringLiteral("pw"));
    v.serverKey.clear();
    QVERIFY(!store.addUser(QStringLiteral("alice"), v));
    QCOMPARE(store.lastError(), UserStore::Error::InvalidVerifier);
    QCOMPARE(store.userCount(), 0);
}

void tst_UserStore::persistedAcrossReopen()
{
    const ScramVerifier alice = verifierFor(QStringLiteral("alice"), QStringLiteral("pw"));
    const ScramVerifier zhang = verifierFor(zhangSan(), QStringLiteral("pw"));
    QDateTime created;
    {
        Database db;
        QVERIFY(db.open(dbPath()));
        UserStore store(db);
        QVERIFY(store.addUser(QStringLiteral("alice"), alice));
        QVERIFY(store.addUser(zhangSan(), zhang));
        created = store.created(QStringLiteral("alice"));
    }
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    QCOMPARE(store.users(), (QStringList{QStringLiteral("alice"), zhangSan()}));
    const auto back = store.verifier(QStringLiteral("alice"));
    QVERIFY(back.has_value());
    QCOMPARE(*back, alice);
    QCOMPARE(back->scheme, 1);
    QCOMPARE(back->iterations, Iterations);
    QCOMPARE(*store.verifier(zhangSan()), zhang);
    QCOMPARE(store.created(QStringLiteral("alice")), created);
}

void tst_UserStore::setVerifier()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    QVERIFY(store.addUser(QStringLiteral("alice"), verifierFor(QStringLiteral("alice"), QStringLiteral("old"))));
    QVERIFY(login(store, QStringLiteral("alice"), QStringLiteral("old")));
    const ScramVerifier changed = verifierFor(QStringLiteral("alice"), QStringLiteral("new"));
    QVERIFY(store.setVerifier(QStringLiteral("alice"), changed));
    QCOMPARE(*store.verifier(QStringLiteral("alice")), changed);
    QVERIFY(!login(store, QStringLiteral("alice"), QStringLiteral("old")));
    QVERIFY(login(store, QStringLiteral("alice"), QStringLiteral("new")));
    QVERIFY(!store.setVerifier(QStringLiteral("nobody"), changed));
    QCOMPARE(store.lastError(), UserStore::Error::NoSuchUser);
}

void tst_UserStore::serverSecret()
{
    QByteArray secret;
    {
        Database db;
        QVERIFY(db.open(dbPath()));
        UserStore store(db);
        secret = store.serverSecret();
        QCOMPARE(secret.size(), 32);
        QCOMPARE(store.serverSecret(), secret);
    }
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    QCOMPARE(store.serverSecret(), secret);

    Database otherDb;
    QVERIFY(otherDb.open(m_dir->filePath(QStringLiteral("other.db"))));
    UserStore other(otherDb);
    QVERIFY(other.serverSecret() != secret);
}

void tst_UserStore::twoInstances()
{
    Database dbA, dbB, dbC;
    QVERIFY(dbA.open(dbPath()));
    QVERIFY(dbB.open(dbPath())); // same file, separate connection (e.g. "user add" while the server runs)
    QVERIFY(dbC.open(m_dir->filePath(QStringLiteral("c.db"))));
    UserStore a(dbA), b(dbB), c(dbC);
    QVERIFY(a.addUser(QStringLiteral("alice"), verifierFor(QStringLiteral("alice"), QStringLiteral("pw"))));
    QVERIFY(b.contains(QStringLiteral("alice")));
    QVERIFY(!c.contains(QStringLiteral("alice")));
    dbA.close();
    QVERIFY(b.contains(QStringLiteral("alice")));
    // Reopening on another file works.
    QVERIFY(dbA.open(m_dir->filePath(QStringLiteral("c.db"))));
    QVERIFY(!a.contains(QStringLiteral("alice")));
}

void tst_UserStore::noSecretsInFile()
{
    const QString password = QStringLiteral("Tr0ub4dor&3");
    const QString importedPassword = QStringLiteral("letmein-imported");
    const QString imported = QStringLiteral("dave");
    const QString importedMd5 = Credentials::md5Credential(imported, importedPassword);
    const QString userinfo = m_dir->filePath(QStringLiteral("userinfo"));
    writeFile(userinfo, (imported + QLatin1Char('|') + importedMd5 + QLatin1Char('\n')).toUtf8());

    QList<QByteArray> forbidden;
    QList<QByteArray> expected;
    {
        Database db;
        QVERIFY(db.open(dbPath()));
        UserStore store(db);
        for (const QString &user : {QStringLiteral("alice"), zhangSan()}) {
            const QByteArray credential = Credentials::scramPassword(user, password);
            const ScramVerifier v = Credentials::deriveVerifier(credential, Iterations);
            QVERIFY(store.addUser(user, v));
            const QByteArray salted = Credentials::saltedPassword(credential, v.salt, v.iterations);
            forbidden << credential << credential.toUpper() << QByteArray::fromHex(credential) << salted
                      << Credentials::clientKey(salted);
            expected << v.storedKey << v.serverKey << v.salt;
        }
        UserStore::ImportReport report;
        QVERIFY(store.importUserInfo(userinfo, Iterations, &report));
        QCOMPARE(report.imported, 1);
        forbidden << importedMd5.toLatin1() << QByteArray::fromHex(importedMd5.toLatin1());
        const ScramVerifier v = *store.verifier(imported);
        const QByteArray salted = Credentials::saltedPassword(importedMd5.toLatin1(), v.salt, v.iterations);
        forbidden << salted << Credentials::clientKey(salted);
        expected << v.storedKey;
        // Removed users leave nothing behind either (secure_delete).
        QVERIFY(store.addUser(QStringLiteral("gone"), verifierFor(QStringLiteral("gone"), password)));
        const ScramVerifier goneV = *store.verifier(QStringLiteral("gone"));
        QVERIFY(store.removeUser(QStringLiteral("gone")));
        forbidden << goneV.storedKey << goneV.serverKey;
    }
    forbidden << password.toUtf8() << importedPassword.toUtf8();

    const QByteArray bytes = readAllFiles(dbPath());
    QVERIFY(bytes.size() > 0);
    for (const QByteArray &e : expected)
        QVERIFY2(bytes.contains(e), "the reader does see the stored verifier");
    for (const QByteArray &f : forbidden)
        QVERIFY2(!bytes.contains(f), f.toHex().constData());
}

void tst_UserStore::importUserInfo()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    QVERIFY(store.addUser(QStringLiteral("existing"), verifierFor(QStringLiteral("existing"), QStringLiteral("pw"))));

    const QString aliceMd5 = Credentials::md5Credential(QStringLiteral("alice"), QStringLiteral("alicepw"));
    const QString zhangMd5 = Credentials::md5Credential(zhangSan(), QString::fromUtf8("\xe5\xaf\x86\xe7\xa0\x81"));
    const QString bobMd5 = Credentials::md5Credential(QStringLiteral("bob"), QStringLiteral("bobpw"));
    QByteArray content;
    content += "\xEF\xBB\xBF";                                           // 1: BOM, then comment
    content += "# userinfo from the tutorial\n";                          // 1
    content += "alice|" + aliceMd5.toLatin1() + "\r\n";                  // 2 (CRLF)
    content += "\n";                                                      // 3 blank
    content += "   \n";                                                   // 4 blank
    content += zhangSan().toUtf8() + "|" + zhangMd5.toLatin1() + "\n";   // 5
    content += "bob|" + bobMd5.toUpper().toLatin1() + "  \n";            // 6 uppercase hex, trailing space
    content += "nopipe\n";                                                // 7 bad
    content += "carol|" + aliceMd5.toLatin1() + "|extra\n";              // 8 bad
    content += "dave|not-a-digest\n";                                     // 9 bad
    content += "bad name|" + aliceMd5.toLatin1() + "\n";                 // 10 bad
    content += "existing|" + aliceMd5.toLatin1() + "\n";                 // 11 exists
    content += "alice|" + bobMd5.toLatin1() + "\n";                      // 12 duplicate in file
    content += "\xff\xfe|" + aliceMd5.toLatin1() + "\n";                 // 13 not UTF-8
    content += "|" + aliceMd5.toLatin1() + "\n";                         // 14 empty name
    content += "  erin | " + aliceMd5.toLatin1() + " ";                  // 15 spaces around, no final newline
    const QString file = m_dir->filePath(QStringLiteral("userinfo"));
    writeFile(file, content);

    UserStore::ImportReport report;
    QVERIFY(store.importUserInfo(file, Iterations, &report));
    QCOMPARE(report.imported, 4);
    QCOMPARE(report.importedUsers, (QStringList{QStringLiteral("alice"), zhangSan(), QStringLiteral("bob"),
                                               QStringLiteral("erin")}));
    QList<int> badLines;
    for (const UserStore::ImportIssue &issue : report.issues) {
        badLines << issue.line;
        QVERIFY(!issue.message.isEmpty());
    }
    QCOMPARE(badLines, (QList<int>{7, 8, 9, 10, 11, 12, 13, 14}));
    QCOMPARE(report.messages().size(), 8);
    QVERIFY(report.messages().first().contains(QLatin1String("7")));
    QCOMPARE(store.userCount(), 5);

    const ScramVerifier v = *store.verifier(QStringLiteral("alice"));
    QCOMPARE(v.iterations, Iterations);
    QCOMPARE(v.salt.size(), Credentials::SaltSize);

    // Imported users log in with their original passwords.
    QVERIFY(login(store, QStringLiteral("alice"), QStringLiteral("alicepw")));
    QVERIFY(login(store, zhangSan(), QString::fromUtf8("\xe5\xaf\x86\xe7\xa0\x81")));
    QVERIFY(login(store, QStringLiteral("bob"), QStringLiteral("bobpw"))); // uppercase hex in the file
    QVERIFY(!login(store, QStringLiteral("alice"), QStringLiteral("wrong")));
    QVERIFY(!login(store, QStringLiteral("carol"), QStringLiteral("alicepw")));
    QVERIFY(login(store, QStringLiteral("existing"), QStringLiteral("pw"))); // not overwritten
}

void tst_UserStore::importFailures()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    UserStore::ImportReport report;
    QVERIFY(!store.importUserInfo(m_dir->filePath(QStringLiteral("missing")), Iterations, &report));
    QCOMPARE(store.lastError(), UserStore::Error::File);
    QCOMPARE(report.issues.size(), 1);
    QCOMPARE(report.issues.first().line, 0);

    const QString file = m_dir->filePath(QStringLiteral("userinfo"));
    writeFile(file, "alice|" + Credentials::md5Credential(QStringLiteral("alice"), QStringLiteral("x")).toLatin1());
    QVERIFY(!store.importUserInfo(file, 1000, &report)); // below the minimum
    QCOMPARE(store.lastError(), UserStore::Error::InvalidVerifier);
    QCOMPARE(store.userCount(), 0);
    QVERIFY(store.importUserInfo(file, Iterations)); // no report wanted
    QCOMPARE(store.userCount(), 1);
}

void tst_UserStore::loginWithStoredVerifier()
{
    Database db;
    QVERIFY(db.open(dbPath()));
    UserStore store(db);
    QVERIFY(store.addUser(zhangSan(), verifierFor(zhangSan(), QStringLiteral("pw"))));
    QVERIFY(login(store, zhangSan(), QStringLiteral("pw")));
    QVERIFY(!login(store, zhangSan(), QStringLiteral("PW")));
}

void tst_UserStore::closedStore()
{
    Database db; // never opened
    UserStore store(db);
    QString error;
    QVERIFY(!store.addUser(QStringLiteral("alice"), verifierFor(QStringLiteral("alice"), QStringLiteral("pw")), &error));
    QCOMPARE(store.lastError(), UserStore::Error::NotOpen);
    QVERIFY(!store.verifier(QStringLiteral("alice")).has_value());
    QVERIFY(store.users().isEmpty());
    QVERIFY(store.serverSecret().isEmpty());
    QVERIFY(!store.removeUser(QStringLiteral("alice")));
}

QTEST_GUILESS_MAIN(tst_UserStore)
#include "tst_userstore.moc"
