#include "uploaddialog.h"

#include "net/client/clientsession.h"
#include "net/client/transfermanager.h"
#include "net/transfer/filecollector.h"
#include "net/transfer/uploader.h"
#include "transferfiltermodel.h"
#include "transferlist.h"

#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Switchboard {

UploadDialog::UploadDialog(TransferManager *manager, QWidget *parent)
    : QDialog(parent)
    , m_manager(manager)
    , m_target(new QLabel(this))
    , m_list(new TransferList(manager, this))
{
    setObjectName(QStringLiteral("uploadDialog"));
    setWindowTitle(tr("Upload files"));
    setAcceptDrops(true);
    resize(600, 420);

    auto *hint = new QLabel(tr("Drop files or folders here, or add them with the buttons below."), this);
    hint->setWordWrap(true);
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setTextFormat(Qt::PlainText);

    auto *addFiles = new QPushButton(tr("Add files…"), this);
    addFiles->setObjectName(QStringLiteral("addFilesButton"));
    auto *addFolder = new QPushButton(tr("Add folder…"), this);
    addFolder->setObjectName(QStringLiteral("addFolderButton"));
    auto *clear = new QPushButton(tr("Clear finished"), this);
    connect(addFiles, &QPushButton::clicked, this, &UploadDialog::chooseFiles);
    connect(addFolder, &QPushButton::clicked, this, &UploadDialog::chooseFolder);
    connect(clear, &QPushButton::clicked, m_list, &TransferList::clearFinished);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);

    auto *row = new QHBoxLayout;
    row->addWidget(addFiles);
    row->addWidget(addFolder);
    row->addWidget(clear);
    row->addStretch(1);
    row->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    layout->addWidget(hint);
    layout->addWidget(m_list, 1);
    layout->addLayout(row);
    updateTarget();

    connect(manager, &TransferManager::transferFinished, this, [this](Transfer *t) {
        auto *up = qobject_cast<Uploader *>(t);
        if (up && up->room() == m_room && up->recipient() == m_recipient)
            emit fileUploaded(up->fileId(), up->finalName());
    });
}

TransferManager *UploadDialog::manager() const
{
    return m_manager;
}

void UploadDialog::setRoom(const QString &room)
{
    m_room = room;
    m_recipient.clear();
    updateTarget();
}

void UploadDialog::setRecipient(const QString &user)
{
    m_recipient = user;
    m_room.clear();
    updateTarget();
}

void UploadDialog::updateTarget()
{
    m_list->model()->showUploads(m_room, m_recipient);
    if (!m_room.isEmpty())
        m_target->setText(tr("Sharing in room %1").arg(m_room));
    else if (!m_recipient.isEmpty())
        m_target->setText(tr("Sending privately to %1").arg(m_recipient));
    else
        m_target->setText(tr("Choose a room or a person to send files to."));
}

QList<Uploader *> UploadDialog::uploads() const
{
    QList<Uploader *> out;
    const QList<Transfer *> shown = m_list->transfers();
    for (Transfer *t : shown)
        if (auto *u = qobject_cast<Uploader *>(t))
            out.append(u);
    return out;
}

int UploadDialog::addPaths(const QStringList &paths)
{
    if (!m_manager)
        return 0;
    QStringList problems;
    const QStringList files = FileCollector::collect(paths, &problems);
    for (const QString &path : files)
        m_manager->upload(path, m_room, m_recipient);
    if (!problems.isEmpty())
        QMessageBox::warning(this, tr("Some files were skipped"), problems.join(QLatin1Char('\n')));
    return int(files.size());
}

void UploadDialog::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Choose files to upload"));
    if (!files.isEmpty())
        addPaths(files);
}

void UploadDialog::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a folder to upload"));
    if (!dir.isEmpty())
        addPaths({dir});
}

bool UploadDialog::canAcceptDrop(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return false;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &u : urls)
        if (u.isLocalFile())
            return true;
    return false;
}

QStringList UploadDialog::localPaths(const QMimeData *mime)
{
    QStringList out;
    if (!mime)
        return out;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &u : urls)
        if (u.isLocalFile())
            out.append(u.toLocalFile());
    return out;
}

UploadDialog *UploadDialog::forTarget(TransferManager *manager, const QString &room, const QString &recipient,
                                      QWidget *parent)
{
    if (parent) {
        const QList<UploadDialog *> existing = parent->findChildren<UploadDialog *>(QString(), Qt::FindDirectChildrenOnly);
        for (UploadDialog *d : existing)
            if (d->manager() == manager && d->room() == room && d->recipient() == recipient)
                return d;
    }
    auto *dialog = new UploadDialog(manager, parent);
    if (!room.isEmpty())
        dialog->setRoom(room);
    else
        dialog->setRecipient(recipient);
    return dialog;
}

UploadDialog *UploadDialog::handleDrop(TransferManager *manager, const QMimeData *mime, const QString &room,
                                       const QString &recipient, QWidget *parent)
{
    const QStringList paths = localPaths(mime);
    if (paths.isEmpty())
        return nullptr;
    UploadDialog *dialog = forTarget(manager, room, recipient, parent);
    dialog->addPaths(paths);
    dialog->show();
    dialog->raise();
    return dialog;
}

void UploadDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (canAcceptDrop(event->mimeData()))
        event->acceptProposedAction();
}

void UploadDialog::dragMoveEvent(QDragMoveEvent *event)
{
    if (canAcceptDrop(event->mimeData()))
        event->acceptProposedAction();
}

void UploadDialog::dropEvent(QDropEvent *event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    addPaths(paths);
}

} // namespace Switchboard
