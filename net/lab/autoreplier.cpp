#include "autoreplier.h"

#include "payloadcodec.h"

#include <QJsonObject>

namespace Switchboard {

namespace {

const QStringList KindNames{QStringLiteral("echo"), QStringLiteral("upper"), QStringLiteral("fixed"),
                            QStringLiteral("match")};
const QStringList ModeNames{QStringLiteral("substring"), QStringLiteral("regex"), QStringLiteral("hex")};

} // namespace

QString AutoReplier::kindName(AutoReplyRule::Kind kind)
{
    return KindNames.value(int(kind));
}

QString AutoReplier::modeName(AutoReplyRule::MatchMode mode)
{
    return ModeNames.value(int(mode));
}

QString AutoReplyRule::describe() const
{
    const QString reply = PayloadCodec::displayLine(this->reply, PayloadCodec::Format::Utf8);
    QString text;
    switch (kind) {
    case Kind::Echo:
        text = AutoReplier::tr("Echo what arrives");
        break;
    case Kind::UpperEcho:
        text = AutoReplier::tr("Echo what arrives in upper case");
        break;
    case Kind::Fixed:
        text = AutoReplier::tr("Reply \"%1\" to anything").arg(reply);
        break;
    case Kind::Match:
        text = AutoReplier::tr("When it contains %1 \"%2\", reply \"%3\"")
                   .arg(AutoReplier::modeName(mode), pattern, reply);
        break;
    }
    return enabled ? text : AutoReplier::tr("(off) %1").arg(text);
}

bool AutoReplier::setRules(const QVector<AutoReplyRule> &rules, QString *error)
{
    QVector<Compiled> compiled;
    for (const AutoReplyRule &rule : rules) {
        Compiled c;
        if (rule.kind == AutoReplyRule::Kind::Match) {
            switch (rule.mode) {
            case AutoReplyRule::MatchMode::Substring:
                c.needle = rule.pattern.toUtf8();
                break;
            case AutoReplyRule::MatchMode::Regex:
                c.regex = QRegularExpression(rule.pattern);
                if (!c.regex.isValid()) {
                    if (error)
                        *error = tr("Invalid regular expression \"%1\": %2").arg(rule.pattern, c.regex.errorString());
                    return false;
                }
                break;
            case AutoReplyRule::MatchMode::Hex: {
                const auto bytes = PayloadCodec::parseHex(rule.pattern, error);
                if (!bytes)
                    return false;
                c.needle = *bytes;
                break;
            }
            }
        }
        compiled.append(c);
    }
    m_rules = rules;
    m_compiled = compiled;
    return true;
}

bool AutoReplier::isEmpty() const
{
    for (const AutoReplyRule &r : m_rules)
        if (r.enabled)
            return false;
    return true;
}

std::optional<QByteArray> AutoReplier::replyTo(const QByteArray &received) const
{
    for (int i = 0; i < m_rules.size(); ++i) {
        const AutoReplyRule &rule = m_rules.at(i);
        if (!rule.enabled)
            continue;
        switch (rule.kind) {
        case AutoReplyRule::Kind::Echo:
            return received;
        case AutoReplyRule::Kind::UpperEcho:
            return received.toUpper(); // ASCII only: GBK and UTF-8 multi-byte sequences stay intact
        case AutoReplyRule::Kind::Fixed:
            return rule.reply;
        case AutoReplyRule::Kind::Match: {
            const Compiled &c = m_compiled.at(i);
            const bool hit = rule.mode == AutoReplyRule::MatchMode::Regex
                                 ? c.regex.match(QString::fromUtf8(received)).hasMatch()
                                 : (!c.needle.isEmpty() && received.contains(c.needle));
            if (hit)
                return rule.reply;
            break;
        }
        }
    }
    return std::nullopt;
}

QJsonArray AutoReplier::toJson(const QVector<AutoReplyRule> &rules)
{
    QJsonArray out;
    for (const AutoReplyRule &r : rules)
        out.append(QJsonObject{{QStringLiteral("kind"), kindName(r.kind)},
                               {QStringLiteral("mode"), modeName(r.mode)},
                               {QStringLiteral("pattern"), r.pattern},
                               {QStringLiteral("reply"), PayloadCodec::toHex(r.reply)},
                               {QStringLiteral("enabled"), r.enabled}});
    return out;
}

QVector<AutoReplyRule> AutoReplier::fromJson(const QJsonArray &array)
{
    QVector<AutoReplyRule> out;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        const int kind = KindNames.indexOf(o.value(QStringLiteral("kind")).toString());
        const int mode = ModeNames.indexOf(o.value(QStringLiteral("mode")).toString());
        const auto reply = PayloadCodec::parseHex(o.value(QStringLiteral("reply")).toString());
        if (kind < 0 || mode < 0 || !reply)
            continue;
        AutoReplyRule r;
        r.kind = AutoReplyRule::Kind(kind);
        r.mode = AutoReplyRule::MatchMode(mode);
        r.pattern = o.value(QStringLiteral("pattern")).toString();
        r.reply = *reply;
        r.enabled = o.value(QStringLiteral("enabled")).toBool(true);
        out.append(r);
    }
    return out;
}

} // namespace Switchboard
