#include "transfercommands.h"

#include "clioutput.h"
#include "net/client/chatclient.h"
#include "net/client/transfermanager.h"
#include "net/transfer/downloader.h"
#include "net/transfer/filecollector.h"
#include "net/transfer/transferprotocol.h"
#include "net/transfer/uploader.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QLocale>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace Switchboard {

namespace {

QString formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("--:--");
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3").arg(seconds / 3600).arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

void TransferCommands::addOptions(QCommandLineParser &parser)
{
    parser.addOption(QCommandLineOption(QStringLiteral("room"), tr("upload: share the files in ROOM."), QStringLiteral("ROOM")));
    parser.addOption(QCommandLineOption(QStringLiteral("to"), tr("upload: send the files privately to USER."),
                                        QStringLiteral("USER")));
    parser.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                                        tr("download: save into this folder, or as this file."), QStringLiteral("PATH")));
}

bool TransferCommands::handles(const QString &command)
{
    return command == QLatin1String("upload") || command == QLatin1String("download");
}

int TransferCommands::run(TransferManager &manager, const QString &command, const QStringList &arguments,
                          const QCommandLineParser &parser, const CliOutput &output)
{
    const QString usage = QStringLiteral("usage");
    if (command == QLatin1String("upload")) {
        const QString room = parser.value(QStringLiteral("room"));
        const QString to = parser.value(QStringLiteral("to"));
        if (arguments.isEmpty() || room.isEmpty() == to.isEmpty()) {
            output.error(usage, tr("Usage: upload FILE... (--room ROOM | --to USER)"));
            return 2;
        }
        return upload(manager, arguments, room, to, output);
    }
    if (command == QLatin1String("download")) {
        bool ok = false;
        const qint64 id = arguments.value(0).toLongLong(&ok);
        if (arguments.size() != 1 || !ok || id <= 0) {
            output.error(usage, tr("Usage: download ID [-o PATH]"));
            return 2;
        }
        return download(manager, id, parser.value(QStringLiteral("output")), output);
    }
    output.error(usage, tr("Unknown command \"%1\".").arg(command));
    return 2;
}

int TransferCommands::wait(TransferManager &manager, Transfer &transfer, const CliOutput &output)
{
    const bool tty = ::isatty(fileno(stderr)) == 1 && !output.json(); // stderr carries JSON lines with --json
    QTextStream err(stderr);
    QEventLoop loop;
    QElapsedTimer sinceDraw;
    sinceDraw.start();
    bool drawn = false;
    auto draw = [&](const QString &line, bool force) {
        if (!tty || (!force && sinceDraw.elapsed() < 200))
            return;
        sinceDraw.restart();
        err << "\r\033[K" << line << Qt::flush;
        drawn = true;
    };
    const QLocale locale;
    QObject::connect(&transfer, &Transfer::progress, &loop, [&](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        const double rate = transfer.rate();
        draw(tr("%1  %2%  %3 / %4  %5/s  %6 left")
                 .arg(transfer.displayName())
                 .arg(percent)
                 .arg(locale.formattedDataSize(done), locale.formattedDataSize(total),
                      locale.formattedDataSize(qint64(rate)), formatDuration(transfer.secondsLeft())),
             done >= total);
    });
    if (auto *up = qobject_cast<Uploader *>(&transfer)) {
        QObject::connect(up, &Uploader::hashProgress, &loop, [&](qint64 done, qint64 total) {
            draw(tr("%1  checking %2%").arg(transfer.displayName()).arg(total > 0 ? done * 100 / total : 100), false);
        });
    }
    QObject::connect(&transfer, &Transfer::completed, &loop, &QEventLoop::quit);
    QObject::connect(&transfer, &Transfer::failed, &loop, &QEventLoop::quit);
    QObject::connect(&transfer, &Transfer::stateChanged, &loop, [&](Transfer::State s) {
        if (s == Transfer::State::Cancelled)
            loop.quit();
    });
    // The manager starts it from the event loop; without a connection it never would.
    ChatClient *client = manager.client();
    QObject::connect(client, &ChatClient::disconnected, &loop, &QEventLoop::quit);
    if (!transfer.isFinal() && transfer.state() != Transfer::State::Failed && client->state() == ChatClient::State::Ready)
        loop.exec();
    if (drawn)
        err << "\r\033[K" << Qt::flush;
    if (transfer.state() == Transfer::State::Finished)
        return 0;
    const bool lost = transfer.errorCode() == Protocol::ErrorCode::Disconnected || client->state() != ChatClient::State::Ready;
    const QString why = transfer.state() == Transfer::State::Failed ? transfer.errorString() : tr("The connection was lost.");
    QString code = lost ? QStringLiteral("connection_lost")
        : transfer.state() == Transfer::State::Failed ? toWire(transfer.errorCode())
                                                      : QStringLiteral("cancelled");
    if (code.isEmpty())
        code = QStringLiteral("transfer_failed"); // a local failure without a protocol code
    output.error(code, why, tr("%1: %2").arg(transfer.displayName(), why));
    return lost ? 3 : 1;
}

int TransferCommands::upload(TransferManager &manager, const QStringList &paths, const QString &room, const QString &toUser,
                             const CliOutput &output)
{
    QStringList problems;
    const QStringList files = FileCollector::collect(paths, &problems);
    for (const QString &p : std::as_const(problems))
        output.error(QStringLiteral("io_error"), p);
    int status = problems.isEmpty() ? 0 : 1;
    for (const QString &path : files) {
        // One at a time, so the output follows the order of the files.
        Uploader &up = *manager.upload(path, room, toUser);
        const int s = wait(manager, up, output);
        if (s == 0) {
            // Two whole sentences rather than one with an optional translated piece.
            const QString text = up.resumeOffset() > 0
                ? tr("Uploaded %1 as file %2 (\"%3\", %4 bytes, resumed at byte %5)")
                      .arg(path).arg(up.fileId()).arg(up.finalName()).arg(up.bytesTotal()).arg(up.resumeOffset())
                : tr("Uploaded %1 as file %2 (\"%3\", %4 bytes)").arg(path).arg(up.fileId()).arg(up.finalName()).arg(up.bytesTotal());
            output.result({{QStringLiteral("type"), QStringLiteral("uploaded")},
                           {QStringLiteral("path"), path},
                           {QStringLiteral("file"), up.fileId()},
                           {QStringLiteral("name"), up.finalName()},
                           {QStringLiteral("size"), up.bytesTotal()},
                           {QStringLiteral("resumedAt"), up.resumeOffset()}},
                          text);
            manager.remove(&up);
        } else {
            status = s;
            if (s == 3)
                break; // no connection left for the rest
        }
    }
    if (files.isEmpty() && status == 0) {
        output.error(QStringLiteral("usage"), tr("Nothing to upload."));
        status = 2;
    }
    return status;
}

int TransferCommands::download(TransferManager &manager, qint64 fileId, const QString &outputPath, const CliOutput &output)
{
    const bool toStdout = outputPath == QLatin1String("-");
    // To standard output: saved and verified in a private folder first, so a script never reads
    // bytes whose checksum failed; then copied out and removed.
    QTemporaryDir staging;
    if (toStdout && !staging.isValid()) {
        output.error(QStringLiteral("io_error"), tr("Cannot create a temporary folder: %1").arg(staging.errorString()));
        return 1;
    }
    const bool intoDirectory = toStdout || outputPath.isEmpty() || QFileInfo(outputPath).isDir();
    const QString directory = toStdout ? staging.path() : (intoDirectory && !outputPath.isEmpty() ? outputPath : QStringLiteral("."));
    Downloader &down = *manager.download(fileId, QString(), directory);
    if (!intoDirectory)
        down.setDestinationFile(outputPath); // before the manager starts it
    down.setWriteInline(true); // no window to keep responsive: one thread hop less per chunk
    const int s = wait(manager, down, output);
    if (s != 0)
        return s;
    QJsonObject result{{QStringLiteral("type"), QStringLiteral("downloaded")},
                       {QStringLiteral("file"), fileId},
                       {QStringLiteral("path"), toStdout ? QStringLiteral("-") : down.savedPath()},
                       {QStringLiteral("size"), down.bytesTotal()}};
    if (!toStdout) {
        output.result(result, tr("Saved file %1 as %2 (%3 bytes)").arg(fileId).arg(down.savedPath()).arg(down.bytesTotal()));
        return 0;
    }
    QFile saved(down.savedPath());
    if (!saved.open(QIODevice::ReadOnly)) {
        output.error(QStringLiteral("io_error"), saved.errorString());
        return 1;
    }
    QByteArray chunk;
    while (!(chunk = saved.read(1 << 20)).isEmpty()) {
        if (std::fwrite(chunk.constData(), 1, size_t(chunk.size()), stdout) != size_t(chunk.size())) {
            output.error(QStringLiteral("io_error"), tr("Cannot write to standard output."));
            return 1;
        }
    }
    std::fflush(stdout);
    output.notice(result, tr("Wrote file %1 to standard output (%2 bytes)").arg(fileId).arg(down.bytesTotal()));
    return 0;
}

} // namespace Switchboard
