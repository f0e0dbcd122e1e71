#include "downloaddialog.h"

#include "net/client/transfermanager.h"
#include "net/transfer/downloader.h"
#include "transferfiltermodel.h"
#include "transferlist.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Switchboard {

DownloadDialog::DownloadDialog(TransferManager *manager, QWidget *parent)
    : QDialog(parent)
    , m_manager(manager)
    , m_dir(new QLineEdit(this))
    , m_list(new TransferList(manager, this))
{
    setObjectName(QStringLiteral("downloadDialog"));
    setWindowTitle(tr("Downloads"));
    resize(600, 420);
    m_list->model()->showDownloads();

    m_dir->setObjectName(QStringLiteral("directoryEdit"));
    m_dir->setText(QDir::toNativeSeparators(manager->downloadDirectory()));
    connect(m_dir, &QLineEdit::editingFinished, this, [this] { setDirectory(directory()); });
    auto *choose = new QPushButton(tr("Choose…"), this);
    choose->setObjectName(QStringLiteral("chooseDirectoryButton"));
    connect(choose, &QPushButton::clicked, this, &DownloadDialog::chooseDirectory);
    auto *dirRow = new QHBoxLayout;
    auto *label = new QLabel(tr("Save into:"), this);
    label->setBuddy(m_dir);
    dirRow->addWidget(label);
    dirRow->addWidget(m_dir, 1);
    dirRow->addWidget(choose);

    auto *open = new QPushButton(tr("Open folder"), this);
    connect(open, &QPushButton::clicked, this, &DownloadDialog::openDirectory);
    auto *clear = new QPushButton(tr("Clear finished"), this);
    connect(clear, &QPushButton::clicked, m_list, &TransferList::clearFinished);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    auto *row = new QHBoxLayout;
    row->addWidget(open);
    row->addWidget(clear);
    row->addStretch(1);
    row->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(dirRow);
    layout->addWidget(m_list, 1);
    layout->addLayout(row);

    connect(manager, &TransferManager::transferFinished, this, [this](Transfer *t) {
        if (auto *down = qobject_cast<Downloader *>(t))
            emit fileDownloaded(down->fileId(), down->savedPath());
    });
}

TransferManager *DownloadDialog::manager() const
{
    return m_manager;
}

void DownloadDialog::setDirectory(const QString &dir)
{
    m_dir->setText(QDir::toNativeSeparators(dir));
    if (m_manager)
        m_manager->setDownloadDirectory(dir);
}

QString DownloadDialog::directory() const
{
    return QDir::fromNativeSeparators(m_dir->text().trimmed());
}

QList<Downloader *> DownloadDialog::downloads() const
{
    QList<Downloader *> out;
    const QList<Transfer *> shown = m_list->transfers();
    for (Transfer *t : shown)
        if (auto *d = qobject_cast<Downloader *>(t))
            out.append(d);
    return out;
}

Downloader *DownloadDialog::addDownload(const FileInfo &file)
{
    return m_manager ? m_manager->download(file, directory()) : nullptr;
}

Downloader *DownloadDialog::addDownload(qint64 fileId, const QString &nameHint)
{
    return m_manager ? m_manager->download(fileId, nameHint, directory()) : nullptr;
}

void DownloadDialog::chooseDirectory()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save downloads into"), directory());
    if (!dir.isEmpty())
        setDirectory(dir);
}

void DownloadDialog::openDirectory()
{
    QDesktopServices::openUrl(QUrl::fromLocalFile(directory()));
}

} // namespace Switchboard
