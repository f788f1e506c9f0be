#include <lamina/render/TileRequestQueue.h>

#include <algorithm>
#include <limits>
#include <tuple>

namespace lamina {

bool TileRequestQueue::MoreUrgent::operator()(const Entry& a, const Entry& b) const {
    return std::tie(a.priority, a.key.slide, a.key.level, a.key.col, a.key.row) <
           std::tie(b.priority, b.key.slide, b.key.level, b.key.col, b.key.row);
}

bool TileRequestQueue::SameLevelMoreUrgent::operator()(const Entry& a, const Entry& b) const {
    return std::tie(a.key.slide, a.key.level, a.priority, a.key.col, a.key.row) <
           std::tie(b.key.slide, b.key.level, b.priority, b.key.col, b.key.row);
}

TileRequestQueue::Entry TileRequestQueue::firstPossible(uint64_t slide, int32_t level) {
    constexpr int64_t lowest = std::numeric_limits<int64_t>::min();
    return {-std::numeric_limits<double>::infinity(), {slide, level, lowest, lowest}};
}

void TileRequestQueue::index(const Pending& pending) {
    const Entry entry{pending.request.priority, pending.request.key()};
    byUrgency_.insert(entry);
    byLevel_.insert(entry);
}

void TileRequestQueue::unindex(const Pending& pending) {
    const Entry entry{pending.request.priority, pending.request.key()};
    byUrgency_.erase(entry);
    byLevel_.erase(entry);
}

void TileRequestQueue::reprioritise(Pending& pending) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& [view, priority] : pending.byView)
        best = std::min(best, priority);
    if (best == pending.request.priority)
        return;
    unindex(pending);
    pending.request.priority = best;
    index(pending);
}

TileRequestQueue::Wanted TileRequestQueue::want(uint64_t viewId, TileRequest request) {
    const TileKey key = request.key();
    if (auto it = pending_.find(key); it != pending_.end()) {
        Pending& pending = it->second;
        const bool joined = !pending.byView.count(viewId);
        pending.byView[viewId] = request.priority;
        pending.request.pinned = pending.request.pinned || request.pinned;
        reprioritise(pending);
        return joined ? Wanted::Joined : Wanted::Updated;
    }
    Pending pending;
    pending.byView[viewId] = request.priority;
    pending.request = std::move(request);
    index(pending);
    pending_.emplace(key, std::move(pending));
    return Wanted::Queued;
}

size_t TileRequestQueue::keepOnly(uint64_t viewId,
                                  const std::unordered_set<TileKey, TileKeyHash>& stillWanted) {
    std::vector<TileKey> orphans;
    for (auto& [key, pending] : pending_) {
        if (!pending.byView.count(viewId) || stillWanted.count(key))
            continue;
        pending.byView.erase(viewId);
        if (pending.byView.empty())
            orphans.push_back(key);
        else
            reprioritise(pending);
    }
    for (const TileKey& key : orphans)
        take(key);
    return orphans.size();
}

TileRequest TileRequestQueue::take(const TileKey& key) {
    const auto it = pending_.find(key);
    unindex(it->second);
    TileRequest request = std::move(it->second.request);
    pending_.erase(it);
    return request;
}

std::vector<TileRequest> TileRequestQueue::takeBatch() {
    std::vector<TileRequest> batch;
    if (byUrgency_.empty())
        return batch;
    batch.push_back(take(byUrgency_.begin()->key));
    // Remote slides: the next most urgent tiles of the same slide and level join the batch,
    // so one round trip brings several tiles. byLevel_ holds them adjacent, most urgent first.
    const TileRequest& first = batch.front();
    const auto size = size_t(std::max(1, first.slide->preferredTileBatch()));
    const TileKey firstKey = first.key();
    while (batch.size() < size) {
        const auto next = byLevel_.lower_bound(firstPossible(firstKey.slide, firstKey.level));
        if (next == byLevel_.end() || next->key.slide != firstKey.slide ||
            next->key.level != firstKey.level)
            break;
        batch.push_back(take(next->key));
    }
    return batch;
}

size_t TileRequestQueue::eraseSlide(uint64_t slide) {
    std::vector<TileKey> keys;
    for (auto it = byLevel_.lower_bound(firstPossible(slide, std::numeric_limits<int32_t>::min()));
         it != byLevel_.end() && it->key.slide == slide; ++it)
        keys.push_back(it->key);
    for (const TileKey& key : keys)
        take(key);
    return keys.size();
}

void TileRequestQueue::clear() {
    pending_.clear();
    byUrgency_.clear();
    byLevel_.clear();
}

} // namespace lamina
