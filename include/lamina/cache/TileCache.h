#pragma once
// TileCache: decoded tiles of every open slide, in one byte budget, least recently used out
// first. Entries are shared_ptr<const RgbaImage>: a renderer holding a tile keeps it valid
// even after the cache has evicted it (the memory goes when the last holder lets go).
// Pinned tiles (the coarsest level of each open slide, so a view is never blank) are never
// evicted; they count towards the bytes in use but not towards what eviction may free.
// Thread-safety: every method may be called from any thread (one internal mutex; no I/O or
// decoding happens under it).

#include <lamina/cache/TileKey.h>
#include <lamina/core/RgbaImage.h>

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace lamina {

using TileImage = std::shared_ptr<const RgbaImage>;

struct TileCacheStats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t insertions = 0;
    uint64_t evictions = 0;
    uint64_t bytes = 0;       // bytes of all cached tiles, pinned included
    uint64_t pinnedBytes = 0; // of which pinned
    uint64_t entries = 0;
    uint64_t budgetBytes = 0;

    double hitRate() const { return hits + misses ? double(hits) / double(hits + misses) : 0.0; }
};

class TileCache {
public:
    // Default budget: 1/8 of physical memory, clamped to 256 MiB .. 4 GiB.
    static uint64_t defaultBudgetBytes();

    explicit TileCache(uint64_t budgetBytes = defaultBudgetBytes());

    // The tile, or nullptr. A hit makes the tile the most recently used.
    TileImage find(const TileKey& key);
    // Like find() but neither counts a hit/miss nor changes the LRU order (for "what could
    // I draw instead" look-ups by the renderer).
    TileImage peek(const TileKey& key) const;
    bool contains(const TileKey& key) const;

    // Stores a tile (replacing one with the same key), then evicts the least recently used
    // unpinned tiles until the budget holds. Returns the stored entry.
    TileImage insert(const TileKey& key, RgbaImage image, bool pinned = false);
    TileImage insert(const TileKey& key, TileImage image, bool pinned = false);

    // Drops every tile of a slide (when it is closed), pinned ones included.
    void removeSlide(uint64_t slide);
    void clear();

    void setBudgetBytes(uint64_t budgetBytes); // evicts at once if needed
    uint64_t budgetBytes() const;
    TileCacheStats stats() const;

private:
    struct Entry {
        TileImage image;
        uint64_t bytes = 0;
        bool pinned = false;
        std::list<TileKey>::iterator lru; // position in lru_ (unpinned entries only)
    };
    void evictLocked();
    void eraseLocked(std::unordered_map<TileKey, Entry, TileKeyHash>::iterator it);

    mutable std::mutex mutex_;
    std::unordered_map<TileKey, Entry, TileKeyHash> entries_;
    std::list<TileKey> lru_; // front = most recently used; pinned entries are not in it
    uint64_t budget_;
    TileCacheStats stats_;
};

} // namespace lamina
