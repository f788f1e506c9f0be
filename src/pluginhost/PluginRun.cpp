#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/core/ThreadPool.h>
#include <lamina/plugin/PluginGeometry.h>
#include <lamina/pluginhost/PluginRun.h>
#include <lamina/pluginhost/PluginWorkerPool.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace lamina {
namespace {

constexpr size_t kMaxTiles = 1'000'000;
constexpr int64_t kMaxRasterValues = int64_t(1) << 26; // 64 Mi floats a tile

// Whether a tile touches the outline: a corner or the centre inside it, or a vertex of it
// inside the tile (enough for outlines larger than a few pixels).
bool touches(const PluginTile& t, const std::vector<std::pair<double, double>>& outline) {
    if (outline.size() < 3)
        return true;
    for (const auto& [px, py] : {std::pair{t.x, t.y},
                                 {t.x + t.width, t.y},
                                 {t.x, t.y + t.height},
                                 {t.x + t.width, t.y + t.height},
                                 {t.x + t.width / 2, t.y + t.height / 2}})
        if (insideOutline(outline, px, py))
            return true;
    return std::any_of(outline.begin(), outline.end(), [&](const auto& p) {
        return p.first >= t.x && p.first <= t.x + t.width && p.second >= t.y &&
               p.second <= t.y + t.height;
    });
}

} // namespace

struct PluginRun::Shared : PluginContext {
    std::shared_ptr<PluginWorker> worker;  // the plugin's process, unless it runs in this one
    const OverlayPlugin* plugin = nullptr; // the worker, or the plugin loaded in process
    QString pluginId;
    std::shared_ptr<const PluginSlide> slide;
    PluginRunRequest request;
    std::function<void(const PluginTileOutcome&)> onTile;
    std::vector<PluginTile> tiles;
    std::string cacheIdentity; // PluginResultCache::runIdentity, when there is a cache

    std::atomic<bool> stop{false};
    std::atomic<size_t> next{0};
    mutable std::mutex mutex;
    std::condition_variable changed;
    size_t workersRunning = 0;
    size_t done = 0;
    bool cancelRequested = false;
    std::string failure;
    std::vector<PluginTileOutcome> outcomes;

    bool cancelled() const override { return stop.load(std::memory_order_relaxed); }

    void fail(const std::string& why) {
        std::lock_guard lock(mutex);
        if (failure.empty())
            failure = why;
        stop = true;
        changed.notify_all();
    }

    void work() {
        for (;;) {
            const size_t i = next.fetch_add(1);
            if (i >= tiles.size() || stop)
                break;
            PluginTileOutcome outcome;
            outcome.tile = tiles[i];
            const std::string where = "plugin " + pluginId.toStdString() + ", tile " +
                                      std::to_string(i + 1) + " of " + std::to_string(tiles.size());
            try {
                if (request.cache)
                    if (auto cached = request.cache->find(cacheIdentity, tiles[i])) {
                        outcome.result = *cached;
                        outcome.fromCache = true;
                    }
                if (!outcome.result) {
                    PluginResult result =
                        plugin->process(*slide, tiles[i], request.parameters, *this);
                    if (stop) // cancelled or failed meanwhile: the result is not wanted
                        break;
                    const std::string wrong = validate(result);
                    if (!wrong.empty())
                        throw std::runtime_error("returned " + wrong);
                    if (request.cache)
                        request.cache->insert(cacheIdentity, tiles[i],
                                              std::make_shared<const PluginResult>(result));
                    outcome.result = std::move(result);
                }
            } catch (const PluginWorkerDied& e) { // says which tiles were in flight
                outcome.error = "plugin " + pluginId.toStdString() + ": " + e.what();
            } catch (const std::exception& e) {
                outcome.error = where + ": " + e.what();
            } catch (...) {
                outcome.error = where + ": an unknown exception";
            }
            if (!outcome.error.empty()) {
                // The run's error() carries the first failure to the user; each worker's
                // would repeat it on stderr.
                logger().debug("{}", outcome.error);
                fail(outcome.error);
                break;
            }
            if (onTile)
                onTile(outcome);
            std::lock_guard lock(mutex);
            outcomes.push_back(std::move(outcome));
            ++done;
            changed.notify_all();
        }
        std::lock_guard lock(mutex);
        --workersRunning;
        changed.notify_all();
    }
};

std::string PluginRun::validate(const PluginResult& r) {
    if (r.raster) {
        const PluginRaster& raster = *r.raster;
        if (raster.width <= 0 || raster.height <= 0 ||
            int64_t(raster.width) * raster.height > kMaxRasterValues)
            return "a raster of impossible size " + std::to_string(raster.width) + " x " +
                   std::to_string(raster.height);
        if (int64_t(raster.values.size()) != int64_t(raster.width) * raster.height)
            return "a raster of " + std::to_string(raster.width) + " x " +
                   std::to_string(raster.height) + " with " + std::to_string(raster.values.size()) +
                   " values";
        if (!std::isfinite(raster.originX) || !std::isfinite(raster.originY) ||
            !(raster.level0PixelsPerPixel > 0) || !std::isfinite(raster.level0PixelsPerPixel))
            return "a raster with no valid position or scale";
        if (std::any_of(raster.values.begin(), raster.values.end(),
                        [](float v) { return !std::isfinite(v); }))
            return "a raster holding NaN or infinite values";
    }
    for (const PluginFeature& f : r.features) {
        const size_t need = f.shape == PluginFeature::Shape::Point ? 1 : 3;
        if (f.points.size() < need)
            return "a feature with too few points";
        if (std::any_of(f.points.begin(), f.points.end(), [](const auto& p) {
                return !std::isfinite(p.first) || !std::isfinite(p.second);
            }))
            return "a feature with NaN or infinite coordinates";
        if (!(f.score >= 0 && f.score <= 1))
            return "a feature score outside 0..1";
    }
    for (const auto& [name, value] : r.measurements)
        if (!std::isfinite(value))
            return "a measurement \"" + name + "\" that is not finite";
    return {};
}

PluginRun::PluginRun(const PluginEntry& entry, std::shared_ptr<const PluginSlide> slide,
                     PluginRunRequest request, std::function<void(const PluginTileOutcome&)> onTile)
    : shared_(std::make_shared<Shared>()) {
    Shared& s = *shared_;
    if (!entry.available())
        throw Error(ErrorKind::InvalidArgument, entry.file.toStdString(),
                    "the plugin is unavailable");
    if (!(request.width > 0) || !(request.height > 0))
        throw Error(ErrorKind::InvalidArgument, entry.description.id.toStdString(),
                    "the region to analyse is empty");
    if (entry.inProcess) {
        s.plugin = entry.inProcess;
    } else {
        s.worker = PluginWorkerPool::shared().take(entry.file, request.workerLimits);
        s.plugin = s.worker.get();
    }
    s.pluginId = entry.description.id;
    s.slide = std::move(slide);
    s.request = std::move(request);
    s.onTile = std::move(onTile);
    const PluginRunRequest& r = s.request;
    if (r.cache)
        s.cacheIdentity = PluginResultCache::runIdentity(
            s.pluginId, entry.description.version, r.parameters, s.slide->slideId(), r.outline);

    double size = 0;
    try {
        size = s.plugin->tileSizeLevel0(*s.slide, r.parameters);
    } catch (const std::exception& e) { // a plugin's exception never reaches the caller raw
        throw Error(ErrorKind::InvalidArgument, "plugin " + s.pluginId.toStdString(),
                    std::string("cannot size its tiles: ") + e.what());
    }
    if (!(size > 0) || !std::isfinite(size))
        size = std::max(r.width, r.height); // one piece
    const auto across = int64_t(std::ceil(r.width / size));
    const auto down = int64_t(std::ceil(r.height / size));
    if (double(across) * double(down) > double(kMaxTiles))
        throw Error(ErrorKind::InvalidArgument, s.pluginId.toStdString(),
                    "the region would be cut into more than a million tiles");
    for (int64_t row = 0; row < down; ++row)
        for (int64_t col = 0; col < across; ++col) {
            PluginTile t;
            t.x = r.x + double(col) * size;
            t.y = r.y + double(row) * size;
            t.width = std::min(size, r.x + r.width - t.x);
            t.height = std::min(size, r.y + r.height - t.y);
            t.regionOutline = r.outline;
            if (touches(t, r.outline))
                s.tiles.push_back(std::move(t));
        }
    // The most central tiles first: the part a user looks at fills in first.
    const double cx = r.x + r.width / 2, cy = r.y + r.height / 2;
    std::stable_sort(s.tiles.begin(), s.tiles.end(), [&](const PluginTile& a, const PluginTile& b) {
        return std::hypot(a.x + a.width / 2 - cx, a.y + a.height / 2 - cy) <
               std::hypot(b.x + b.width / 2 - cx, b.y + b.height / 2 - cy);
    });
    for (size_t i = 0; i < s.tiles.size(); ++i) {
        s.tiles[i].index = int(i);
        s.tiles[i].count = int(s.tiles.size());
    }
    size_t threads = r.threads ? r.threads : defaultThreadCount();
    threads = std::min(threads, std::max<size_t>(1, s.tiles.size()));
    s.workersRunning = threads;
    // Detached workers holding the shared state: a plugin that ignores cancel cannot block
    // the caller (see wait()); the state lives until the last worker leaves.
    for (size_t i = 0; i < threads; ++i)
        std::thread([shared = shared_] { shared->work(); }).detach();
}

PluginRun::~PluginRun() {
    cancel();
    wait();
}

void PluginRun::cancel() {
    std::lock_guard lock(shared_->mutex);
    if (shared_->done < shared_->tiles.size() && shared_->failure.empty())
        shared_->cancelRequested = true;
    shared_->stop = true;
    shared_->changed.notify_all();
}

PluginRun::State PluginRun::wait() {
    Shared& s = *shared_;
    std::unique_lock lock(s.mutex);
    s.changed.wait(lock, [&] { return s.workersRunning == 0 || s.stop; });
    if (s.workersRunning > 0 &&
        !s.changed.wait_for(lock, s.request.cancelGrace, [&] { return s.workersRunning == 0; })) {
        const std::string late = "plugin " + s.pluginId.toStdString() + " did not stop within " +
                                 std::to_string(s.request.cancelGrace.count()) +
                                 " ms of being cancelled; ";
        if (s.worker) {
            // Killing its process ends every call in flight: the workers return at once.
            s.failure = s.failure.empty() ? late + "its process was stopped" : s.failure;
            lock.unlock();
            s.worker->stop(s.failure);
            lock.lock();
            s.changed.wait(lock, [&] { return s.workersRunning == 0; });
        } else if (s.failure.empty()) {
            s.failure = late + "it was abandoned";
        }
        logger().warn("{}", s.failure);
    }
    lock.unlock();
    return state();
}

PluginRun::State PluginRun::state() const {
    std::lock_guard lock(shared_->mutex);
    if (!shared_->failure.empty())
        return State::Failed;
    if (shared_->workersRunning > 0)
        return State::Running;
    if (shared_->cancelRequested)
        return State::Cancelled;
    return State::Finished;
}

std::string PluginRun::error() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->failure;
}

size_t PluginRun::tileCount() const {
    return shared_->tiles.size();
}

size_t PluginRun::tilesDone() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->done;
}

std::vector<PluginTileOutcome> PluginRun::outcomes() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->outcomes;
}

} // namespace lamina
