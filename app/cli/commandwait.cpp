#include "commandwait.h"

#include "clioutput.h"
#include "net/client/clientsession.h"

#include <QTimer>

namespace Switchboard {

void CommandWait::watch(ClientSession &session, int timeoutMs)
{
    QObject::connect(&session, &ClientSession::disconnected, &m_phase, [this](const QString &reason) {
        fail(3, QStringLiteral("connection_lost"), reason, tr("Disconnected: %1").arg(reason));
    });
    QTimer::singleShot(timeoutMs, &m_phase, [this] { fail(4, QStringLiteral("timeout"), tr("Timed out."), tr("Timed out.")); });
}

void CommandWait::refuse(const Protocol::Error &error)
{
    fail(1, error.codeString, error.message, tr("Refused (%1): %2").arg(error.codeString, error.message));
}

void CommandWait::fail(int status, const QString &code, const QString &message, const QString &text)
{
    m_output.error(code, message, text);
    m_status = status;
    m_loop.quit();
}

int CommandWait::exec()
{
    m_loop.exec();
    return m_status;
}

} // namespace Switchboard
