// The chat transcript view over the message model: appended messages show and keep the view at
// the bottom, the reader's text stays still when rows come or go above it, scrolling to the
// top pages history in, links and file cards are clickable, Ctrl+C copies, colours follow the
// palette, the full date shows on hover.
#include "net/client/messagelistmodel.h"
#include "widgets/chat/messagedelegate.h"
#include "widgets/chat/messageview.h"

#include "palettes.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHelpEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace Switchboard;

class TestMessageView : public QObject
{
    Q_OBJECT
private slots:
    void appendedMessagesShowAtTheBottom();
    void readerStaysStillWhenRowsGoAbove();
    void widthChangeMeasuresInSlices();
    void topOfTheViewPagesHistoryIn();
    void shortConversationAsksForMore();
    void linksAndFileCardsAreClickable();
    void copySelectedMessages();
    void ownBubbleFollowsThePalette();
    void fullDateOnHover();
};

static ChatMessage msg(qint64 id, const QString &sender, const QString &text)
{
    ChatMessage m;
    m.id = id;
    m.timestampMs = QDateTime(QDate(2026, 3, 14), QTime(15, 9)).toMSecsSinceEpoch() + id * 1000;
    m.room = QStringLiteral("lobby");
    m.sender = sender;
    m.text = text;
    return m;
}

struct Fixture
{
    Fixture(int width = 480, int height = 320)
        : model(QStringLiteral("me"))
    {
        view.setModel(&model);
        view.resize(width, height);
        view.show();
        ok = QTest::qWaitForWindowExposed(&view);
    }
    // The view's coalesced update ran: the scroll range covers every row.
    bool settled() const
    {
        const QScrollBar *bar = view.verticalScrollBar();
        return bar->maximum() == qMax(0, view.contentHeight() - view.viewport()->height())
            && (!view.isFollowingBottom() || bar->value() == bar->maximum());
    }
    // Where a row is, in content coordinates (independent of scrolling).
    int contentTop(int row) const { return view.visualRect(model.index(row)).top() + view.verticalScrollBar()->value(); }
    // The first point of the row's viewport rectangle where pred holds.
    template <typename Pred> QPoint find(int row, Pred pred) const
    {
        const QRect r = view.visualRect(model.index(row));
        for (int y = r.top(); y <= r.bottom(); y += 2)
            for (int x = r.left(); x <= r.right(); x += 2)
                if (pred(QPoint(x, y)))
                    return QPoint(x, y);
        return QPoint(-1, -1);
    }
    QStyleOptionViewItem option(int row) const
    {
        QStyleOptionViewItem o;
        o.initFrom(view.viewport());
        o.font = view.font();
        o.widget = &view;
        o.rect = view.visualRect(model.index(row));
        return o;
    }

    MessageListModel model;
    MessageView view;
    bool ok = false;
};

void TestMessageView::appendedMessagesShowAtTheBottom()
{
    Fixture f;
    QVERIFY(f.ok);
    for (int i = 1; i <= 300; ++i)
        f.model.appendMessage(msg(i, i % 3 ? QStringLiteral("bob") : QStringLiteral("me"),
                                  QStringLiteral("message %1 with enough words to wrap onto a second line in a narrow view").arg(i)));
    QScrollBar *bar = f.view.verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
    QCOMPARE(bar->maximum(), f.view.contentHeight() - f.view.viewport()->height());
    // The newest message is the bottom row of the viewport.
    const QRect last = f.view.visualRect(f.model.index(299));
    QVERIFY(last.isValid());
    QCOMPARE(last.bottom(), f.view.viewport()->height() - 1);
    QCOMPARE(f.view.indexAt(QPoint(10, f.view.viewport()->height() - 2)).row(), 299);
    // Rows are measured by the delegate: wrapped text makes a row taller than a single line.
    QVERIFY(last.height() > 3 * f.view.fontMetrics().height());

    // One more arrives: still at the bottom, showing it.
    f.model.appendMessage(msg(301, QStringLiteral("bob"), QStringLiteral("the newest")));
    QTRY_COMPARE(f.view.indexAt(QPoint(10, f.view.viewport()->height() - 2)).row(), 300);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(f.view.isFollowingBottom());

    // The keyboard moves through the transcript: Home shows the first row, End follows again.
    f.view.setFocus();
    QTest::keyClick(&f.view, Qt::Key_Home);
    QCOMPARE(f.view.currentIndex().row(), 0);
    QCOMPARE(f.view.visualRect(f.model.index(0)).top(), 0);
    QVERIFY(!f.view.isFollowingBottom());
    QTest::keyClick(&f.view, Qt::Key_End);
    QCOMPARE(f.view.currentIndex().row(), 300);
    QVERIFY(f.view.isFollowingBottom());
    f.model.appendMessage(msg(302, QStringLiteral("bob"), QStringLiteral("after End")));
    QTRY_COMPARE(f.view.indexAt(QPoint(10, f.view.viewport()->height() - 2)).row(), 301);
}

void TestMessageView::readerStaysStillWhenRowsGoAbove()
{
    Fixture f;
    QVERIFY(f.ok);
    f.model.setMaxRows(200);
    for (int i = 1; i <= 150; ++i)
        f.model.appendMessage(msg(i, QStringLiteral("bob"), QStringLiteral("line %1").arg(i)));
    QScrollBar *bar = f.view.verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
    // The user scrolls up to read message 120.
    f.view.scrollTo(f.model.index(119), QAbstractItemView::PositionAtTop);
    QVERIFY(!f.view.isFollowingBottom());
    const int y = f.view.visualRect(f.model.index(119)).top();
    // A flood: the window drops the oldest rows several times.
    for (int i = 151; i <= 260; ++i)
        f.model.appendMessage(msg(i, QStringLiteral("bob"), QStringLiteral("line %1").arg(i)));
    QVERIFY(f.model.rowCount() <= 200);
    QCOMPARE(f.model.index(0).data(MessageListModel::MessageIdRole).toLongLong() > 1, true);
    QTRY_VERIFY(f.settled());
    int row = -1;
    for (int r = 0; r < f.model.rowCount(); ++r)
        if (f.model.index(r).data(MessageListModel::MessageIdRole).toLongLong() == 120)
            row = r;
    QVERIFY(row >= 0);
    QCOMPARE(f.view.visualRect(f.model.index(row)).top(), y);
    QVERIFY(bar->value() < bar->maximum());

    // Back at the bottom, it follows again.
    f.view.scrollToBottom();
    f.model.appendMessage(msg(261, QStringLiteral("bob"), QStringLiteral("newest")));
    QTRY_COMPARE(f.view.indexAt(QPoint(10, f.view.viewport()->height() - 2)).row(), f.model.rowCount() - 1);
    QCOMPARE(bar->value(), bar->maximum());
}

void TestMessageView::widthChangeMeasuresInSlices()
{
    Fixture f(600, 300);
    QVERIFY(f.ok);
    f.model.setMaxRows(3000);
    QList<ChatMessage> replay;
    for (int i = 1; i <= 2000; ++i)
        replay.append(msg(i, QStringLiteral("bob"), QStringLiteral("line %1 ").arg(i).repeated(1 + i % 9)));
    f.model.mergeHistory(replay);
    QTRY_VERIFY(f.view.isLayoutComplete());
    f.view.scrollTo(f.model.index(1000), QAbstractItemView::PositionAtTop);
    const int y = f.view.visualRect(f.model.index(1000)).top();
    QCOMPARE(y, 0);

    // Narrower: the rows on screen are measured at once, the others a slice at a time.
    f.view.resize(300, 300);
    QVERIFY(!f.view.isLayoutComplete());
    QCOMPARE(f.view.visualRect(f.model.index(1000)).top(), y);
    QTRY_VERIFY(f.view.isLayoutComplete());
    QCOMPARE(f.view.visualRect(f.model.index(1000)).top(), y); // still under the reader
    // Every row has its height for the new width, and the scroll range is their sum.
    int sum = 0;
    for (int row = 0; row < f.model.rowCount(); ++row) {
        QStyleOptionViewItem o = f.option(row);
        o.rect.setWidth(f.view.viewport()->width());
        const int h = f.view.messageDelegate()->sizeHint(o, f.model.index(row)).height();
        QCOMPARE(f.view.visualRect(f.model.index(row)).height(), h);
        sum += h;
    }
    QCOMPARE(f.view.contentHeight(), sum);
    QCOMPARE(f.view.verticalScrollBar()->maximum(), sum - f.view.viewport()->height());
}

void TestMessageView::topOfTheViewPagesHistoryIn()
{
    Fixture f;
    QVERIFY(f.ok);
    QList<ChatMessage> replay;
    for (int i = 1001; i <= 1050; ++i)
        replay.append(msg(i, QStringLiteral("bob"), QStringLiteral("line %1").arg(i)));
    QSignalSpy wanted(&f.model, &MessageListModel::historyWanted);
    f.model.mergeHistory(replay);
    QScrollBar *bar = f.view.verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
    QCOMPARE(wanted.size(), 0); // the view is full: no page yet

    // The user drags the scroll bar to the top: the view asks for what comes before 1001.
    bar->setValue(0);
    QCOMPARE(wanted.size(), 1);
    QCOMPARE(wanted.first().first().toLongLong(), 1001);
    const int y = f.view.visualRect(f.model.index(0)).top();
    QList<ChatMessage> page;
    for (int i = 951; i <= 1000; ++i)
        page.append(msg(i, QStringLiteral("bob"), QStringLiteral("older %1").arg(i)));
    f.model.prependHistory(page);
    // Message 1001 is now row 50 and has not moved on screen.
    QCOMPARE(f.model.index(50).data(MessageListModel::MessageIdRole).toLongLong(), 1001);
    QCOMPARE(f.view.visualRect(f.model.index(50)).top(), y);
    QVERIFY(bar->value() > 0);
    QCOMPARE(wanted.size(), 1);
}

void TestMessageView::shortConversationAsksForMore()
{
    Fixture f;
    QVERIFY(f.ok);
    QSignalSpy wanted(&f.model, &MessageListModel::historyWanted);
    f.model.mergeHistory({msg(40, QStringLiteral("bob"), QStringLiteral("hi")), msg(41, QStringLiteral("bob"), QStringLiteral("there"))});
    // Everything fits: the view wants the messages before 40 to fill itself.
    QTRY_COMPARE(wanted.size(), 1);
    QCOMPARE(wanted.first().first().toLongLong(), 40);
    f.model.prependHistory({}); // there are none
    QVERIFY(!f.model.canFetchMore(QModelIndex()));
    f.model.appendMessage(msg(42, QStringLiteral("bob"), QStringLiteral("more")));
    QTRY_VERIFY(f.settled());
    QCOMPARE(wanted.size(), 1);
}

void TestMessageView::linksAndFileCardsAreClickable()
{
    Fixture f;
    QVERIFY(f.ok);
    f.model.appendMessage(msg(1, QStringLiteral("bob"), QStringLiteral("see https://example.org/a?b=1, then reply")));
    FileInfo file;
    file.id = 77;
    file.name = QStringLiteral("notes 笔记.txt");
    file.size = 2048;
    ChatMessage fm = msg(2, QStringLiteral("bob"), file.name);
    fm.file = file;
    f.model.appendMessage(fm);
    QTRY_VERIFY(f.view.visualRect(f.model.index(1)).isValid());
    QTRY_VERIFY(f.settled());

    MessageDelegate *d = f.view.messageDelegate();
    const QPoint onLink = f.find(0, [&](const QPoint &p) { return !d->linkAt(f.option(0), f.model.index(0), p).isEmpty(); });
    QVERIFY(onLink.x() >= 0);
    // The link ends before the comma.
    QCOMPARE(d->linkAt(f.option(0), f.model.index(0), onLink), QUrl(QStringLiteral("https://example.org/a?b=1")));
    QSignalSpy links(&f.view, &MessageView::linkActivated);
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, onLink);
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.first().first().toUrl(), QUrl(QStringLiteral("https://example.org/a?b=1")));
    // The sender's name is not a link.
    const QRect row0 = f.view.visualRect(f.model.index(0));
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, QPoint(row0.left() + 20, onLink.y() - f.view.fontMetrics().height()));
    QCOMPARE(links.size(), 1);

    const QPoint onCard = f.find(1, [&](const QPoint &p) { return d->fileCardAt(f.option(1), f.model.index(1), p); });
    QVERIFY(onCard.x() >= 0);
    QSignalSpy files(&f.view, &MessageView::fileActivated);
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, onCard + QPoint(4, 4));
    QCOMPARE(files.size(), 1);
    QCOMPARE(files.first().first().value<FileInfo>().id, 77);
    QCOMPARE(files.first().first().value<FileInfo>().name, file.name);
}

void TestMessageView::copySelectedMessages()
{
    Fixture f;
    QVERIFY(f.ok);
    f.model.appendMessage(msg(1, QStringLiteral("bob"), QStringLiteral("first 一")));
    f.model.appendMessage(msg(2, QStringLiteral("me"), QStringLiteral("second 二")));
    f.model.appendPending(5, QStringLiteral("third 三"));
    QTRY_VERIFY(f.view.visualRect(f.model.index(2)).isValid());
    QTRY_VERIFY(f.settled());
    // Click the first row, shift-click the last: three rows selected.
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, {}, f.view.visualRect(f.model.index(0)).center());
    QTest::mouseClick(f.view.viewport(), Qt::LeftButton, Qt::ShiftModifier, f.view.visualRect(f.model.index(2)).center());
    QCOMPARE(f.view.selectionModel()->selectedRows().size(), 3);
    QApplication::clipboard()->clear();
    f.view.setFocus();
    QTest::keySequence(&f.view, QKeySequence::Copy);
    const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).contains(QStringLiteral("bob: first 一")));
    QVERIFY(lines.at(1).contains(QStringLiteral("me: second 二")));
    QVERIFY(lines.at(2).contains(QStringLiteral("third 三")));
    QVERIFY(lines.at(2).contains(QStringLiteral("waiting to send")));
}


void TestMessageView::ownBubbleFollowsThePalette()
{
    Fixture f;
    QVERIFY(f.ok);
    f.model.appendMessage(msg(1, QStringLiteral("me"), QStringLiteral("mine, on the right")));
    f.model.appendMessage(msg(2, QStringLiteral("bob"), QStringLiteral("his, on the left")));
    QTRY_VERIFY(f.view.visualRect(f.model.index(1)).isValid());
    QTRY_VERIFY(f.settled());
    // Inside the own bubble's padding, near its right edge: no text there, only the bubble.
    auto ownBubblePixel = [&] {
        const QRect r = f.view.visualRect(f.model.index(0));
        const QImage image = f.view.viewport()->grab().toImage();
        const int margin = qMax(6, f.view.fontMetrics().height() / 2);
        return QColor(image.pixel(r.right() - margin - 2, r.center().y() + f.view.fontMetrics().height() / 2));
    };
    const QColor light = ownBubblePixel();
    const QColor base = f.view.palette().color(QPalette::Base);
    QVERIFY2(light != base, qPrintable(light.name()));
    QVERIFY(light.lightness() > 150);

    f.view.setPalette(Switchboard::Test::darkPalette());
    const QColor dark = ownBubblePixel();
    QVERIFY2(dark.lightness() < 100, qPrintable(dark.name())); // not a light bubble on a dark theme
    QVERIFY(dark != QColor(0x1e, 0x1e, 0x1e));
    QVERIFY(dark.blue() > dark.red()); // tinted with the highlight colour
}

void TestMessageView::fullDateOnHover()
{
    Fixture f;
    QVERIFY(f.ok);
    f.model.appendMessage(msg(1, QStringLiteral("bob"), QStringLiteral("when was this?")));
    QTRY_VERIFY(f.view.visualRect(f.model.index(0)).isValid());
    QTRY_VERIFY(f.settled());
    const QRect r = f.view.visualRect(f.model.index(0));
    const QPoint pos(r.left() + 20, r.bottom() - f.view.fontMetrics().height());
    QHelpEvent help(QEvent::ToolTip, pos, f.view.viewport()->mapToGlobal(pos));
    QApplication::sendEvent(f.view.viewport(), &help);
    const QString expected = QLocale().toString(f.model.index(0).data(MessageListModel::TimestampRole).toDateTime(), QLocale::LongFormat);
    QTRY_COMPARE(QToolTip::text(), expected);
    QVERIFY(QToolTip::text().contains(QStringLiteral("2026")));
}

QTEST_MAIN(TestMessageView)
#include "tst_messageview.moc"
