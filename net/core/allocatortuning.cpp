#include "allocatortuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace Switchboard {

void tuneAllocator()
{
#if defined(__GLIBC__)
    // Transfer chunks are 256 KiB by default, at most 4 MiB (TransferProtocol::MaxChunkSize);
    // frame payloads up to 16 MiB still get their own mapping. At most 64 MiB of free heap is
    // kept before trimming: memory stays flat in the file size.
    mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

} // namespace Switchboard
