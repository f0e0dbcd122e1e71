#include "messagedelegate.h"
#include "widgets/tools/theme.h"

#include "net/client/messagelistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QTextLayout>
#include <QToolTip>

#include <cmath>

namespace Switchboard {

using Kind = MessageListModel::Kind;

namespace {

QFont boldFont(const QFont &f)
{
    QFont b = f;
    b.setBold(true);
    return b;
}

QFont italicFont(const QFont &f)
{
    QFont i = f;
    i.setItalic(true);
    return i;
}

int lineHeight(const QStyleOptionViewItem &option)
{
    return QFontMetrics(option.font).height();
}

Kind kindOf(const QModelIndex &index)
{
    return index.data(MessageListModel::KindRole).value<Kind>();
}

QString timeText(const QModelIndex &index)
{
    return MessageDelegate::stampText(index.data(MessageListModel::TimestampRole).toDateTime(), QDate::currentDate());
}

FileInfo fileOf(const QModelIndex &index)
{
    return index.data(MessageListModel::FileRole).value<FileInfo>();
}

} // namespace

QString MessageDelegate::stampText(const QDateTime &when, const QDate &today)
{
    // Today's messages show the time; older ones also their date (a day line separates days,
    // but a row read alone, or scrolled past its line, still says when it was written).
    const QLocale locale;
    if (when.date() == today)
        return locale.toString(when.time(), QLocale::ShortFormat);
    return locale.toString(when, QLocale::ShortFormat);
}

MessageDelegate::Colours MessageDelegate::Colours::of(const QPalette &p)
{
    using Theme::mix;
    Colours c;
    const QColor base = p.color(QPalette::Base);
    const QColor text = p.color(QPalette::Text);
    const QColor highlight = p.color(QPalette::Highlight);
    c.text = text;
    // Bubbles: the base tinted (own ones with the highlight), weak enough to keep the text readable.
    c.ownBubble = mix(base, highlight, 0.22);
    for (qreal s = 0.22; s > 0.02 && Theme::contrast(text, c.ownBubble) < Theme::MinContrast; s *= 0.8)
        c.ownBubble = mix(base, highlight, s);
    c.otherBubble = mix(base, text, 0.07);
    c.ownCard = mix(c.ownBubble, base, 0.6);
    c.otherCard = mix(c.otherBubble, base, 0.6);
    c.rule = mix(base, text, 0.18);
    c.selection = highlight;
    c.selection.setAlpha(70);
    // Secondary text, failures and links are drawn on the bubbles, the cards and the bare base.
    auto onAll = [&](QColor colour) {
        for (const QColor &bg : {c.ownBubble, c.otherBubble, c.ownCard, c.otherCard, base})
            colour = Theme::readable(colour, bg);
        return colour;
    };
    c.dim = onAll(mix(base, text, 0.58));
    c.error = onAll(Theme::accent(p, Theme::Accent::Red));
    c.link = onAll(p.color(QPalette::Link));
    return c;
}

MessageDelegate::MessageDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QList<MessageDelegate::Link> MessageDelegate::findLinks(const QString &text)
{
    static const QRegularExpression url(QStringLiteral(R"(\bhttps?://[^\s<>"]+)"), QRegularExpression::CaseInsensitiveOption);
    QList<Link> links;
    if (!text.contains(QLatin1String("://")))
        return links;
    auto it = url.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        QString s = m.captured();
        // Punctuation that ends a sentence is not part of the link.
        while (!s.isEmpty() && QStringLiteral(".,;:!?)]}'").contains(s.back()))
            s.chop(1);
        const QUrl u(s, QUrl::StrictMode);
        if (u.isValid() && !u.host().isEmpty())
            links.append(Link{int(m.capturedStart()), int(s.size()), u});
    }
    return links;
}

QString MessageDelegate::shownText(const QModelIndex &index)
{
    QString text = index.data(MessageListModel::TextRole).toString();
    const FileInfo file = fileOf(index);
    if (file.isValid() && text == file.name)
        return QString(); // the file card shows the name
    // Same length, so link offsets stay valid: QTextLayout breaks lines only at LineSeparator.
    text.replace(QLatin1Char('\n'), QChar::LineSeparator);
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return text;
}

QString MessageDelegate::fileDetails(const FileInfo &file)
{
    return tr("%1 · click to download").arg(QLocale().formattedDataSize(file.size));
}

QString MessageDelegate::statusText(const QModelIndex &index)
{
    switch (kindOf(index)) {
    case Kind::Pending:
        return tr("waiting to send");
    case Kind::Rejected:
        return tr("Not sent: %1").arg(index.data(MessageListModel::ReasonRole).toString());
    default:
        return QString();
    }
}

MessageDelegate::Geometry MessageDelegate::layout(const QStyleOptionViewItem &option, const QModelIndex &index,
                                                  QTextLayout *text) const
{
    Geometry g;
    const QFontMetrics fm(option.font);
    const int line = fm.height();
    const int pad = qMax(4, line / 2);
    const int gap = qMax(2, line / 4);
    const int margin = qMax(6, line / 2);
    const int width = option.rect.width();
    const Kind kind = kindOf(index);
    int y = gap;
    if (index.data(MessageListModel::ShowDayHeaderRole).toBool()) {
        g.header = QRect(0, y, width, line + 2 * gap);
        y = g.header.bottom() + 1 + gap;
    }
    g.notice = kind == Kind::Notice;
    g.own = index.data(MessageListModel::IsOwnRole).toBool();

    // A bubble takes at most about four fifths of the width: who wrote it shows by its side.
    const int maxBubble = qMax(line * 6, qMin(width - 2 * margin, int(width * 0.8)));
    const int inner = g.notice ? width - 2 * margin : maxBubble - 2 * pad;

    text->setFont(g.notice ? italicFont(option.font) : option.font);
    text->setText(shownText(index));
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    text->setTextOption(textOption);
    qreal textHeight = 0;
    qreal natural = 0;
    text->beginLayout();
    // An empty text (a file message shows its name on the card) takes no line at all.
    for (QTextLine l = text->text().isEmpty() ? QTextLine() : text->createLine(); l.isValid(); l = text->createLine()) {
        l.setLineWidth(inner);
        l.setPosition(QPointF(0, textHeight));
        textHeight += l.height();
        natural = qMax(natural, l.naturalTextWidth());
    }
    text->endLayout();
    const int textW = qMin(inner, int(std::ceil(natural)));
    const int textH = int(std::ceil(textHeight));

    if (g.notice) {
        g.text = QRect((width - textW) / 2, y, textW, textH);
        g.bubble = g.text;
        return g;
    }

    const QString sender = index.data(MessageListModel::SenderRole).toString();
    const int titleW = QFontMetrics(boldFont(option.font)).horizontalAdvance(sender) + line
        + fm.horizontalAdvance(timeText(index));
    int contentW = qMax(titleW, textW);
    const FileInfo file = fileOf(index);
    const int cardH = 2 * line + pad;
    if (file.isValid()) {
        const int words = qMax(QFontMetrics(boldFont(option.font)).horizontalAdvance(file.name),
                               fm.horizontalAdvance(fileDetails(file)));
        contentW = qMax(contentW, words + 2 * line + 3 * pad);
    }
    const QString status = statusText(index);
    if (!status.isEmpty())
        contentW = qMax(contentW, int(std::ceil(QFontMetricsF(italicFont(option.font)).horizontalAdvance(status))) + 1);
    contentW = qMin(contentW, inner);

    int cy = y + pad;
    g.title = QRect(0, cy, contentW, line);
    cy += line;
    if (textH > 0) {
        g.text = QRect(0, cy + gap, contentW, textH);
        cy = g.text.bottom() + 1;
    }
    if (file.isValid()) {
        g.file = QRect(0, cy + gap, contentW, cardH);
        cy = g.file.bottom() + 1;
    }
    if (!status.isEmpty()) {
        g.status = QRect(0, cy + gap, contentW, line);
        cy = g.status.bottom() + 1;
    }
    const int bubbleW = contentW + 2 * pad;
    const int x = g.own ? width - margin - bubbleW : margin;
    g.bubble = QRect(x, y, bubbleW, cy + pad - y);
    for (QRect *r : {&g.title, &g.text, &g.file, &g.status})
        if (!r->isNull())
            r->translate(x + pad, 0);
    return g;
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QTextLayout text;
    const Geometry g = layout(option, index, &text);
    return QSize(option.rect.width(), g.bubble.bottom() + 1 + qMax(2, lineHeight(option) / 4));
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QTextLayout text;
    const Geometry g = layout(option, index, &text);
    const Colours c = Colours::of(option.palette);
    const QFontMetrics fm(option.font);
    const int line = fm.height();
    const Kind kind = kindOf(index);

    painter->save();
    painter->translate(option.rect.topLeft());
    painter->setRenderHint(QPainter::Antialiasing);

    if (!g.header.isNull()) {
        const QString day = index.data(MessageListModel::DayTextRole).toString();
        QFont f = boldFont(option.font);
        painter->setFont(f);
        const int w = QFontMetrics(f).horizontalAdvance(day) + line;
        const int mid = g.header.center().y();
        painter->setPen(c.rule);
        painter->drawLine(QPoint(line, mid), QPoint((g.header.width() - w) / 2, mid));
        painter->drawLine(QPoint((g.header.width() + w) / 2, mid), QPoint(g.header.width() - line, mid));
        painter->setPen(c.dim);
        painter->drawText(g.header, Qt::AlignCenter, day);
    }
    if (option.state & QStyle::State_Selected) {
        const int top = g.header.isNull() ? 0 : g.header.bottom() + 1;
        painter->fillRect(QRect(0, top, option.rect.width(), option.rect.height() - top), c.selection);
    }

    // Links underlined in the link colour, applied at draw time (the layout stays the same).
    QList<QTextLayout::FormatRange> formats;
    for (const Link &l : findLinks(text.text())) {
        QTextLayout::FormatRange r;
        r.start = l.start;
        r.length = l.length;
        r.format.setForeground(c.link);
        r.format.setFontUnderline(true);
        formats.append(r);
    }

    if (g.notice) {
        painter->setPen(c.dim);
        text.draw(painter, g.text.topLeft(), formats);
        painter->restore();
        return;
    }

    const qreal radius = line / 2.0;
    painter->setPen(Qt::NoPen);
    painter->setBrush(g.own ? c.ownBubble : c.otherBubble);
    if (kind == Kind::Pending)
        painter->setPen(QPen(c.dim, 1, Qt::DashLine));
    else if (kind == Kind::Rejected)
        painter->setPen(QPen(c.error, 1.5));
    painter->drawRoundedRect(QRectF(g.bubble).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);

    const QString sender = index.data(MessageListModel::SenderRole).toString();
    const QFont bold = boldFont(option.font);
    painter->setFont(bold);
    painter->setPen(c.text);
    const int senderW = QFontMetrics(bold).horizontalAdvance(sender);
    painter->drawText(g.title, Qt::AlignLeft | Qt::AlignVCenter, sender);
    painter->setFont(option.font);
    painter->setPen(c.dim);
    painter->drawText(g.title.adjusted(senderW + line, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, timeText(index));

    if (!g.text.isNull()) {
        painter->setPen(kind == Kind::Pending ? c.dim : c.text);
        text.draw(painter, g.text.topLeft(), formats);
    }

    if (!g.file.isNull()) {
        const FileInfo file = fileOf(index);
        const QColor cardBg = g.own ? c.ownCard : c.otherCard;
        painter->setPen(QPen(c.rule, 1));
        painter->setBrush(cardBg);
        painter->drawRoundedRect(QRectF(g.file).adjusted(0.5, 0.5, -0.5, -0.5), radius / 2, radius / 2);
        const int pad = (g.file.height() - 2 * line) / 2;
        const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        const QIcon icon = style->standardIcon(QStyle::SP_FileIcon, nullptr, option.widget);
        const int iconSize = qMin(2 * line, g.file.height() - 2);
        icon.paint(painter, QRect(g.file.left() + pad, g.file.center().y() - iconSize / 2, iconSize, iconSize));
        const QRect textArea = g.file.adjusted(2 * pad + iconSize, pad, -pad, -pad);
        painter->setFont(bold);
        painter->setPen(c.link);
        painter->drawText(QRect(textArea.topLeft(), QSize(textArea.width(), line)), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(bold).elidedText(file.name, Qt::ElideMiddle, textArea.width()));
        painter->setFont(option.font);
        painter->setPen(c.dim);
        const QString details = fileDetails(file);
        painter->drawText(QRect(textArea.left(), textArea.top() + line, textArea.width(), line),
                          Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(details, Qt::ElideRight, textArea.width()));
    }

    if (!g.status.isNull()) {
        const QFont f = italicFont(option.font);
        painter->setFont(f);
        painter->setPen(kind == Kind::Rejected ? c.error : c.dim);
        painter->drawText(g.status, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(f).elidedText(statusText(index), Qt::ElideRight, g.status.width()));
    }
    painter->restore();
}

QUrl MessageDelegate::linkAt(const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &pos) const
{
    QTextLayout text;
    const Geometry g = layout(option, index, &text);
    const QPoint p = pos - option.rect.topLeft() - g.text.topLeft();
    if (g.text.isNull() || p.y() < 0)
        return QUrl();
    const QList<Link> links = findLinks(text.text());
    if (links.isEmpty())
        return QUrl();
    for (int i = 0; i < text.lineCount(); ++i) {
        const QTextLine l = text.lineAt(i);
        if (p.y() < l.y() || p.y() >= l.y() + l.height())
            continue;
        if (p.x() < l.x() || p.x() > l.x() + l.naturalTextWidth())
            return QUrl();
        const int c = l.xToCursor(p.x(), QTextLine::CursorOnCharacter);
        for (const Link &link : links)
            if (c >= link.start && c < link.start + link.length)
                return link.url;
        return QUrl();
    }
    return QUrl();
}

bool MessageDelegate::fileCardAt(const QStyleOptionViewItem &option, const QModelIndex &index, const QPoint &pos) const
{
    QTextLayout text;
    const Geometry g = layout(option, index, &text);
    return !g.file.isNull() && g.file.contains(pos - option.rect.topLeft());
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                                  const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            const QPoint pos = mouse->position().toPoint();
            if (const QUrl url = linkAt(option, index, pos); !url.isEmpty()) {
                emit linkActivated(url);
                return true;
            }
            if (fileCardAt(option, index, pos)) {
                emit fileActivated(fileOf(index));
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

bool MessageDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    QString tip;
    if (const QUrl url = linkAt(option, index, event->pos()); !url.isEmpty()) {
        tip = url.toDisplayString();
    } else if (fileCardAt(option, index, event->pos())) {
        const FileInfo file = fileOf(index);
        tip = tr("Download %1 (%2)").arg(file.name, QLocale().formattedDataSize(file.size));
    } else {
        // The full date and time: the bubble shows only the time.
        tip = QLocale().toString(index.data(MessageListModel::TimestampRole).toDateTime(), QLocale::LongFormat);
    }
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

QString MessageDelegate::plainText(const QModelIndex &index)
{
    const QDateTime when = index.data(MessageListModel::TimestampRole).toDateTime();
    const QString stamp = QLatin1Char('[') + QLocale().toString(when, QLocale::ShortFormat) + QStringLiteral("] ");
    const QString text = index.data(MessageListModel::TextRole).toString();
    const QString sender = index.data(MessageListModel::SenderRole).toString();
    switch (kindOf(index)) {
    case Kind::Notice:
        return stamp + text;
    case Kind::Pending:
    case Kind::Rejected:
        return stamp + sender + QStringLiteral(": ") + text + QStringLiteral(" (") + statusText(index) + QLatin1Char(')');
    case Kind::Message:
        break;
    }
    QString line = stamp + sender + QStringLiteral(": ") + text;
    const FileInfo file = fileOf(index);
    if (file.isValid()) {
        const QString card = file.name + QStringLiteral(" (") + QLocale().formattedDataSize(file.size) + QLatin1Char(')');
        line = text == file.name ? stamp + sender + QStringLiteral(": ") + card : line + QStringLiteral(" · ") + card;
    }
    return line;
}

} // namespace Switchboard
