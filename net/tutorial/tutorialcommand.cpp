#include "tutorialcommand.h"

#include <QProcess>

namespace Switchboard {

bool TutorialCommand::parse(const QString &spec, TutorialCommand *out, QString *error)
{
    const qsizetype eq = spec.indexOf(QLatin1Char('='));
    const QString name = eq < 0 ? QString() : spec.left(eq);
    bool nameOk = !name.isEmpty() && name.size() <= 64;
    for (const QChar c : name)
        nameOk = nameOk && !c.isSpace() && c.isPrint();
    if (!nameOk) {
        *error = tr("--allow-command takes NAME=PROGRAM [ARGS...], NAME without spaces: %1").arg(spec);
        return false;
    }
    const QStringList words = QProcess::splitCommand(spec.mid(eq + 1));
    if (words.isEmpty() || words.first().isEmpty()) {
        *error = tr("--allow-command %1 names no program.").arg(name);
        return false;
    }
    out->name = name;
    out->program = words.first();
    out->arguments = words.mid(1);
    return true;
}

QString TutorialCommand::toString() const
{
    return name + QLatin1Char('=') + QStringList(QStringList{program} + arguments).join(QLatin1Char(' '));
}

} // namespace Switchboard
