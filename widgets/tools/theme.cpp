#include "theme.h"

#include <QApplication>
#include <QWidget>
#include <QtMath>

namespace Switchboard::Theme {

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    const QColor x = a.toRgb(), y = b.toRgb();
    return QColor::fromRgbF(float(x.redF() * (1 - t) + y.redF() * t), float(x.greenF() * (1 - t) + y.greenF() * t),
                            float(x.blueF() * (1 - t) + y.blueF() * t), float(x.alphaF() * (1 - t) + y.alphaF() * t));
}

double relativeLuminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : qPow((v + 0.055) / 1.055, 2.4); };
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

bool isDark(const QPalette &p)
{
    return relativeLuminance(p.color(QPalette::Base)) < 0.2;
}

QColor readable(const QColor &c, const QColor &bg, double minRatio)
{
    if (contrast(c, bg) >= minRatio)
        return c;
    const QColor pole = relativeLuminance(bg) > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
    // Bisection on the share of the pole: the smallest change that is readable.
    qreal lo = 0, hi = 1;
    for (int i = 0; i < 20; ++i) {
        const qreal mid = (lo + hi) / 2;
        (contrast(mix(c, pole, mid), bg) >= minRatio ? hi : lo) = mid;
    }
    return mix(c, pole, hi);
}

QColor accent(const QPalette &p, Accent a)
{
    const bool dark = isDark(p);
    switch (a) {
    case Accent::Blue:
        return dark ? QColor(0x6c, 0xa8, 0xff) : QColor(0x1f, 0x5f, 0xbf);
    case Accent::Green:
        return dark ? QColor(0x7c, 0xd0, 0x7a) : QColor(0x2e, 0x7d, 0x32);
    case Accent::Purple:
        return dark ? QColor(0xc3, 0x9b, 0xf5) : QColor(0x6a, 0x3d, 0xb0);
    case Accent::Red:
        return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28);
    case Accent::Amber:
        return dark ? QColor(0xff, 0xc1, 0x4d) : QColor(0xe6, 0x8a, 0x00);
    case Accent::Grey:
        return mix(p.color(QPalette::Base), p.color(QPalette::Text), 0.5);
    }
    return p.color(QPalette::Text);
}

QColor tint(const QPalette &p, Accent a, qreal strength)
{
    const QColor base = p.color(QPalette::Base);
    const QColor text = p.color(QPalette::Text);
    QColor t = mix(base, accent(p, a), strength);
    // Weaken the tint until the palette's text reads on it (a low-contrast theme gets pale tints).
    for (qreal s = strength; s > 0.02 && contrast(text, t) < MinContrast; s *= 0.8)
        t = mix(base, accent(p, a), s);
    return t;
}

QColor accentText(const QPalette &p, Accent a, const QColor &bg)
{
    return readable(accent(p, a), bg);
}

QColor accentText(const QPalette &p, Accent a)
{
    return accentText(p, a, p.color(QPalette::Base));
}

QColor dimText(const QPalette &p, const QColor &bg)
{
    return readable(mix(bg, p.color(QPalette::Text), 0.62), bg);
}

void accentLabel(QWidget *label, Accent a)
{
    QPalette pal = label->parentWidget() ? label->parentWidget()->palette() : QApplication::palette();
    pal.setColor(QPalette::WindowText, accentText(pal, a, pal.color(QPalette::Window)));
    label->setPalette(pal);
}

void plainText(QWidget *label)
{
    label->setPalette(label->parentWidget() ? label->parentWidget()->palette() : QApplication::palette());
}

} // namespace Switchboard::Theme
