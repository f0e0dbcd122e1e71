#include "configfile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace Switchboard::ConfigFile {

namespace {

bool isFalse(const QString &value)
{
    static const QStringList no{QStringLiteral("false"), QStringLiteral("no"), QStringLiteral("off"), QStringLiteral("0")};
    return no.contains(value.toLower());
}

bool isTrue(const QString &value)
{
    static const QStringList yes{QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("on"), QStringLiteral("1")};
    return yes.contains(value.toLower());
}

} // namespace

bool toArguments(const QString &path, QStringList *arguments, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z][a-z0-9-]*$"));
    QStringList out;
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const int eq = line.indexOf(QLatin1Char('='));
        const QString key = (eq < 0 ? line : line.left(eq)).trimmed();
        QString value = eq < 0 ? QString() : line.mid(eq + 1).trimmed();
        if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) && value.endsWith(QLatin1Char('"')))
            value = value.mid(1, value.size() - 2);
        if (!keyPattern.match(key).hasMatch()) {
            *error = QStringLiteral("%1:%2: expected \"option = value\" with the option's long name, got \"%3\"")
                         .arg(path).arg(lineNo).arg(line.left(80));
            return false;
        }
        if (key == QLatin1String("config")) {
            *error = QStringLiteral("%1:%2: a configuration file cannot name another one").arg(path).arg(lineNo);
            return false;
        }
        // A bare key or a boolean value is a flag; anything else is the option's value. A value
        // that is literally "true" for an option taking one cannot be told apart here: the
        // parser then reports the option as missing its value, which names the line's key.
        if (eq < 0 || isTrue(value))
            out << QStringLiteral("--") + key;
        else if (isFalse(value))
            continue;
        else
            out << QStringLiteral("--%1=%2").arg(key, value);
    }
    *arguments = out;
    return true;
}

bool withConfigArguments(const QStringList &programArguments, const QString &defaultPath,
                         QStringList *out, QString *error, QString *usedPath)
{
    QString path;
    for (int i = 1; i < programArguments.size(); ++i) {
        const QString &a = programArguments.at(i);
        if (a == QLatin1String("--"))
            break;
        if (a == QLatin1String("--config") || a == QLatin1String("-config")) {
            if (i + 1 >= programArguments.size()) {
                *error = QStringLiteral("--config needs a FILE");
                return false;
            }
            path = programArguments.at(i + 1);
        } else if (a.startsWith(QLatin1String("--config="))) {
            path = a.mid(9);
        }
    }
    if (path.isEmpty() && !defaultPath.isEmpty() && QFileInfo::exists(defaultPath))
        path = defaultPath;
    QStringList fromFile;
    if (!path.isEmpty() && !toArguments(path, &fromFile, error))
        return false;
    if (usedPath)
        *usedPath = path;
    *out = programArguments.mid(0, 1) + fromFile + programArguments.mid(1);
    return true;
}

} // namespace Switchboard::ConfigFile
