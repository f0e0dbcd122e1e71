#pragma once
#include "net/protocol/messages.h"

#include <QList>
#include <QWidget>

class QPushButton;
class QTextBrowser;

namespace Switchboard {

class MessageInput;

// One conversation: a room or a private chat. Shows messages (sender, time, text; own ones
// set apart; links clickable), notices, and messages waiting to be sent.
class ChatTab : public QWidget
{
    Q_OBJECT
public:
    ChatTab(const QString &room, const QString &peer, const QString &me, QWidget *parent = nullptr);

    QString room() const { return m_room; }
    QString peer() const { return m_peer; }
    QString title() const;
    MessageInput *input() const { return m_input; }
    QTextBrowser *view() const { return m_view; }
    int messageCount() const;
    QString plainText() const;

public slots:
    void addMessage(const Switchboard::ChatMessage &message);
    void setHistory(const QList<Switchboard::ChatMessage> &messages);
    void addNotice(const QString &text);
    void addPending(qint64 localId, const QString &text);
    void removePending(qint64 localId);
    void markRejected(qint64 localId, const QString &reason);

signals:
    void sendRequested(const QString &text);
    void attachRequested();
    void fileLinkActivated(const Switchboard::FileInfo &file);

private:
    struct Entry
    {
        enum Kind { Message, Notice, Pending, Rejected } kind;
        ChatMessage message;
        qint64 localId = 0;
        QString text;
    };
    void render();
    QString renderEntry(const Entry &e) const;
    static QString linkify(const QString &plain);

    QString m_room;
    QString m_peer;
    QString m_me;
    QList<Entry> m_entries;
    QTextBrowser *m_view;
    MessageInput *m_input;
    QPushButton *m_send;
    QPushButton *m_attach;
};

} // namespace Switchboard
