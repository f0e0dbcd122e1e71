#include "chattab.h"

#include "messageinput.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QLocale>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace Switchboard {

static constexpr int MaxShown = 1000;

ChatTab::ChatTab(const QString &room, const QString &peer, const QString &me, QWidget *parent)
    : QWidget(parent)
    , m_room(room)
    , m_peer(peer)
    , m_me(me)
    , m_view(new QTextBrowser(this))
    , m_input(new MessageInput(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_attach(new QPushButton(tr("Attach…"), this))
{
    m_view->setObjectName(QStringLiteral("messageView"));
    m_view->setOpenExternalLinks(false);
    m_view->setOpenLinks(false);
    connect(m_view, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("switchboard-file")) {
            const qint64 id = url.path().toLongLong();
            for (const Entry &e : std::as_const(m_entries))
                if (e.message.file.id == id && id > 0) {
                    emit fileLinkActivated(e.message.file);
                    break;
                }
            return;
        }
        QDesktopServices::openUrl(url); // http(s) links open in the user's browser
    });
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setToolTip(tr("Send files to this conversation (Ctrl+U), or drop them on the window."));
    auto *buttons = new QVBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_attach);
    buttons->addWidget(m_send);
    auto *row = new QHBoxLayout;
    row->addWidget(m_input, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view, 1);
    layout->addLayout(row);
    m_input->setMaximumHeight(m_input->sizeHint().height() * 2);

    connect(m_input, &MessageInput::submitted, this, &ChatTab::sendRequested);
    connect(m_attach, &QPushButton::clicked, this, &ChatTab::attachRequested);
    connect(m_send, &QPushButton::clicked, this, [this] {
        const QString text = m_input->toPlainText();
        if (text.trimmed().isEmpty())
            return;
        m_input->clear();
        emit sendRequested(text);
    });
}

QString ChatTab::title() const
{
    return m_room.isEmpty() ? QStringLiteral("@") + m_peer : QStringLiteral("#") + m_room;
}

int ChatTab::messageCount() const
{
    int n = 0;
    for (const Entry &e : m_entries)
        n += e.kind == Entry::Message;
    return n;
}

QString ChatTab::plainText() const
{
    return m_view->toPlainText();
}

void ChatTab::addMessage(const ChatMessage &message)
{
    for (const Entry &e : std::as_const(m_entries))
        if (e.kind == Entry::Message && e.message.id == message.id && message.id != 0)
            return; // already shown (history and live delivery can overlap)
    m_entries.append(Entry{Entry::Message, message, 0, QString()});
    render();
}

void ChatTab::setHistory(const QList<ChatMessage> &messages)
{
    QList<Entry> pending;
    for (const Entry &e : std::as_const(m_entries))
        if (e.kind == Entry::Pending)
            pending.append(e);
    m_entries.clear();
    for (const ChatMessage &m : messages)
        m_entries.append(Entry{Entry::Message, m, 0, QString()});
    m_entries += pending;
    render();
}

void ChatTab::addNotice(const QString &text)
{
    m_entries.append(Entry{Entry::Notice, ChatMessage(), 0, text});
    render();
}

void ChatTab::addPending(qint64 localId, const QString &text)
{
    m_entries.append(Entry{Entry::Pending, ChatMessage(), localId, text});
    render();
}

void ChatTab::removePending(qint64 localId)
{
    for (int i = 0; i < m_entries.size(); ++i)
        if (m_entries.at(i).kind == Entry::Pending && m_entries.at(i).localId == localId) {
            m_entries.removeAt(i);
            render();
            return;
        }
}

void ChatTab::markRejected(qint64 localId, const QString &reason)
{
    for (Entry &e : m_entries)
        if (e.kind == Entry::Pending && e.localId == localId) {
            e.kind = Entry::Rejected;
            e.text = tr("Not sent (%1): %2").arg(reason, e.text);
            render();
            return;
        }
}

QString ChatTab::linkify(const QString &plain)
{
    static const QRegularExpression url(QStringLiteral(R"((https?://[^\s<>"]+))"));
    QString out;
    qsizetype last = 0;
    auto it = url.globalMatch(plain);
    while (it.hasNext()) {
        const auto m = it.next();
        out += plain.mid(last, m.capturedStart() - last).toHtmlEscaped();
        const QString link = m.captured(1);
        out += QStringLiteral("<a href=\"%1\">%2</a>").arg(link.toHtmlEscaped(), link.toHtmlEscaped());
        last = m.capturedEnd();
    }
    out += plain.mid(last).toHtmlEscaped();
    out.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return out;
}

QString ChatTab::renderEntry(const Entry &e) const
{
    switch (e.kind) {
    case Entry::Notice:
        return QStringLiteral("<p style=\"color:#777;\"><i>%1</i></p>").arg(e.text.toHtmlEscaped());
    case Entry::Pending:
        return QStringLiteral("<p style=\"color:#888;\" align=\"right\">%1 <small>(%2)</small></p>")
            .arg(linkify(e.text), tr("waiting to send"));
    case Entry::Rejected:
        return QStringLiteral("<p style=\"color:#b00020;\" align=\"right\">%1</p>").arg(e.text.toHtmlEscaped());
    case Entry::Message:
        break;
    }
    const ChatMessage &m = e.message;
    const bool own = m.sender == m_me;
    const QString time = QDateTime::fromMSecsSinceEpoch(m.timestampMs).toLocalTime().toString(QStringLiteral("HH:mm"));
    QString body = linkify(m.text);
    if (m.isFile()) {
        body += QStringLiteral("<br>&#128206; <a href=\"switchboard-file:%1\">%2</a> (%3)")
                    .arg(QString::number(m.file.id), m.file.name.toHtmlEscaped(), QLocale().formattedDataSize(m.file.size));
    }
    return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"4\"><tr><td %1>"
                          "<span style=\"color:%2;\"><b>%3</b></span> <span style=\"color:#888;\">%4</span><br>%5"
                          "</td></tr></table>")
        .arg(own ? QStringLiteral("align=\"right\" bgcolor=\"#e3f2fd\"") : QString(),
             own ? QStringLiteral("#1565c0") : QStringLiteral("#2e7d32"), m.sender.toHtmlEscaped(), time, body);
}

void ChatTab::render()
{
    while (m_entries.size() > MaxShown)
        m_entries.removeFirst();
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    QString html;
    for (const Entry &e : std::as_const(m_entries))
        html += renderEntry(e);
    m_view->setHtml(html);
    if (atBottom)
        bar->setValue(bar->maximum());
}

} // namespace Switchboard
