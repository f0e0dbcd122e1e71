#include "widgets/tools/dissectorinstaller.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Switchboard;

class TestDissectorInstaller : public QObject
{
    Q_OBJECT
private slots:
    void installsUpdatesAndKeeps()
    {
        QTemporaryDir home;
        const QString dir = home.filePath(QStringLiteral(".local/lib/wireshark/plugins"));
        QString detail;
        QCOMPARE(DissectorInstaller::install(dir, &detail), DissectorInstaller::Result::Installed);
        QCOMPARE(detail, dir + QStringLiteral("/switchboard.lua"));
        QFile installed(detail);
        QVERIFY(installed.open(QIODevice::ReadOnly));
        const QByteArray script = installed.readAll();
        installed.close();
        QVERIFY(script.contains("Proto(\"switchboard\""));

        QCOMPARE(DissectorInstaller::install(dir, &detail), DissectorInstaller::Result::AlreadyCurrent);

        QVERIFY(installed.open(QIODevice::WriteOnly | QIODevice::Truncate));
        installed.write("-- an older version\n");
        installed.close();
        QCOMPARE(DissectorInstaller::install(dir, &detail), DissectorInstaller::Result::Updated);
        QVERIFY(installed.open(QIODevice::ReadOnly));
        QCOMPARE(installed.readAll(), script);
    }

    void reportsWhyItFailed()
    {
        QTemporaryDir home;
        QFile blocker(home.filePath(QStringLiteral("plugins")));
        QVERIFY(blocker.open(QIODevice::WriteOnly)); // a file where the folder should be
        blocker.close();
        QString detail;
        QCOMPARE(DissectorInstaller::install(blocker.fileName() + QStringLiteral("/sub"), &detail),
                 DissectorInstaller::Result::Failed);
        QVERIFY2(detail.contains(QStringLiteral("plugins")), qPrintable(detail));
    }
};

QTEST_MAIN(TestDissectorInstaller)
#include "tst_dissectorinstaller.moc"
