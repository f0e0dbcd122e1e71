#pragma once
#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace Switchboard {

// The tutorials' chat robot: answers hello/你好, name/名字, time/时间, and anything else
// with a random line it has heard before.
class ChatBot
{
    Q_DECLARE_TR_FUNCTIONS(ChatBot)
public:
    explicit ChatBot(const QString &name) : m_name(name) {}
    QString name() const { return m_name; }
    // Whether a room message is addressed to the bot ("robot ..." or "@robot ...").
    bool isAddressed(const QString &text) const;
    // The reply to a text (with any address removed); remembers the text for later answers.
    QString reply(const QString &text, const QDateTime &now = QDateTime::currentDateTime());
    void remember(const QString &line);

private:
    QString m_name;
    QStringList m_heard;
};

} // namespace Switchboard
