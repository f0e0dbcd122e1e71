#pragma once
#include <QList>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace Switchboard {

class Connection;
class HexView;

// Compose a frame and put it on the wire in a chosen shape, to watch the receiver reassemble it:
// as-is, split at byte K with a delay of D ms between the parts, or coalesced with the next N
// frames into one write. A toggle switches Nagle's algorithm. The lab owns no socket: it writes
// through Connection::sendRaw() of the connection it is given, and toggles Nagle through
// TcpConnection::setLowDelay().
class FramingLab : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { AsIs, Split, Coalesce };

    explicit FramingLab(QWidget *parent = nullptr);

    // The connection to write to (not owned; may be null or go away at any time).
    void setConnection(Connection *connection);
    Connection *connection() const;

    // The composer's contents.
    void setFrame(const QString &type, const QString &headerJson, const QString &payload);
    void setMode(Mode mode);
    Mode mode() const;
    void setSplit(int offset, int delayMs);
    void setCoalesceCount(int n);
    void setNumbering(bool on);
    // The frame the composer describes, encoded (empty with *error set when the JSON is invalid).
    QByteArray composedFrame(QString *error = nullptr) const;
    int heldFrames() const { return int(m_held.size()); }

public slots:
    void send();
    // Writes the frames held for coalescing now, in one write.
    void flushHeld();
    // Nagle's algorithm on (small writes may be delayed and merged) or off.
    void setNagle(bool on);

signals:
    // Every write the lab makes, as given to Connection::sendRaw().
    void partSent(const QByteArray &bytes);
    void statusChanged(const QString &text);

private:
    void updatePreview();
    void updateEnabled();
    void write(const QByteArray &bytes);
    void setStatus(const QString &text);
    QByteArray nextFrame(QString *error);

    QPointer<Connection> m_connection;
    QList<QByteArray> m_held;
    qint64 m_nextId = 1;

    QLineEdit *m_type;
    QPlainTextEdit *m_header;
    QPlainTextEdit *m_payload;
    QCheckBox *m_numbering;
    QRadioButton *m_asIs;
    QRadioButton *m_split;
    QRadioButton *m_coalesce;
    QSpinBox *m_splitOffset;
    QSpinBox *m_splitDelay;
    QSpinBox *m_coalesceCount;
    QCheckBox *m_nagle;
    QPushButton *m_send;
    QPushButton *m_flush;
    QLabel *m_preview;
    QLabel *m_status;
    HexView *m_hex;
};

} // namespace Switchboard
