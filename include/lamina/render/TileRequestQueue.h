#pragma once
// TileRequestQueue: the TileLoader's queued tile requests, ordered by urgency, so that taking
// the most urgent one (plus, for slides read in batches, the next most urgent of its slide
// and level) costs O(log n) however long the queue is. A 4K view at fit once queued ≈ 8 400
// requests, and a linear scan for every tile taken cost 13 % of the loader's CPU.
//
// A request is as urgent as the most urgent view that wants it (lowest priority value).
// Thread-safety: none; the TileLoader guards it with its mutex.

#include <lamina/render/TileRequest.h>

#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lamina {

class TileRequestQueue {
public:
    enum class Wanted {
        Queued,  // it was not queued: now it is
        Joined,  // another view had queued it: one read serves both
        Updated, // this view had queued it: its urgency (and pinning) updated
    };
    // `viewId` wants `request` as urgently as request.priority.
    Wanted want(uint64_t viewId, TileRequest request);
    // Every request `viewId` wants outside `stillWanted` loses that view; those no view
    // wants any more leave the queue. Returns how many left.
    size_t keepOnly(uint64_t viewId, const std::unordered_set<TileKey, TileKeyHash>& stillWanted);

    // Removes and returns the most urgent request, followed, when its slide prefers batches
    // (SlideSource::preferredTileBatch), by the next most urgent of the same slide and level
    // up to that batch size. Empty when the queue is.
    std::vector<TileRequest> takeBatch();

    bool contains(const TileKey& key) const { return pending_.count(key) != 0; }
    // The request's current urgency (for tests); the key must be queued.
    double priorityOf(const TileKey& key) const { return pending_.at(key).request.priority; }
    size_t size() const { return pending_.size(); }
    bool empty() const { return pending_.empty(); }
    // Drops every request of a slide (SlideId::hash()); returns how many.
    size_t eraseSlide(uint64_t slide);
    void clear();

private:
    struct Pending {
        TileRequest request;               // request.priority = the most urgent view's
        std::map<uint64_t, double> byView; // who wants it, and how urgently
    };
    // One entry of each index: the request's urgency and key.
    struct Entry {
        double priority;
        TileKey key;
    };
    struct MoreUrgent { // priority first: the front is the most urgent of all
        bool operator()(const Entry& a, const Entry& b) const;
    };
    struct SameLevelMoreUrgent { // slide and level first: a level's requests are adjacent
        bool operator()(const Entry& a, const Entry& b) const;
    };

    // Sorts before every entry of that slide and level in byLevel_.
    static Entry firstPossible(uint64_t slide, int32_t level);
    void index(const Pending& pending);
    void unindex(const Pending& pending);
    // Recomputes request.priority from byView, re-indexing it.
    void reprioritise(Pending& pending);
    // Removes from the map and both indexes.
    TileRequest take(const TileKey& key);

    std::unordered_map<TileKey, Pending, TileKeyHash> pending_;
    std::set<Entry, MoreUrgent> byUrgency_;
    std::set<Entry, SameLevelMoreUrgent> byLevel_;
};

} // namespace lamina
