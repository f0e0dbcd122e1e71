#include "userstore.h"

#include "net/core/logging.h"
#include "net/storage/database.h"
#include "net/storage/storagethread.h"

#include <QFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringDecoder>
#include <QVariant>

namespace Switchboard {

namespace {

const QString SecretKey = QStringLiteral("server_secret");

// Names nobody may register: the chat robot and names that would pass for the server's voice.
const QStringList ReservedNames = {QStringLiteral("robot"), QStringLiteral("admin"), QStringLiteral("server"),
                                   QStringLiteral("switchboard")};

// Scripts that may share one name (Unicode TS 39's "highly restrictive" level): one script, or
// Latin with the scripts written together in Chinese, Japanese or Korean.
bool scriptsMayMix(const QSet<int> &scripts)
{
    if (scripts.size() <= 1)
        return true;
    const QList<QSet<int>> allowed = {
        {QChar::Script_Latin, QChar::Script_Han, QChar::Script_Hiragana, QChar::Script_Katakana},
        {QChar::Script_Latin, QChar::Script_Han, QChar::Script_Bopomofo},
        {QChar::Script_Latin, QChar::Script_Han, QChar::Script_Hangul},
    };
    for (const QSet<int> &set : allowed) {
        if (set.contains(scripts))
            return true;
    }
    return false;
}

bool isAsciiNameChar(char32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
        || c == '.';
}

} // namespace

QStringList UserStore::ImportReport::messages() const
{
    QStringList out;
    for (const ImportIssue &issue : issues)
        out.append(issue.line > 0 ? UserStore::tr("line %1: %2").arg(issue.line).arg(issue.message) : issue.message);
    return out;
}

UserStore::UserStore(Database &database)
    : m_database(database)
{
}

QSqlDatabase UserStore::db() const
{
    return m_database.connection();
}

bool UserStore::setError(Error error, const QString &message, QString *out) const
{
    // The database's own words go to the server log; callers answering a peer send none of them
    // (AuthService answers internal_error with a fixed text).
    if (error == Error::Database)
        qCWarning(lcServer).noquote() << "user database:" << message;
    m_lastError = error;
    m_lastErrorString = message;
    if (out)
        *out = message;
    return false;
}

void UserStore::clearError() const
{
    m_lastError = Error::None;
    m_lastErrorString.clear();
}

bool UserStore::isOpen() const
{
    return m_database.isOpen();
}

bool UserStore::isValidUserName(const QString &name, QString *reason)
{
    QString why;
    const QList<uint> codePoints = name.toUcs4();
    if (codePoints.isEmpty()) {
        why = tr("The user name is empty.");
    } else if (codePoints.size() > MaxUserNameLength) {
        why = tr("The user name is longer than %1 characters.").arg(MaxUserNameLength);
    } else {
        for (qsizetype i = 0; i < codePoints.size() && why.isEmpty(); ++i) {
            const char32_t c = char32_t(codePoints.at(i));
            if (c < 0x80) {
                if (!isAsciiNameChar(c)) {
                    if (c == ' ')
                        why = tr("The user name must not contain spaces.");
                    else if (c < 0x20 || c == 0x7f)
                        why = tr("The user name must not contain control characters.");
                    else
                        why = tr("The user name must not contain \"%1\".").arg(QChar(char16_t(c)));
                }
                continue;
            }
            if (QChar::isLetter(c))
                continue;
            if (QChar::isMark(c) && i > 0)
                continue;
            if (QChar::isSpace(c))
                why = tr("The user name must not contain spaces.");
            else if (QChar::category(c) == QChar::Other_Control || QChar::category(c) == QChar::Other_Format)
                why = tr("The user name must not contain control characters.");
            else
                why = tr("The user name must not contain \"%1\".").arg(QString::fromUcs4(&c, 1));
        }
        if (why.isEmpty() && name.normalized(QString::NormalizationForm_C) != name)
            why = tr("The user name is not in Unicode normalization form C.");
        if (why.isEmpty()) {
            // Letters of scripts that look alike in one name ("аlice" with a Cyrillic a) pass
            // for another user; digits, '_', '-', '.' and combining marks belong to no script.
            QSet<int> scripts;
            for (const uint c : codePoints) {
                const QChar::Script script = QChar::script(c);
                if (script != QChar::Script_Common && script != QChar::Script_Inherited)
                    scripts.insert(script);
            }
            if (!scriptsMayMix(scripts))
                why = tr("The user name mixes letters of different scripts (such as Latin and Cyrillic).");
        }
    }
    if (reason)
        *reason = why;
    return why.isEmpty();
}

QString UserStore::nameKey(const QString &name)
{
    // NFKC folds compatibility forms ("ａlice" -> "alice"); case folding can leave a string
    // that is not NFKC any more, hence the second pass.
    return name.normalized(QString::NormalizationForm_KC)
        .toCaseFolded()
        .normalized(QString::NormalizationForm_KC);
}

bool UserStore::isReservedName(const QString &name)
{
    const QString key = nameKey(name);
    for (const QString &reserved : ReservedNames) {
        if (key == nameKey(reserved))
            return true;
    }
    return false;
}

bool UserStore::fillNameKeys(QSqlDatabase db, QString *error)
{
    QSqlQuery select(db);
    QSqlQuery update(db);
    if (!select.exec(QStringLiteral("SELECT name FROM users WHERE name_key IS NULL"))
        || !update.prepare(QStringLiteral("UPDATE users SET name_key = ? WHERE name = ?"))) {
        *error = select.lastError().isValid() ? select.lastError().text() : update.lastError().text();
        return false;
    }
    QStringList names;
    while (select.next())
        names.append(select.value(0).toString());
    for (const QString &name : std::as_const(names)) {
        update.addBindValue(nameKey(name));
        update.addBindValue(name);
        if (!update.exec()) {
            *error = update.lastError().text();
            return false;
        }
    }
    return true;
}

bool UserStore::nameTaken(const QString &name, QString *existing, bool *failed) const
{
    // One indexed lookup of the normalized key (users_name_key), never a scan of every user.
    *failed = false;
    QString why;
    QSqlQuery *q = m_database.prepared(QStringLiteral("SELECT name FROM users WHERE name_key = ? LIMIT 1"), &why);
    if (q)
        q->bindValue(0, nameKey(name));
    if (!q || !q->exec()) {
        *failed = true;
        *existing = q ? q->lastError().text() : why;
        return false;
    }
    const bool taken = q->next();
    if (taken)
        *existing = q->value(0).toString();
    q->finish();
    return taken;
}

bool UserStore::addUser(const QString &name, const ScramVerifier &verifier, QString *error)
{
    if (!isOpen())
        return setError(Error::NotOpen, tr("The user database is not open."), error);
    QString why;
    if (!isValidUserName(name, &why))
        return setError(Error::InvalidUserName, why, error);
    if (!Credentials::isValidVerifier(verifier, &why))
        return setError(Error::InvalidVerifier, why, error);
    if (isReservedName(name))
        return setError(Error::UserExists, tr("The user name \"%1\" is reserved.").arg(name), error);
    QString existing;
    bool failed = false;
    if (nameTaken(name, &existing, &failed))
        return setError(Error::UserExists,
                        existing == name ? tr("The user \"%1\" already exists.").arg(name)
                                         : tr("The user name \"%1\" is taken (by \"%2\").").arg(name, existing),
                        error);
    if (failed)
        return setError(Error::Database, tr("Cannot look up the user \"%1\": %2").arg(name, existing), error);

    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO users(name, name_key, scheme, salt, iterations, stored_key, server_key, "
                             "created) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(name);
    q.addBindValue(nameKey(name));
    q.addBindValue(verifier.scheme);
    q.addBindValue(verifier.salt);
    q.addBindValue(verifier.iterations);
    q.addBindValue(verifier.storedKey);
    q.addBindValue(verifier.serverKey);
    q.addBindValue(QDateTime::currentSecsSinceEpoch());
    if (!q.exec()) {
        if (contains(name))
            return setError(Error::UserExists, tr("The user \"%1\" already exists.").arg(name), error);
        return setError(Error::Database, tr("Cannot add the user \"%1\": %2").arg(name, q.lastError().text()),
                        error);
    }
    clearError();
    return true;
}

bool UserStore::setVerifier(const QString &name, const ScramVerifier &verifier, QString *error)
{
    if (!isOpen())
        return setError(Error::NotOpen, tr("The user database is not open."), error);
    QString why;
    if (!Credentials::isValidVerifier(verifier, &why))
        return setError(Error::InvalidVerifier, why, error);
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE users SET scheme = ?, salt = ?, iterations = ?, stored_key = ?, server_key = ? "
                             "WHERE name = ?"));
    q.addBindValue(verifier.scheme);
    q.addBindValue(verifier.salt);
    q.addBindValue(verifier.iterations);
    q.addBindValue(verifier.storedKey);
    q.addBindValue(verifier.serverKey);
    q.addBindValue(name);
    if (!q.exec())
        return setError(Error::Database, tr("Cannot update the user \"%1\": %2").arg(name, q.lastError().text()),
                        error);
    if (q.numRowsAffected() < 1)
        return setError(Error::NoSuchUser, tr("There is no user \"%1\".").arg(name), error);
    clearError();
    return true;
}

std::optional<ScramVerifier> UserStore::verifier(const QString &name) const
{
    if (!isOpen()) {
        setError(Error::NotOpen, tr("The user database is not open."), nullptr);
        return std::nullopt;
    }
    // Every login's first step: prepared once per connection.
    QString why;
    QSqlQuery *q = m_database.prepared(
        QStringLiteral("SELECT scheme, salt, iterations, stored_key, server_key FROM users WHERE name = ?"), &why);
    if (q)
        q->bindValue(0, name);
    if (!q || !q->exec()) {
        setError(Error::Database, q ? q->lastError().text() : why, nullptr);
        return std::nullopt;
    }
    if (!q->next()) {
        q->finish();
        setError(Error::NoSuchUser, tr("There is no user \"%1\".").arg(name), nullptr);
        return std::nullopt;
    }
    ScramVerifier v;
    v.scheme = q->value(0).toInt();
    v.salt = q->value(1).toByteArray();
    v.iterations = q->value(2).toInt(); // each user keeps the count chosen at registration
    v.storedKey = q->value(3).toByteArray();
    v.serverKey = q->value(4).toByteArray();
    q->finish();
    clearError();
    return v;
}

bool UserStore::removeUser(const QString &name, QString *error)
{
    if (!isOpen())
        return setError(Error::NotOpen, tr("The user database is not open."), error);
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM users WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec())
        return setError(Error::Database, tr("Cannot remove the user \"%1\": %2").arg(name, q.lastError().text()),
                        error);
    if (q.numRowsAffected() < 1)
        return setError(Error::NoSuchUser, tr("There is no user \"%1\".").arg(name), error);
    clearError();
    return true;
}

bool UserStore::contains(const QString &name, QString *error) const
{
    if (!isOpen()) {
        if (error)
            *error = tr("The user database is not open.");
        return false;
    }
    QString why;
    QSqlQuery *q = m_database.prepared(QStringLiteral("SELECT 1 FROM users WHERE name = ?"), &why);
    if (q)
        q->bindValue(0, name);
    if (!q || !q->exec()) {
        if (error)
            *error = q ? q->lastError().text() : why;
        return false;
    }
    const bool found = q->next();
    q->finish();
    return found;
}

template <class Answer>
void UserStore::lookUp(QObject *receiver, std::function<Answer(const UserStore &store, QString *error)> ask,
                       std::function<void(Answer answer, const QString &error)> done) const
{
    if (!m_storage) {
        QString error;
        Answer answer = ask(*this, &error);
        done(std::move(answer), error);
        return;
    }
    struct Result
    {
        Answer answer{};
        QString error;
    };
    m_storage->run(
        receiver,
        [ask = std::move(ask)](Database &db) {
            Result r;
            r.answer = ask(UserStore(db), &r.error);
            return r;
        },
        [done = std::move(done)](Result r, const QString &error) {
            done(std::move(r.answer), error.isEmpty() ? r.error : error);
        });
}

void UserStore::findUser(const QString &name, QObject *receiver, Found done) const
{
    lookUp<bool>(
        receiver, [name](const UserStore &store, QString *error) { return store.contains(name, error); }, std::move(done));
}

void UserStore::findVerifier(const QString &name, QObject *receiver, VerifierFound done) const
{
    lookUp<std::optional<ScramVerifier>>(
        receiver,
        [name](const UserStore &store, QString *error) {
            std::optional<ScramVerifier> v = store.verifier(name);
            if (!v && store.lastError() != Error::NoSuchUser)
                *error = store.lastErrorString();
            return v;
        },
        std::move(done));
}

QStringList UserStore::users() const
{
    QStringList out;
    if (!isOpen())
        return out;
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT name FROM users")))
        return out;
    while (q.next())
        out.append(q.value(0).toString());
    out.sort();
    return out;
}

int UserStore::userCount() const
{
    if (!isOpen())
        return 0;
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM users")) || !q.next())
        return 0;
    return q.value(0).toInt();
}

QDateTime UserStore::created(const QString &name) const
{
    if (!isOpen())
        return {};
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT created FROM users WHERE name = ?"));
    q.addBindValue(name);
    if (!q.exec() || !q.next())
        return {};
    return QDateTime::fromSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
}

std::function<std::optional<ScramVerifier>(const QString &)> UserStore::lookup() const
{
    return [this](const QString &name) { return verifier(name); };
}

QByteArray UserStore::serverSecret(QString *error)
{
    if (!isOpen()) {
        setError(Error::NotOpen, tr("The user database is not open."), error);
        return {};
    }
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT value FROM auth_meta WHERE key = ?"));
    q.addBindValue(SecretKey);
    if (q.exec() && q.next()) {
        const QByteArray secret = q.value(0).toByteArray();
        if (secret.size() >= 16) {
            clearError();
            return secret;
        }
    }
    const QByteArray secret = Credentials::randomBytes(32);
    QSqlQuery insert(db());
    insert.prepare(QStringLiteral("INSERT INTO auth_meta(key, value) VALUES(?, ?) "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    insert.addBindValue(SecretKey);
    insert.addBindValue(secret);
    if (!insert.exec()) {
        setError(Error::Database, tr("Cannot store the server secret: %1").arg(insert.lastError().text()), error);
        return {};
    }
    clearError();
    return secret;
}

bool UserStore::importUserInfo(const QString &filePath, int iterations, ImportReport *report)
{
    ImportReport local;
    ImportReport &r = report ? *report : local;
    r = ImportReport();
    auto giveUp = [&](Error e, const QString &message) {
        r.issues.append(ImportIssue{0, message});
        return setError(e, message, nullptr);
    };

    if (!isOpen())
        return giveUp(Error::NotOpen, tr("The user database is not open."));
    if (iterations < Credentials::MinIterations || iterations > Credentials::MaxIterations)
        return giveUp(Error::InvalidVerifier, tr("The iteration count must be between %1 and %2.")
                                                 .arg(Credentials::MinIterations)
                                                 .arg(Credentials::MaxIterations));
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return giveUp(Error::File, tr("Cannot read %1: %2").arg(filePath, file.errorString()));
    QByteArray data = file.readAll();
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);

    if (!db().transaction())
        return giveUp(Error::Database, tr("Cannot start a transaction: %1").arg(db().lastError().text()));

    const QList<QByteArray> lines = data.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString line = QString(decoder.decode(lines.at(i))).trimmed();
        if (decoder.hasError()) {
            r.issues.append(ImportIssue{lineNo, tr("not valid UTF-8")});
            continue;
        }
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QStringList fields = line.split(QLatin1Char('|'));
        if (fields.size() != 2) {
            r.issues.append(ImportIssue{lineNo, tr("expected \"name|md5hex\"")});
            continue;
        }
        const QString name = fields.at(0).trimmed();
        const QString digest = fields.at(1).trimmed().toLower();
        QString why;
        if (!isValidUserName(name, &why)) {
            r.issues.append(ImportIssue{lineNo, why});
            continue;
        }
        if (!Credentials::isMd5Hex(digest)) {
            r.issues.append(ImportIssue{lineNo, tr("\"%1\" is not an MD5 digest (32 hexadecimal digits)").arg(fields.at(1).trimmed())});
            continue;
        }
        const ScramVerifier v = Credentials::deriveVerifier(digest.toLatin1(), iterations);
        if (!addUser(name, v, &why)) {
            r.issues.append(ImportIssue{lineNo, why});
            if (m_lastError == Error::Database) {
                db().rollback();
                r.imported = 0;
                r.importedUsers.clear();
                return giveUp(Error::Database, why);
            }
            continue;
        }
        ++r.imported;
        r.importedUsers.append(name);
    }
    if (!db().commit()) {
        const QString why = db().lastError().text();
        db().rollback();
        r.imported = 0;
        r.importedUsers.clear();
        return giveUp(Error::Database, tr("Cannot save the imported users: %1").arg(why));
    }
    clearError();
    return true;
}

} // namespace Switchboard
