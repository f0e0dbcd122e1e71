#pragma once
#include <QList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QVBoxLayout;

namespace Switchboard {

class Transfer;
class TransferRow;

// A queue of transfers shown as TransferRows with an overall progress bar. At most
// maxConcurrent() of them run at once (they share one connection, so more adds no speed);
// the next queued one starts when one ends.
class TransferList : public QWidget
{
    Q_OBJECT
public:
    explicit TransferList(QWidget *parent = nullptr);

    // Takes ownership and queues it.
    void addTransfer(Transfer *transfer);
    QList<Transfer *> transfers() const;
    QList<TransferRow *> rows() const { return m_rows; }
    void setMaxConcurrent(int n);
    int maxConcurrent() const { return m_maxConcurrent; }
    // 0..100 over all transfers that are not cancelled.
    int overallPercent() const;
    QProgressBar *overallBar() const { return m_overall; }
    bool hasActive() const;

public slots:
    void clearFinished();

signals:
    void changed();

private:
    void startNext();
    void updateOverall();

    QVBoxLayout *m_rowsLayout;
    QProgressBar *m_overall;
    QLabel *m_summary;
    QList<TransferRow *> m_rows;
    int m_maxConcurrent = 1;
};

} // namespace Switchboard
