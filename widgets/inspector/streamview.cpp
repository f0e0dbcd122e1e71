#include "streamview.h"

#include "net/capture/capturebuffer.h"
#include "streamdiagram.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace Switchboard {

StreamView::StreamView(CaptureBuffer *buffer, QWidget *parent)
    : QWidget(parent)
    , m_buffer(buffer)
    , m_title(new QLabel(this))
    , m_in(new QRadioButton(tr("Incoming (reads)"), this))
    , m_out(new QRadioButton(tr("Outgoing (writes)"), this))
    , m_framingBox(new QComboBox(this))
    , m_reload(new QPushButton(tr("Reload"), this))
    , m_diagram(new StreamDiagram(this))
    , m_summary(new QLabel(this))
    , m_notes(new QListWidget(this))
{
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_in->setChecked(true);
    auto *group = new QButtonGroup(this);
    group->addButton(m_in);
    group->addButton(m_out);
    m_framingBox->setAccessibleName(tr("Framing"));
    m_framingBox->addItem(tr("Switchboard v1 framing"), int(StreamAnalyzer::Framing::V1));
    m_framingBox->addItem(tr("Tutorial framing: struct.pack('i') + JSON head"), int(StreamAnalyzer::Framing::Tutorial));
    m_framingBox->setToolTip(tr("How messages are cut out of the stream: Switchboard's own frames, or the "
                                "tutorials' little-endian head length, JSON head and filesize bytes."));
    m_reload->setToolTip(tr("Collect the connection's records again (new traffic is not added automatically)."));

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_in);
    top->addWidget(m_out);
    top->addWidget(m_framingBox);
    top->addWidget(m_reload);

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setWordWrap(true);
    m_notes->setAlternatingRowColors(true);
    m_notes->setToolTip(tr("Click a note to select its record in the packet list."));

    const StreamDiagram::Colours colours = StreamDiagram::Colours::of(palette());
    auto swatch = [](const QColor &color, const QString &text) {
        return QStringLiteral("<span style=\"background:%1\">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;%2").arg(color.name(), text.toHtmlEscaped());
    };
    auto line = [](const QColor &color, const QString &text) {
        return QStringLiteral("<span style=\"color:%1\">- - -</span>&nbsp;").arg(color.name()) + text.toHtmlEscaped();
    };
    auto *legend = new QLabel(this);
    legend->setWordWrap(true);
    legend->setText(QStringList{swatch(colours.chunkSticky, tr("several frames in one read or write")),
                                swatch(colours.frameSplit, tr("frame split across reads or writes")),
                                line(colours.cutLine, tr("where a read or write ends inside a frame")),
                                line(colours.boundaryLine, tr("where a frame ends inside a read or write"))}
                        .join(QStringLiteral("&nbsp;&nbsp;&nbsp; ")));

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(legend);
    lowerLayout->addWidget(m_summary);
    lowerLayout->addWidget(m_notes, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_diagram);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_in, &QRadioButton::toggled, this, [this](bool on) {
        setDirection(on ? CaptureRecord::Direction::In : CaptureRecord::Direction::Out);
    });
    connect(m_framingBox, &QComboBox::currentIndexChanged, this, [this] {
        setFraming(StreamAnalyzer::Framing(m_framingBox->currentData().toInt()));
    });
    connect(m_reload, &QPushButton::clicked, this, &StreamView::reload);
    connect(m_diagram, &StreamDiagram::recordActivated, this, &StreamView::recordActivated);
    connect(m_notes, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const quint64 seq = item->data(Qt::UserRole).toULongLong();
        if (seq)
            emit recordActivated(seq);
    });
    reload();
}

void StreamView::showConnection(quint64 connectionId, CaptureRecord::Direction direction, quint64 around)
{
    m_connectionId = connectionId;
    m_around = around;
    m_direction = direction;
    {
        const QSignalBlocker b1(m_in);
        const QSignalBlocker b2(m_out);
        (direction == CaptureRecord::Direction::In ? m_in : m_out)->setChecked(true);
    }
    reload();
    m_diagram->setCurrentSequence(around);
}

void StreamView::setFraming(StreamAnalyzer::Framing framing)
{
    if (framing == m_framing)
        return;
    m_framing = framing;
    {
        const QSignalBlocker block(m_framingBox);
        m_framingBox->setCurrentIndex(m_framingBox->findData(int(framing)));
    }
    reload();
}

void StreamView::setDirection(CaptureRecord::Direction direction)
{
    if (direction == m_direction)
        return;
    m_direction = direction;
    reload();
}

void StreamView::reload()
{
    m_notes->clear();
    if (!m_buffer || m_connectionId == 0) {
        m_result = StreamAnalyzer::Result();
        m_title->setText(tr("No connection selected"));
        m_summary->clear();
        m_diagram->setResult(m_result);
        return;
    }
    m_result = StreamAnalyzer::collect(*m_buffer, m_connectionId, m_direction, m_around, 4000, 400, m_framing);
    QString peer;
    CaptureBuffer::Endpoint ep;
    if (m_buffer->entryAt(m_around, nullptr, &ep))
        peer = ep.peerString;
    m_title->setText(peer.isEmpty() ? tr("Connection %1").arg(m_connectionId)
                                    : tr("Connection %1 with %2").arg(m_connectionId).arg(peer));
    m_summary->setText(m_result.summary);
    for (const StreamAnalyzer::Note &n : m_result.notes) {
        auto *item = new QListWidgetItem(n.text, m_notes);
        item->setData(Qt::UserRole, QVariant::fromValue(n.seq));
    }
    m_diagram->setResult(m_result);
    m_diagram->setCurrentSequence(m_around);
}

QString StreamView::explanationText() const
{
    QStringList lines{m_result.summary};
    for (const StreamAnalyzer::Note &n : m_result.notes)
        lines << n.text;
    return lines.join(QLatin1Char('\n'));
}

} // namespace Switchboard
