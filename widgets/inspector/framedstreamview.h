#pragma once
#include "net/framing/framedstream.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QRadioButton;
class QTreeWidget;

namespace Switchboard {

class StreamDiagram;

// Two directions of any stream (a proxied connection, a conversation from a capture file), each
// seen through a framing of its own (side 0 is up: client to server; side 1 down), optionally
// resynchronized after gaps and bytes that do not fit: the chunks as delivered beside the
// messages cut from them (StreamDiagram), the sticky/split explanation, and the messages with
// their JSON heads.
class FramedStreamView : public QWidget
{
    Q_OBJECT
public:
    // Drawn at most (the rest of a long stream is summarized in a note).
    static constexpr int MaxChunks = 3000;

    struct Side
    {
        QString title; // "10.0.0.1:5000 → 10.0.0.2:80"
        QVector<StreamAnalyzer::Chunk> chunks; // a chunk starting beyond the last one's end: a gap
    };

    explicit FramedStreamView(QWidget *parent = nullptr);

    void setSides(const Side &first, const Side &second);
    void clear();
    // Both directions' framing; a direction's (0 up, 1 down); the one shown.
    void setFraming(const QString &name);
    void setFraming(int side, const QString &name);
    QString framing(int side) const;
    QString framing() const { return framing(m_side); }
    void setResync(bool on);
    bool resync() const;
    int currentSide() const { return m_side; }
    void setCurrentSide(int side);
    const FramedStream::Result &result() const { return m_result; }

signals:
    void framingChanged(int side, const QString &name);

private:
    void reanalyze();

    Side m_sides[2];
    int m_side = 0;
    FramedStream::Result m_result;
    bool m_updating = false;
    QComboBox *m_framing[2];
    QCheckBox *m_resync;
    QRadioButton *m_first;
    QRadioButton *m_second;
    StreamDiagram *m_diagram;
    QLabel *m_summary;
    QListWidget *m_notes;
    QTreeWidget *m_messages;
};

} // namespace Switchboard
