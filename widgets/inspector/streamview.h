#pragma once
#include "net/capture/streamanalyzer.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;

namespace Switchboard {

class CaptureBuffer;
class StreamDiagram;

// One TCP connection, one direction: the chunks as delivered next to the frames reassembled from
// them (StreamDiagram), with a plain-language explanation of sticky and split packets.
class StreamView : public QWidget
{
    Q_OBJECT
public:
    explicit StreamView(CaptureBuffer *buffer, QWidget *parent = nullptr);

    // Shows the records of this connection and direction around record `around`.
    void showConnection(quint64 connectionId, CaptureRecord::Direction direction, quint64 around);
    quint64 connectionId() const { return m_connectionId; }
    CaptureRecord::Direction direction() const { return m_direction; }
    const StreamAnalyzer::Result &result() const { return m_result; }
    // The summary and notes as plain text (what the user reads).
    QString explanationText() const;
    StreamDiagram *diagram() const { return m_diagram; }
    // The framing frames are cut by (Switchboard v1 or the tutorials' struct.pack('i') + JSON head).
    StreamAnalyzer::Framing framing() const { return m_framing; }
    void setFraming(StreamAnalyzer::Framing framing);

public slots:
    void reload();

signals:
    // The user clicked a chunk, frame or note.
    void recordActivated(quint64 seq);

private:
    void setDirection(CaptureRecord::Direction direction);

    QPointer<CaptureBuffer> m_buffer;
    quint64 m_connectionId = 0;
    CaptureRecord::Direction m_direction = CaptureRecord::Direction::In;
    quint64 m_around = 0;
    StreamAnalyzer::Result m_result;
    StreamAnalyzer::Framing m_framing = StreamAnalyzer::Framing::V1;

    QLabel *m_title;
    QRadioButton *m_in;
    QRadioButton *m_out;
    QComboBox *m_framingBox;
    QPushButton *m_reload;
    StreamDiagram *m_diagram;
    QLabel *m_summary;
    QListWidget *m_notes;
};

} // namespace Switchboard
