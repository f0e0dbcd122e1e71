#pragma once
#include "net/capture/captureimport.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QThread;
class QTimer;
class QTreeWidget;

namespace Switchboard {

class FramedStreamView;

// File ▸ Open capture: a pcap or pcapng file (tcpdump, Wireshark, Switchboard) read in a worker
// thread with progress and cancel; its TCP and UDP conversations listed; the chosen one shown
// in the two-layer view under a chosen framing (its bytes read in a second pass, also off the
// GUI thread, so a large file never has to be held whole).
class CaptureFileWindow : public QWidget
{
    Q_OBJECT
public:
    explicit CaptureFileWindow(QWidget *parent = nullptr);
    ~CaptureFileWindow() override;

    void openFile(const QString &path);
    bool isBusy() const { return m_thread != nullptr; }
    const QVector<CaptureImport::Conversation> &conversations() const { return m_conversations; }
    FramedStreamView *streamView() const { return m_view; }
    // Shows conversation `index` (read again in the background).
    void showConversation(int index);

signals:
    // The conversation list (after openFile) or a conversation's bytes (after showConversation) are in.
    void loaded();

private:
    void start(int keep);
    void finished();
    void cancel();
    void updateProgress();

    QString m_path;
    QVector<CaptureImport::Conversation> m_conversations;
    std::unique_ptr<CaptureImport> m_import; // touched by the worker only while m_thread runs
    QThread *m_thread = nullptr;
    int m_keep = -1;
    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_total{0};

    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QTreeWidget *m_list;
    FramedStreamView *m_view;
    QTimer *m_progressTimer;
};

} // namespace Switchboard
