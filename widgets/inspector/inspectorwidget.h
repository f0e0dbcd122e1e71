#pragma once
#include "net/capture/capturefilter.h"
#include "net/capture/capturerecord.h"
#include "net/capture/framedissector.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QPushButton;
class QTabWidget;
class QTableView;
class QThread;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace Switchboard {

class CaptureBuffer;
class CaptureModel;
class Connection;
class FramingLab;
class HexView;
class StreamView;

// The packet inspector: the list of captured records (chunks as the OS delivered them, frames as
// decoded, errors, events) with a filter, the selected record's decoded fields and its bytes in
// hex (selecting a field highlights its bytes), the stream view that explains sticky and split
// packets, and the framing lab. It reads a CaptureBuffer (which the owner attaches as capture sink
// to a ChatClient or ChatServer) and never touches a socket.
class InspectorWidget : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorWidget(CaptureBuffer *buffer, QWidget *parent = nullptr);
    ~InspectorWidget() override;

    CaptureBuffer *buffer() const { return m_buffer; }
    CaptureModel *model() const { return m_model; }
    QTableView *packetList() const { return m_table; }
    QTreeWidget *detailTree() const { return m_tree; }
    HexView *hexView() const { return m_hex; }
    StreamView *streamView() const { return m_stream; }
    FramingLab *framingLab() const { return m_lab; }

    // The connection the framing lab writes to (not owned; null when disconnected); a TLS one
    // shows the "Decrypted (TLS)" label.
    void setConnection(Connection *connection);

    void setFilter(const CaptureFilter &filter); // also updates the filter controls
    CaptureFilter currentFilter() const;

    // Selects a record in the list (if shown) and shows its details. False if it is not shown.
    bool selectSequence(quint64 seq);
    quint64 currentSequence() const { return m_current; }
    // Shows a record's details whether or not it is in the (filtered) list.
    void showRecord(quint64 seq);

    void setAutoScroll(bool on);
    bool autoScroll() const;

    // The selected record's bytes as a hex dump, and as JSON (a frame's header; other records described).
    QString selectionAsHex() const;
    QString selectionAsJson() const;

    // Writes the whole capture to a pcapng file in a worker thread; exportFinished() reports.
    void exportTo(const QString &path);
    bool isExporting() const;

public slots:
    void exportCapture(); // asks for a file name
    void copyAsHex();
    void copyAsJson();
    void clearCapture();
    void setPaused(bool paused);

signals:
    void exportFinished(bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void applyFilterFromControls();
    void updateStatus();
    void updateTypeChoices();
    void onCurrentRowChanged();
    void showStreamFor(quint64 seq);
    void addField(QTreeWidgetItem *parent, const FrameDissector::Field &field);
    void showContextMenu(const QPoint &pos);
    void selectFieldAtByte(qint64 offset);
    void finishExport();

    QPointer<CaptureBuffer> m_buffer;
    CaptureModel *m_model;
    quint64 m_current = 0;
    quint64 m_currentGeneration = 0;
    CaptureRecord m_currentRecord;
    bool m_haveCurrent = false;

    QComboBox *m_kind = nullptr;
    QComboBox *m_type = nullptr;
    QComboBox *m_direction = nullptr;
    QLineEdit *m_peer = nullptr;
    QLineEdit *m_text = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_clear = nullptr;
    QCheckBox *m_autoScroll = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_tlsLabel = nullptr; // "Decrypted (TLS)" for an encrypted connection
    QTabWidget *m_tabs = nullptr;
    QTableView *m_table = nullptr;
    QTreeWidget *m_tree = nullptr;
    HexView *m_hex = nullptr;
    QSplitter *m_details = nullptr;
    bool m_detailsSized = false;
    StreamView *m_stream = nullptr;
    FramingLab *m_lab = nullptr;
    QTimer *m_filterDelay = nullptr;
    QTimer *m_statusTimer = nullptr;
    int m_knownTypes = -1;
    QString m_notice; // shown in the status line for a few seconds
    QElapsedTimer m_noticeClock;
    bool m_streamPending = false;

    struct ExportJob
    {
        std::atomic<qint64> done{0};
        std::atomic<qint64> total{0};
        std::atomic<bool> cancel{false};
        qint64 packets = -1;
        QString error;
        QString path;
    };
    QThread *m_exportThread = nullptr;
    std::shared_ptr<ExportJob> m_exportJob;
};

} // namespace Switchboard
