#pragma once
#include "net/protocol/messages.h"

#include <QDialog>
#include <QPointer>

class QLineEdit;

namespace Switchboard {

class Downloader;
class TransferList;
class TransferManager;

// The downloads of a TransferManager (e.g. files opened from the chat) with the same per-file and
// overall progress display as the upload dialog, and the folder they are saved into (the
// manager's download directory). A file never overwrites an existing one: it is saved as
// "name (1).ext" instead.
class DownloadDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DownloadDialog(TransferManager *manager, QWidget *parent = nullptr);

    // Also the manager's download directory from now on.
    void setDirectory(const QString &dir);
    QString directory() const;
    TransferManager *manager() const;
    TransferList *list() const { return m_list; }
    QList<Downloader *> downloads() const;

    // Queues a download into directory() (the same file twice: the running one is returned).
    Downloader *addDownload(const FileInfo &file);
    Downloader *addDownload(qint64 fileId, const QString &nameHint = QString());

signals:
    void fileDownloaded(qint64 fileId, const QString &path);

private:
    void chooseDirectory();
    void openDirectory();

    QPointer<TransferManager> m_manager;
    QLineEdit *m_dir;
    TransferList *m_list;
};

} // namespace Switchboard
