#pragma once
// One run of an overlay plugin over a region of a slide. The region (a level-0 rectangle and,
// optionally, its outline: an annotation, a tissue polygon) is cut into square tiles of the
// size the plugin asks for (tiles outside the outline are skipped), and the tiles run on
// worker threads, the most central first. Each finished tile is checked — a raster must have
// the size it states and finite values, features finite coordinates and scores in 0..1 — and
// handed to `onTile` (from a worker thread) as it finishes. With a result cache in the
// request, tiles already computed by an identical run are taken from it.
// A tile that throws or returns garbage fails the run: the other tiles are cancelled and the
// error names the plugin, the tile and the cause. cancel() asks the plugin to stop; a plugin
// that does not return within the grace period is stopped and the run is marked failed, so
// the caller never hangs.
// Unless the entry was loaded in process, the run starts a worker process of its own for the
// plugin (PluginWorker): a crash, abort, exit, memory overrun or overlong tile ends the run
// with the reason ("plugin x: the plugin crashed (signal 11, Segmentation fault) during tile
// 12 of 40") and the caller goes on; stopping means killing that process. In process, a
// plugin that ignores cancel is abandoned instead (its thread keeps running detached).
// Thread-safety: cancel(), state(), progress() from any thread; wait() from one.

#include <lamina/plugin/OverlayPlugin.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/pluginhost/PluginResultCache.h>
#include <lamina/pluginhost/PluginWorker.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lamina {

struct PluginRunRequest {
    double x = 0, y = 0, width = 0, height = 0;     // level-0 pixels
    std::vector<std::pair<double, double>> outline; // level-0 polygon; empty = the rectangle
    QVariantMap parameters;                         // resolved (PluginDescription)
    size_t threads = 0;                             // 0 = one per core
    std::chrono::milliseconds cancelGrace{1000};
    PluginWorkerLimits workerLimits; // memory and time of the worker process
    // Optional: tiles found here are not computed again, and computed tiles are stored.
    std::shared_ptr<PluginResultCache> cache;
};

struct PluginTileOutcome {
    PluginTile tile;
    std::optional<PluginResult> result; // empty when the tile failed
    std::string error;
    bool fromCache = false; // the result came from the request's cache
};

class PluginRun {
public:
    enum class State { Running, Finished, Failed, Cancelled };

    // Starts at once. Throws lamina::Error(InvalidArgument) for an empty region, a tile size
    // that would cut it into more than a million tiles, or a plugin that fails to start or to
    // size its tiles; Error(Io) when the worker process cannot start.
    PluginRun(const PluginEntry& entry, std::shared_ptr<const PluginSlide> slide,
              PluginRunRequest request, std::function<void(const PluginTileOutcome&)> onTile = {});
    ~PluginRun(); // cancels and waits at most the grace period
    PluginRun(const PluginRun&) = delete;
    PluginRun& operator=(const PluginRun&) = delete;

    void cancel();
    // Blocks until every tile is done, or until the grace period after a cancel or a failure.
    State wait();
    State state() const;
    std::string error() const; // why the run failed
    size_t tileCount() const;
    size_t tilesDone() const;
    // The outcomes of the tiles finished so far, in finishing order.
    std::vector<PluginTileOutcome> outcomes() const;

    // Checks a tile's result; empty when fine, else what is wrong.
    static std::string validate(const PluginResult& result);

private:
    struct Shared;
    std::shared_ptr<Shared> shared_;
};

} // namespace lamina
