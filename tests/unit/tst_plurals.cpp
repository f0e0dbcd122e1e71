// Plural (%n) messages through the embedded translations: English reads "1 client" / "2 clients"
// (switchboard_en.qm, also the fallback for locales without a translation), Chinese has one form.

#include "net/core/translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

#include <QtTest>

using namespace Switchboard;

namespace {

const char Context[] = "Switchboard::ServerPanel";
const char Hosting[] = "Hosting on %1 — %n client(s) connected";

QString hosting(int n)
{
    return QCoreApplication::translate(Context, Hosting, nullptr, n).arg(QStringLiteral("127.0.0.1"));
}

} // namespace

class TstPlurals : public QObject
{
    Q_OBJECT

private slots:
    void cleanup()
    {
        // ~QTranslator uninstalls it, so each test starts from the untranslated source texts.
        qDeleteAll(QCoreApplication::instance()->findChildren<QTranslator *>());
        qunsetenv("SWITCHBOARD_LANG");
        QLocale::setDefault(QLocale::c());
    }

    void englishSingularAndPlural()
    {
        qputenv("SWITCHBOARD_LANG", "en_US");
        installTranslations(*QCoreApplication::instance());
        QCOMPARE(hosting(1), QStringLiteral("Hosting on 127.0.0.1 — 1 client connected"));
        QCOMPARE(hosting(2), QStringLiteral("Hosting on 127.0.0.1 — 2 clients connected"));
        // A CLI message (another context), and one whose verb agrees with the count.
        QCOMPARE(QCoreApplication::translate("CliRunner", "%n ping(s): min %1 ms, avg %2 ms, max %3 ms", nullptr, 1)
                     .arg(1).arg(2).arg(3),
                 QStringLiteral("1 ping: min 1 ms, avg 2 ms, max 3 ms"));
        QCOMPARE(QCoreApplication::translate("Switchboard::CloseQuestion",
                                             "%n transfer(s) have not finished: %1. They resume the next time you log in.",
                                             nullptr, 1)
                     .arg(QStringLiteral("a.txt")),
                 QStringLiteral("1 transfer has not finished: a.txt. It resumes the next time you log in."));
        // Only plural messages are in the English file: the rest stays the source text.
        QCOMPARE(QCoreApplication::translate("Switchboard::ChatClient", "Cancelled."), QStringLiteral("Cancelled."));
    }

    void chineseHasOneForm()
    {
        qputenv("SWITCHBOARD_LANG", "zh_CN");
        installTranslations(*QCoreApplication::instance());
        QCOMPARE(hosting(1), QStringLiteral("正在 127.0.0.1 上运行——已连接 1 个客户端"));
        QCOMPARE(hosting(2), QStringLiteral("正在 127.0.0.1 上运行——已连接 2 个客户端"));
    }

    void untranslatedLocalesGetEnglishPlurals_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("C") << QLocale::c();
        QTest::newRow("en_GB") << QLocale(QLocale::English, QLocale::UnitedKingdom);
        QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany);
    }

    void untranslatedLocalesGetEnglishPlurals()
    {
        QFETCH(QLocale, locale);
        auto *translator = new QTranslator(QCoreApplication::instance());
        QVERIFY(loadSwitchboardTranslation(*translator, locale));
        QVERIFY(QCoreApplication::installTranslator(translator));
        QCOMPARE(hosting(1), QStringLiteral("Hosting on 127.0.0.1 — 1 client connected"));
        QCOMPARE(hosting(2), QStringLiteral("Hosting on 127.0.0.1 — 2 clients connected"));
    }

    void chineseLocaleGetsChinese()
    {
        QTranslator translator;
        QVERIFY(loadSwitchboardTranslation(translator, QLocale(QLocale::Chinese, QLocale::China)));
        QCOMPARE(translator.language(), QStringLiteral("zh_CN"));
    }
};

QTEST_GUILESS_MAIN(TstPlurals)
#include "tst_plurals.moc"
