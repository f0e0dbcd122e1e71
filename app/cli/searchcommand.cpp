#include "searchcommand.h"

#include "clioutput.h"
#include "commandwait.h"
#include "net/client/clientsession.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QLocale>

namespace Switchboard {

void SearchCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("limit"), tr("search: at most N matches (default 50)."),
                                        QStringLiteral("N"), QStringLiteral("50")));
    parser.addOption(QCommandLineOption(QStringLiteral("before"), tr("search: only messages older than message ID."),
                                        QStringLiteral("ID"), QStringLiteral("0")));
}

int SearchCommand::run(ClientSession &session, const QString &room, const QString &to, const QString &text,
                       const QCommandLineParser &parser, const CliOutput &output, int timeoutMs)
{
    CommandWait wait(output);
    QObject::connect(&session, &ClientSession::searchResults, wait.phase(),
                     [&](qint64, const QString &, const QList<ChatMessage> &messages, bool more) {
        for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
            const QString when = QLocale().toString(QDateTime::fromMSecsSinceEpoch(it->timestampMs), QLocale::ShortFormat);
            output.result(it->toJson(), tr("[%1] %2: %3").arg(when, it->sender, it->text));
        }
        QJsonObject end{{QStringLiteral("type"), QStringLiteral("search.end")},
                        {QStringLiteral("count"), int(messages.size())},
                        {QStringLiteral("more"), more}};
        if (more && !messages.isEmpty())
            end.insert(QStringLiteral("before"), messages.constFirst().id);
        output.result(end, more && !messages.isEmpty()
                               ? tr("(older matches remain: --before %1)").arg(messages.constFirst().id)
                               : QString());
        wait.done();
    });
    QObject::connect(&session, &ClientSession::searchFailed, wait.phase(),
                     [&](qint64, const Protocol::Error &e) { wait.refuse(e); });
    wait.watch(session, timeoutMs);
    const int limit = parser.value(QStringLiteral("limit")).toInt();
    const qint64 before = parser.value(QStringLiteral("before")).toLongLong();
    if (session.searchHistory(to.isEmpty() ? room : QString(), to, text, before, limit) == 0) {
        output.error(QStringLiteral("not_connected"), tr("Not connected."));
        return 3;
    }
    return wait.exec();
}

} // namespace Switchboard
