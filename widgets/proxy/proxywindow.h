#pragma once
#include "net/proxy/proxyknobs.h"
#include "net/proxy/proxythread.h"

#include <QWidget>

class QGroupBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeView;
class QTreeWidget;

namespace Switchboard {

class CaptureBuffer;
class FramedStreamView;
class ProxyConnectionModel;

// Tools ▸ Framing proxy: any number of FramingProxy instances put between a program and its
// server, served in a thread of their own (ProxyThread) so that bulk traffic never stalls the
// window; their knobs per direction (applied at once, also to open connections), the connections
// they carried (updated live), and the chosen connection in the two-layer view under a framing per
// direction; every chunk also goes to an inspector of its own.
class ProxyWindow : public QWidget
{
    Q_OBJECT
public:
    explicit ProxyWindow(QWidget *parent = nullptr);
    ~ProxyWindow() override;

    // Starts a proxy (listen "HOST:PORT", to "HOST:PORT") with the knobs shown. False with *error.
    bool startProxy(const QString &listen, const QString &to, QString *error = nullptr);
    const QList<ProxyThread::Proxy> &proxies() const { return m_host->proxies(); }
    ProxyThread *proxyThread() const { return m_host; }
    ProxyConnectionModel *connectionModel() const { return m_connections; }
    CaptureBuffer *captureBuffer() const { return m_buffer; }
    FramedStreamView *streamView() const { return m_view; }
    // The knobs widgets' values for a direction (0 up, 1 down), and setting them.
    ProxyKnobs knobs(int direction) const;
    void setKnobs(int direction, const ProxyKnobs &knobs);
    // Shows the connection listed in row `row` of the connection list.
    void showConnection(int row);
    int connectionRows() const;

private:
    struct KnobWidgets
    {
        QSpinBox *splitMin, *splitMax, *splitDelay, *coalesce, *latency, *rate, *closeAfter;
    };
    QGroupBox *buildKnobs(int direction, const QString &title);
    void applyKnobs();
    void stopSelected();
    void addConnection(int proxy, quint64 key, const QString &client, quint64 clientLeg, quint64 targetLeg);
    void refreshProxyList();

    CaptureBuffer *m_buffer;
    ProxyThread *m_host;
    ProxyConnectionModel *m_connections;
    QLineEdit *m_listen;
    QLineEdit *m_to;
    QPushButton *m_start;
    QPushButton *m_stop;
    QTreeWidget *m_proxyList;
    QTreeView *m_connectionList;
    KnobWidgets m_knobs[2];
    FramedStreamView *m_view;
};

} // namespace Switchboard
