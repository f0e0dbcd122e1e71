#pragma once

namespace Switchboard {

// Tells glibc's malloc to keep large freed blocks instead of handing them back to the kernel
// at once. By default a block over the mmap threshold (128 KiB at first) is its own mapping, and
// a free heap top over the trim threshold is returned; the next chunk of a transfer then
// faults every page in again. Call first thing in main(); no effect on other C libraries.
void tuneAllocator();

} // namespace Switchboard
