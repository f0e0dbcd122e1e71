#pragma once
// The socket lab's auto-reply rules, applied to each received TCP chunk or UDP datagram: the first
// enabled rule that applies gives the reply.

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QString>
#include <QVector>

#include <optional>

namespace Switchboard {

struct AutoReplyRule
{
    enum class Kind : quint8 {
        Echo,      // the received bytes back
        UpperEcho, // the received bytes back with ASCII letters upper-cased (other bytes unchanged)
        Fixed,     // `reply` to anything
        Match,     // `reply` when the received bytes contain `pattern` (see MatchMode)
    };
    enum class MatchMode : quint8 {
        Substring, // pattern as UTF-8 text, found anywhere
        Regex,     // pattern a regular expression matched against the bytes read as UTF-8
        Hex,       // pattern hex bytes ("0d 0a"), found anywhere
    };

    Kind kind = Kind::Echo;
    MatchMode mode = MatchMode::Substring;
    QString pattern;
    QByteArray reply;
    bool enabled = true;

    QString describe() const; // one line for the rules list
};

class AutoReplier
{
    Q_DECLARE_TR_FUNCTIONS(AutoReplier)
public:
    // Replaces the rules; false with the reason (and the rules unchanged) when a regex or hex
    // pattern is invalid.
    bool setRules(const QVector<AutoReplyRule> &rules, QString *error = nullptr);
    const QVector<AutoReplyRule> &rules() const { return m_rules; }
    bool isEmpty() const;

    // The reply to one received chunk or datagram; nullopt when no rule applies.
    std::optional<QByteArray> replyTo(const QByteArray &received) const;

    static QJsonArray toJson(const QVector<AutoReplyRule> &rules);
    static QVector<AutoReplyRule> fromJson(const QJsonArray &array);
    static QString kindName(AutoReplyRule::Kind kind);
    static QString modeName(AutoReplyRule::MatchMode mode);

private:
    struct Compiled
    {
        QRegularExpression regex;
        QByteArray needle;
    };
    QVector<AutoReplyRule> m_rules;
    QVector<Compiled> m_compiled;
};

} // namespace Switchboard
