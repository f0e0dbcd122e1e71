#include "serverpanel.h"

#include "net/discovery/lanhosting.h"
#include "net/server/embeddedserver.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Switchboard {

ServerPanel::ServerPanel(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_clients(new QTableWidget(0, 3, this))
    , m_kick(new QPushButton(tr("Kick"), this))
    , m_reachable(new QLabel(this))
    , m_stop(new QPushButton(tr("Stop server"), this))
    , m_log(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("serverPanel"));
    m_clients->setObjectName(QStringLiteral("serverClients"));
    m_kick->setObjectName(QStringLiteral("kickButton"));
    m_clients->setHorizontalHeaderLabels({tr("Address"), tr("User"), tr("Since")});
    m_clients->horizontalHeader()->setStretchLastSection(true);
    m_clients->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_clients->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_clients->verticalHeader()->hide();
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_log->setObjectName(QStringLiteral("serverLog"));
    m_kick->setEnabled(false);
    m_reachable->setObjectName(QStringLiteral("serverReachable"));
    m_reachable->setWordWrap(true);
    m_reachable->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stop->setObjectName(QStringLiteral("stopServerButton"));
    m_stop->setToolTip(tr("Stop the server: everyone connected to it is disconnected."));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_reachable);
    layout->addWidget(m_stop, 0, Qt::AlignRight);
    layout->addWidget(m_clients, 2);
    layout->addWidget(m_kick, 0, Qt::AlignRight);
    layout->addWidget(new QLabel(tr("Server log"), this));
    layout->addWidget(m_log, 1);

    connect(m_kick, &QPushButton::clicked, this, &ServerPanel::kickSelected);
    connect(m_stop, &QPushButton::clicked, this, &ServerPanel::stopRequested);
    connect(m_clients, &QTableWidget::itemSelectionChanged, this,
            [this] { m_kick->setEnabled(!m_clients->selectedItems().isEmpty()); });
    refresh();
}

void ServerPanel::setServer(EmbeddedServer *server)
{
    if (m_server)
        m_server->disconnect(this);
    m_server = server;
    if (server && server->isRunning()) {
        connect(server, &EmbeddedServer::clientsChanged, this, &ServerPanel::refresh);
        connect(server, &EmbeddedServer::logMessage, this, &ServerPanel::appendLog);
    }
    refresh();
}

void ServerPanel::appendLog(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss ")) + line);
}

void ServerPanel::refresh()
{
    m_clients->setRowCount(0);
    if (!m_server || !m_server->isRunning()) {
        m_summary->setText(tr("No server is running in this program."));
        m_reachable->clear();
        m_stop->setEnabled(false);
        return;
    }
    m_stop->setEnabled(true);
    const QStringList reachable = LanHosting::reachableEndpoints(m_server->endpoints());
    bool loopbackOnly = true;
    for (const Endpoint &e : m_server->endpoints())
        loopbackOnly = loopbackOnly && QHostAddress(e.host).isLoopback();
    m_reachable->setText(loopbackOnly ? tr("Reachable at: %1 (from this computer only)").arg(reachable.join(QStringLiteral(", ")))
                                      : tr("Reachable at: %1").arg(reachable.join(QStringLiteral(", "))));
    QStringList where;
    for (const Endpoint &e : m_server->endpoints())
        where.append(e.toString());
    const QList<EmbeddedServer::Client> clients = m_server->clients();
    m_summary->setText(tr("Hosting on %1 — %n client(s) connected", nullptr, int(clients.size())).arg(where.join(QStringLiteral(", "))));
    for (const EmbeddedServer::Client &c : clients) {
        const int row = m_clients->rowCount();
        m_clients->insertRow(row);
        auto *address = new QTableWidgetItem(c.address);
        address->setData(Qt::UserRole, QVariant::fromValue<quint64>(c.id));
        m_clients->setItem(row, 0, address);
        m_clients->setItem(row, 1, new QTableWidgetItem(!c.user.isEmpty() ? c.user : tr("(not logged in)")));
        m_clients->setItem(row, 2, new QTableWidgetItem(c.since.toString(QStringLiteral("HH:mm:ss"))));
    }
}

void ServerPanel::kickSelected()
{
    if (!m_server || !m_server->isRunning())
        return;
    const auto items = m_clients->selectedItems();
    if (items.isEmpty())
        return;
    const quint64 id = m_clients->item(items.first()->row(), 0)->data(Qt::UserRole).value<quint64>();
    const QString user = m_clients->item(items.first()->row(), 1)->text();
    if (m_hostUser.isEmpty() || user != m_hostUser) {
        kick(id);
        return;
    }
    // Most likely this very window's connection: say what it would do.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Kick yourself?"),
                                tr("%1 is you: kicking it disconnects this window (or your other device) from "
                                   "your own server.").arg(user),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("kickSelfBox"));
    QPushButton *yes = box->addButton(tr("Kick anyway"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("kickAnywayButton"));
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, yes, id] {
        if (box->clickedButton() == yes)
            kick(id);
    });
    box->open();
}

void ServerPanel::kick(quint64 sessionId)
{
    if (m_server)
        m_server->kick(sessionId, tr("You were disconnected by the server's host."));
}

} // namespace Switchboard
