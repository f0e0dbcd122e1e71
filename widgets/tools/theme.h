#pragma once
#include <QColor>
#include <QPalette>

class QWidget;

namespace Switchboard::Theme {

// Every colour the widgets draw comes from the palette or is derived from it here, so a dark
// theme gets dark tints and light text, and text keeps WCAG's 4.5:1 contrast on whatever
// background it is drawn on (checked by tests/gui/tst_theme.cpp in a light and a dark palette).

enum class Accent { Blue, Green, Purple, Red, Amber, Grey };

constexpr double MinContrast = 4.5; // WCAG 2 AA for body text

QColor mix(const QColor &a, const QColor &b, qreal t); // t = 0: a, 1: b
double relativeLuminance(const QColor &c);
double contrast(const QColor &a, const QColor &b); // 1 .. 21
bool isDark(const QPalette &p);

// c, moved towards black or white (whichever the background is farther from) just enough to
// reach minRatio against bg.
QColor readable(const QColor &c, const QColor &bg, double minRatio = MinContrast);

// The accent's hue, tuned for the palette's brightness.
QColor accent(const QPalette &p, Accent a);
// A background for rows, bands and hex regions: Base tinted with the accent, weak enough that
// the palette's Text stays readable on it.
QColor tint(const QPalette &p, Accent a, qreal strength = 0.28);
// Text or lines in the accent's hue, readable on bg (by default the palette's Base).
QColor accentText(const QPalette &p, Accent a, const QColor &bg);
QColor accentText(const QPalette &p, Accent a);
// Secondary text (times, sizes, offsets): between Text and bg, still readable on bg.
QColor dimText(const QPalette &p, const QColor &bg);

// A label's text in the accent, readable on the window behind it; plainText() undoes it.
void accentLabel(QWidget *label, Accent a);
void plainText(QWidget *label);

} // namespace Switchboard::Theme
