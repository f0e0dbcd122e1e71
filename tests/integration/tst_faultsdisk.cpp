// A disk that fills during an upload (issue 9, item 6): the real server runs with its data
// directory on a small tmpfs, mounted in a private mount namespace of this test (unshare(2) and
// mount(2) need root, as in CI: without them the test fails and says why). Another writer fills the
// disk while an upload is under way: the uploader gets disk_full, nothing half-written is listed or
// downloadable, the other clients keep chatting, and the upload resumes once space is freed.

#include "faultclient.h"
#include "serverprocess.h"

#include "net/protocol/errorcode.h"
#include "net/transfer/uploader.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include <memory>

using namespace Switchboard;
using namespace Switchboard::Test;

namespace {

constexpr qint64 MiB = 1 << 20;
constexpr qint64 DiskSize = 32 * MiB;
constexpr qint64 Reserve = 4 * MiB; // --min-free-space: uploads stop below half of it

qint64 freeBytes(const QString &path)
{
    struct statvfs s {};
    return ::statvfs(QFile::encodeName(path).constData(), &s) == 0 ? qint64(s.f_bavail) * qint64(s.f_frsize) : -1;
}

} // namespace

class TestFaultsDisk : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void diskFillsDuringUpload();

private:
    std::unique_ptr<QTemporaryDir> m_mountPoint;
    bool m_mounted = false;
};

void TestFaultsDisk::initTestCase()
{
    QVERIFY2(QFile::exists(ServerProcess::binary()), qPrintable(ServerProcess::binary()));
    m_mountPoint = std::make_unique<QTemporaryDir>();
    QVERIFY(m_mountPoint->isValid());
    const auto fail = [](const char *step) {
        return QStringLiteral("%1 failed: %2. This test mounts a small tmpfs in a private mount namespace and "
                              "needs root (CAP_SYS_ADMIN), as CI and ./scripts/test.sh have.")
            .arg(QLatin1String(step), QString::fromLocal8Bit(std::strerror(errno)));
    };
    // The mount stays inside this process (and the server it starts), never on the host.
    QVERIFY2(::unshare(CLONE_NEWNS) == 0, qPrintable(fail("unshare(CLONE_NEWNS)")));
    QVERIFY2(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0, qPrintable(fail("making / private")));
    const QByteArray options = "size=" + QByteArray::number(DiskSize) + ",mode=0700";
    QVERIFY2(::mount("tmpfs", QFile::encodeName(m_mountPoint->path()).constData(), "tmpfs", MS_NOSUID | MS_NODEV,
                     options.constData())
                 == 0,
             qPrintable(fail("mounting a tmpfs")));
    m_mounted = true;
}

void TestFaultsDisk::cleanupTestCase()
{
    if (m_mounted)
        ::umount2(QFile::encodeName(m_mountPoint->path()).constData(), MNT_DETACH);
}

void TestFaultsDisk::diskFillsDuringUpload()
{
    const QString dataDir = m_mountPoint->filePath(QStringLiteral("data"));
    const QString filler = m_mountPoint->filePath(QStringLiteral("filler"));
    QTemporaryDir local;
    const QString path = local.filePath(QStringLiteral("movie.bin"));
    QByteArray content(int(16 * MiB), Qt::Uninitialized);
    QRandomGenerator(5).fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(content) == content.size());
    }
    ServerProcess server;
    QVERIFY2(server.start(dataDir, {QStringLiteral("--min-free-space"), QString::number(Reserve)}),
             qPrintable(server.error()));
    const QString room = QStringLiteral("files");
    FaultClient alice, bob, carol;
    QVERIFY(alice.logIn(server.port(), QStringLiteral("alice"), true));
    QVERIFY(bob.logIn(server.port(), QStringLiteral("bob"), true));
    QVERIFY(carol.logIn(server.port(), QStringLiteral("carol"), true));
    for (FaultClient *c : {&alice, &bob, &carol})
        QVERIFY(c->join(room));

    // The upload is accepted (its space reserved), then another writer takes the disk below half
    // the reserve (the database keeps the rest) before the data comes. Paused as it starts: a
    // pause taken later, from progress signals, could come after the last byte.
    Uploader up(alice.client(), path);
    up.setRoom(room);
    QSignalSpy failed(&up, &Transfer::failed);
    bool paused = false;
    QObject::connect(&up, &Transfer::stateChanged, &up, [&](Transfer::State state) {
        if (!paused && state == Transfer::State::Running) {
            paused = true;
            up.pause();
        }
    });
    up.start();
    QTRY_VERIFY_WITH_TIMEOUT(up.state() == Transfer::State::Paused, 30000);
    const QString part = QStringLiteral("%1/files/%2.part").arg(dataDir).arg(up.uploadId());
    QVERIFY(QFileInfo::exists(part));
    {
        QFile fill(filler);
        QVERIFY(fill.open(QIODevice::WriteOnly));
        const QByteArray block(int(MiB / 4), 'f');
        while (freeBytes(dataDir) - block.size() > Reserve / 2 - Reserve / 8)
            QVERIFY(fill.write(block) == block.size());
    }
    const qint64 freeWhenFull = freeBytes(dataDir);
    up.resume();
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 20000);
    QCOMPARE(failed.first().at(0).value<Protocol::ErrorCode>(), Protocol::ErrorCode::DiskFull);
    const qint64 fileId = up.uploadId() != 0 ? up.uploadId() : QFileInfo(part).baseName().toLongLong();
    const qint64 stored = QFileInfo(part).size();
    qInfo("disk full: %lld of %lld bytes stored when %lld bytes were left free; %lld free after",
          qlonglong(stored), qlonglong(content.size()), qlonglong(freeWhenFull), qlonglong(freeBytes(dataDir)));
    QVERIFY(stored > 0 && stored < content.size()); // a clean prefix is kept for the resume

    // Nothing half-written is visible: no final file, no announcement, not downloadable.
    QVERIFY(!QFileInfo::exists(QStringLiteral("%1/files/%2").arg(dataDir).arg(fileId)));
    for (const ChatMessage &m : bob.wholeHistory(room))
        QVERIFY(!m.isFile());
    const Answer<Protocol::DownloadBegin> early =
        ask<Protocol::DownloadBegin>(*bob.client(), Protocol::DownloadRequest{0, fileId, 0}, 10000);
    QVERIFY(!early.ok());
    QCOMPARE(early.error.code, Protocol::ErrorCode::FileNotFound);

    // The others keep chatting on the full disk.
    QSignalSpy heard(&carol.session, &ClientSession::messageReceived);
    for (int i = 0; i < 20; ++i) {
        const Answer<Protocol::ChatAck> ack =
            ask<Protocol::ChatAck>(*bob.client(), Protocol::ChatSend{0, room, {}, QStringLiteral("full disk %1").arg(i)}, 10000);
        QVERIFY2(ack.ok(), qPrintable(ack.error.message));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::count_if(heard.begin(), heard.end(), [](const QList<QVariant> &args) {
                                 return args.at(0).value<ChatMessage>().text.startsWith(QLatin1String("full disk"));
                             }) == 20,
                             10000);

    // Space comes back: the upload resumes where it stopped.
    QVERIFY(QFile::remove(filler));
    Uploader again(alice.client(), path);
    again.setRoom(room);
    QSignalSpy done(&again, &Uploader::finished);
    QSignalSpy failedAgain(&again, &Transfer::failed);
    again.start();
    QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() || !failedAgain.isEmpty(), 30000);
    QVERIFY2(failedAgain.isEmpty(), qPrintable(failedAgain.value(0).value(1).toString()));
    QCOMPARE(done.first().at(0).toLongLong(), fileId);
    QCOMPARE(again.resumeOffset(), stored);
    QFile result(QStringLiteral("%1/files/%2").arg(dataDir).arg(fileId));
    QVERIFY(result.open(QIODevice::ReadOnly));
    QVERIFY(result.readAll() == content);
}

QTEST_GUILESS_MAIN(TestFaultsDisk)
#include "tst_faultsdisk.moc"
