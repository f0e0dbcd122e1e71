#pragma once
#include <QJsonObject>
#include <QString>

#include <cstdio>

namespace Switchboard {

// Where switchboard-cli's results and errors go. Plain: prose lines for people (results on
// standard output, errors on standard error). --json: one compact JSON object per line, results
// on standard output and errors on standard error as {"error": CODE, "message": TEXT}, so a
// script reads results from one stream and can tell failures apart by their code.
class CliOutput
{
public:
    explicit CliOutput(bool json = false) : m_json(json) {}

    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }
    // A result: `object` with --json, else `text` (nothing when text is empty).
    void result(const QJsonObject &object, const QString &text) const;
    // A failure: code is the protocol's error code or one of the CLI's own (usage, timeout,
    // connection_lost, not_connected, io_error, ...); text is the prose line without --json.
    void error(const QString &code, const QString &message, const QString &text) const;
    void error(const QString &code, const QString &message) const { error(code, message, message); }
    // Something for the user that is neither a result nor a failure (a newly trusted server,
    // failed logins since the last one): `object` or `text` on standard error.
    void notice(const QJsonObject &object, const QString &text) const;

    static void writeLine(FILE *stream, const QJsonObject &object);

private:
    bool m_json;
};

} // namespace Switchboard
