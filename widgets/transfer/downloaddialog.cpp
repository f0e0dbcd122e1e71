#include "downloaddialog.h"

#include "net/transfer/downloader.h"
#include "transferlist.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace Switchboard {

DownloadDialog::DownloadDialog(ChatClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_dir(new QLineEdit(this))
    , m_list(new TransferList(this))
{
    setObjectName(QStringLiteral("downloadDialog"));
    setWindowTitle(tr("Downloads"));
    resize(600, 420);
    m_list->setMaxConcurrent(2);

    m_dir->setObjectName(QStringLiteral("directoryEdit"));
    QString initial = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (initial.isEmpty())
        initial = QDir::homePath();
    m_dir->setText(QDir::toNativeSeparators(initial));
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
}

void DownloadDialog::setDirectory(const QString &dir)
{
    m_dir->setText(QDir::toNativeSeparators(dir));
}

QString DownloadDialog::directory() const
{
    return QDir::fromNativeSeparators(m_dir->text().trimmed());
}

QList<Downloader *> DownloadDialog::downloads() const
{
    QList<Downloader *> out;
    for (Transfer *t : m_list->transfers())
        if (auto *d = qobject_cast<Downloader *>(t))
            out.append(d);
    return out;
}

Downloader *DownloadDialog::addDownload(qint64 fileId, const QString &nameHint)
{
    for (Downloader *d : downloads())
        if (d->fileId() == fileId && !d->isFinal())
            return d;
    const QString dir = directory();
    QDir().mkpath(dir);
    auto *down = new Downloader(m_client, fileId);
    down->setDestinationDirectory(dir);
    if (!nameHint.isEmpty())
        down->setNameHint(nameHint);
    connect(down, &Downloader::finished, this, [this, fileId](const QString &path) { emit fileDownloaded(fileId, path); });
    m_list->addTransfer(down);
    return down;
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
