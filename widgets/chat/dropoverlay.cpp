#include "dropoverlay.h"

#include "widgets/tools/theme.h"

#include <QPainter>
#include <QPen>

namespace Switchboard {

DropOverlay::DropOverlay(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("dropOverlay"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    hide();
}

void DropOverlay::showFor(const QString &text)
{
    m_text = text;
    setAccessibleName(text);
    setGeometry(parentWidget()->rect());
    raise();
    show();
    update();
}

void DropOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    const QColor fill = Theme::tint(pal, Theme::Accent::Blue, 0.35);
    QColor translucent = fill;
    translucent.setAlphaF(0.85);
    p.fillRect(rect(), translucent);
    QPen pen(Theme::accentText(pal, Theme::Accent::Blue, fill), 3, Qt::DashLine);
    p.setPen(pen);
    p.drawRoundedRect(rect().adjusted(6, 6, -7, -7), 10, 10);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    p.setFont(f);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, m_text);
}

} // namespace Switchboard
