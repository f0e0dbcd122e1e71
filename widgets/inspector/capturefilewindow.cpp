#include "capturefilewindow.h"

#include "framedstreamview.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Switchboard {

CaptureFileWindow::CaptureFileWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_list(new QTreeWidget(this))
    , m_view(new FramedStreamView(this))
    , m_progressTimer(new QTimer(this))
{
    setWindowTitle(tr("Capture file"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    m_cancelButton->setVisible(false);
    m_list->setHeaderLabels({tr("No."), tr("Protocol"), tr("A"), tr("B"), tr("Packets"), tr("Bytes A→B"),
                             tr("Bytes B→A"), tr("Notes")});
    m_list->setRootIsDecorated(false);
    m_list->setAccessibleName(tr("Conversations in the capture"));
    m_progress->setAccessibleName(tr("Reading the capture"));
    m_list->setAlternatingRowColors(true);
    m_list->header()->setStretchLastSection(true);
    for (int column : {2, 3}) // the endpoints, never elided
        m_list->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_progress);
    top->addWidget(m_cancelButton);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_list);
    split->addWidget(m_view);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    resize(1000, 720);

    m_progressTimer->setInterval(100);
    connect(m_progressTimer, &QTimer::timeout, this, &CaptureFileWindow::updateProgress);
    connect(m_cancelButton, &QPushButton::clicked, this, &CaptureFileWindow::cancel);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            showConversation(item->data(0, Qt::UserRole).toInt());
    });
}

CaptureFileWindow::~CaptureFileWindow()
{
    if (m_thread) {
        m_cancel = true; // the worker checks it every few hundred packets
        m_thread->wait();
    }
}

void CaptureFileWindow::openFile(const QString &path)
{
    m_path = path;
    setWindowTitle(tr("Capture file %1").arg(QFileInfo(path).fileName()));
    m_conversations.clear();
    m_list->clear();
    m_view->clear();
    start(-1);
}

void CaptureFileWindow::showConversation(int index)
{
    if (index < 0 || index >= m_conversations.size() || m_thread)
        return;
    start(index);
}

void CaptureFileWindow::start(int keep)
{
    if (m_thread)
        return;
    m_keep = keep;
    m_cancel = false;
    m_done = 0;
    m_total = 0;
    m_import = std::make_unique<CaptureImport>();
    CaptureImport *import = m_import.get();
    const QString path = m_path;
    m_thread = QThread::create([this, import, path, keep] {
        import->read(path, keep, [this](qint64 done, qint64 total) {
            m_done = done;
            m_total = total;
            return !m_cancel.load();
        });
    });
    connect(m_thread, &QThread::finished, this, &CaptureFileWindow::finished);
    m_status->setText(keep < 0 ? tr("Reading %1…").arg(path) : tr("Reading conversation %1…").arg(keep));
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_cancelButton->setVisible(true);
    m_list->setEnabled(false);
    m_progressTimer->start();
    m_thread->start();
}

void CaptureFileWindow::updateProgress()
{
    const qint64 total = m_total.load();
    m_progress->setValue(total > 0 ? int(m_done.load() * 1000 / total) : 0);
}

void CaptureFileWindow::cancel()
{
    m_cancel = true;
}

void CaptureFileWindow::finished()
{
    m_thread->deleteLater();
    m_thread = nullptr;
    m_progressTimer->stop();
    m_progress->setVisible(false);
    m_cancelButton->setVisible(false);
    m_list->setEnabled(true);
    const CaptureImport &import = *m_import;
    QString status;
    if (import.cancelled())
        status = tr("Cancelled.");
    else if (!import.errorString().isEmpty())
        status = tr("Read with an error: %1").arg(import.errorString());
    if (m_keep < 0) {
        m_conversations = import.conversations();
        QList<QTreeWidgetItem *> items;
        for (const CaptureImport::Conversation &c : m_conversations) {
            QStringList notes;
            if (c.gapBytes[0] + c.gapBytes[1] > 0)
                notes << tr("%1 bytes not captured").arg(c.gapBytes[0] + c.gapBytes[1]);
            if (c.repeatedBytes[0] + c.repeatedBytes[1] > 0)
                notes << tr("%1 bytes retransmitted").arg(c.repeatedBytes[0] + c.repeatedBytes[1]);
            if (c.outOfOrder[0] + c.outOfOrder[1] > 0)
                notes << tr("%1 segments out of order").arg(c.outOfOrder[0] + c.outOfOrder[1]);
            auto *item = new QTreeWidgetItem({QString::number(c.index), c.transportName(), c.endpoint(0), c.endpoint(1),
                                              QString::number(c.packets), QString::number(c.bytes[0]),
                                              QString::number(c.bytes[1]), notes.join(QStringLiteral(", "))});
            item->setData(0, Qt::UserRole, c.index);
            items.append(item);
        }
        m_list->addTopLevelItems(items);
        if (status.isEmpty())
            status = tr("%1 packets, %n conversation(s); pick one to see its messages.", nullptr,
                        int(m_conversations.size()))
                         .arg(import.packets());
        const IpDefragmenter &f = import.fragments();
        if (f.reassembled() + f.givenUp() > 0)
            status += QLatin1Char(' ')
                + tr("IP fragments: %1 datagrams put back together, %2 given up.").arg(f.reassembled()).arg(f.givenUp());
    } else if (!import.cancelled()) {
        const CaptureImport::Conversation &c = m_conversations.at(m_keep);
        const CaptureImport::Stream &s = import.stream();
        FramedStreamView::Side sides[2];
        for (int side : {0, 1}) {
            sides[side].title = side == 0 ? tr("%1 → %2").arg(c.endpoint(0), c.endpoint(1))
                                          : tr("%1 → %2").arg(c.endpoint(1), c.endpoint(0));
            quint64 seq = 1;
            for (const CaptureImport::Chunk &chunk : s.chunks[side])
                sides[side].chunks.append(StreamAnalyzer::Chunk{seq++, chunk.offset, chunk.bytes, chunk.timeUs});
        }
        m_view->setSides(sides[0], sides[1]);
        if (status.isEmpty())
            status = tr("Conversation %1: %2 ⇄ %3").arg(c.index).arg(c.endpoint(0), c.endpoint(1));
    }
    m_status->setText(status);
    m_import.reset();
    emit loaded();
}

} // namespace Switchboard
