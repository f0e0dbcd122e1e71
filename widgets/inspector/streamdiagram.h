#pragma once
#include "net/capture/streamanalyzer.h"

#include <QAbstractScrollArea>
#include <QVector>

namespace Switchboard {

// Draws one direction of a TCP connection as two columns on a shared byte axis: on the left the
// chunks as the OS delivered them (reads) or accepted them (writes), on the right the frames
// reassembled from them. Where a chunk boundary cuts a frame a red dashed line marks the split;
// where a frame boundary falls inside a chunk a blue line marks it; chunks carrying several frames
// and frames spread over several chunks are coloured. Byte ranges get heights on a log scale so
// tiny and huge pieces are both readable.
class StreamDiagram : public QAbstractScrollArea
{
    Q_OBJECT
public:
    // What the diagram paints with, derived from a palette (the legend beside it uses the same).
    struct Colours
    {
        QColor chunk, chunkSticky, frame, frameSplit, frameIncomplete, hatch;
        QColor chunkBorder, frameBorder, cutLine, boundaryLine, label;
        QColor band, bandSpecial;
        static Colours of(const QPalette &palette);
    };

    explicit StreamDiagram(QWidget *parent = nullptr);

    void setResult(const StreamAnalyzer::Result &result);
    void setCurrentSequence(quint64 seq); // outlines the record (chunk or frame) with that number
    QSize sizeHint() const override;
    // Total height of the drawing in pixels (tests).
    int contentHeight() const { return m_contentHeight; }
    // Vertical pixel position of a stream offset (tests).
    int yOfOffset(qint64 offset) const;

signals:
    void recordActivated(quint64 seq);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    struct Segment
    {
        qint64 from = 0;
        qint64 to = 0;
        int y = 0;
        int height = 0;
        bool gap = false; // offsets nothing covers
    };
    void layoutSegments();
    void updateScrollBar();
    QRect chunkRect(int i) const;
    QRect frameRect(int i) const;
    int columnLeft(bool frames) const;
    int columnWidth() const;

    StreamAnalyzer::Result m_result;
    QVector<Segment> m_segments;
    int m_contentHeight = 0;
    quint64 m_current = 0;
};

} // namespace Switchboard
