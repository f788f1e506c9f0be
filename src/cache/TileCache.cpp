#include <lamina/cache/TileCache.h>

#include <unistd.h>

#include <algorithm>

namespace lamina {

uint64_t TileCache::defaultBudgetBytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    const uint64_t ram = pages > 0 && pageSize > 0 ? uint64_t(pages) * uint64_t(pageSize) : 0;
    constexpr uint64_t kMin = 256ull << 20, kMax = 4ull << 30;
    return std::clamp(ram / 8, kMin, kMax);
}

TileCache::TileCache(uint64_t budgetBytes) : budget_(budgetBytes) {}

TileImage TileCache::find(const TileKey& key) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end()) {
        ++stats_.misses;
        return nullptr;
    }
    ++stats_.hits;
    if (!it->second.pinned)
        lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second.image;
}

TileImage TileCache::peek(const TileKey& key) const {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    return it == entries_.end() ? nullptr : it->second.image;
}

bool TileCache::contains(const TileKey& key) const {
    std::lock_guard lock(mutex_);
    return entries_.count(key) != 0;
}

TileImage TileCache::insert(const TileKey& key, RgbaImage image, bool pinned) {
    return insert(key, std::make_shared<const RgbaImage>(std::move(image)), pinned);
}

TileImage TileCache::insert(const TileKey& key, TileImage image, bool pinned) {
    std::lock_guard lock(mutex_);
    if (const auto old = entries_.find(key); old != entries_.end())
        eraseLocked(old);
    Entry entry;
    entry.image = std::move(image);
    entry.bytes = entry.image ? entry.image->byteCount() + sizeof(RgbaImage) : 0;
    entry.pinned = pinned;
    if (!pinned) {
        lru_.push_front(key);
        entry.lru = lru_.begin();
    }
    stats_.bytes += entry.bytes;
    if (pinned)
        stats_.pinnedBytes += entry.bytes;
    ++stats_.insertions;
    TileImage stored = entry.image;
    entries_.emplace(key, std::move(entry));
    evictLocked();
    return stored;
}

void TileCache::eraseLocked(std::unordered_map<TileKey, Entry, TileKeyHash>::iterator it) {
    stats_.bytes -= it->second.bytes;
    if (it->second.pinned)
        stats_.pinnedBytes -= it->second.bytes;
    else
        lru_.erase(it->second.lru);
    entries_.erase(it);
}

void TileCache::evictLocked() {
    // The newest tile (at the front) stays even if it alone exceeds the budget: the caller
    // is about to draw it.
    while (stats_.bytes > budget_ && lru_.size() > 1) {
        const auto victim = entries_.find(lru_.back());
        eraseLocked(victim);
        ++stats_.evictions;
    }
}

void TileCache::removeSlide(uint64_t slide) {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end();) {
        const auto next = std::next(it);
        if (it->first.slide == slide)
            eraseLocked(it);
        it = next;
    }
}

void TileCache::clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
    lru_.clear();
    stats_.bytes = stats_.pinnedBytes = 0;
}

void TileCache::setBudgetBytes(uint64_t budgetBytes) {
    std::lock_guard lock(mutex_);
    budget_ = budgetBytes;
    evictLocked();
}

uint64_t TileCache::budgetBytes() const {
    std::lock_guard lock(mutex_);
    return budget_;
}

TileCacheStats TileCache::stats() const {
    std::lock_guard lock(mutex_);
    TileCacheStats s = stats_;
    s.entries = entries_.size();
    s.budgetBytes = budget_;
    return s;
}

} // namespace lamina
