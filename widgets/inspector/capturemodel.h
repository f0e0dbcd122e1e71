#pragma once
#include "net/capture/capturebuffer.h"
#include "net/capture/capturefilter.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QFont>
#include <QPointer>
#include <QTimer>

#include <optional>
#include <vector>

namespace Switchboard {

// The packet list: a virtual table over a CaptureBuffer (nothing is copied per row; rows are
// formatted on demand for the visible ones and cached briefly). Handles millions of rows.
//
// Unfiltered, row i is the record numbered firstSequence() + i. With a filter, the model keeps a
// vector of the matching sequence numbers, built incrementally on this (GUI) thread in slices of a
// few milliseconds driven by a zero-timer, so the user interface stays responsive while a million
// records are scanned; matches appear as they are found. New records are filtered the same way.
class CaptureModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NumberColumn, TimeColumn, DirectionColumn, PeerColumn, TypeColumn, LengthColumn, SummaryColumn,
                  ColumnCount };
    enum Role {
        SequenceRole = Qt::UserRole + 1, // quint64
        KindRole,                        // int(CaptureRecord::Kind)
        DirectionRole,                   // int(CaptureRecord::Direction)
        ConnectionRole,                  // quint64
    };

    explicit CaptureModel(CaptureBuffer *buffer, QObject *parent = nullptr);

    CaptureBuffer *buffer() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The record shown in a row (0 when out of range), and the row showing a record (-1 if none).
    quint64 sequenceAt(int row) const;
    int rowOfSequence(quint64 seq) const;

    void setFilter(const CaptureFilter &filter);
    CaptureFilter filter() const { return m_filter; }
    bool isFiltered() const { return m_filtered; }
    // True while records remain to be checked against the filter.
    bool isFiltering() const;
    // Runs the remaining filter work at once (tests and benchmarks; blocks the calling thread).
    void finishFiltering();
    // Time budget of one filtering slice in milliseconds (default 8).
    void setSliceBudget(int ms) { m_sliceBudgetMs = qMax(1, ms); }

    // Microseconds since the Unix epoch of the first record since the last clear (time column origin).
    qint64 timeOrigin() const { return m_timeOriginUs; }

public slots:
    // Brings the rows in step with the buffer (connected to CaptureBuffer::updated()).
    void refresh();

signals:
    // Rows were added at the end (after any filtering); views auto-scroll on this.
    void rowsAppended();
    void filterProgress(qint64 checked, qint64 total);
    void filterFinished();

private:
    struct Row
    {
        QString cells[ColumnCount];
        QString tooltip;
        CaptureRecord::Kind kind = CaptureRecord::Kind::Chunk;
        CaptureRecord::Direction direction = CaptureRecord::Direction::In;
        quint64 connectionId = 0;
        bool valid = false;
    };
    const Row *row(int r) const;
    Row format(quint64 seq) const;
    void resetState();
    void scanSlice();
    void scheduleScan();

    QPointer<CaptureBuffer> m_buffer; // the model empties itself if the buffer goes away first
    quint64 m_generation = ~quint64(0);
    // Unfiltered rows: records [m_first, m_end).
    quint64 m_first = 1;
    quint64 m_end = 1;
    // Filtered rows: m_matches[m_matchBegin..].
    bool m_filtered = false;
    CaptureFilter m_filter;
    std::vector<quint64> m_matches;
    std::size_t m_matchBegin = 0;
    quint64 m_scanNext = 1; // next record to check
    quint64 m_scanEnd = 1;  // records before this exist in the buffer
    quint64 m_scanStart = 1;
    int m_sliceBudgetMs = 8;
    QTimer m_scanTimer;
    qint64 m_timeOriginUs = 0;
    mutable QCache<quint64, Row> m_rows;
    mutable std::optional<QFont> m_fixedFont;
};

} // namespace Switchboard
