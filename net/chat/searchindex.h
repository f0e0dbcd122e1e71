#pragma once
// The index behind history.search (docs/PROTOCOL.md 7.8), made by database migration 8:
//
//   SQLite: messages_fts, an FTS5 table with the trigram tokenizer over messages.text (external
//       content: it stores the index only), kept in sync by three triggers on messages. A query
//       of 3 or more characters finds its candidates there, newest first, and the exact LIKE
//       still decides (the tokenizer folds the case of every letter, LIKE of ASCII ones only).
//       Shorter queries, and an SQLite without FTS5 or the trigram tokenizer, keep the LIKE scan.
//   PostgreSQL: a GIN index with pg_trgm's operator class on messages.text, which the planner
//       uses for ILIKE by itself; when the extension cannot be created (not installed, no
//       CREATE privilege) the migration makes nothing and ILIKE scans as before.

#include <QSqlDatabase>
#include <QString>

namespace Switchboard {

class Database;

class SearchIndex
{
public:
    // Queries shorter than this (in Unicode characters) cannot use a trigram index.
    static constexpr int MinLength = 3;

    // Migration 8's step: makes the index the database supports and logs which. Fails only on
    // an error after the index was found possible.
    static bool create(QSqlDatabase db, QString *error);
    // Whether this (open) SQLite database has messages_fts.
    static bool existsIn(Database &database);
    // Whether `text` is long enough for the index.
    static bool usable(const QString &text);
    // `text` as one FTS5 phrase: "..." with inner quotes doubled, every other character literal.
    static QString phrase(const QString &text);
};

} // namespace Switchboard
