#pragma once
// Draws one slide as seen through a Camera, from the shared TileCache, and tells the
// TileLoader which tiles it wants next. The level drawn is the coarsest one that is not
// coarser than a device pixel; while its tiles load, the best cached coarser tiles are drawn
// scaled underneath, and the coarsest level is pinned in the cache (when it has at most 256
// tiles, as a pyramid's top does), so after the first frame a view is never blank. Tiles that
// failed to read are drawn as a marked placeholder. Tiles drawn smaller than stored are shrunk once
// per zoom and reused (ScaledTileCache). Thread-safety: paint() and requestTiles() belong to the
// thread that owns the QPainter (the GUI thread for widgets); the cache and loader they use are
// thread-safe.

#include <lamina/cache/TileCache.h>
#include <lamina/render/Camera.h>
#include <lamina/render/ScaledTileCache.h>
#include <lamina/render/TileLoader.h>
#include <lamina/slide/SlideSource.h>

#include <QColor>
#include <QSizeF>

#include <memory>
#include <optional>
#include <string>

class QPainter;

namespace lamina {

struct ViewRenderStats {
    int level = 0;            // the level the view wants
    int tilesWanted = 0;      // visible tiles of that level
    int tilesDrawn = 0;       // of which were in the cache
    int tilesMissing = 0;     // still loading (covered by coarser tiles meanwhile)
    int fallbackDrawn = 0;    // coarser tiles drawn underneath missing ones
    int failed = 0;           // placeholders for tiles that could not be read
    std::string firstFailure; // why the first of them failed (shown by the view)
    bool sharp() const { return tilesMissing == 0; }
};

class SlideViewRenderer {
public:
    SlideViewRenderer(std::shared_ptr<const SlideSource> slide, TileCache& cache,
                      TileLoader& loader);
    ~SlideViewRenderer(); // withdraws this view's requests
    SlideViewRenderer(const SlideViewRenderer&) = delete;
    SlideViewRenderer& operator=(const SlideViewRenderer&) = delete;

    const SlideSource& slide() const { return *slide_; }
    const std::shared_ptr<const SlideSource>& slidePtr() const { return slide_; }

    // The level drawn at this downsample (level-0 pixels per device pixel).
    int levelFor(double downsample) const;
    // The level this view draws: levelFor(), or a coarser one when the visible tiles of that
    // level would fill more than 3/4 of the tile cache's room (its budget less the pinned
    // tiles of every open slide: a small budget on a large screen); a view whose visible
    // tiles cannot all stay cached would never be sharp.
    int levelShown(const Camera& camera, QSizeF viewport) const;

    // Hands the loader this view's wish list: visible tiles nearest the centre first, then a
    // ring around the view and the next coarser level, then the next finer level's centre;
    // the whole coarsest level, pinned, when it is small. Call when the camera or viewport
    // changes.
    // Prefetch is cut, least urgent first, where the wish list would exceed the cache budget.
    void requestTiles(const Camera& camera, QSizeF viewport);
    // Call when tiles arrived (once per frame): asks again, while the view is not sharp, for
    // visible tiles that reads for other views pushed out of the cache meanwhile.
    void tilesArrived(const Camera& camera, QSizeF viewport);
    // Bytes of this view's shrunk tiles (within the ScaledTileCache's 64 MiB).
    size_t shrunkTileBytes() const { return shrunk_.bytes(); }
    // Withdraws this view's requests (its tab was hidden); requestTiles() asks again.
    void withdrawRequests();

    // Paints the view into `painter`, whose current transform maps device pixels of the
    // viewport (origin top-left) to the paint device. With a `background`, fills it where no
    // opaque tile will cover: outside the slide and under missing or transparent tiles (a
    // full-screen fill under opaque tiles was a third of a warm 4K frame). Without one, the
    // background is left as it was.
    ViewRenderStats paint(QPainter& painter, const Camera& camera, QSizeF viewport,
                          std::optional<QColor> background = std::nullopt) const;

    // True when every visible tile of the wanted level is cached or known to have failed.
    bool isSharp(const Camera& camera, QSizeF viewport) const;
    // True when a frame would have no blank area: each visible tile of the wanted level is
    // cached, failed, or wholly covered by cached tiles of one coarser level.
    bool isComplete(const Camera& camera, QSizeF viewport) const;

private:
    struct TileRange {
        int64_t col0 = 0, row0 = 0, col1 = -1, row1 = -1; // inclusive
    };
    TileRange tilesCovering(int level, const QRectF& slideRect) const;
    QRectF tileRect(int level, int64_t col, int64_t row) const; // level-0 pixels
    uint64_t tileBytes(int level) const;                        // of one decoded tile
    uint64_t cacheRoom() const; // the cache budget less what is pinned there
    TileKey key(int level, int64_t col, int64_t row) const;

    std::shared_ptr<const SlideSource> slide_;
    TileCache& cache_;
    TileLoader& loader_;
    uint64_t viewId_;
    // Tiles of the drawn level already shrunk to screen size (see ScaledTileCache); 64 MiB
    // holds two screens of 4K tiles.
    mutable ScaledTileCache shrunk_{size_t(64) << 20};
    mutable int shrunkLevel_ = -1;
    mutable double lastDownsample_ = 0; // of the previous frame: is the zoom settled?
};

} // namespace lamina
