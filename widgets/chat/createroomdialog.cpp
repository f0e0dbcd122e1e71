#include "createroomdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>

namespace Switchboard {

CreateRoomDialog::CreateRoomDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_private(new QCheckBox(tr("Private: only people you invite can see and join it"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Create room"));
    m_name->setObjectName(QStringLiteral("roomName"));
    m_private->setObjectName(QStringLiteral("privateRoom"));
    // The server's rule (docs/PROTOCOL.md 7.1): letters and digits of any script, '_', '-', '.'.
    m_name->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[\\w.\\-]{1,64}")), m_name));
    m_name->setPlaceholderText(tr("letters, digits, _ - ."));
    auto *form = new QFormLayout(this);
    form->addRow(tr("Room name:"), m_name);
    form->addRow(m_private);
    form->addRow(m_buttons);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("Create"));
    ok->setEnabled(false);
    connect(m_name, &QLineEdit::textChanged, this, [ok](const QString &text) { ok->setEnabled(!text.isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString CreateRoomDialog::roomName() const
{
    return m_name->text().trimmed();
}

bool CreateRoomDialog::isPrivate() const
{
    return m_private->isChecked();
}

} // namespace Switchboard
