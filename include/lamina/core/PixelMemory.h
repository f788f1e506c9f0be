#pragma once
// Memory for tile-sized pixel buffers (RgbaImage's), carved from 2 MiB chunks that the
// kernel is asked to back with transparent huge pages (madvise MADV_HUGEPAGE).
//
// Why: opening a slide at fit on a 4K screen decodes ≈ 1 300 tiles, 320 MiB of fresh memory.
// With 4 KiB pages the kernel faults and clears every page on first touch: a third of the
// loader's CPU in `perf` (≈ 830 ms for 300 MiB on the project's VM, ≈ 30 ms with huge pages).
// A freed buffer goes back to its size's free slots and the next tile of that size reuses it
// (the tile cache frees one whenever it evicts one), so a long session stops faulting.
//
// Buffers from 64 KiB to 1 MiB come from here (rounded up to 16 KiB size classes: a 240²
// DICOM tile takes 240 KiB, a 256² tile 256 KiB); others, and every buffer in sanitizer builds
// (AddressSanitizer must see each buffer's bounds) or with LAMINA_TILE_MEMORY=malloc, come
// from operator new. Chunks left wholly free beyond retainedFreeBytes() go back to the system.
// Where huge pages are unavailable the chunks are ordinary pages: still reused, still correct.
//
// Thread-safety: every function may be called from any thread (one mutex; a tile's allocation
// costs far less than its decode).

#include <cstddef>
#include <cstdint>

namespace lamina {

class PixelMemory {
public:
    // Never null: throws std::bad_alloc like operator new.
    static void* allocate(size_t bytes);
    // `bytes` must be what allocate() was given for `p`.
    static void release(void* p, size_t bytes) noexcept;

    // Whether buffers of that size come from the chunks (false for all when the pool is off).
    static bool pooled(size_t bytes);

    // Bytes of chunks wholly free kept for reuse (default 64 MiB); applies from the next
    // release.
    static size_t retainedFreeBytes();
    static void setRetainedFreeBytes(size_t bytes);

    struct Stats {
        uint64_t chunks = 0;           // chunks mapped now
        uint64_t bytesInUse = 0;       // slot bytes handed out and not released
        uint64_t allocations = 0;      // from the chunks, since start
        uint64_t reuses = 0;           // of those, slots that had been used before
        bool hugePagesAdvised = false; // the kernel accepted MADV_HUGEPAGE on a chunk
    };
    static Stats stats();
    static constexpr size_t kChunkBytes = size_t(2) << 20; // one huge page
};

} // namespace lamina
