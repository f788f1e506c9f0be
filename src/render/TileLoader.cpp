#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/core/ThreadPool.h>
#include <lamina/render/TileLoader.h>

namespace lamina {
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
        stats_.cancelled += queued_.keepOnly(viewId, wanted);
        for (auto& request : requests) {
            const TileKey key = request.key();
            droppedSlides_.erase(key.slide);
            if (running_.count(key)) {
                ++stats_.merged;
                continue;
            }
            if (!queued_.contains(key) && (cache_.contains(key) || failures_.count(key)))
                continue;
            if (queued_.want(viewId, std::move(request)) == TileRequestQueue::Wanted::Joined)
                ++stats_.merged;
        }
    }
    wake_.notify_all();
    idle_.notify_all(); // cancelled requests may have emptied the queue
}

void TileLoader::workerLoop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
        if (stopping_)
            return;
        std::vector<TileRequest> batch = queued_.takeBatch();
        for (const auto& request : batch)
            running_.insert(request.key());
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
    queued_.eraseSlide(slide);
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
