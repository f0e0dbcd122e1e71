#include "chatbot.h"

#include <QRandomGenerator>

namespace Switchboard {

bool ChatBot::isAddressed(const QString &text) const
{
    const QString t = text.trimmed();
    return t.startsWith(m_name, Qt::CaseInsensitive) || t.startsWith(QLatin1Char('@') + m_name, Qt::CaseInsensitive);
}

void ChatBot::remember(const QString &line)
{
    const QString t = line.trimmed();
    if (t.isEmpty())
        return;
    m_heard.append(t);
    if (m_heard.size() > 500)
        m_heard.removeFirst();
}

QString ChatBot::reply(const QString &input, const QDateTime &now)
{
    QString text = input.trimmed();
    if (text.startsWith(QLatin1Char('@')))
        text = text.mid(1);
    if (text.startsWith(m_name, Qt::CaseInsensitive))
        text = text.mid(m_name.size());
    text = text.trimmed();
    while (!text.isEmpty() && (text.front() == QLatin1Char(':') || text.front() == QLatin1Char(',') || text.front() == QChar(0xFF1A) || text.front() == QChar(0xFF0C)))
        text = text.mid(1).trimmed();
    const QString lower = text.toLower();

    QString answer;
    if (lower.contains(QLatin1String("hello")) || text.contains(QStringLiteral("你好")))
        answer = tr("Hello! I am %1. Ask me my name or the time.").arg(m_name);
    else if (lower.contains(QLatin1String("name")) || text.contains(QStringLiteral("名字")))
        answer = tr("My name is %1, the Switchboard robot.").arg(m_name);
    else if (lower.contains(QLatin1String("time")) || text.contains(QStringLiteral("时间")))
        answer = tr("It is %1.").arg(now.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    else if (!m_heard.isEmpty())
        answer = m_heard.at(QRandomGenerator::global()->bounded(int(m_heard.size())));
    else
        answer = tr("I don't know what to say yet.");
    remember(text);
    return answer;
}

} // namespace Switchboard
