#pragma once
#include "net/proxy/proxyknobs.h"

#include <QHash>
#include <QWidget>

class QGroupBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace Switchboard {

class CaptureBuffer;
class FramedStreamView;
class FramingProxy;
class ProxyConnection;

// Tools ▸ Framing proxy: any number of FramingProxy instances put between a program and its
// server, their knobs per direction (applied at once, also to open connections), the connections
// they carried, and the chosen connection in the two-layer view under a chosen framing; every
// chunk also goes to an inspector of its own.
class ProxyWindow : public QWidget
{
    Q_OBJECT
public:
    explicit ProxyWindow(QWidget *parent = nullptr);
    ~ProxyWindow() override;

    // Starts a proxy (listen "HOST:PORT", to "HOST:PORT") with the knobs shown. False with *error.
    bool startProxy(const QString &listen, const QString &to, QString *error = nullptr);
    QList<FramingProxy *> proxies() const { return m_proxies; }
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
    struct Leg
    {
        quint64 clientLeg = 0;
        quint64 targetLeg = 0;
        QString client;
        QString target;
    };
    QGroupBox *buildKnobs(int direction, const QString &title);
    void applyKnobs();
    void stopSelected();
    void addConnection(FramingProxy *proxy, ProxyConnection *connection);
    void refreshProxyList();

    CaptureBuffer *m_buffer;
    QList<FramingProxy *> m_proxies;
    QLineEdit *m_listen;
    QLineEdit *m_to;
    QPushButton *m_start;
    QPushButton *m_stop;
    QTreeWidget *m_proxyList;
    QTreeWidget *m_connectionList;
    KnobWidgets m_knobs[2];
    FramedStreamView *m_view;
    QHash<ProxyConnection *, QTreeWidgetItem *> m_rows;
    QList<Leg> m_legs; // by row of m_connectionList
};

} // namespace Switchboard
