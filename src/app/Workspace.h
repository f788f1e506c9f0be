#pragma once
// The application's shared services: one TileCache for every open slide and view, one
// TileLoader feeding it. Finished tiles are announced on the GUI thread in batches: the
// loader wakes us once, we drain everything finished so far and emit one signal, and views
// call update() — Qt merges those into one repaint per frame.
// Thread-safety: a QObject living on the GUI thread; use it from there.

#include <lamina/cache/TileCache.h>
#include <lamina/render/TileLoader.h>

#include <QObject>

#include <map>
#include <memory>
#include <vector>

namespace lamina {

class Workspace : public QObject {
    Q_OBJECT
public:
    explicit Workspace(uint64_t cacheBudgetBytes = TileCache::defaultBudgetBytes(),
                       size_t loaderThreads = 0, QObject* parent = nullptr);
    ~Workspace() override;

    TileCache& cache() { return *cache_; }
    TileLoader& loader() { return *loader_; }

    // Views register the slides they show. When the last view of a slide goes, its tiles
    // (pinned ones included) and remembered failures are dropped.
    void acquireSlide(uint64_t slide);
    void releaseSlide(uint64_t slide);

signals:
    // Tiles read (or failed) since the last emission.
    void tilesArrived(const std::vector<lamina::TileKey>& keys);

private:
    void drainLoader();

    std::unique_ptr<TileCache> cache_;
    std::map<uint64_t, int> slideUsers_;
    std::unique_ptr<TileLoader> loader_;
};

} // namespace lamina
