#pragma once
#include "transferprotocol.h"

#include <QString>

#include <sys/resource.h>

namespace Switchboard {

// Settings of the server's file transfer feature (TransferService / UploadStore).
struct TransferConfig
{
    QString dataDir;                                 // files live in <dataDir>/files
    QString filesDir;                                // unless this is set: a directory shared by several nodes
    qint64 maxFileSize = qint64(4) << 30;            // 4 GiB; 0 = no limit
    qint64 userQuota = qint64(20) << 30;             // bytes a user may store (completed + pending); 0 = no limit
    qint64 minFreeSpace = qint64(64) << 20;          // refuse uploads that would leave less free disk space;
                                                     // a running upload stops below half of it (room for the database)
    int maxOpenTransfers = 16;                       // uploads + downloads open at once per account; 0 = no limit
    int maxOpenTransfersTotal = 0;                   // the same for all accounts together; 0 = no limit
    int partialTtlDays = 7;                          // abandoned .part files are deleted after this long
    int chunkSize = TransferProtocol::DefaultChunkSize;    // download chunk size, also suggested to uploaders
    int maxChunkSize = TransferProtocol::FastChunkSize;    // a fast download's chunks grow up to this
                                                           // (SendWindow::chunkSize; never below chunkSize)
    qint64 sendWindow = 0;       // bytes a download may have unacknowledged; 0 = adaptive (SendWindow)
    int targetDelayMs = TransferProtocol::DefaultTargetDelayMs; // adaptive: queueing delay chat may see

    // Half the process's descriptor limit (RLIMIT_NOFILE, soft): each transfer holds one file,
    // the other half is for connections and the database. At least 16; 512 if unknown.
    static int defaultMaxOpenTransfersTotal()
    {
        rlimit limit{};
        if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
            return 512;
        return int(qBound<rlim_t>(16, limit.rlim_cur / 2, 1 << 20));
    }
};

} // namespace Switchboard
