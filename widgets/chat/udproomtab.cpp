#include "udproomtab.h"

#include "net/udproom/udproom.h"
#include "udproomdelegate.h"
#include "widgets/tools/theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace Switchboard {

UdpRoomTab::UdpRoomTab(UdpRoom *room, QWidget *parent)
    : QWidget(parent)
    , m_room(room)
    , m_header(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_view(new QListView(this))
    , m_peers(new QListWidget(this))
    , m_input(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("udpRoomTab"));
    m_room->setParent(this);
    m_header->setObjectName(QStringLiteral("udpRoomHeader"));
    m_header->setText(tr("<b>UDP room %1</b> — no server: each message is one UDP datagram to everyone on port %2 via %3")
                          .arg(m_room->room().toHtmlEscaped())
                          .arg(m_room->port())
                          .arg(m_room->interfaces().join(QStringLiteral(", ")).toHtmlEscaped()));
    m_header->setWordWrap(true);
    m_warning->setObjectName(QStringLiteral("udpRoomWarning"));
    m_warning->setText(tr("⚠ UDP rooms are unauthenticated and unencrypted: anyone on your network can read this room and "
                          "write in it under any name. Do not send anything private."));
    m_warning->setWordWrap(true);
    Theme::accentLabel(m_warning, Theme::Accent::Red);
    m_view->setObjectName(QStringLiteral("udpRoomView"));
    m_view->setModel(m_room->model());
    m_view->setItemDelegate(new UdpRoomDelegate(m_view));
    m_view->setWordWrap(true);
    m_view->setResizeMode(QListView::Adjust); // long lines wrap to the new width
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_peers->setObjectName(QStringLiteral("udpRoomPeers"));
    m_peers->setToolTip(tr("Peers heard in this room. Names are not verified."));
    m_input->setObjectName(QStringLiteral("udpRoomInput"));
    m_input->setPlaceholderText(tr("Message to everyone in the UDP room"));
    m_error->setObjectName(QStringLiteral("udpRoomError"));
    m_error->setWordWrap(true);
    Theme::accentLabel(m_error, Theme::Accent::Red);
    m_error->hide();

    auto *peersBox = new QWidget(this);
    auto *peersLayout = new QVBoxLayout(peersBox);
    peersLayout->setContentsMargins(0, 0, 0, 0);
    peersLayout->addWidget(new QLabel(tr("Peers"), peersBox));
    peersLayout->addWidget(m_peers);
    auto *split = new QSplitter(this);
    split->addWidget(m_view);
    split->addWidget(peersBox);
    split->setStretchFactor(0, 1);
    split->setSizes({520, 160});
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_warning);
    layout->addWidget(split, 1);
    layout->addWidget(m_error);
    layout->addLayout(inputRow);

    connect(m_input, &QLineEdit::returnPressed, this, &UdpRoomTab::sendInput);
    connect(m_send, &QPushButton::clicked, this, &UdpRoomTab::sendInput);
    connect(m_room, &UdpRoom::peersChanged, this, &UdpRoomTab::updatePeers);
    connect(m_room->model(), &QAbstractItemModel::rowsInserted, m_view, &QListView::scrollToBottom);
    updatePeers();
}

QString UdpRoomTab::title() const
{
    return tr("UDP: %1").arg(m_room->room());
}

QString UdpRoomTab::plainText() const
{
    QStringList lines;
    for (int i = 0; i < m_room->model()->rowCount(); ++i)
        lines.append(UdpRoomDelegate::lineFor(m_room->model()->index(i)));
    return lines.join(u'\n');
}

void UdpRoomTab::sendInput()
{
    const QString text = m_input->text();
    if (text.trimmed().isEmpty())
        return;
    QString why;
    if (!m_room->send(text, &why)) {
        m_error->setText(why);
        m_error->show();
        return; // the text stays in the input to be shortened
    }
    m_error->hide();
    m_input->clear();
}

void UdpRoomTab::updatePeers()
{
    m_peers->clear();
    for (const UdpRoomPeer &p : m_room->peers()) {
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(p.name.isEmpty() ? tr("unnamed") : p.name, p.address.toString()), m_peers);
        item->setToolTip(tr("sender id %1").arg(p.id));
    }
}

} // namespace Switchboard
