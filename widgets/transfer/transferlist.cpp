#include "transferlist.h"

#include "net/transfer/transfer.h"
#include "transferrow.h"

#include <QFrame>
#include <QLabel>
#include <QProgressBar>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace Switchboard {

TransferList::TransferList(QWidget *parent)
    : QWidget(parent)
    , m_rowsLayout(new QVBoxLayout)
    , m_overall(new QProgressBar(this))
    , m_summary(new QLabel(this))
{
    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_overall->setRange(0, 100);
    m_overall->setValue(0);
    m_summary->setObjectName(QStringLiteral("summary"));

    auto *inner = new QWidget;
    inner->setLayout(m_rowsLayout);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setWidget(inner);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_overall);
    updateOverall();
}

void TransferList::addTransfer(Transfer *transfer)
{
    transfer->setParent(this);
    auto *row = new TransferRow(transfer);
    m_rowsLayout->insertWidget(m_rowsLayout->count() - 1, row);
    m_rows.append(row);
    connect(transfer, &Transfer::progress, this, &TransferList::updateOverall);
    connect(transfer, &Transfer::stateChanged, this, [this] {
        updateOverall();
        // Let the transfer finish its own state change before the next one starts.
        QTimer::singleShot(0, this, &TransferList::startNext);
    });
    updateOverall();
    startNext();
}

QList<Transfer *> TransferList::transfers() const
{
    QList<Transfer *> out;
    for (TransferRow *r : m_rows)
        if (r->transfer())
            out.append(r->transfer());
    return out;
}

void TransferList::setMaxConcurrent(int n)
{
    m_maxConcurrent = qMax(1, n);
    startNext();
}

bool TransferList::hasActive() const
{
    for (Transfer *t : transfers())
        if (t->isBusy() || t->state() == Transfer::State::Queued || t->state() == Transfer::State::Paused)
            return true;
    return false;
}

void TransferList::startNext()
{
    int busy = 0;
    const QList<Transfer *> all = transfers();
    for (Transfer *t : all)
        busy += t->isBusy() ? 1 : 0;
    for (Transfer *t : all) {
        if (busy >= m_maxConcurrent)
            break;
        if (t->state() == Transfer::State::Queued) {
            t->start();
            ++busy;
        }
    }
}

int TransferList::overallPercent() const
{
    qint64 done = 0;
    qint64 total = 0;
    int counted = 0;
    for (Transfer *t : transfers()) {
        if (t->state() == Transfer::State::Cancelled)
            continue;
        ++counted;
        const qint64 size = qMax<qint64>(t->bytesTotal(), 1); // empty files count as one byte
        total += size;
        done += t->state() == Transfer::State::Finished ? size : qMin(t->bytesDone(), size);
    }
    if (counted == 0)
        return 0;
    return int(done * 100 / total);
}

void TransferList::updateOverall()
{
    int finished = 0;
    int failed = 0;
    int counted = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    for (Transfer *t : transfers()) {
        if (t->state() == Transfer::State::Cancelled)
            continue;
        ++counted;
        finished += t->state() == Transfer::State::Finished ? 1 : 0;
        failed += t->state() == Transfer::State::Failed ? 1 : 0;
        bytesDone += t->bytesDone();
        bytesTotal += t->bytesTotal();
    }
    m_overall->setValue(overallPercent());
    QString text = tr("%n of %1 file(s) done", nullptr, finished).arg(counted);
    text += QStringLiteral(" · ") + tr("%1 of %2").arg(TransferRow::formatBytes(bytesDone), TransferRow::formatBytes(bytesTotal));
    if (failed > 0)
        text += QStringLiteral(" · ") + tr("%n failed", nullptr, failed);
    m_summary->setText(text);
    emit changed();
}

void TransferList::clearFinished()
{
    for (qsizetype i = m_rows.size() - 1; i >= 0; --i) {
        TransferRow *row = m_rows.at(i);
        Transfer *t = row->transfer();
        if (!t || t->isFinal()) {
            m_rows.removeAt(i);
            row->deleteLater();
            if (t)
                t->deleteLater();
        }
    }
    updateOverall();
}

} // namespace Switchboard
