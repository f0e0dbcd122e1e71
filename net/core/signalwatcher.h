#pragma once
#include <QObject>

class QSocketNotifier;

namespace Switchboard {

// Turns SIGINT and SIGTERM (shutdown) and SIGHUP (reload) into Qt signals through a self-pipe, so
// both run in the event loop.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);
    void reloadRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Switchboard
