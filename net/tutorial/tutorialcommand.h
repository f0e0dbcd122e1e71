#pragma once
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Switchboard {

// One program the tutorial port may run for its remote-command flow (--allow-command
// "NAME=PROGRAM [ARGS...]"). The text after '=' is split like a command line
// (QProcess::splitCommand: spaces separate, double quotes group) and never given to a shell: a
// peer's text equal to NAME runs exactly PROGRAM with exactly ARGS.
struct TutorialCommand
{
    Q_DECLARE_TR_FUNCTIONS(Switchboard::TutorialCommand)
public:
    QString name;
    QString program; // looked up in PATH when it has no '/'
    QStringList arguments;

    // NAME: 1 to 64 characters, no white space, no '='. *error (translated) says what is wrong.
    static bool parse(const QString &spec, TutorialCommand *out, QString *error);
    // "NAME=PROGRAM ARGS" as given, for logs.
    QString toString() const;

    bool operator==(const TutorialCommand &o) const
    {
        return name == o.name && program == o.program && arguments == o.arguments;
    }
};

} // namespace Switchboard
