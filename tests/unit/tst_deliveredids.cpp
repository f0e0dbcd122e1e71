// DeliveredIds: which message ids a clustered node has delivered, so that a replay after a cut
// and the live stream give each message once (docs/CLUSTER.md, "When Redis goes away").

#include "net/cluster/deliveredids.h"

#include <QtTest>

using namespace Switchboard;

class TestDeliveredIds : public QObject
{
    Q_OBJECT
private slots:
    void eachIdOnce();
    void floorTrailsTheNewest();
};

void TestDeliveredIds::eachIdOnce()
{
    DeliveredIds ids(10); // ten messages were stored before the node started
    QVERIFY(!ids.firstTime(10));
    QVERIFY(ids.contains(3));
    // Out of numeric order (two nodes' messages interleaved): each once.
    QVERIFY(ids.firstTime(12));
    QVERIFY(ids.firstTime(11));
    QVERIFY(!ids.firstTime(12));
    QVERIFY(!ids.firstTime(11));
    QVERIFY(ids.contains(11));
    QVERIFY(!ids.contains(13));
    QCOMPARE(ids.floor(), qint64(10));
}

void TestDeliveredIds::floorTrailsTheNewest()
{
    DeliveredIds ids;
    const qint64 last = DeliveredIds::Capacity + 500;
    for (qint64 id = 1; id <= last; ++id)
        if (id != 700) // missed: in the window, so a replay above the floor finds it
            QVERIFY(ids.firstTime(id));
    QCOMPARE(ids.floor(), last - DeliveredIds::Capacity - 1); // the newest Capacity kept (one id is missing)
    QVERIFY(ids.floor() < 700);
    QVERIFY(!ids.contains(700));
    QVERIFY(ids.firstTime(700));
    // What fell below the floor counts as delivered.
    QVERIFY(ids.contains(ids.floor()));
    QVERIFY(!ids.firstTime(ids.floor()));
}

QTEST_GUILESS_MAIN(TestDeliveredIds)
#include "tst_deliveredids.moc"
