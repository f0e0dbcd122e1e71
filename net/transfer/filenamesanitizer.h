#pragma once
#include <QString>

#include <functional>

namespace Switchboard {

// Turns a file name that came over the network into one that is safe to create on any of our
// platforms, and picks names that never overwrite an existing file.
//
// sanitize(): the result is one path component: no '/' or '\', never "." or "..", no ".." at all,
// no leading dot (no hidden files) or leading/trailing spaces and dots, no control characters
// (NUL, newline, C1, bidi overrides and other invisible format characters), none of <>:"|?*,
// not a Windows device name (CON, NUL, COM1, "nul.txt"... get a '_' after the stem), NFC
// normalised, at most MaxBytes bytes of UTF-8 (the stem is shortened on a character boundary,
// the extension kept), and never empty ("file").
class FileNameSanitizer
{
public:
    static constexpr int MaxBytes = 200;

    static QString sanitize(const QString &name);
    // The first of "name.ext", "name (1).ext", "name (2).ext"... for which taken() is false.
    // The name should already be sanitized; the result stays within MaxBytes.
    static QString uniqueName(const QString &name, const std::function<bool(const QString &)> &taken);
    // "archive.tar.gz" -> {"archive", ".tar.gz"}; "README" -> {"README", ""}; ".bashrc" -> {".bashrc", ""}.
    static std::pair<QString, QString> splitExtension(const QString &name);
    // CON, PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$, CONOUT$ (any case), judged on the part before the first dot.
    static bool isWindowsReserved(const QString &name);

private:
    // Shortens stem (at a grapheme boundary) so that stem + tail fits in maxBytes of UTF-8.
    static QString fit(const QString &stem, const QString &tail, int maxBytes);
};

} // namespace Switchboard
