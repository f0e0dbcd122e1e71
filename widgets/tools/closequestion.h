#pragma once
#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QWidget;

namespace Switchboard {

class EmbeddedServer;
class TransferManager;

// What closing the window would end: the server this program hosts (and who is connected to
// it) and the transfers still running or queued. Empty when nothing would be lost.
class CloseQuestion
{
    Q_DECLARE_TR_FUNCTIONS(Switchboard::CloseQuestion)
public:
    // Users logged in to the hosted server other than me (each once), plus the count of
    // connections not logged in.
    static QStringList connectedUsers(const EmbeddedServer *server, const QString &me, int *anonymous = nullptr);
    // Names of transfers that are not finished, cancelled, failed or paused.
    static QStringList activeTransfers(const TransferManager *transfers);
    // The question's text, in the user's language; empty when there is nothing to ask.
    static QString text(const EmbeddedServer *server, const TransferManager *transfers, const QString &me);
};

} // namespace Switchboard
