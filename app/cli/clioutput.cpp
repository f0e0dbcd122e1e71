#include "clioutput.h"

#include <QJsonDocument>

#include <cstdio>

namespace Switchboard {

namespace {

void writeText(FILE *stream, const QString &text)
{
    const QByteArray line = text.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fflush(stream);
}

} // namespace

void CliOutput::writeLine(FILE *stream, const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fflush(stream);
}

void CliOutput::result(const QJsonObject &object, const QString &text) const
{
    if (m_json)
        writeLine(stdout, object);
    else if (!text.isEmpty())
        writeText(stdout, text);
}

void CliOutput::notice(const QJsonObject &object, const QString &text) const
{
    if (m_json)
        writeLine(stderr, object);
    else
        writeText(stderr, text);
}

void CliOutput::error(const QString &code, const QString &message, const QString &text) const
{
    notice(QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("message"), message}}, text);
}

} // namespace Switchboard
