#pragma once
#include "net/discovery/lanhosting.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace Switchboard {

// Who may join a server hosted in this program: "Only this computer" (127.0.0.1, the default) or
// "My local network" (every interface), with the addresses a teammate would type.
class HostScopeChooser : public QWidget
{
    Q_OBJECT
public:
    explicit HostScopeChooser(QWidget *parent = nullptr);

    LanHosting::Scope scope() const;
    void setScope(LanHosting::Scope scope);

signals:
    void scopeChanged(Switchboard::LanHosting::Scope scope);

private:
    void updateAddresses();

    QComboBox *m_scope;
    QLabel *m_addresses;
};

} // namespace Switchboard
