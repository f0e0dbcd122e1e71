#pragma once
#include <QObject>

class QSocketNotifier;

namespace Switchboard {

// Turns SIGINT and SIGTERM into a Qt signal through a self-pipe, so shutdown runs in the event loop.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Switchboard
