// UploadDialog against an in-process server (logged in through a ClientSession): dropping files and a folder queues them all in the
// TransferManager and every row of the dialog's model and the overall bar reach 100 %; the
// buttons drawn in a row act on the manager; DownloadDialog fetches the files back into a folder.
#include "net/client/clientsession.h"
#include "net/client/transfermanager.h"
#include "net/client/transfermodel.h"
#include "net/transfer/downloader.h"
#include "net/transfer/transferservice.h"
#include "net/transfer/uploader.h"
#include "net/transfer/uploadstore.h"
#include "widgets/transfer/downloaddialog.h"
#include "widgets/transfer/transferdelegate.h"
#include "widgets/transfer/transferfiltermodel.h"
#include "widgets/transfer/transferlist.h"
#include "widgets/transfer/uploaddialog.h"
#include "testserver.h"

#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QListView>
#include <QMimeData>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace Switchboard;

class TestUploadDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Test::TestServer> m_server;
    ClientSession *m_session = nullptr;
    TransferManager *m_manager = nullptr;
    UploadStore *m_store = nullptr;

    QString writeFile(const QString &relative, qint64 size)
    {
        const QString path = m_dir.filePath(QStringLiteral("local/") + relative);
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        QByteArray chunk(64 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < chunk.size(); ++i)
            chunk[i] = char((i * 131 + size) & 0xff);
        for (qint64 left = size; left > 0; left -= chunk.size())
            f.write(chunk.left(int(qMin<qint64>(left, chunk.size()))));
        return path;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_server = std::make_unique<Test::TestServer>();
        QVERIFY(m_server->ok());
        m_session = new ClientSession(this);
        QSignalSpy joined(m_session, &ClientSession::roomJoined);
        m_session->logIn(QStringLiteral("127.0.0.1"), m_server->port(), QStringLiteral("alice"), QStringLiteral("pw"), true);
        QVERIFY(joined.wait(20000));
        m_manager = m_session->transfers();
        m_store = m_server->runtime().transfers()->store();
    }

    // Every row the list shows is finished at 100 %.
    static void verifyAllComplete(TransferList *list)
    {
        const QAbstractItemModel *model = list->model();
        QVERIFY(model->rowCount() > 0);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex i = model->index(row, 0);
            QCOMPARE(i.data(TransferModel::StateRole).toInt(), int(Transfer::State::Finished));
            QCOMPARE(i.data(TransferModel::PercentRole).toInt(), 100);
            QCOMPARE(i.data(TransferModel::BytesDoneRole), i.data(TransferModel::BytesTotalRole));
        }
        QTRY_COMPARE_WITH_TIMEOUT(list->overallBar()->value(), 100, 5000); // updated within ~100 ms
    }

    void dropFilesAndFolder()
    {
        const QString a = writeFile(QStringLiteral("a.bin"), 3 << 20);
        const QString empty = writeFile(QStringLiteral("empty.txt"), 0);
        writeFile(QStringLiteral("folder/b.txt"), 1000);
        writeFile(QStringLiteral("folder/sub/c.dat"), 300000);

        UploadDialog dialog(m_manager);
        dialog.setRoom(QStringLiteral("lobby"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QSignalSpy uploaded(&dialog, &UploadDialog::fileUploaded);

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(a), QUrl::fromLocalFile(empty),
                      QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("local/folder"))),
                      QUrl(QStringLiteral("https://example.com/not-a-file"))});
        QVERIFY(UploadDialog::canAcceptDrop(&mime));
        const QPoint at = dialog.rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&dialog, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&dialog, &drop);
        QVERIFY(drop.isAccepted());

        QCOMPARE(dialog.uploads().size(), 4); // two files + the folder's two, recursively
        QProgressBar *overall = dialog.findChild<QProgressBar *>(QStringLiteral("overallProgress"));
        QVERIFY(overall);
        QTRY_COMPARE_WITH_TIMEOUT(overall->value(), 100, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(uploaded.size(), 4, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.list()->model()->index(3, 0).data(TransferModel::PercentRole).toInt(), 100, 5000);
        verifyAllComplete(dialog.list());
        QCOMPARE(m_store->files().size(), 4);
        for (Uploader *up : dialog.uploads())
            QCOMPARE(up->parent(), m_manager); // the manager owns them, not the dialog

        // A drop forwarded from another widget reuses the same dialog for the same target.
        QWidget chat;
        QMimeData more;
        more.setUrls({QUrl::fromLocalFile(a)});
        UploadDialog *d1 = UploadDialog::handleDrop(m_manager, &more, QStringLiteral("lobby"), QString(), &chat);
        QVERIFY(d1);
        UploadDialog *d2 = UploadDialog::handleDrop(m_manager, &more, QStringLiteral("lobby"), QString(), &chat);
        QCOMPARE(d1, d2);
        // Both dialogs for #lobby show the manager's uploads there: the four and the two new ones.
        QCOMPARE(d1->uploads().size(), 6);
        QCOMPARE(dialog.uploads(), d1->uploads());
        UploadDialog *elsewhere = UploadDialog::forTarget(m_manager, QString(), QStringLiteral("bob"), &chat);
        QVERIFY(elsewhere != d1);
        QCOMPARE(elsewhere->uploads().size(), 0);
        QMimeData none;
        none.setText(QStringLiteral("just text"));
        QVERIFY(!UploadDialog::canAcceptDrop(&none));
        QVERIFY(!UploadDialog::handleDrop(m_manager, &none, QStringLiteral("lobby"), QString(), &chat));
        QTRY_VERIFY_WITH_TIMEOUT(!d1->list()->hasActive(), 60000);
        verifyAllComplete(d1->list());

        // "Clear finished" empties the view and the manager of those uploads.
        d1->list()->clearFinished();
        QCOMPARE(d1->list()->model()->rowCount(), 0);
        QCOMPARE(dialog.uploads().size(), 0);
        QCOMPARE(m_manager->count(), 0);
    }

    void rowButtonsActOnTheManager()
    {
        // Held by the manager (as while logged out), so every row stays queued until we let go.
        m_manager->setActive(false);
        UploadDialog dialog(m_manager);
        dialog.setRoom(QStringLiteral("lobby"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.addPaths({writeFile(QStringLiteral("r0.bin"), 1000), writeFile(QStringLiteral("r1.bin"), 2 << 20),
                                  writeFile(QStringLiteral("r2.bin"), 1000)}),
                 3);
        const QList<Uploader *> ups = dialog.uploads();
        QCOMPARE(ups.size(), 3);
        QListView *view = dialog.list()->view();
        auto *delegate = qobject_cast<TransferDelegate *>(view->itemDelegate());
        QVERIFY(delegate);
        auto click = [&](int row, TransferDelegate::Action action) {
            const QModelIndex index = view->model()->index(row, 0);
            QStyleOptionViewItem option;
            option.initFrom(view);
            option.rect = view->visualRect(index);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, delegate->actionRect(option, action).center());
        };
        auto rowState = [&](int row) { return Transfer::State(view->model()->index(row, 0).data(TransferModel::StateRole).toInt()); };

        click(2, TransferDelegate::Action::Cancel);
        QCOMPARE(ups[2]->state(), Transfer::State::Cancelled);
        click(1, TransferDelegate::Action::Pause);
        QCOMPARE(ups[1]->state(), Transfer::State::Paused);
        QCOMPARE(rowState(1), Transfer::State::Paused);
        // Now the same button resumes: back in the queue, shown as queued, still paused itself.
        click(1, TransferDelegate::Action::Resume);
        QCOMPARE(rowState(1), Transfer::State::Queued);
        QCOMPARE(ups[1]->state(), Transfer::State::Paused);

        // The context menu's Cancel acts on the selection.
        view->selectionModel()->select(view->model()->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QAction *cancel = nullptr;
        for (QAction *a : view->actions())
            if (a->text() == TransferDelegate::actionText(TransferDelegate::Action::Cancel))
                cancel = a;
        QVERIFY(cancel);
        QVERIFY(cancel->isEnabled());
        cancel->trigger();
        QCOMPARE(ups[0]->state(), Transfer::State::Cancelled);

        m_manager->setActive(true);
        QTRY_COMPARE_WITH_TIMEOUT(ups[1]->state(), Transfer::State::Finished, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.list()->overallBar()->value(), 100, 5000); // cancelled ones do not count
        dialog.list()->clearFinished();
        QCOMPARE(m_manager->count(), 0);
    }

    void downloadIntoFolder()
    {
        const QList<FileInfo> files = m_store->files();
        QVERIFY(!files.isEmpty());
        const QString target = m_dir.filePath(QStringLiteral("downloads"));
        DownloadDialog dialog(m_manager);
        dialog.setDirectory(target);
        dialog.show();
        QSignalSpy done(&dialog, &DownloadDialog::fileDownloaded);
        for (const FileInfo &f : files)
            dialog.addDownload(f.id, f.name);
        QCOMPARE(m_manager->downloadDirectory(), target);
        QCOMPARE(dialog.downloads().size(), files.size());
        QProgressBar *overall = dialog.findChild<QProgressBar *>(QStringLiteral("overallProgress"));
        QTRY_COMPARE_WITH_TIMEOUT(overall->value(), 100, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), int(files.size()), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.list()->model()->index(int(files.size()) - 1, 0).data(TransferModel::PercentRole).toInt(), 100, 5000);
        verifyAllComplete(dialog.list());
        // a.bin was uploaded twice (the second is "a (1).bin" on the server): nothing overwritten.
        QStringList names = QDir(target).entryList(QDir::Files | QDir::Hidden);
        names.sort();
        QCOMPARE(names.size(), files.size());
        QVERIFY(names.contains(QStringLiteral("a.bin")));
        QVERIFY(names.contains(QStringLiteral("empty.txt")));
        QVERIFY(names.contains(QStringLiteral("c.dat")));
    }
};

QTEST_MAIN(TestUploadDialog)
#include "tst_uploaddialog.moc"
