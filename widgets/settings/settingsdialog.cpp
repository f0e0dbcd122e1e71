#include "settingsdialog.h"

#include "appsettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSystemTrayIcon>
#include <QVBoxLayout>

namespace Switchboard {

SettingsDialog::SettingsDialog(AppSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_notifications(new QCheckBox(tr("Show a notification when a message arrives in the background"), this))
    , m_sounds(new QCheckBox(tr("Play a sound with notifications"), this))
    , m_folder(new QLineEdit(this))
    , m_ask(new QCheckBox(tr("Ask where to save each download"), this))
    , m_history(new QSpinBox(this))
    , m_frames(new QSpinBox(this))
    , m_mib(new QSpinBox(this))
    , m_language(new QComboBox(this))
    , m_restartNote(new QLabel(tr("The language changes the next time Switchboard starts."), this))
    , m_startHidden(new QCheckBox(tr("Start hidden in the system tray"), this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_notifications->setObjectName(QStringLiteral("notificationsCheck"));
    m_sounds->setObjectName(QStringLiteral("soundsCheck"));
    m_folder->setObjectName(QStringLiteral("downloadFolderEdit"));
    m_ask->setObjectName(QStringLiteral("askWhereToSaveCheck"));
    m_history->setObjectName(QStringLiteral("historyLinesSpin"));
    m_frames->setObjectName(QStringLiteral("inspectorFramesSpin"));
    m_mib->setObjectName(QStringLiteral("inspectorMiBSpin"));
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_startHidden->setObjectName(QStringLiteral("startHiddenCheck"));

    auto *notifications = new QGroupBox(tr("Notifications and tray"), this);
    auto *notificationsLayout = new QVBoxLayout(notifications);
    notificationsLayout->addWidget(m_notifications);
    notificationsLayout->addWidget(m_sounds);
    notificationsLayout->addWidget(m_startHidden);
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        m_startHidden->setEnabled(false);
        m_startHidden->setToolTip(tr("This desktop has no system tray."));
    }

    auto *downloads = new QGroupBox(tr("Downloads"), this);
    auto *downloadsForm = new QFormLayout(downloads);
    auto *choose = new QPushButton(tr("Choose…"), this);
    choose->setObjectName(QStringLiteral("chooseFolderButton"));
    choose->setAccessibleName(tr("Choose the download folder"));
    connect(choose, &QPushButton::clicked, this, &SettingsDialog::chooseFolder);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(choose);
    auto *folderLabel = new QLabel(tr("Save &into:"), this);
    folderLabel->setBuddy(m_folder); // a row of two widgets gets no buddy by itself
    downloadsForm->addRow(folderLabel, folderRow);
    downloadsForm->addRow(m_ask);

    auto *limits = new QGroupBox(tr("Chat and inspector"), this);
    auto *limitsForm = new QFormLayout(limits);
    m_history->setRange(10, 1000000);
    m_history->setSingleStep(500);
    m_history->setToolTip(tr("Older messages are dropped from the screen and page back in when you scroll up."));
    limitsForm->addRow(tr("&Messages kept on screen per conversation:"), m_history);
    m_frames->setRange(1000, 100000000);
    m_frames->setSingleStep(10000);
    limitsForm->addRow(tr("Inspector keeps at most (&frames):"), m_frames);
    m_mib->setRange(1, 16384);
    m_mib->setSuffix(tr(" MiB"));
    limitsForm->addRow(tr("Inspector keeps at most (&memory):"), m_mib);

    auto *language = new QGroupBox(tr("Language"), this);
    auto *languageForm = new QFormLayout(language);
    m_language->addItem(tr("System language"), QString());
    // Each language in its own name, so a user can find theirs whatever is shown now.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("中文（简体）"), QStringLiteral("zh_CN"));
    languageForm->addRow(tr("&Language:"), m_language);
    m_restartNote->setWordWrap(true);
    languageForm->addRow(m_restartNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        apply();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(notifications);
    layout->addWidget(downloads);
    layout->addWidget(limits);
    layout->addWidget(language);
    layout->addWidget(buttons);
    load();
}

void SettingsDialog::load()
{
    m_notifications->setChecked(m_settings->notifications());
    m_sounds->setChecked(m_settings->sounds());
    m_folder->setText(QDir::toNativeSeparators(m_settings->downloadFolder()));
    m_ask->setChecked(m_settings->askWhereToSave());
    m_history->setValue(m_settings->historyLines());
    m_frames->setValue(int(qMin<qint64>(m_settings->inspectorFrames(), m_frames->maximum())));
    m_mib->setValue(m_settings->inspectorMiB());
    m_language->setCurrentIndex(qMax(0, m_language->findData(m_settings->language())));
    m_startHidden->setChecked(m_settings->startHidden());
}

void SettingsDialog::apply()
{
    m_settings->setNotifications(m_notifications->isChecked());
    m_settings->setSounds(m_sounds->isChecked());
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (!folder.isEmpty())
        m_settings->setDownloadFolder(folder);
    m_settings->setAskWhereToSave(m_ask->isChecked());
    m_settings->setHistoryLines(m_history->value());
    m_settings->setInspectorFrames(m_frames->value());
    m_settings->setInspectorMiB(m_mib->value());
    m_settings->setLanguage(m_language->currentData().toString());
    m_settings->setStartHidden(m_startHidden->isChecked());
    m_settings->sync();
}

void SettingsDialog::chooseFolder()
{
    auto *dialog = new QFileDialog(this, tr("Save downloads into"), m_folder->text());
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, m_folder,
            [this](const QString &dir) { m_folder->setText(QDir::toNativeSeparators(dir)); });
    dialog->open();
}

} // namespace Switchboard
