#pragma once
#include "tutorialcommand.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTimer>

namespace Switchboard {

// Runs one allowed TutorialCommand for the tutorial port: QProcess, no shell, stdin from the
// null device, a time limit and an output limit (either kills the program). The answer is what
// the tutorial's server sends: the standard error if the program wrote any, else its standard
// output; a line saying why is appended when the program was killed or could not start.
// Destroying the runner kills a program still running.
class CommandRunner : public QObject
{
    Q_OBJECT
public:
    CommandRunner(const TutorialCommand &command, int timeoutMs, qint64 maxOutput, QObject *parent = nullptr);
    ~CommandRunner() override;

    void start();

signals:
    // `outcome` for the log, e.g. "exit 0" or "killed: time limit of 10000 ms".
    void finished(const QByteArray &answer, const QString &outcome, qint64 elapsedMs);

private:
    void read();
    void kill(const QString &why);
    void done(const QString &outcome);

    TutorialCommand m_command;
    int m_timeoutMs;
    qint64 m_maxOutput;
    QProcess m_process;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QByteArray m_out;
    QByteArray m_err;
    QString m_killed; // why it was killed; empty if not
    bool m_done = false;
};

} // namespace Switchboard
