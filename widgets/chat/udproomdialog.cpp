#include "udproomdialog.h"

#include "net/protocol/udproomdatagram.h"
#include "widgets/tools/theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPushButton>

namespace Switchboard {

UdpRoomDialog::UdpRoomDialog(const QString &displayName, QWidget *parent)
    : QDialog(parent)
    , m_room(new QLineEdit(this))
    , m_name(new QLineEdit(displayName, this))
    , m_interface(new QComboBox(this))
{
    setWindowTitle(tr("Join UDP room"));
    m_room->setObjectName(QStringLiteral("udpRoomName"));
    m_name->setObjectName(QStringLiteral("udpDisplayName"));
    m_interface->setObjectName(QStringLiteral("udpInterface"));
    m_room->setMaxLength(UdpRooms::MaxRoomChars);
    m_name->setMaxLength(UdpRooms::MaxNameChars);
    m_room->setPlaceholderText(tr("any name; everyone who joins the same name on your network is in it"));
    m_interface->addItem(tr("Every network interface"), QString());
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        if (!iface.flags().testFlag(QNetworkInterface::IsUp))
            continue;
        QStringList addresses;
        for (const QNetworkAddressEntry &e : iface.addressEntries())
            addresses.append(e.ip().toString());
        m_interface->addItem(tr("%1 (%2)").arg(iface.humanReadableName(), addresses.join(QStringLiteral(", "))), iface.name());
    }
    auto *warning = new QLabel(tr("UDP rooms need no server, and have no protection: they are unauthenticated and "
                                  "unencrypted. Anyone on the network can read every message and write under any name."),
                               this);
    warning->setObjectName(QStringLiteral("udpDialogWarning"));
    warning->setWordWrap(true);
    Theme::accentLabel(warning, Theme::Accent::Red);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Join"));
    ok->setEnabled(false);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Room:"), m_room);
    form->addRow(tr("Your name:"), m_name);
    form->addRow(tr("Interface:"), m_interface);
    form->addRow(warning);
    form->addRow(buttons);
    connect(m_room, &QLineEdit::textChanged, this, [ok](const QString &text) { ok->setEnabled(!text.trimmed().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString UdpRoomDialog::roomName() const
{
    return m_room->text().trimmed();
}

QString UdpRoomDialog::displayName() const
{
    return m_name->text().trimmed();
}

QStringList UdpRoomDialog::interfaces() const
{
    const QString name = m_interface->currentData().toString();
    return name.isEmpty() ? QStringList() : QStringList{name};
}

} // namespace Switchboard
