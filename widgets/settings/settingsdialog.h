#pragma once
#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Switchboard {

class AppSettings;

// Edits AppSettings: notifications and sounds, where downloads go, how much history a
// conversation keeps on screen, the inspector's capture limits, the language (after a restart)
// and whether the window starts hidden in the tray. OK stores everything; Cancel nothing.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(AppSettings *settings, QWidget *parent = nullptr);

    // Writes the dialog's values into the settings (what OK does).
    void apply();

private:
    void load();
    void chooseFolder();

    AppSettings *m_settings;
    QCheckBox *m_notifications;
    QCheckBox *m_sounds;
    QLineEdit *m_folder;
    QCheckBox *m_ask;
    QSpinBox *m_history;
    QSpinBox *m_frames;
    QSpinBox *m_mib;
    QComboBox *m_language;
    QLabel *m_restartNote;
    QCheckBox *m_startHidden;
};

} // namespace Switchboard
