// Colours in a light and a dark palette: text keeps WCAG's 4.5:1 on every background the widgets
// put it on, and no widget source hard-codes a colour (they all come from widgets/tools/theme).
#include "net/capture/capturebuffer.h"
#include "widgets/chat/messagedelegate.h"
#include "widgets/inspector/capturemodel.h"
#include "widgets/inspector/streamdiagram.h"
#include "widgets/tools/theme.h"
#include "palettes.h"

#include <QApplication>
#include <QDirIterator>
#include <QRegularExpression>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

using namespace Switchboard;
using Theme::Accent;

namespace {

QPalette lightPalette()
{
    return QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
}

// Breeze Dark's values.
QPalette breezeDark()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2a, 0x2e, 0x32));
    p.setColor(QPalette::WindowText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Button, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::ButtonText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, QColor(0xfc, 0xfc, 0xfc));
    p.setColor(QPalette::Link, QColor(0x1d, 0x99, 0xf3));
    return p;
}

QString describe(const QColor &fg, const QColor &bg)
{
    return QStringLiteral("%1 on %2: %3:1").arg(fg.name(), bg.name()).arg(Theme::contrast(fg, bg), 0, 'f', 2);
}

#define CHECK_READABLE(fg, bg) \
    QVERIFY2(Theme::contrast((fg), (bg)) >= Theme::MinContrast, qPrintable(QStringLiteral(#fg " / " #bg ": ") + describe((fg), (bg))))

CaptureRecord record(CaptureRecord::Kind kind, CaptureRecord::Direction dir)
{
    CaptureRecord r;
    r.kind = kind;
    r.direction = dir;
    r.connectionId = 1;
    r.timeUs = 1700000000000000LL;
    r.localAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r.localPort = 5151;
    r.peerAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r.peerPort = 40000;
    r.bytes = QByteArrayLiteral("\x00\x00\x00\x02{}");
    if (kind == CaptureRecord::Kind::Frame)
        r.header = QJsonObject{{QStringLiteral("type"), QStringLiteral("ping")}};
    return r;
}

} // namespace

class TestTheme : public QObject
{
    Q_OBJECT
private slots:
    void contrastFormula()
    {
        QCOMPARE(qRound(Theme::contrast(Qt::black, Qt::white) * 100), 2100);
        QCOMPARE(Theme::contrast(Qt::gray, Qt::gray), 1.0);
        const QColor fixed = Theme::readable(QColor(0x77, 0x77, 0x77), QColor(0x80, 0x80, 0x80));
        QVERIFY(Theme::contrast(fixed, QColor(0x80, 0x80, 0x80)) >= Theme::MinContrast);
    }

    void palettes_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << lightPalette();
        QTest::newRow("dark") << Switchboard::Test::darkPalette();
        QTest::newRow("breeze-dark") << breezeDark();
    }

    void accentsAndTints_data() { palettes_data(); }
    void accentsAndTints()
    {
        QFETCH(QPalette, palette);
        const QColor base = palette.color(QPalette::Base);
        const QColor text = palette.color(QPalette::Text);
        for (Accent a : {Accent::Blue, Accent::Green, Accent::Purple, Accent::Red, Accent::Amber, Accent::Grey}) {
            for (qreal strength : {0.16, 0.3, 0.5}) {
                const QColor t = Theme::tint(palette, a, strength);
                CHECK_READABLE(text, t);
                CHECK_READABLE(Theme::accentText(palette, a, t), t);
            }
            CHECK_READABLE(Theme::accentText(palette, a), base);
            CHECK_READABLE(Theme::dimText(palette, base), base);
        }
    }

    void chatBubbles_data() { palettes_data(); }
    void chatBubbles()
    {
        QFETCH(QPalette, palette);
        const auto c = MessageDelegate::Colours::of(palette);
        const QColor base = palette.color(QPalette::Base);
        for (const QColor &bg : {c.ownBubble, c.otherBubble}) {
            CHECK_READABLE(c.text, bg);
        }
        for (const QColor &bg : {c.ownBubble, c.otherBubble, c.ownCard, c.otherCard, base}) {
            CHECK_READABLE(c.dim, bg);
            CHECK_READABLE(c.error, bg);
            CHECK_READABLE(c.link, bg);
        }
        // The user's own bubble is told apart from the others' and from the background.
        QVERIFY(c.ownBubble != c.otherBubble);
        QVERIFY(c.ownBubble != base);
        if (Theme::isDark(palette)) // a dark theme gets dark bubbles, never a light one under light text
            QVERIFY(Theme::relativeLuminance(c.ownBubble) < 0.2);
    }

    void streamDiagram_data() { palettes_data(); }
    void streamDiagram()
    {
        QFETCH(QPalette, palette);
        const auto c = StreamDiagram::Colours::of(palette);
        for (const QColor &fill : {c.chunk, c.chunkSticky, c.frame, c.frameSplit, c.frameIncomplete})
            CHECK_READABLE(c.label, fill);
        // Lines are graphics, not text: WCAG asks 3:1.
        for (const QColor &fill : {c.chunk, c.chunkSticky}) {
            QVERIFY2(Theme::contrast(c.cutLine, fill) >= 3, qPrintable(describe(c.cutLine, fill)));
            QVERIFY2(Theme::contrast(c.boundaryLine, fill) >= 3, qPrintable(describe(c.boundaryLine, fill)));
        }
    }

    void inspectorRows_data() { palettes_data(); }
    void inspectorRows()
    {
        QFETCH(QPalette, palette);
        const QPalette saved = QGuiApplication::palette();
        QGuiApplication::setPalette(palette);
        CaptureBuffer buffer;
        CaptureModel model(&buffer);
        using K = CaptureRecord::Kind;
        using D = CaptureRecord::Direction;
        for (K k : {K::Chunk, K::Frame, K::Datagram, K::Error, K::Event})
            for (D d : {D::In, D::Out})
                buffer.record(record(k, d));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 10, 5000);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex i = model.index(row, CaptureModel::SummaryColumn);
            const QVariant bgVar = i.data(Qt::BackgroundRole);
            const QColor bg = bgVar.isValid() ? bgVar.value<QBrush>().color() : palette.color(QPalette::Base);
            const QVariant fgVar = i.data(Qt::ForegroundRole);
            const QColor fg = fgVar.isValid() ? fgVar.value<QBrush>().color() : palette.color(QPalette::Text);
            QVERIFY2(Theme::contrast(fg, bg) >= Theme::MinContrast,
                     qPrintable(QStringLiteral("row %1: ").arg(row) + describe(fg, bg)));
        }
        QGuiApplication::setPalette(saved);
    }

    // The 30 fixed colours the widgets once had are gone: only widgets/tools/theme.cpp names one.
    void noHardCodedColours()
    {
        const QString root = qEnvironmentVariable("SWITCHBOARD_SOURCE_DIR");
        QVERIFY2(!root.isEmpty(), "SWITCHBOARD_SOURCE_DIR is not set (ctest sets it)");
        static const QRegularExpression literal(
            QStringLiteral(R"(QColor\(\s*0x|QColor\(\s*\d+\s*,|#[0-9a-fA-F]{6}\b|Qt::(red|green|blue|white|black|gray|darkGray|lightGray|yellow|darkRed|darkGreen|darkBlue)\b)"));
        QStringList offenders;
        QDirIterator it(root + QStringLiteral("/widgets"), {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(QLatin1String("/tools/theme.cpp")))
                continue;
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            int lineNo = 0;
            while (!f.atEnd()) {
                ++lineNo;
                const QString line = QString::fromUtf8(f.readLine());
                if (literal.match(line).hasMatch())
                    offenders << QStringLiteral("%1:%2: %3").arg(path.mid(root.size() + 1)).arg(lineNo).arg(line.trimmed());
            }
        }
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
