#pragma once
#include "net/lab/autoreplier.h"
#include "net/lab/payloadcodec.h"

#include <QHostAddress>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTreeWidget;

namespace Switchboard {

class CaptureBuffer;
class InspectorWidget;
class RawTcpClient;
class RawTcpServer;
class RepeatSender;
class SavedPackets;
class UdpEndpoint;

// The socket lab (what NetAssist and Packet Sender do): a raw TCP client, a raw TCP server with
// several clients and a UDP endpoint; text (UTF-8, GBK) or hex to send, once or on a timer; saved
// packets sent again with one click; auto-reply rules; a log of what went in and out; and the
// packet inspector on every chunk and datagram. The sockets live in net/lab; this only drives them.
class SocketLabWindow : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { TcpClient, TcpServer, Udp };

    // packetsPath: where saved packets are kept (default: the app data directory).
    explicit SocketLabWindow(const QString &packetsPath = QString(), QWidget *parent = nullptr);
    ~SocketLabWindow() override;

    Mode mode() const;
    void setMode(Mode mode);

    RawTcpClient *tcpClient() const { return m_client; }
    RawTcpServer *tcpServer() const { return m_server; }
    UdpEndpoint *udpEndpoint() const { return m_udp; }
    CaptureBuffer *capture() const { return m_capture; }
    InspectorWidget *inspector() const { return m_inspector; }
    SavedPackets *savedPackets() const { return m_saved; }
    const AutoReplier &autoReplier() const { return m_replier; }
    RepeatSender *repeater() const { return m_repeat; }
    QTreeWidget *log() const { return m_log; }
    QLabel *statusLabel() const { return m_status; }

    // The payload as the send box describes it; nullopt (and the reason in the status line) when
    // it cannot be encoded.
    std::optional<QByteArray> payload();
    // Sends the send box's payload in the current mode (repeating when Repeat is on).
    void sendCurrent();
    // Sends bytes once in the current mode; false (the reason in the status line) when nothing could be sent.
    bool sendBytes(const QByteArray &bytes);
    // Saves the send box as a packet called name.
    void savePacket(const QString &name);
    // Sends saved packet `row` (switching to its mode and target).
    void sendSaved(int row);
    void addRule(const AutoReplyRule &rule);
    // Brings the inspector (or the log) to the front of the traffic pane.
    void showInspector();
    void showLog();

private:
    QWidget *buildClientTab();
    QWidget *buildServerTab();
    QWidget *buildUdpTab();
    QWidget *buildSendBox();
    QWidget *buildSavedPanel();
    QWidget *buildRulesPanel();
    void toggleClient();
    void toggleServer();
    void toggleUdp();
    // Listens or binds (open) on the address and port the boxes give; false (the reason shown) when it cannot.
    bool openLocal(QComboBox *addressBox, QSpinBox *portBox,
                   const std::function<bool(const QHostAddress &, quint16, QString *)> &open);
    void addRuleFromControls();
    void removeSelectedRule();
    void refreshRules();
    void updateControls();
    void setStatus(const QString &text, bool error = false);
    void logTraffic(const QString &direction, const QString &peer, const QByteArray &bytes);
    void logEvent(const QString &text);
    QString shownData(const QByteArray &bytes) const;
    void persistPackets();
    PayloadCodec::Format textFormat() const;

    QString m_packetsPath;
    CaptureBuffer *m_capture;
    RawTcpClient *m_client;
    RawTcpServer *m_server;
    UdpEndpoint *m_udp;
    RepeatSender *m_repeat;
    SavedPackets *m_saved;
    AutoReplier m_replier;

    QTabWidget *m_modes = nullptr;
    // TCP client
    QLineEdit *m_clientHost = nullptr;
    QSpinBox *m_clientPort = nullptr;
    QPushButton *m_connect = nullptr;
    // TCP server
    QComboBox *m_serverAddress = nullptr;
    QSpinBox *m_serverPort = nullptr;
    QPushButton *m_listen = nullptr;
    QListView *m_clients = nullptr;
    QCheckBox *m_toAll = nullptr;
    QPushButton *m_dropClient = nullptr;
    // UDP
    QComboBox *m_udpAddress = nullptr;
    QSpinBox *m_udpPort = nullptr;
    QPushButton *m_bind = nullptr;
    QLineEdit *m_udpTargetHost = nullptr;
    QSpinBox *m_udpTargetPort = nullptr;
    QCheckBox *m_broadcast = nullptr;
    // Send box
    QPlainTextEdit *m_sendEdit = nullptr;
    QComboBox *m_encoding = nullptr;
    QCheckBox *m_hex = nullptr;
    QCheckBox *m_escapes = nullptr;
    QCheckBox *m_repeatOn = nullptr;
    QSpinBox *m_interval = nullptr;
    QSpinBox *m_count = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_save = nullptr;
    // Saved packets
    QListView *m_savedList = nullptr;
    QPushButton *m_sendSaved = nullptr;
    QPushButton *m_deleteSaved = nullptr;
    // Rules
    QListWidget *m_rules = nullptr;
    QComboBox *m_ruleKind = nullptr;
    QComboBox *m_ruleMode = nullptr;
    QLineEdit *m_rulePattern = nullptr;
    QLineEdit *m_ruleReply = nullptr;
    QPushButton *m_addRule = nullptr;
    QPushButton *m_removeRule = nullptr;
    // Output
    QTabWidget *m_output = nullptr;
    QTreeWidget *m_log = nullptr;
    QCheckBox *m_logHex = nullptr;
    QPushButton *m_clearLog = nullptr;
    InspectorWidget *m_inspector = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Switchboard
