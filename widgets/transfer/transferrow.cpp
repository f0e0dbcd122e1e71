#include "transferrow.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace Switchboard {

TransferRow::TransferRow(Transfer *transfer, QWidget *parent)
    : QWidget(parent)
    , m_transfer(transfer)
    , m_name(new QLabel(this))
    , m_status(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_bytes(new QLabel(this))
    , m_rate(new QLabel(this))
    , m_eta(new QLabel(this))
    , m_pause(new QToolButton(this))
    , m_cancel(new QToolButton(this))
{
    m_name->setObjectName(QStringLiteral("name"));
    m_status->setObjectName(QStringLiteral("status"));
    m_bar->setObjectName(QStringLiteral("progress"));
    m_bytes->setObjectName(QStringLiteral("bytes"));
    m_rate->setObjectName(QStringLiteral("rate"));
    m_eta->setObjectName(QStringLiteral("timeLeft"));
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));

    m_name->setTextFormat(Qt::PlainText);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_name->setMinimumWidth(120);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(true);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop this transfer and discard what was sent"));

    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->addWidget(m_name, 0, 0, 1, 3);
    grid->addWidget(m_status, 0, 3, 1, 2, Qt::AlignRight);
    grid->addWidget(m_bar, 1, 0, 1, 3);
    grid->addWidget(m_pause, 1, 3);
    grid->addWidget(m_cancel, 1, 4);
    grid->addWidget(m_bytes, 2, 0);
    grid->addWidget(m_rate, 2, 1);
    grid->addWidget(m_eta, 2, 2);
    grid->setColumnStretch(0, 2);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);

    connect(m_pause, &QToolButton::clicked, this, &TransferRow::togglePause);
    connect(m_cancel, &QToolButton::clicked, transfer, &Transfer::cancel);
    connect(transfer, &Transfer::progress, this, &TransferRow::refresh);
    connect(transfer, &Transfer::stateChanged, this, &TransferRow::refresh);
    connect(transfer, &Transfer::rateChanged, this, &TransferRow::refresh);
    connect(transfer, &Transfer::failed, this, &TransferRow::refresh);
    refresh();
}

QString TransferRow::formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

QString TransferRow::formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return QString();
    if (seconds >= 3600)
        return tr("%1 h %2 min left").arg(seconds / 3600).arg(seconds / 60 % 60);
    if (seconds >= 60)
        return tr("%1 min %2 s left").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 s left").arg(seconds);
}

void TransferRow::togglePause()
{
    if (!m_transfer)
        return;
    switch (m_transfer->state()) {
    case Transfer::State::Paused:
        m_transfer->resume();
        break;
    case Transfer::State::Failed:
        m_transfer->start(); // resumes where the data stopped
        break;
    default:
        m_transfer->pause();
        break;
    }
}

void TransferRow::refresh()
{
    if (!m_transfer)
        return;
    const Transfer &t = *m_transfer;
    const Transfer::State s = t.state();
    m_name->setText(t.displayName());
    m_name->setToolTip(t.displayName());
    const qint64 total = t.bytesTotal();
    const int permille = total > 0 ? int(t.bytesDone() * 1000 / total) : (s == Transfer::State::Finished ? 1000 : 0);
    m_bar->setValue(s == Transfer::State::Finished ? 1000 : permille);
    m_bar->setFormat(QStringLiteral("%1%").arg(m_bar->value() / 10));
    m_bytes->setText(tr("%1 of %2").arg(formatBytes(t.bytesDone()), formatBytes(total)));
    const double rate = t.rate();
    m_rate->setText(rate > 0 ? tr("%1/s").arg(formatBytes(qint64(rate))) : QString());
    m_eta->setText(s == Transfer::State::Running ? formatDuration(t.secondsLeft()) : QString());
    if (s == Transfer::State::Failed) {
        m_status->setText(tr("Failed: %1").arg(t.errorString()));
        m_status->setStyleSheet(QStringLiteral("color: palette(link);"));
    } else {
        m_status->setText(Transfer::stateText(s));
        m_status->setStyleSheet(QString());
    }
    const bool finalState = t.isFinal();
    m_pause->setVisible(!finalState);
    m_cancel->setVisible(!finalState);
    if (s == Transfer::State::Paused) {
        m_pause->setText(tr("Resume"));
        m_pause->setToolTip(tr("Continue this transfer"));
    } else if (s == Transfer::State::Failed) {
        m_pause->setText(tr("Retry"));
        m_pause->setToolTip(tr("Try again, continuing where the data stopped"));
    } else {
        m_pause->setText(tr("Pause"));
        m_pause->setToolTip(tr("Hold this transfer"));
    }
    m_pause->setEnabled(s != Transfer::State::Verifying && s != Transfer::State::Hashing);
}

} // namespace Switchboard
