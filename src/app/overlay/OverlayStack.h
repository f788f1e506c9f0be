#pragma once
// The analysis overlays of one open slide, bottom to top: starts plugin jobs, feeds their
// tiles into the overlays as they finish, saves each finished result beside the slide's
// annotations and reads them back when the slide is opened again.
//
// Results reach the GUI thread in batches: a job's worker hands a tile to a queue and, when
// none is pending yet, posts one drain; the drain moves everything queued into the overlays
// and emits changed() once, so views repaint once per batch however many tiles arrived.
// Tiles go through a process-wide PluginResultCache, so running the same plugin with the
// same parameters on the same region again costs nothing.
//
// On disk through an OverlayStore (folder <annotation store>.overlays/, the same files
// `lamina-cli plugin run --save` writes). Files that cannot be read are left untouched and
// reported by loadErrors().
// Thread-safety: GUI thread only (the jobs' callbacks only touch the queue, under its mutex).

#include "overlay/PluginOverlay.h"

#include <lamina/pluginhost/OverlayStore.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/pluginhost/PluginResultCache.h>
#include <lamina/pluginhost/PluginRun.h>
#include <lamina/render/Camera.h>

#include <QObject>
#include <QStringList>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class QPainter;

namespace lamina {

class SlideSource;

class OverlayStack : public QObject {
    Q_OBJECT
public:
    // `folder`: where results are saved (created on the first save); empty = not saved.
    explicit OverlayStack(std::filesystem::path folder, QObject* parent = nullptr);
    ~OverlayStack() override; // cancels running jobs

    static std::shared_ptr<PluginResultCache> sharedCache();

    size_t size() const { return overlays_.size(); }
    PluginOverlay& at(size_t i) { return *overlays_.at(i); }
    const PluginOverlay& at(size_t i) const { return *overlays_.at(i); }
    const std::filesystem::path& folder() const { return store_.folder(); }
    const QStringList& loadErrors() const { return loadErrors_; }
    // Where the overlay with this serial is now (overlays come and go).
    std::optional<size_t> indexOf(uint64_t serial) const;

    // Starts `entry` on `requests` (one after the other) over `slide`, as a new overlay on
    // top. With `tissueDetector`, the single request is where tissue is sought first. Throws
    // lamina::Error when the job cannot start (unavailable plugin, empty region).
    PluginOverlay& start(const PluginEntry& entry, std::shared_ptr<const SlideSource> slide,
                         std::vector<PluginRunRequest> requests, const QString& target,
                         const PluginEntry* tissueDetector = nullptr);
    void cancel(size_t i);
    // Cancels it if running, forgets it and deletes its saved files.
    void remove(size_t i);

    void setVisible(size_t i, bool visible);
    void setOpacity(size_t i, double opacity);
    void setColourMap(size_t i, ColourMap map);
    void setFadeLowValues(size_t i, bool fade);
    void setOutlineColour(size_t i, std::optional<QRgb> colour); // nullopt: class colours

    // Draws the visible overlays, bottom to top. `painter` maps viewport device pixels.
    void paint(QPainter& painter, const Camera& camera, QSizeF viewport) const;
    // The same for exports: copies of the visible overlays as they are now, drawn by the
    // returned function from any thread (one call at a time); empty when none is visible.
    std::function<void(QPainter&, const Camera&, QSizeF)> snapshotPainter() const;

signals:
    void changed();
    // A job ended (finished, failed or cancelled); `i` is its overlay's index.
    void jobEnded(size_t i);

private:
    struct Event {
        uint64_t serial;
        std::optional<PluginTileOutcome> tile; // else the end of the job
        PluginOverlay::State end = PluginOverlay::State::Finished;
        std::string error;
    };
    void post(Event event); // any thread
    void drain();
    PluginOverlay* bySerial(uint64_t serial, size_t* index = nullptr);
    void save(PluginOverlay& overlay);
    void saveManifest(const PluginOverlay& overlay);
    void load();
    QString newId(const QString& pluginId) const;

    OverlayStore store_;
    std::vector<std::unique_ptr<PluginOverlay>> overlays_;
    uint64_t nextSerial_ = 1;
    QStringList loadErrors_;

    std::mutex queueMutex_;
    std::vector<Event> queue_;
    bool drainPosted_ = false;
};

} // namespace lamina
