#pragma once
// A plugin's work on a whole target, in the background: one or more regions (an annotation's
// outline, the view, or every piece of tissue) run one after the other as PluginRuns on a
// thread of the job's own, so the caller (the viewer's GUI thread) never waits. For a
// whole-tissue job, tissue-detection runs first over the given region and the plugin then
// runs inside each tissue polygon it found.
// Every finished tile is handed to `onTile` and the end (finished, failed with the reason,
// cancelled) to `onFinished`, once, both from the job's thread.
// Thread-safety: cancel() and the progress getters from any thread. The destructor cancels
// and waits for the job thread (at most the runs' grace period).

#include <lamina/annotation/AnnotationGeometry.h>
#include <lamina/pluginhost/PluginRun.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lamina {

// `base` limited to an area annotation's outline (level-0 pixels). Throws
// lamina::Error(InvalidArgument) for a point or a line, which have no inside.
PluginRunRequest requestInside(const PluginRunRequest& base, const AnnotationGeometry& area,
                               const std::string& annotationName);
// One request per tissue polygon found by tissue-detection (each limited to its outline).
std::vector<PluginRunRequest> requestsPerTissuePiece(const PluginRunRequest& base,
                                                     const std::vector<PluginTileOutcome>& found);

class PluginJob {
public:
    using OnTile = std::function<void(const PluginTileOutcome&)>;
    using OnFinished = std::function<void(PluginRun::State, const std::string& error)>;

    // Runs `requests` in turn. With `tissueDetector`, tissue is first sought in the single
    // request's region, and the plugin runs on each piece found (none found: the job
    // finishes with "no tissue found" as its error and state Failed).
    PluginJob(const PluginEntry& entry, std::shared_ptr<const PluginSlide> slide,
              std::vector<PluginRunRequest> requests, OnTile onTile, OnFinished onFinished,
              const PluginEntry* tissueDetector = nullptr);
    ~PluginJob();
    PluginJob(const PluginJob&) = delete;
    PluginJob& operator=(const PluginJob&) = delete;

    void cancel();
    // Tiles done and known so far, over all regions (a later region adds its tiles when it
    // starts), and the regions: done, and in all (0 until tissue was found).
    size_t tilesDone() const;
    size_t tileCount() const;
    size_t regionsDone() const { return regionsDone_; }
    size_t regionCount() const { return regionCount_; }

private:
    void work(const PluginEntry& entry, const PluginEntry* tissueDetector,
              std::vector<PluginRunRequest> requests);

    std::shared_ptr<const PluginSlide> slide_;
    OnTile onTile_;
    OnFinished onFinished_;
    mutable std::mutex mutex_;
    std::shared_ptr<PluginRun> current_; // the run going on
    bool cancelled_ = false;
    size_t tilesDoneBefore_ = 0, tilesBefore_ = 0; // of finished regions
    std::atomic<size_t> regionsDone_{0}, regionCount_{0};
    std::thread thread_;
};

} // namespace lamina
