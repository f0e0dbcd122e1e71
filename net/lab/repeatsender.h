#pragma once
// Repeats a send on a timer: every `interval` ms, `count` times (0: until stopped).

#include <QObject>
#include <QTimer>

#include <functional>

namespace Switchboard {

class RepeatSender : public QObject
{
    Q_OBJECT
public:
    explicit RepeatSender(QObject *parent = nullptr);

    // Sends once at once, then every intervalMs. `send` returns false to stop (the target went away).
    void start(int intervalMs, int count, std::function<bool()> send);
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    int sentCount() const { return m_sent; }
    int count() const { return m_count; }

signals:
    void progress(int sent, int count);
    void finished(int sent);

private:
    void fire();

    QTimer m_timer;
    std::function<bool()> m_send;
    int m_count = 0;
    int m_sent = 0;
};

} // namespace Switchboard
