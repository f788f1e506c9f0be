#include <lamina/core/MemoryTuning.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace lamina {

void tuneAllocatorForTiles() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 4 << 20);  // tiles up to 1024² come from the heap
    mallopt(M_TRIM_THRESHOLD, 64 << 20); // give memory back only past 64 MiB free at the top
#endif
}

} // namespace lamina
