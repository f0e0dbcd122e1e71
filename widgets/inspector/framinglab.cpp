#include "framinglab.h"
#include "widgets/tools/theme.h"

#include "net/connection/connection.h"
#include "net/connection/tcpconnection.h"
#include "hexview.h"
#include "net/protocol/frameencoder.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <QtEndian>

namespace Switchboard {

FramingLab::FramingLab(QWidget *parent)
    : QWidget(parent)
    , m_type(new QLineEdit(QStringLiteral("ping"), this))
    , m_header(new QPlainTextEdit(this))
    , m_payload(new QPlainTextEdit(this))
    , m_numbering(new QCheckBox(tr("Number the frames (\"id\" counts up)"), this))
    , m_asIs(new QRadioButton(tr("Send as one write"), this))
    , m_split(new QRadioButton(tr("Split at byte"), this))
    , m_coalesce(new QRadioButton(tr("Coalesce with the next"), this))
    , m_splitOffset(new QSpinBox(this))
    , m_splitDelay(new QSpinBox(this))
    , m_coalesceCount(new QSpinBox(this))
    , m_nagle(new QCheckBox(tr("Nagle's algorithm (the OS may hold back and merge small writes)"), this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_flush(new QPushButton(tr("Send held frames now"), this))
    , m_preview(new QLabel(this))
    , m_status(new QLabel(this))
    , m_hex(new HexView(this))
{
    m_header->setPlaceholderText(tr("More header members as a JSON object, e.g. {\"room\": \"lobby\"}"));
    m_header->setPlainText(QStringLiteral("{}"));
    m_header->setTabChangesFocus(true);
    m_payload->setPlaceholderText(tr("Payload text (optional; sets \"size\")"));
    m_payload->setTabChangesFocus(true);
    const int lines = fontMetrics().lineSpacing();
    m_header->setFixedHeight(lines * 3 + 12);
    m_payload->setFixedHeight(lines * 2 + 12);
    m_numbering->setChecked(true);
    m_asIs->setChecked(true);
    m_splitOffset->setRange(1, 1 << 24);
    m_splitOffset->setValue(6);
    m_splitOffset->setToolTip(tr("The first write carries bytes 0..K-1, the second the rest."));
    m_splitDelay->setRange(0, 60000);
    m_splitDelay->setValue(500);
    m_splitDelay->setSuffix(tr(" ms"));
    m_coalesceCount->setRange(1, 1000);
    m_coalesceCount->setValue(2);
    m_coalesceCount->setSuffix(tr(" frames"));
    m_preview->setWordWrap(true);
    m_status->setWordWrap(true);
    m_hex->setMinimumHeight(90);

    auto *compose = new QGroupBox(tr("Frame"), this);
    auto *form = new QFormLayout(compose);
    form->addRow(tr("Type:"), m_type);
    form->addRow(tr("Header:"), m_header);
    form->addRow(tr("Payload:"), m_payload);
    form->addRow(QString(), m_numbering);

    auto *shape = new QGroupBox(tr("How it goes on the wire"), this);
    auto *grid = new QGridLayout(shape);
    grid->addWidget(m_asIs, 0, 0, 1, 4);
    grid->addWidget(m_split, 1, 0);
    grid->addWidget(m_splitOffset, 1, 1);
    grid->addWidget(new QLabel(tr("then wait"), shape), 1, 2);
    grid->addWidget(m_splitDelay, 1, 3);
    grid->addWidget(m_coalesce, 2, 0);
    grid->addWidget(m_coalesceCount, 2, 1);
    grid->addWidget(new QLabel(tr("into one write"), shape), 2, 2, 1, 2);
    grid->addWidget(m_nagle, 3, 0, 1, 4);
    grid->setColumnStretch(4, 1);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_send);
    buttons->addWidget(m_flush);
    buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(compose);
    layout->addWidget(shape);
    layout->addWidget(m_preview);
    layout->addWidget(m_hex, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_type, &QLineEdit::textChanged, this, &FramingLab::updatePreview);
    connect(m_header, &QPlainTextEdit::textChanged, this, &FramingLab::updatePreview);
    connect(m_payload, &QPlainTextEdit::textChanged, this, &FramingLab::updatePreview);
    connect(m_numbering, &QCheckBox::toggled, this, &FramingLab::updatePreview);
    connect(m_splitOffset, &QSpinBox::valueChanged, this, &FramingLab::updatePreview);
    connect(m_asIs, &QRadioButton::toggled, this, &FramingLab::updatePreview);
    connect(m_split, &QRadioButton::toggled, this, &FramingLab::updatePreview);
    connect(m_coalesce, &QRadioButton::toggled, this, &FramingLab::updatePreview);
    connect(m_coalesceCount, &QSpinBox::valueChanged, this, &FramingLab::updatePreview);
    connect(m_send, &QPushButton::clicked, this, &FramingLab::send);
    connect(m_flush, &QPushButton::clicked, this, &FramingLab::flushHeld);
    connect(m_nagle, &QCheckBox::toggled, this, &FramingLab::setNagle);
    updatePreview();
    updateEnabled();
}

void FramingLab::setConnection(Connection *connection)
{
    if (m_connection)
        m_connection->disconnect(this);
    m_connection = connection;
    m_held.clear();
    if (m_connection) {
        connect(m_connection, &Connection::disconnected, this, &FramingLab::updateEnabled);
        if (auto *tcp = qobject_cast<TcpConnection *>(connection))
            connect(tcp, &TcpConnection::connected, this, &FramingLab::updateEnabled);
        // Connections start with Nagle off (low delay); show it.
        const QSignalBlocker block(m_nagle);
        m_nagle->setChecked(false);
    }
    updateEnabled();
    updatePreview();
}

Connection *FramingLab::connection() const
{
    return m_connection;
}

void FramingLab::updateEnabled()
{
    const bool open = m_connection && m_connection->isOpen();
    m_send->setEnabled(open);
    m_flush->setEnabled(open && !m_held.isEmpty());
    m_nagle->setEnabled(open && qobject_cast<TcpConnection *>(m_connection.data()));
    if (!m_connection)
        setStatus(tr("Not connected: connect to a server to use the lab."));
    else if (!open)
        setStatus(tr("The connection is closed."));
    else if (m_status->text().isEmpty() || m_status->text() == tr("Not connected: connect to a server to use the lab."))
        setStatus(tr("Frames go to %1 through the client's connection; watch the replies in Packets and Stream.")
                      .arg(m_connection->peerName()));
}

void FramingLab::setFrame(const QString &type, const QString &headerJson, const QString &payload)
{
    m_type->setText(type);
    m_header->setPlainText(headerJson);
    m_payload->setPlainText(payload);
}

void FramingLab::setMode(Mode mode)
{
    (mode == Mode::AsIs ? m_asIs : mode == Mode::Split ? m_split : m_coalesce)->setChecked(true);
}

FramingLab::Mode FramingLab::mode() const
{
    return m_split->isChecked() ? Mode::Split : m_coalesce->isChecked() ? Mode::Coalesce : Mode::AsIs;
}

void FramingLab::setSplit(int offset, int delayMs)
{
    m_splitOffset->setValue(offset);
    m_splitDelay->setValue(delayMs);
}

void FramingLab::setCoalesceCount(int n)
{
    m_coalesceCount->setValue(n);
}

void FramingLab::setNumbering(bool on)
{
    m_numbering->setChecked(on);
}

QByteArray FramingLab::composedFrame(QString *error) const
{
    QJsonObject header;
    const QString text = m_header->toPlainText().trimmed();
    if (!text.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            if (error)
                *error = parseError.error != QJsonParseError::NoError
                    ? tr("The header is not valid JSON: %1").arg(parseError.errorString())
                    : tr("The header must be a JSON object.");
            return {};
        }
        header = doc.object();
    }
    if (!m_type->text().isEmpty())
        header.insert(QStringLiteral("type"), m_type->text());
    if (m_numbering->isChecked())
        header.insert(QStringLiteral("id"), double(m_nextId));
    return FrameEncoder::encode(header, m_payload->toPlainText().toUtf8());
}

QByteArray FramingLab::nextFrame(QString *error)
{
    const QByteArray frame = composedFrame(error);
    if (!frame.isEmpty() && m_numbering->isChecked())
        ++m_nextId;
    return frame;
}

void FramingLab::updatePreview()
{
    QString error;
    const QByteArray frame = composedFrame(&error);
    m_hex->setData(frame);
    if (frame.isEmpty()) {
        m_preview->setText(error);
        return;
    }
    const quint32 n = qFromBigEndian<quint32>(frame.constData());
    const qint64 payload = frame.size() - 4 - n;
    QString text = tr("%1 bytes on the wire: 4 (length prefix) + %2 (header) + %3 (payload).")
                       .arg(frame.size()).arg(n).arg(payload);
    const QPalette pal = m_hex->palette();
    QVector<HexView::Region> regions{{0, 4, Theme::tint(pal, Theme::Accent::Amber, 0.35)},
                                     {4, n, Theme::tint(pal, Theme::Accent::Blue, 0.22)}};
    if (payload > 0)
        regions.append({4 + qint64(n), payload, Theme::tint(pal, Theme::Accent::Green, 0.22)});
    m_hex->setRegions(regions);
    switch (mode()) {
    case Mode::Split: {
        const int k = qBound(1, m_splitOffset->value(), int(frame.size()) - 1);
        m_hex->setHighlight(0, k);
        text += QLatin1Char(' ')
            + tr("First write: bytes 0\u2013%1 (highlighted), then after %2 ms bytes %1\u2013%3.")
                  .arg(k).arg(m_splitDelay->value()).arg(frame.size());
        if (k < 4)
            text += QLatin1Char(' ') + tr("The cut is inside the length prefix.");
        else if (k < 4 + int(n))
            text += QLatin1Char(' ') + tr("The cut is inside the JSON header.");
        else
            text += QLatin1Char(' ') + tr("The cut is inside the payload.");
        break;
    }
    case Mode::Coalesce:
        text += QLatin1Char(' ')
            + tr("This frame and the next %1 are held, then written together in one write (%2 held now).")
                  .arg(m_coalesceCount->value()).arg(m_held.size());
        break;
    case Mode::AsIs:
        break;
    }
    m_preview->setText(text);
}

void FramingLab::setStatus(const QString &text)
{
    m_status->setText(text);
    emit statusChanged(text);
}

void FramingLab::write(const QByteArray &bytes)
{
    if (!m_connection || !m_connection->isOpen()) {
        setStatus(tr("Not sent: the connection is closed."));
        updateEnabled();
        return;
    }
    m_connection->sendRaw(bytes);
    emit partSent(bytes);
}

void FramingLab::send()
{
    QString error;
    const QByteArray frame = nextFrame(&error);
    if (frame.isEmpty()) {
        setStatus(error);
        return;
    }
    switch (mode()) {
    case Mode::AsIs:
        write(frame);
        setStatus(tr("Sent %Ln byte(s) in one write.", nullptr, int(frame.size())));
        break;
    case Mode::Split: {
        const int k = qBound(1, m_splitOffset->value(), int(frame.size()) - 1);
        const int delay = m_splitDelay->value();
        write(frame.left(k));
        const QByteArray rest = frame.mid(k);
        const QPointer<FramingLab> self(this);
        QTimer::singleShot(delay, this, [self, rest] {
            if (self)
                self->write(rest);
        });
        setStatus(tr("Sent bytes 0\u2013%1; the remaining %2 bytes follow in %3 ms.")
                      .arg(k).arg(rest.size()).arg(delay));
        break;
    }
    case Mode::Coalesce:
        m_held.append(frame);
        if (m_held.size() > m_coalesceCount->value()) {
            flushHeld();
        } else {
            setStatus(tr("Holding %1 of %Ln frame(s).", nullptr, m_coalesceCount->value() + 1).arg(m_held.size()));
            updateEnabled();
        }
        break;
    }
    updatePreview();
}

void FramingLab::flushHeld()
{
    if (m_held.isEmpty())
        return;
    QByteArray all;
    for (const QByteArray &f : std::as_const(m_held))
        all.append(f);
    const int count = int(m_held.size());
    m_held.clear();
    write(all);
    setStatus(tr("Sent %Ln frame(s) (%1 bytes) in one write.", nullptr, count).arg(QLocale().toString(all.size())));
    updateEnabled();
    updatePreview();
}

void FramingLab::setNagle(bool on)
{
    {
        const QSignalBlocker block(m_nagle);
        m_nagle->setChecked(on);
    }
    if (auto *tcp = qobject_cast<TcpConnection *>(m_connection.data())) {
        tcp->setLowDelay(!on);
        setStatus(on ? tr("Nagle's algorithm is on: small writes may be merged by the OS.")
                     : tr("Nagle's algorithm is off: every write is sent at once."));
    }
}

} // namespace Switchboard
