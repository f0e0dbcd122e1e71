// HeaderBudget counts a reply's compact JSON header exactly as FrameEncoder writes it, so replies
// cut to a peer's maxHeader use the space they have and never pass it.
#include "net/protocol/frameencoder.h"
#include "net/protocol/headerbudget.h"
#include "net/protocol/messages.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Switchboard;
using namespace Switchboard::Protocol;

class tst_HeaderBudget : public QObject
{
    Q_OBJECT
private slots:
    void countsExactly()
    {
        // Names with escapes, non-ASCII and astral characters, in two arrays of one header.
        QRandomGenerator random(42);
        const QStringList alphabet{QStringLiteral("a"), QStringLiteral("\""), QStringLiteral("\\"), QStringLiteral("\n"),
                                   QStringLiteral("\x01"), QStringLiteral("张"), QStringLiteral("😀"), QStringLiteral("é")};
        RoomJoined reply;
        reply.id = 77;
        reply.room = QStringLiteral("技术部");
        HeaderBudget budget(1 << 20, reply.toJson());
        QCOMPARE(budget.used(), FrameEncoder::headerBytes(reply.toJson()).size());
        for (int i = 0; i < 200; ++i) {
            QString name;
            for (int k = random.bounded(1, 12); k > 0; --k)
                name += alphabet.at(random.bounded(int(alphabet.size())));
            if (i % 3 == 0) {
                ChatMessage m;
                m.id = i + 1;
                m.timestampMs = 1764582000123 + i;
                m.room = reply.room;
                m.sender = QStringLiteral("alice");
                m.text = name;
                QVERIFY(budget.take(m.toJson(), 1));
                reply.history.append(m);
            } else {
                QVERIFY(budget.take(name, 0));
                reply.members.append(name);
            }
            QCOMPARE(budget.used(), FrameEncoder::headerBytes(reply.toJson()).size());
        }
    }

    void refusesWhatWouldNotFit()
    {
        History reply;
        reply.id = 1;
        const qint64 base = FrameEncoder::headerBytes(reply.toJson()).size();
        ChatMessage m;
        m.id = 1;
        m.timestampMs = 1;
        m.room = QStringLiteral("r");
        m.sender = QStringLiteral("s");
        m.text = QString(100, QLatin1Char('x'));
        const qint64 item = HeaderBudget::jsonSize(m.toJson());
        HeaderBudget budget(base + 2 * item + 1, reply.toJson()); // two items and their comma, exactly
        QVERIFY(budget.take(m.toJson()));
        QVERIFY(budget.take(m.toJson()));
        QVERIFY(!budget.take(m.toJson()));
        QCOMPARE(budget.used(), budget.limit());
        HeaderBudget reserved(base + item, reply.toJson(), 1); // the reserve counts
        QVERIFY(!reserved.take(m.toJson()));
    }
};

QTEST_GUILESS_MAIN(tst_HeaderBudget)
#include "tst_headerbudget.moc"
