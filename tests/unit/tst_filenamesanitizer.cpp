// FileNameSanitizer against hostile and foreign names; unique names never overwrite.
#include "net/transfer/filenamesanitizer.h"

#include <QSet>
#include <QTest>

using namespace Switchboard;

class TestFileNameSanitizer : public QObject
{
    Q_OBJECT

private:
    static void checkSafe(const QString &s)
    {
        QVERIFY2(!s.isEmpty(), "empty name");
        QVERIFY2(!s.contains(QLatin1Char('/')) && !s.contains(QLatin1Char('\\')), qPrintable(s));
        QVERIFY2(!s.contains(QLatin1String("..")), qPrintable(s));
        QVERIFY2(!s.startsWith(QLatin1Char('.')) && !s.endsWith(QLatin1Char('.')), qPrintable(s));
        QVERIFY2(!s.startsWith(QLatin1Char(' ')) && !s.endsWith(QLatin1Char(' ')), qPrintable(s));
        QVERIFY2(s.toUtf8().size() <= FileNameSanitizer::MaxBytes, qPrintable(s));
        for (QChar c : s) {
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(s));
            QVERIFY2(c.category() != QChar::Other_Format, qPrintable(s));
        }
        QVERIFY2(!FileNameSanitizer::isWindowsReserved(s), qPrintable(s));
        QCOMPARE(QString::fromUtf8(s.toUtf8()), s); // valid UTF-16 / UTF-8 round trip
        QCOMPARE(FileNameSanitizer::sanitize(s), s); // idempotent
    }

private slots:
    void hostile_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("parent traversal") << "../../etc/passwd" << "etc_passwd";
        QTest::newRow("absolute") << "/abs/path" << "abs_path";
        QTest::newRow("backslash") << "a\\b" << "a_b";
        QTest::newRow("windows absolute") << "C:\\Windows\\system32\\cmd.exe" << "C__Windows_system32_cmd.exe";
        QTest::newRow("dotdot only") << ".." << "file";
        QTest::newRow("dot only") << "." << "file";
        QTest::newRow("dots") << "....." << "file";
        QTest::newRow("slash only") << "/" << "file";
        QTest::newRow("empty") << "" << "file";
        QTest::newRow("spaces") << "   " << "file";
        QTest::newRow("dotdot inside") << "a..b.txt" << "a.b.txt";
        QTest::newRow("hidden") << ".bashrc" << "bashrc";
        QTest::newRow("trailing dot space") << "name. " << "name";
        QTest::newRow("CON") << "CON" << "CON_";
        QTest::newRow("con.txt") << "con.txt" << "con_.txt";
        QTest::newRow("NUL.tar.gz") << "NUL.tar.gz" << "NUL_.tar.gz";
        QTest::newRow("COM1") << "COM1" << "COM1_";
        QTest::newRow("lpt9.log") << "lpt9.log" << "lpt9_.log";
        QTest::newRow("aux") << "aux" << "aux_";
        QTest::newRow("CONSOLE is fine") << "CONSOLE" << "CONSOLE";
        QTest::newRow("COM10 is fine") << "COM10" << "COM10";
        QTest::newRow("NUL byte") << QString::fromUtf8("evil.exe\0.txt", 13) << "evil.exe.txt";
        QTest::newRow("newline") << "a\nb.txt" << "a b.txt";
        QTest::newRow("carriage return") << "report\r\n.pdf" << "report .pdf";
        QTest::newRow("control chars") << QString::fromUtf8("a\x01\x1f\x7f" "b") << "ab";
        QTest::newRow("bidi override") << QString::fromUtf8("photo\u202Egpj.exe") << "photogpj.exe";
        QTest::newRow("zero width") << QString::fromUtf8("in\u200Bvoice.pdf") << "invoice.pdf";
        QTest::newRow("windows forbidden") << "what?<is>:this|*\".txt" << "what__is__this___.txt";
        QTest::newRow("chinese") << QString::fromUtf8("报告.pdf") << QString::fromUtf8("报告.pdf");
        QTest::newRow("chinese with space") << QString::fromUtf8("中文 文件名.txt") << QString::fromUtf8("中文 文件名.txt");
        QTest::newRow("emoji") << QString::fromUtf8("party 🎉.png") << QString::fromUtf8("party 🎉.png");
        QTest::newRow("nfd to nfc") << QString::fromUtf8("e\u0301te\u0301.txt") << QString::fromUtf8("\u00e9t\u00e9.txt");
        QTest::newRow("ordinary") << "My Report (final) v2.docx" << "My Report (final) v2.docx";
    }

    void hostile()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const QString out = FileNameSanitizer::sanitize(input);
        QCOMPARE(out, expected);
        checkSafe(out);
    }

    void longNames()
    {
        const QString ascii = QString(300, QLatin1Char('a')) + QStringLiteral(".txt");
        QString out = FileNameSanitizer::sanitize(ascii);
        checkSafe(out);
        QVERIFY(out.endsWith(QLatin1String(".txt")));
        QCOMPARE(out.toUtf8().size(), FileNameSanitizer::MaxBytes);

        QString chinese;
        for (int i = 0; i < 300; ++i)
            chinese += QChar(0x4e00 + i); // 3 bytes each in UTF-8
        out = FileNameSanitizer::sanitize(chinese + QStringLiteral(".pdf"));
        checkSafe(out);
        QVERIFY(out.endsWith(QLatin1String(".pdf")));
        QVERIFY(out.toUtf8().size() > FileNameSanitizer::MaxBytes - 3); // cut on a character boundary
        QVERIFY(out.startsWith(QChar(0x4e00)));

        // Emoji (surrogate pairs) and combining marks are never split.
        QString emoji;
        for (int i = 0; i < 80; ++i)
            emoji += QString::fromUtf8("🎉e\u0301");
        out = FileNameSanitizer::sanitize(emoji + QStringLiteral(".png"));
        checkSafe(out);
        QVERIFY(out.endsWith(QLatin1String(".png")));
        QVERIFY(!out.at(out.size() - 5).isHighSurrogate());
        QVERIFY(emoji.normalized(QString::NormalizationForm_C).startsWith(out.chopped(4))); // whole graphemes only

        // An absurd "extension" is not kept at the expense of the name.
        out = FileNameSanitizer::sanitize(QStringLiteral("x.") + QString(400, QLatin1Char('y')));
        checkSafe(out);
        QVERIFY(out.startsWith(QLatin1String("x.")));
    }

    void uniqueNames()
    {
        QSet<QString> taken{QStringLiteral("a.txt"), QStringLiteral("a (1).txt")};
        auto isTaken = [&](const QString &n) { return taken.contains(n); };
        QCOMPARE(FileNameSanitizer::uniqueName(QStringLiteral("b.txt"), isTaken), QStringLiteral("b.txt"));
        QCOMPARE(FileNameSanitizer::uniqueName(QStringLiteral("a.txt"), isTaken), QStringLiteral("a (2).txt"));
        QCOMPARE(FileNameSanitizer::uniqueName(QStringLiteral("a (1).txt"), isTaken), QStringLiteral("a (2).txt"));
        taken.insert(QStringLiteral("archive.tar.gz"));
        QCOMPARE(FileNameSanitizer::uniqueName(QStringLiteral("archive.tar.gz"), isTaken),
                 QStringLiteral("archive (1).tar.gz"));
        taken.insert(QStringLiteral("README"));
        QCOMPARE(FileNameSanitizer::uniqueName(QStringLiteral("README"), isTaken), QStringLiteral("README (1)"));

        const QString longName = FileNameSanitizer::sanitize(QString(300, QLatin1Char('z')) + QStringLiteral(".bin"));
        taken.insert(longName);
        const QString next = FileNameSanitizer::uniqueName(longName, isTaken);
        QVERIFY(next != longName);
        QVERIFY(next.endsWith(QLatin1String(" (1).bin")));
        QVERIFY(next.toUtf8().size() <= FileNameSanitizer::MaxBytes);
    }

    void extensions()
    {
        using P = std::pair<QString, QString>;
        QCOMPARE(FileNameSanitizer::splitExtension(QStringLiteral("a.txt")), P(QStringLiteral("a"), QStringLiteral(".txt")));
        QCOMPARE(FileNameSanitizer::splitExtension(QStringLiteral("a.tar.xz")), P(QStringLiteral("a"), QStringLiteral(".tar.xz")));
        QCOMPARE(FileNameSanitizer::splitExtension(QStringLiteral("noext")), P(QStringLiteral("noext"), QString()));
        QCOMPARE(FileNameSanitizer::splitExtension(QStringLiteral("v1.2 final")), P(QStringLiteral("v1.2 final"), QString()));
    }
};

QTEST_GUILESS_MAIN(TestFileNameSanitizer)
#include "tst_filenamesanitizer.moc"
