#pragma once
#include <QDialog>
#include <QPointer>

class QLabel;
class QMimeData;

namespace Switchboard {

class TransferList;
class TransferManager;
class Uploader;

// The upload queue: drop files or folders (walked recursively) on it or use "Add files…";
// every file gets a row with its own progress, rate, time left, status and pause/resume/cancel,
// and an overall bar sums them up. The uploads belong to the TransferManager (the dialog shows
// those for its target, one room or one user: setRoom / setRecipient). Closing the dialog only
// hides it: uploads keep going.
class UploadDialog : public QDialog
{
    Q_OBJECT
public:
    explicit UploadDialog(TransferManager *manager, QWidget *parent = nullptr);

    void setRoom(const QString &room);
    void setRecipient(const QString &user);
    QString room() const { return m_room; }
    QString recipient() const { return m_recipient; }
    TransferManager *manager() const;
    TransferList *list() const { return m_list; }
    // The uploads to this dialog's target, in order.
    QList<Uploader *> uploads() const;

    // Queues files and the files inside folders. Returns how many were queued.
    int addPaths(const QStringList &paths);

    // For other widgets (e.g. the chat window) that accept drops themselves:
    // whether the drag carries local files or folders,
    static bool canAcceptDrop(const QMimeData *mime);
    // the local paths it carries,
    static QStringList localPaths(const QMimeData *mime);
    // and the whole job: finds the parent's upload dialog for this manager and target (or makes
    // one), queues the dropped files and shows it. Returns nullptr if the drop had no local files.
    static UploadDialog *handleDrop(TransferManager *manager, const QMimeData *mime, const QString &room,
                                    const QString &recipient, QWidget *parent);
    // The parent's upload dialog for this manager and target, or a new one (not shown yet).
    static UploadDialog *forTarget(TransferManager *manager, const QString &room, const QString &recipient,
                                   QWidget *parent);

signals:
    void fileUploaded(qint64 fileId, const QString &name);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void chooseFiles();
    void chooseFolder();
    void updateTarget();

    QPointer<TransferManager> m_manager;
    QString m_room;
    QString m_recipient;
    QLabel *m_target;
    TransferList *m_list;
};

} // namespace Switchboard
