#include "hostscopechooser.h"

#include <QComboBox>
#include <QLabel>
#include <QVBoxLayout>

namespace Switchboard {

HostScopeChooser::HostScopeChooser(QWidget *parent)
    : QWidget(parent)
    , m_scope(new QComboBox(this))
    , m_addresses(new QLabel(this))
{
    setObjectName(QStringLiteral("hostScope"));
    m_scope->setObjectName(QStringLiteral("hostScopeCombo"));
    m_scope->setAccessibleName(tr("Who may join the hosted server"));
    m_scope->addItem(tr("Only this computer"), int(LanHosting::Scope::ThisComputer));
    m_scope->addItem(tr("My local network"), int(LanHosting::Scope::LocalNetwork));
    m_scope->setToolTip(tr("\"Only this computer\" listens on 127.0.0.1: nobody else can connect. "
                           "\"My local network\" listens on every network interface, so teammates can join "
                           "(they find it in their login window, or type one of the addresses shown)."));
    m_addresses->setObjectName(QStringLiteral("hostAddresses"));
    m_addresses->setWordWrap(true);
    m_addresses->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scope);
    layout->addWidget(m_addresses);
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        updateAddresses();
        emit scopeChanged(scope());
    });
    updateAddresses();
}

LanHosting::Scope HostScopeChooser::scope() const
{
    return LanHosting::Scope(m_scope->currentData().toInt());
}

void HostScopeChooser::setScope(LanHosting::Scope scope)
{
    m_scope->setCurrentIndex(m_scope->findData(int(scope)));
}

void HostScopeChooser::updateAddresses()
{
    if (scope() == LanHosting::Scope::ThisComputer) {
        m_addresses->hide();
        return;
    }
    // Read again on every choice: the network may have changed since the window opened.
    const QStringList addresses = LanHosting::reachableAddresses();
    m_addresses->setText(addresses.isEmpty()
                             ? tr("This computer has no network address now: only programs on it can connect.")
                             : tr("Teammates can connect to: %1").arg(addresses.join(QStringLiteral(", "))));
    m_addresses->show();
}

} // namespace Switchboard
