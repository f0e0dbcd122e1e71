#pragma once
#include "net/client/chatclient.h"

#include <QDialog>
#include <QPointer>

class QLineEdit;

namespace Switchboard {

class Downloader;
class TransferList;

// Downloads files (by id, e.g. from a file message in the chat) into a folder the user chooses,
// with the same per-file and overall progress display as the upload dialog. A file never
// overwrites an existing one: it is saved as "name (1).ext" instead.
class DownloadDialog : public QDialog
{
    Q_OBJECT
public:
    explicit DownloadDialog(ChatClient *client, QWidget *parent = nullptr);

    void setDirectory(const QString &dir);
    QString directory() const;
    ChatClient *client() const { return m_client; }
    TransferList *list() const { return m_list; }
    QList<Downloader *> downloads() const;

    // Queues a download into the current folder (the same file twice: the running one is returned).
    Downloader *addDownload(qint64 fileId, const QString &nameHint = QString());

signals:
    void fileDownloaded(qint64 fileId, const QString &path);

private:
    void chooseDirectory();
    void openDirectory();

    QPointer<ChatClient> m_client;
    QLineEdit *m_dir;
    TransferList *m_list;
};

} // namespace Switchboard
