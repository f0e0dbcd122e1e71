#pragma once
#include <QAbstractScrollArea>
#include <QColor>
#include <QVector>

namespace Switchboard {

// A read-only hex + ASCII dump (16 bytes a line) that paints only the visible lines, so it copes
// with megabyte chunks. One highlighted range (the selected field) and any number of tinted
// regions (e.g. the frames inside a read).
class HexView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    struct Region
    {
        qint64 start = 0;
        qint64 length = 0;
        QColor color;
    };

    explicit HexView(QWidget *parent = nullptr);

    void setData(const QByteArray &data);
    QByteArray data() const { return m_data; }
    void setRegions(const QVector<Region> &regions);
    QVector<Region> regions() const { return m_regions; }

    // Highlights [start, start + length) and scrolls it into view; length 0 clears.
    void setHighlight(qint64 start, qint64 length);
    qint64 highlightStart() const { return m_hlStart; }
    qint64 highlightLength() const { return m_hlLength; }

    // The dump as text (what "copy as hex" puts on the clipboard).
    static QString dumpText(const QByteArray &data);
    QSize sizeHint() const override;

signals:
    void byteClicked(qint64 offset);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateScrollBars();
    void ensureVisible(qint64 offset);
    qint64 byteAt(const QPoint &pos) const;
    int hexColumn(int byteInLine) const;   // in characters
    int asciiColumn(int byteInLine) const; // in characters
    int lineCount() const;

    QByteArray m_data;
    QVector<Region> m_regions;
    qint64 m_hlStart = 0;
    qint64 m_hlLength = 0;
    int m_charWidth = 8;
    int m_lineHeight = 16;
};

} // namespace Switchboard
