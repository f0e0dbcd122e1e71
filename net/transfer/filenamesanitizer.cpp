#include "filenamesanitizer.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTextBoundaryFinder>

namespace Switchboard {

namespace {

constexpr int MaxExtensionChars = 16;

bool isDroppedCodePoint(char32_t c)
{
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
        return true; // C0 (incl. NUL, newline), DEL, C1
    if (c >= 0xfdd0 && c <= 0xfdef)
        return true; // noncharacters
    if ((c & 0xfffe) == 0xfffe)
        return true; // U+xFFFE / U+xFFFF noncharacters
    const QChar::Category cat = QChar::category(c);
    // Format characters: bidi overrides (U+202E turns "gpj.exe" into "exe.jpg"), zero widths, BOM...
    return cat == QChar::Other_Format || cat == QChar::Other_Surrogate;
}

bool isSeparator(char32_t c)
{
    return c == U'/' || c == U'\\';
}

bool isWindowsForbidden(char32_t c)
{
    return c == U'<' || c == U'>' || c == U':' || c == U'"' || c == U'|' || c == U'?' || c == U'*';
}

bool onlyDots(const QString &s)
{
    for (QChar c : s)
        if (c != QLatin1Char('.'))
            return false;
    return true;
}

QString trimSpacesAndDots(QString s, bool leading, bool trailing)
{
    auto strip = [](QChar c) { return c.isSpace() || c == QLatin1Char('.'); };
    if (leading) {
        qsizetype i = 0;
        while (i < s.size() && strip(s.at(i)))
            ++i;
        s.remove(0, i);
    }
    if (trailing) {
        qsizetype n = s.size();
        while (n > 0 && strip(s.at(n - 1)))
            --n;
        s.truncate(n);
    }
    return s;
}

} // namespace

QString FileNameSanitizer::sanitize(const QString &name)
{
    const QString nfc = name.normalized(QString::NormalizationForm_C);

    // 1. Split on both separators, map characters, drop ".", ".." and empty components.
    QStringList components;
    QString current;
    auto flush = [&] {
        const QString c = current.simplified(); // trims, and folds runs of whitespace ("\r\n") into one space
        if (!c.isEmpty() && !onlyDots(c))
            components.append(c);
        current.clear();
    };
    for (char32_t c : nfc.toUcs4()) {
        if (isSeparator(c)) {
            flush();
        } else if (c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f') {
            current.append(QLatin1Char(' '));
        } else if (isDroppedCodePoint(c)) {
            continue;
        } else if (isWindowsForbidden(c)) {
            current.append(QLatin1Char('_'));
        } else {
            current.append(QString::fromUcs4(&c, 1));
        }
    }
    flush();
    QString s = components.join(QLatin1Char('_'));

    // 2. No ".." anywhere, no leading dots/spaces (hidden files, "."), no trailing ones (Windows).
    while (s.contains(QLatin1String("..")))
        s.replace(QLatin1String(".."), QLatin1String("."));
    s = trimSpacesAndDots(s, true, true);
    if (s.isEmpty())
        return QStringLiteral("file");

    // 3. Windows device names: "CON" -> "CON_", "nul.txt" -> "nul_.txt".
    if (isWindowsReserved(s)) {
        const qsizetype dot = s.indexOf(QLatin1Char('.'));
        s.insert(dot < 0 ? s.size() : dot, QLatin1Char('_'));
    }

    // 4. Bound the length, keeping the extension.
    if (s.toUtf8().size() > MaxBytes) {
        auto [stem, ext] = splitExtension(s);
        s = fit(stem, ext, MaxBytes);
        s = trimSpacesAndDots(s, true, true);
        if (s.isEmpty())
            s = QStringLiteral("file");
    }
    return s;
}

bool FileNameSanitizer::isWindowsReserved(const QString &name)
{
    const qsizetype dot = name.indexOf(QLatin1Char('.'));
    const QString stem = (dot < 0 ? name : name.left(dot)).trimmed().toUpper();
    static const QStringList plain = {QStringLiteral("CON"), QStringLiteral("PRN"), QStringLiteral("AUX"),
                                      QStringLiteral("NUL"), QStringLiteral("CONIN$"), QStringLiteral("CONOUT$"),
                                      QStringLiteral("CLOCK$")};
    if (plain.contains(stem))
        return true;
    if (stem.size() == 4 && (stem.startsWith(QLatin1String("COM")) || stem.startsWith(QLatin1String("LPT")))) {
        const QChar d = stem.at(3);
        // Windows also treats the superscript digits as ports (COM¹...).
        return (d >= QLatin1Char('0') && d <= QLatin1Char('9')) || d == QChar(0x00b9) || d == QChar(0x00b2)
               || d == QChar(0x00b3);
    }
    return false;
}

std::pair<QString, QString> FileNameSanitizer::splitExtension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0 || dot == name.size() - 1)
        return {name, QString()};
    const QString ext = name.mid(dot);
    for (QChar c : ext)
        if (c.isSpace())
            return {name, QString()};
    if (ext.size() > MaxExtensionChars + 1)
        return {name, QString()};
    QString stem = name.left(dot);
    // Keep compound archive extensions together: "a.tar.gz" -> "a (1).tar.gz".
    static const QStringList compressed = {QStringLiteral(".gz"), QStringLiteral(".bz2"), QStringLiteral(".xz"),
                                           QStringLiteral(".zst"), QStringLiteral(".lz"), QStringLiteral(".lzma"),
                                           QStringLiteral(".z")};
    if (compressed.contains(ext.toLower()) && stem.toLower().endsWith(QLatin1String(".tar")) && stem.size() > 4) {
        stem.chop(4);
        return {stem, name.mid(stem.size())};
    }
    return {stem, ext};
}

QString FileNameSanitizer::fit(const QString &stem, const QString &tail, int maxBytes)
{
    const int tailBytes = int(tail.toUtf8().size());
    const int budget = maxBytes - tailBytes;
    if (budget <= 0) // the tail alone is too long: cut the whole name instead
        return fit(stem + tail, QString(), maxBytes);
    if (stem.toUtf8().size() <= budget)
        return stem + tail;
    // Cut at the last grapheme boundary that fits, so no character (or accent, or emoji) is split.
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, stem);
    qsizetype best = 0;
    int bytes = 0;
    qsizetype prev = 0;
    for (qsizetype pos = finder.toNextBoundary(); pos > 0; pos = finder.toNextBoundary()) {
        bytes += int(QStringView(stem).mid(prev, pos - prev).toUtf8().size());
        if (bytes > budget)
            break;
        best = pos;
        prev = pos;
    }
    return stem.left(best) + tail;
}

QString FileNameSanitizer::uniqueName(const QString &name, const std::function<bool(const QString &)> &taken)
{
    if (!taken(name))
        return name;
    auto [stem, ext] = splitExtension(name);
    int n = 1;
    // "same (1).txt" taken: continue with "same (2).txt", not "same (1) (1).txt".
    static const QRegularExpression numbered(QStringLiteral("^(.*\\S) \\((\\d{1,6})\\)$"));
    const QRegularExpressionMatch m = numbered.match(stem);
    if (m.hasMatch()) {
        stem = m.captured(1);
        n = m.captured(2).toInt() + 1;
    }
    for (;; ++n) {
        const QString suffix = QStringLiteral(" (%1)").arg(n) + ext;
        const QString candidate = fit(stem, suffix, MaxBytes);
        if (!taken(candidate))
            return candidate;
    }
}

} // namespace Switchboard
