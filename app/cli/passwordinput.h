#pragma once
#include <QString>

namespace Switchboard::PasswordInput {

// The first line of a file (--password-file), without its line end; false with *error.
bool fromFile(const QString &path, QString *password, QString *error);

// The first line of standard input. From a terminal it asks on standard error ("Password: ")
// and turns the terminal's echo off while the password is typed, so it never shows on screen.
QString fromStdin(const QString &prompt);

bool stdinIsTerminal();

} // namespace Switchboard::PasswordInput
