#include "passwordinput.h"

#include <QFile>

#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace Switchboard::PasswordInput {

namespace {

QString withoutLineEnd(QString line)
{
    while (line.endsWith(QLatin1Char('\n')) || line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    return line;
}

} // namespace

bool fromFile(const QString &path, QString *password, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    *password = withoutLineEnd(QString::fromUtf8(file.readLine(4096)));
    return true;
}

bool stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

QString fromStdin(const QString &prompt)
{
    termios saved{};
    const bool terminal = stdinIsTerminal() && ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        // Echo off before the prompt shows, so nothing typed after it can appear; TCSANOW keeps
        // what was typed ahead (TCSAFLUSH would throw it away and leave us waiting).
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ECHONL; // the Enter still moves to the next line
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::fputs(prompt.toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
    }
    std::string line;
    std::getline(std::cin, line);
    if (terminal)
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    return withoutLineEnd(QString::fromStdString(line));
}

} // namespace Switchboard::PasswordInput
