#include <lamina/core/MemoryTuning.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace lamina {

void tuneAllocatorForTiles(int largestBuffer) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, largestBuffer); // by default tiles up to 1024² from the heap
    // Memory goes back only past 16 times that (64 MiB by default) free at the top.
    mallopt(M_TRIM_THRESHOLD, 16 * largestBuffer);
#else
    (void)largestBuffer;
#endif
}

} // namespace lamina
