#pragma once
// TileLoader: reads tiles on a pool of worker threads into the shared TileCache.
//
// Each view hands over its complete wish list with setRequests() whenever its camera moves;
// requests of that view that are no longer wished for and not yet started are dropped, so fast
// panning never waits for stale tiles. Workers always take the most urgent request first
// (lowest priority value: visible tiles near the view centre, then prefetch). Identical
// requests from several views are merged into one read. Finished tiles are put in the cache,
// their keys collected, and `onReady` is called once until drainFinished() collects them, so
// the GUI repaints once per frame, not once per tile. Workers sleep on a condition variable.
// Slides that prefer batches (remote archives, SlideSource::preferredTileBatch) are read
// several tiles per call: the most urgent tile plus the next most urgent of its level.
//
// Thread-safety: every method may be called from any thread. `onReady` runs on a worker thread
// and must only schedule work (e.g. post an event), never render.

#include <lamina/cache/TileCache.h>
#include <lamina/render/TileRequestQueue.h>
#include <lamina/slide/SlideSource.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lamina {

struct TileLoaderStats {
    uint64_t loaded = 0;    // tiles read and cached
    uint64_t failed = 0;    // tiles whose read threw
    uint64_t cancelled = 0; // queued requests dropped because no view wanted them any more
    uint64_t merged = 0;    // requests that joined an identical queued or running one
    size_t queued = 0;
    size_t running = 0;
};

class TileLoader {
public:
    // threadCount 0 = number of cores.
    TileLoader(TileCache& cache, size_t threadCount = 0, std::function<void()> onReady = nullptr);
    ~TileLoader(); // drops queued requests, waits for running ones
    TileLoader(const TileLoader&) = delete;
    TileLoader& operator=(const TileLoader&) = delete;

    // Replaces everything `viewId` wants. Requests already in the cache are ignored.
    void setRequests(uint64_t viewId, std::vector<TileRequest> requests);
    // The view is gone: drop its queued requests.
    void forgetView(uint64_t viewId) { setRequests(viewId, {}); }

    // Keys of tiles finished since the last call (read or failed).
    std::vector<TileKey> drainFinished();

    // Why reading this tile failed (lamina::Error::cause, without the location; the log line
    // has both), or nullopt. Failed tiles are drawn as placeholders and logged once.
    std::optional<std::string> failure(const TileKey& key) const;
    // Forgets failures of a slide (e.g. when it is reopened).
    void clearFailures(uint64_t slide);
    // The slide was closed: drop its queued requests, its failures, and the results of reads
    // still running (they are not put in the cache) until it is requested again.
    void dropSlide(uint64_t slide);

    // Blocks until nothing is queued or running and the ready callback has returned (for
    // tests, benchmarks and screenshots).
    void waitIdle();

    TileLoaderStats stats() const;

private:
    void workerLoop();
    // Under mutex_.
    bool isIdle() const { return queued_.empty() && running_.empty() && notifying_ == 0; }

    TileCache& cache_;
    std::function<void()> onReady_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    TileRequestQueue queued_;
    std::unordered_set<TileKey, TileKeyHash> running_;
    std::vector<TileKey> finished_;
    bool readySignalled_ = false;
    int notifying_ = 0; // workers inside onReady_
    std::unordered_map<TileKey, std::string, TileKeyHash> failures_;
    std::unordered_set<uint64_t> droppedSlides_;
    TileLoaderStats stats_;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

} // namespace lamina
