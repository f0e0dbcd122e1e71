#pragma once
#include "net/transfer/transfer.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace Switchboard {

// One line of a transfer list: name, progress bar, bytes done/total, rate, time left,
// status or error, and pause/resume and cancel buttons.
class TransferRow : public QWidget
{
    Q_OBJECT
public:
    explicit TransferRow(Transfer *transfer, QWidget *parent = nullptr);

    Transfer *transfer() const { return m_transfer; }
    QProgressBar *progressBar() const { return m_bar; }

    static QString formatBytes(qint64 bytes);
    static QString formatDuration(qint64 seconds);

private:
    void refresh();
    void togglePause();

    QPointer<Transfer> m_transfer;
    QLabel *m_name;
    QLabel *m_status;
    QProgressBar *m_bar;
    QLabel *m_bytes;
    QLabel *m_rate;
    QLabel *m_eta;
    QToolButton *m_pause;
    QToolButton *m_cancel;
};

} // namespace Switchboard
