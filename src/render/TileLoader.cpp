#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/core/ThreadPool.h>
#include <lamina/render/TileLoader.h>

#include <algorithm>
#include <limits>

namespace lamina {
namespace {

// A request is as urgent as the most urgent view that wants it.
double mostUrgent(const std::map<uint64_t, double>& byView) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& [view, priority] : byView)
        best = std::min(best, priority);
    return best;
}

} // namespace

TileLoader::TileLoader(TileCache& cache, size_t threadCount, std::function<void()> onReady)
    : cache_(cache), onReady_(std::move(onReady)) {
    if (threadCount == 0)
        threadCount = defaultThreadCount();
    for (size_t i = 0; i < threadCount; ++i)
        workers_.emplace_back([this] { workerLoop(); });
}

TileLoader::~TileLoader() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        queued_.clear();
    }
    wake_.notify_all();
    for (auto& w : workers_)
        w.join();
}

void TileLoader::setRequests(uint64_t viewId, std::vector<TileRequest> requests) {
    std::unordered_set<TileKey, TileKeyHash> wanted;
    for (const auto& r : requests)
        wanted.insert(r.key());
    {
        std::lock_guard lock(mutex_);
        // Drop this view's interest in what it no longer wants; cancel orphaned requests.
        for (auto it = queued_.begin(); it != queued_.end();) {
            auto& pending = it->second;
            if (pending.byView.count(viewId) && !wanted.count(it->first)) {
                pending.byView.erase(viewId);
                if (pending.byView.empty()) {
                    it = queued_.erase(it);
                    ++stats_.cancelled;
                    continue;
                }
                pending.request.priority = mostUrgent(pending.byView);
            }
            ++it;
        }
        for (auto& request : requests) {
            const TileKey key = request.key();
            droppedSlides_.erase(key.slide);
            if (running_.count(key)) {
                ++stats_.merged;
                continue;
            }
            if (auto it = queued_.find(key); it != queued_.end()) {
                auto& pending = it->second;
                if (!pending.byView.count(viewId) && !pending.byView.empty())
                    ++stats_.merged;
                pending.byView[viewId] = request.priority;
                pending.request.pinned = pending.request.pinned || request.pinned;
                pending.request.priority = mostUrgent(pending.byView);
                continue;
            }
            if (cache_.contains(key) || failures_.count(key))
                continue;
            Pending pending;
            pending.byView[viewId] = request.priority;
            pending.request = std::move(request);
            queued_.emplace(key, std::move(pending));
        }
    }
    wake_.notify_all();
    idle_.notify_all(); // cancelled requests may have emptied the queue
}

std::vector<TileRequest> TileLoader::takeBatch() {
    // The most urgent request. A linear scan: a view wants a few hundred tiles at most, and one
    // scan costs far less than one tile decode.
    auto best = queued_.begin();
    for (auto it = queued_.begin(); it != queued_.end(); ++it)
        if (it->second.request.priority < best->second.request.priority)
            best = it;
    std::vector<TileRequest> batch;
    batch.push_back(std::move(best->second.request));
    queued_.erase(best);
    // Remote slides: the next most urgent tiles of the same slide and level join the batch, so
    // one round trip brings several tiles.
    const TileRequest& first = batch.front();
    const auto size = size_t(std::max(1, first.slide->preferredTileBatch()));
    if (size > 1) {
        std::vector<decltype(queued_)::iterator> candidates;
        for (auto it = queued_.begin(); it != queued_.end(); ++it)
            if (it->second.request.slide == first.slide && it->second.request.level == first.level)
                candidates.push_back(it);
        const size_t take = std::min(candidates.size(), size - 1);
        std::partial_sort(candidates.begin(), candidates.begin() + std::ptrdiff_t(take),
                          candidates.end(), [](const auto& a, const auto& b) {
                              return a->second.request.priority < b->second.request.priority;
                          });
        for (size_t i = 0; i < take; ++i) {
            batch.push_back(std::move(candidates[i]->second.request));
            queued_.erase(candidates[i]);
        }
    }
    for (const auto& request : batch)
        running_.insert(request.key());
    return batch;
}

void TileLoader::workerLoop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
        if (stopping_)
            return;
        std::vector<TileRequest> batch = takeBatch();
        lock.unlock();

        std::vector<TileIndex> tiles;
        for (const auto& request : batch)
            tiles.push_back({request.col, request.row});
        std::vector<TileReadResult> results;
        try {
            results = batch.front().slide->readTiles(batch.front().level, tiles);
        } catch (const std::exception& e) {
            results.assign(batch.size(), TileReadResult::failed(e));
        }
        results.resize(batch.size(),
                       TileReadResult{std::nullopt, "the backend returned no tile", {}, {}});
        for (auto& result : results)
            if (result.tile)
                result.tile->rememberOpacity(); // here, off the GUI thread, once per tile

        lock.lock();
        for (size_t i = 0; i < batch.size(); ++i) {
            const TileRequest& request = batch[i];
            const TileKey key = request.key();
            running_.erase(key);
            if (droppedSlides_.count(key.slide)) // closed while we read: keep nothing
                continue;
            // Inserted under our lock so that dropSlide() cannot slip in between.
            if (results[i].tile) {
                cache_.insert(key, std::move(*results[i].tile), request.pinned);
                ++stats_.loaded;
            } else {
                ++stats_.failed;
                // Logged once per tile: the failure is remembered and not retried by views.
                // The cause is kept for the view (the location is the slide it shows); the
                // log line has both.
                const std::string& cause =
                    results[i].cause.empty() ? results[i].error : results[i].cause;
                if (failures_.emplace(key, cause).second)
                    logger().warn("tile {} {},{} of level {} could not be read: {}",
                                  request.slide->location(), key.col, key.row, key.level,
                                  results[i].error);
            }
            finished_.push_back(key);
        }
        const bool signal = !readySignalled_ && onReady_ && !finished_.empty();
        if (signal) {
            readySignalled_ = true;
            // Counted so that waitIdle() returns only after the callback has run: a caller
            // that waits, then checks what the callback did, must see it.
            ++notifying_;
            lock.unlock();
            onReady_();
            lock.lock();
            --notifying_;
        }
        if (isIdle())
            idle_.notify_all();
    }
}

std::vector<TileKey> TileLoader::drainFinished() {
    std::lock_guard lock(mutex_);
    readySignalled_ = false;
    return std::exchange(finished_, {});
}

std::optional<std::string> TileLoader::failure(const TileKey& key) const {
    std::lock_guard lock(mutex_);
    const auto it = failures_.find(key);
    if (it == failures_.end())
        return std::nullopt;
    return it->second;
}

void TileLoader::clearFailures(uint64_t slide) {
    std::lock_guard lock(mutex_);
    std::erase_if(failures_, [slide](const auto& entry) { return entry.first.slide == slide; });
}

void TileLoader::dropSlide(uint64_t slide) {
    std::lock_guard lock(mutex_);
    droppedSlides_.insert(slide);
    std::erase_if(queued_, [slide](const auto& entry) { return entry.first.slide == slide; });
    std::erase_if(failures_, [slide](const auto& entry) { return entry.first.slide == slide; });
    idle_.notify_all();
}

void TileLoader::waitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return isIdle(); });
}

TileLoaderStats TileLoader::stats() const {
    std::lock_guard lock(mutex_);
    TileLoaderStats s = stats_;
    s.queued = queued_.size();
    s.running = running_.size();
    return s;
}

} // namespace lamina
