#include "searchindex.h"

#include "net/core/logging.h"
#include "net/storage/database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Switchboard {

namespace {

bool run(QSqlQuery &q, const QStringList &statements, QString *error)
{
    for (const QString &sql : statements) {
        if (!q.exec(sql)) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

bool createSqlite(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    // FTS5 and its trigram tokenizer (SQLite 3.34) are compile-time options: probe, and without
    // them keep the LIKE scan. A failed CREATE leaves SQLite's transaction usable.
    if (!q.exec(QStringLiteral("CREATE VIRTUAL TABLE messages_fts USING fts5(text, content='messages', "
                               "content_rowid='id', tokenize='trigram')"))) {
        qCWarning(lcServer).noquote()
            << QStringLiteral("database: no FTS5 trigram index for history search (%1); searches scan the messages")
                   .arg(q.lastError().text());
        return true;
    }
    const bool ok = run(q,
                        {
                            QStringLiteral("CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN "
                                           "INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text); END"),
                            QStringLiteral("CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN "
                                           "INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text); END"),
                            QStringLiteral("CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN "
                                           "INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text); "
                                           "INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text); END"),
                            // The messages already stored (100,000: a few seconds, once).
                            QStringLiteral("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')"),
                        },
                        error);
    if (ok)
        qCInfo(lcServer) << "database: history search uses an FTS5 trigram index";
    return ok;
}

bool createPostgreSql(QSqlDatabase db, QString *error)
{
    QSqlQuery q(db);
    // A failed statement aborts a PostgreSQL transaction: try inside a savepoint.
    if (!run(q, {QStringLiteral("SAVEPOINT search_index")}, error))
        return false;
    QString why;
    if (run(q,
            {
                QStringLiteral("CREATE EXTENSION IF NOT EXISTS pg_trgm"),
                QStringLiteral("CREATE INDEX messages_text_trgm ON messages USING gin (text gin_trgm_ops)"),
            },
            &why)) {
        qCInfo(lcServer) << "database: history search uses a pg_trgm GIN index";
        return run(q, {QStringLiteral("RELEASE SAVEPOINT search_index")}, error);
    }
    qCWarning(lcServer).noquote()
        << QStringLiteral("database: no pg_trgm index for history search (%1); searches scan the messages").arg(why);
    return run(q, {QStringLiteral("ROLLBACK TO SAVEPOINT search_index"), QStringLiteral("RELEASE SAVEPOINT search_index")},
               error);
}

} // namespace

bool SearchIndex::create(QSqlDatabase db, QString *error)
{
    return db.driverName() == QLatin1String("QPSQL") ? createPostgreSql(db, error) : createSqlite(db, error);
}

bool SearchIndex::existsIn(Database &database)
{
    if (database.dialect() != Database::Dialect::Sqlite)
        return false;
    QSqlQuery *q = database.prepared(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'messages_fts'"));
    if (!q || !q->exec())
        return false;
    const bool found = q->next();
    q->finish();
    return found;
}

bool SearchIndex::usable(const QString &text)
{
    // Trigrams are of Unicode characters, not UTF-16 units: "😀😀" is two.
    int characters = 0;
    for (auto it = text.cbegin(); it != text.cend() && characters < MinLength; ++it) {
        if (!it->isLowSurrogate())
            ++characters;
    }
    return characters >= MinLength;
}

QString SearchIndex::phrase(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace Switchboard
