#include "framedstreamview.h"

#include "streamdiagram.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QRadioButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Switchboard {

FramedStreamView::FramedStreamView(QWidget *parent)
    : QWidget(parent)
    , m_framing{new QComboBox(this), new QComboBox(this)}
    , m_resync(new QCheckBox(tr("Resync"), this))
    , m_first(new QRadioButton(this))
    , m_second(new QRadioButton(this))
    , m_diagram(new StreamDiagram(this))
    , m_summary(new QLabel(this))
    , m_notes(new QListWidget(this))
    , m_messages(new QTreeWidget(this))
{
    for (QComboBox *box : m_framing) {
        box->setEditable(true);
        box->addItems(Framing::names());
        box->setCurrentText(QStringLiteral("raw"));
        box->setToolTip(Framing::syntaxHelp());
        box->setInsertPolicy(QComboBox::NoInsert);
    }
    m_resync->setToolTip(tr("After a gap or bytes the framing does not fit, find the message boundaries again "
                            "(line and delim: after the next delimiter; length-prefixed: where two whole "
                            "messages follow one another) instead of stopping."));
    m_first->setChecked(true);
    auto *group = new QButtonGroup(this);
    group->addButton(m_first);
    group->addButton(m_second);

    auto *top = new QHBoxLayout;
    auto *upLabel = new QLabel(tr("Framing up (client → server):"), this);
    upLabel->setBuddy(m_framing[0]);
    top->addWidget(upLabel);
    top->addWidget(m_framing[0]);
    auto *downLabel = new QLabel(tr("down:"), this);
    downLabel->setBuddy(m_framing[1]);
    m_framing[1]->setAccessibleName(tr("Framing down (server → client)"));
    top->addWidget(downLabel);
    top->addWidget(m_framing[1]);
    top->addWidget(m_resync);
    top->addStretch(1);
    // The two directions on a row of their own: their endpoint texts are long, and beside the
    // framing selectors they made the view wider than its window (the right pane was cut off).
    auto *sides = new QHBoxLayout;
    sides->addWidget(m_first);
    sides->addWidget(m_second);
    sides->addStretch(1);

    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setWordWrap(true);
    m_notes->setAccessibleName(tr("What the reads show"));
    m_diagram->setAccessibleName(tr("Chunks as delivered and messages reassembled"));
    m_messages->setAccessibleName(tr("Reassembled messages"));
    m_notes->setAlternatingRowColors(true);
    m_messages->setHeaderLabels({tr("Offset"), tr("Bytes"), tr("Message")});
    m_messages->setRootIsDecorated(false);
    m_messages->setAlternatingRowColors(true);
    m_messages->header()->setStretchLastSection(true);

    auto *right = new QSplitter(Qt::Vertical, this);
    auto *explain = new QWidget(right);
    auto *explainLayout = new QVBoxLayout(explain);
    explainLayout->setContentsMargins(0, 0, 0, 0);
    explainLayout->addWidget(m_summary);
    explainLayout->addWidget(m_notes, 1);
    right->addWidget(explain);
    right->addWidget(m_messages);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_diagram);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(sides);
    layout->addWidget(split, 1);

    for (int side : {0, 1})
        connect(m_framing[side], &QComboBox::currentTextChanged, this, [this, side](const QString &name) {
            if (side == m_side && !m_updating)
                reanalyze();
            emit framingChanged(side, name);
        });
    connect(m_resync, &QCheckBox::toggled, this, [this] {
        if (!m_updating)
            reanalyze();
    });
    connect(m_first, &QRadioButton::toggled, this, [this](bool on) { setCurrentSide(on ? 0 : 1); });
    clear();
}

void FramedStreamView::setSides(const Side &first, const Side &second)
{
    m_sides[0] = first;
    m_sides[1] = second;
    m_first->setText(first.title);
    m_second->setText(second.title);
    reanalyze();
}

void FramedStreamView::clear()
{
    setSides(Side{tr("Up (client → server)"), {}}, Side{tr("Down (server → client)"), {}});
}

void FramedStreamView::setFraming(const QString &name)
{
    m_updating = true;
    m_framing[0]->setCurrentText(name);
    m_framing[1]->setCurrentText(name);
    m_updating = false;
    reanalyze();
}

void FramedStreamView::setFraming(int side, const QString &name)
{
    m_framing[side]->setCurrentText(name);
}

QString FramedStreamView::framing(int side) const
{
    return m_framing[side]->currentText();
}

void FramedStreamView::setResync(bool on)
{
    m_resync->setChecked(on);
}

bool FramedStreamView::resync() const
{
    return m_resync->isChecked();
}

void FramedStreamView::setCurrentSide(int side)
{
    if (side == m_side)
        return;
    m_side = side;
    (side == 0 ? m_first : m_second)->setChecked(true);
    reanalyze();
}

void FramedStreamView::reanalyze()
{
    const Side &s = m_sides[m_side];
    QString why;
    const bool known = Framing::create(framing(), &why) != nullptr;
    m_framing[m_side]->setToolTip(known ? Framing::syntaxHelp() : why);
    if (!known)
        return; // typing a name: keep showing the last good one
    const QVector<StreamAnalyzer::Chunk> shown = s.chunks.mid(0, MaxChunks);
    m_result = FramedStream::analyze(shown, framing(), CaptureRecord::Direction::In, resync());
    m_diagram->setResult(m_result.analysis);
    QString summary = m_result.analysis.summary;
    if (s.chunks.size() > MaxChunks)
        summary += QLatin1Char(' ') + tr("Only the first %1 of %2 reads are shown.").arg(MaxChunks).arg(s.chunks.size());
    m_summary->setText(summary);
    m_notes->clear();
    for (const StreamAnalyzer::Note &n : m_result.analysis.notes)
        m_notes->addItem(n.text);
    m_messages->clear();
    QList<QTreeWidgetItem *> items;
    for (const Framing::Message &m : m_result.messages) {
        QString text = FramedStream::label(m);
        if (m.headLength > 0)
            text = QString::fromUtf8(QJsonDocument(m.head).toJson(QJsonDocument::Compact))
                   + (m.bodyLength > 0 ? tr(" + %n payload bytes", nullptr, int(m.bodyLength)) : QString());
        auto *item = new QTreeWidgetItem({QString::number(m.offset), QString::number(m.bytes.size()), text});
        item->setToolTip(2, text);
        items.append(item);
    }
    m_messages->addTopLevelItems(items);
}

} // namespace Switchboard
