// UploadDialog against an in-process server: dropping files and a folder queues them all and the
// progress bars reach 100 %; DownloadDialog fetches one back into a chosen folder.
#include "net/client/chatclient.h"
#include "net/server/chatserver.h"
#include "net/server/roommembership.h"
#include "net/server/serversession.h"
#include "net/storage/database.h"
#include "widgets/transfer/downloaddialog.h"
#include "net/transfer/downloader.h"
#include "net/transfer/transferservice.h"
#include "net/transfer/uploader.h"
#include "net/transfer/uploadstore.h"
#include "tests/common/testlogin.h"
#include "widgets/transfer/downloaddialog.h"
#include "widgets/transfer/transferlist.h"
#include "widgets/transfer/transferrow.h"
#include "widgets/transfer/uploaddialog.h"

#include <QApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Switchboard;

// Only "lobby" exists, and everyone is in it.
class Lobby : public RoomMembership
{
public:
    bool isMember(const QString &, const QString &room) const override { return room == QLatin1String("lobby"); }
};

class TestUploadDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Database m_database;
    Lobby m_lobby;
    std::unique_ptr<UploadStore> m_uploads;
    ChatServer *m_server = nullptr;
    TransferService *m_service = nullptr;
    ChatClient *m_client = nullptr;

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
        QVERIFY(m_dir.isValid());
        m_server = new ChatServer(this);
        Test::installTrustLogin(*m_server);
        QString error;
        QVERIFY2(m_database.open(m_dir.filePath(QStringLiteral("server/db.sqlite")), &error), qPrintable(error));
        m_uploads = std::make_unique<UploadStore>(m_database);
        m_service = new TransferService(m_server, m_uploads.get(), m_server);
        m_service->setRoomMembership(&m_lobby);
        TransferConfig config;
        config.dataDir = m_dir.filePath(QStringLiteral("server"));
        QDir().mkpath(config.dataDir);
        config.minFreeSpace = 0;
        QVERIFY2(m_service->start(config, &error), qPrintable(error));
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));

        m_client = new ChatClient(this);
        QSignalSpy ready(m_client, &ChatClient::ready);
        m_client->connectToServer(QStringLiteral("127.0.0.1"), m_server->listeners().first().port);
        QVERIFY(ready.wait(20000));
        const auto login = Test::trustLogIn(*m_client, QStringLiteral("alice"), 20000);
        QVERIFY2(login.ok(), qPrintable(login.error.message));
    }

    void cleanupTestCase()
    {
        delete m_server; // and the service, before the store it uses
        m_server = nullptr;
        m_service = nullptr;
        m_uploads.reset();
    }

    void dropFilesAndFolder()
    {
        const QString a = writeFile(QStringLiteral("a.bin"), 3 << 20);
        const QString empty = writeFile(QStringLiteral("empty.txt"), 0);
        writeFile(QStringLiteral("folder/b.txt"), 1000);
        writeFile(QStringLiteral("folder/sub/c.dat"), 300000);

        UploadDialog dialog(m_client);
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
        for (TransferRow *row : dialog.list()->rows()) {
            QCOMPARE(row->transfer()->state(), Transfer::State::Finished);
            QCOMPARE(row->progressBar()->value(), row->progressBar()->maximum());
        }
        QCOMPARE(m_service->store()->files().size(), 4);

        // A drop forwarded from another widget reuses the same dialog for the same target.
        QWidget chat;
        QMimeData more;
        more.setUrls({QUrl::fromLocalFile(a)});
        UploadDialog *d1 = UploadDialog::handleDrop(m_client, &more, QStringLiteral("lobby"), QString(), &chat);
        QVERIFY(d1);
        UploadDialog *d2 = UploadDialog::handleDrop(m_client, &more, QStringLiteral("lobby"), QString(), &chat);
        QCOMPARE(d1, d2);
        QCOMPARE(d1->uploads().size(), 2);
        QMimeData none;
        none.setText(QStringLiteral("just text"));
        QVERIFY(!UploadDialog::canAcceptDrop(&none));
        QVERIFY(!UploadDialog::handleDrop(m_client, &none, QStringLiteral("lobby"), QString(), &chat));
        QTRY_VERIFY_WITH_TIMEOUT(!d1->list()->hasActive(), 60000);
    }

    void downloadIntoFolder()
    {
        const QList<FileInfo> files = m_service->store()->files();
        QVERIFY(!files.isEmpty());
        const QString target = m_dir.filePath(QStringLiteral("downloads"));
        DownloadDialog dialog(m_client);
        dialog.setDirectory(target);
        dialog.show();
        QSignalSpy done(&dialog, &DownloadDialog::fileDownloaded);
        for (const FileInfo &f : files)
            dialog.addDownload(f.id, f.name);
        QProgressBar *overall = dialog.findChild<QProgressBar *>(QStringLiteral("overallProgress"));
        QTRY_COMPARE_WITH_TIMEOUT(overall->value(), 100, 60000);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), int(files.size()), 60000);
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
