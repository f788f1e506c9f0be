// The renderer against the slide's own readRegion, on synthetic slides written by the tests.

#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/core/ImageScaling.h>
#include <lamina/render/SlideViewRenderer.h>
#include <lamina/slide/FormatRegistry.h>

#include <gtest/gtest.h>

#include <QImage>
#include <QPainter>

#include <chrono>
#include <thread>

using namespace lamina;

namespace {

std::shared_ptr<const SlideSource> tissueSlide() {
    SyntheticSlideOptions o;
    o.width = 4096;
    o.height = 3072;
    o.levelStep = 2;
    o.quality = 90;
    return FormatRegistry::standard().open(test::synthesizedSlide(o).string());
}

// Paints the view into a transparent image the size of the viewport.
RgbaImage render(const SlideViewRenderer& renderer, const Camera& camera, QSize viewport,
                 ViewRenderStats* stats = nullptr) {
    RgbaImage out(viewport.width(), viewport.height());
    QImage target(reinterpret_cast<uchar*>(out.data()), out.width(), out.height(), out.width() * 4,
                  QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&target);
    const ViewRenderStats s = renderer.paint(painter, camera, QSizeF(viewport));
    if (stats)
        *stats = s;
    return out;
}

// Wraps a slide: reads of chosen tiles fail or are slowed down.
class TroubledSlide : public SlideSource {
public:
    explicit TroubledSlide(std::shared_ptr<const SlideSource> inner)
        : SlideSource(inner->metadata()), inner_(std::move(inner)) {}
    int64_t failColumn = -1;
    std::chrono::milliseconds delay{0};

protected:
    RgbaImage doReadRegion(int l, int64_t x, int64_t y, int32_t w, int32_t h) const override {
        return inner_->readRegion(l, x, y, w, h);
    }
    RgbaImage doReadTile(int level, int64_t col, int64_t row) const override {
        std::this_thread::sleep_for(delay);
        if (col == failColumn && level == 0)
            throw Error(ErrorKind::Corrupt, location(), "damaged tile");
        return inner_->readTile(level, col, row);
    }
    RgbaImage doReadAssociated(const std::string& n) const override {
        return inner_->readAssociated(n);
    }

private:
    std::shared_ptr<const SlideSource> inner_;
};

// A slide without a pyramid: one 20000² level of 256² tiles (6241 of them), all grey.
class FlatSlide : public SlideSource {
public:
    FlatSlide() : SlideSource(metadataOf()) {}

protected:
    RgbaImage doReadRegion(int, int64_t, int64_t, int32_t w, int32_t h) const override {
        return RgbaImage(w, h, opaqueRgb(128, 128, 128));
    }
    RgbaImage doReadTile(int, int64_t, int64_t) const override {
        return RgbaImage(256, 256, opaqueRgb(128, 128, 128));
    }
    RgbaImage doReadAssociated(const std::string&) const override { return {}; }

private:
    static SlideMetadata metadataOf() {
        SlideMetadata m;
        m.location = "flat";
        m.backend = "test";
        m.levels.push_back({20000, 20000, 1.0, 256, 256});
        m.id = SlideId::fromText("flat");
        return m;
    }
};

} // namespace

TEST(SlideViewRenderer, ChoosesTheCoarsestLevelNotCoarserThanAScreenPixel) {
    TileCache cache(64ull << 20);
    TileLoader loader(cache, 1);
    SlideViewRenderer renderer(tissueSlide(), cache, loader);
    ASSERT_EQ(renderer.slide().levelCount(), 4); // 4096, 2048, 1024, 512
    EXPECT_EQ(renderer.levelFor(0.5), 0);
    EXPECT_EQ(renderer.levelFor(1.0), 0);
    EXPECT_EQ(renderer.levelFor(1.99), 0);
    EXPECT_EQ(renderer.levelFor(2.0), 1);
    EXPECT_EQ(renderer.levelFor(3.9), 1);
    EXPECT_EQ(renderer.levelFor(4.0), 2);
    EXPECT_EQ(renderer.levelFor(7.9), 2);
    EXPECT_EQ(renderer.levelFor(100.0), 3);
}

TEST(SlideViewRenderer, ViewAtALevelsOwnScaleEqualsReadRegion) {
    TileCache cache(256ull << 20);
    TileLoader loader(cache, 2);
    const auto slide = tissueSlide();
    SlideViewRenderer renderer(slide, cache, loader);
    // Downsample 2 = level 1 at 1:1; the view's top-left is level-0 (1536, 1152).
    const Camera camera{{2048, 1536}, 2.0, 0};
    const QSize viewport(512, 384);
    renderer.requestTiles(camera, QSizeF(viewport));
    loader.waitIdle();
    ASSERT_TRUE(renderer.isSharp(camera, QSizeF(viewport)));
    ViewRenderStats stats;
    const RgbaImage view = render(renderer, camera, viewport, &stats);
    EXPECT_EQ(stats.level, 1);
    EXPECT_TRUE(stats.sharp());
    const RgbaImage expected = slide->readRegion(1, 1536, 1152, 512, 384);
    // Tolerance: identical but for rounding in QPainter's smooth-transform path.
    EXPECT_LE(test::compareImages(view, expected).max, 2);
}

TEST(SlideViewRenderer, ScaledViewMatchesADownscaledReadRegion) {
    TileCache cache(256ull << 20);
    TileLoader loader(cache, 2);
    const auto slide = tissueSlide();
    SlideViewRenderer renderer(slide, cache, loader);
    // Downsample 3: level 1 (2) drawn at 2/3 size.
    const Camera camera{{2048, 1536}, 3.0, 0};
    const QSize viewport(300, 240);
    renderer.requestTiles(camera, QSizeF(viewport));
    loader.waitIdle();
    const RgbaImage view = render(renderer, camera, viewport);
    const RgbaImage level1 = slide->readRegion(1, 2048 - 450, 1536 - 360, 450, 360);
    const RgbaImage expected = scaleArea(level1, 300, 240);
    // Bilinear (QPainter) against area averaging (reference): close, not identical.
    EXPECT_LT(test::compareImages(view, expected).mean, 6.0);
}

TEST(SlideViewRenderer, CoarserTilesFillTheViewWhileFineTilesLoad) {
    TileCache cache(256ull << 20);
    TileLoader loader(cache, 2);
    SlideViewRenderer renderer(tissueSlide(), cache, loader);
    const QSize viewport(640, 480);
    Camera overview;
    overview.fit({4096, 3072}, QSizeF(viewport));
    const Camera detail{{2000, 1500}, 1.0, 0};
    EXPECT_FALSE(renderer.isComplete(detail, QSizeF(viewport))) << "nothing cached yet";
    renderer.requestTiles(overview, QSizeF(viewport)); // loads the pinned coarsest level
    loader.waitIdle();
    // Jump to full resolution without asking for its tiles: nothing of level 0 is cached.
    EXPECT_TRUE(renderer.isComplete(detail, QSizeF(viewport)));
    EXPECT_FALSE(renderer.isSharp(detail, QSizeF(viewport)));
    ViewRenderStats stats;
    const RgbaImage view = render(renderer, detail, viewport, &stats);
    EXPECT_EQ(stats.level, 0);
    EXPECT_GT(stats.tilesMissing, 0);
    EXPECT_GT(stats.fallbackDrawn, 0);
    for (int y = 0; y < view.height(); ++y)
        for (int x = 0; x < view.width(); ++x)
            ASSERT_EQ(alphaOf(view.pixel(x, y)), 255) << "blank pixel at " << x << "," << y;
}

TEST(SlideViewRenderer, FailedTileIsAPlaceholderAndTheRestDraws) {
    TileCache cache(256ull << 20);
    TileLoader loader(cache, 2);
    auto troubled = std::make_shared<TroubledSlide>(tissueSlide());
    troubled->failColumn = 3;
    SlideViewRenderer renderer(troubled, cache, loader);
    const Camera camera{{1000, 500}, 1.0, 0};
    const QSize viewport(1024, 512);
    renderer.requestTiles(camera, QSizeF(viewport));
    loader.waitIdle();
    EXPECT_TRUE(renderer.isSharp(camera, QSizeF(viewport))); // failed counts as settled
    ViewRenderStats stats;
    render(renderer, camera, viewport, &stats);
    EXPECT_GT(stats.failed, 0);
    EXPECT_GT(stats.tilesDrawn, 0);
    EXPECT_EQ(stats.tilesMissing, 0);
}

TEST(SlideViewRenderer, FastPanningCancelsStaleRequests) {
    TileCache cache(256ull << 20);
    TileLoader loader(cache, 1);
    auto slow = std::make_shared<TroubledSlide>(tissueSlide());
    slow->delay = std::chrono::milliseconds(5);
    SlideViewRenderer renderer(slow, cache, loader);
    const QSizeF viewport(1024, 768);
    for (int step = 0; step < 10; ++step) // ten quick pans across full resolution
        renderer.requestTiles(Camera{{600.0 + step * 300, 1500}, 1.0, 0}, viewport);
    loader.waitIdle();
    const auto stats = loader.stats();
    EXPECT_GT(stats.cancelled, 20u);
    // The last position is complete.
    EXPECT_TRUE(renderer.isSharp(Camera{{3300, 1500}, 1.0, 0}, viewport));
}

TEST(SlideViewRenderer, NoSeamsBetweenTilesAtAnyOffsetOrRotation) {
    TileCache cache(512ull << 20);
    TileLoader loader(cache, 2);
    SlideViewRenderer renderer(tissueSlide(), cache, loader);
    const QSize viewport(601, 399); // odd sizes put the centre between pixels
    for (double rotation : {0.0, 90.0, 180.0, 270.0, 30.0})
        for (double downsample : {1.0, 1.37, 2.0, 3.3})
            for (double offset : {0.0, 0.25, 0.5}) {
                const Camera camera{{2000.0 + offset, 1500.0 + offset}, downsample, rotation};
                renderer.requestTiles(camera, QSizeF(viewport));
                loader.waitIdle();
                const RgbaImage view = render(renderer, camera, viewport);
                int gaps = 0;
                for (int y = 0; y < view.height(); ++y)
                    for (int x = 0; x < view.width(); ++x)
                        gaps += alphaOf(view.pixel(x, y)) != 255;
                EXPECT_EQ(gaps, 0) << "rotation " << rotation << " downsample " << downsample
                                   << " offset " << offset;
            }
}

// The coarsest level is pinned whole only when it is a pyramid's small top: a slide with a
// single level must not be loaded (and pinned) whole because of it.
TEST(SlideViewRenderer, SingleLevelSlideIsNotLoadedWhole) {
    TileCache cache(256ull << 20);
    TileLoader loader(cache, 1);
    SlideViewRenderer renderer(std::make_shared<FlatSlide>(), cache, loader);
    renderer.requestTiles(Camera{{10000, 10000}, 1.0, 0}, QSizeF(1024, 768));
    const auto stats = loader.stats();
    EXPECT_LT(stats.queued + stats.running + stats.loaded, 100u)
        << "a 1024x768 view at 1:1 needs about 20 tiles plus a ring, not 6241";
    loader.waitIdle();
    EXPECT_EQ(cache.stats().pinnedBytes, 0u);
    EXPECT_TRUE(renderer.isSharp(Camera{{10000, 10000}, 1.0, 0}, QSizeF(1024, 768)));
}

// Found by `bench soak`: with the ring and the next levels prefetched, a view could ask for
// more tiles than the cache holds; the loader reads the visible ones first, so the prefetched
// ones then pushed them out and the view never became sharp until it was moved.
TEST(SlideViewRenderer, AViewAskingForMoreThanTheCacheHoldsStillBecomesSharp) {
    const QSizeF viewport(1024, 768);
    const Camera camera{{2048, 1536}, 1.0, 0}; // level 0: 5 x 4 visible tiles, 5 MiB
    TileCache cache(8ull << 20); // visible fits; visible + ring + coarser (~11 MiB) does not
    TileLoader loader(cache, 2);
    SlideViewRenderer renderer(tissueSlide(), cache, loader);
    EXPECT_EQ(renderer.levelShown(camera, viewport), 0);
    renderer.requestTiles(camera, viewport);
    loader.waitIdle();
    EXPECT_TRUE(renderer.isSharp(camera, viewport));
    EXPECT_LE(cache.stats().bytes, cache.budgetBytes());
}

// When even the visible tiles would not all stay cached (a small budget on a large screen),
// the view draws the next coarser level rather than never becoming sharp.
TEST(SlideViewRenderer, VisibleTilesBeyondTheCacheBudgetAreDrawnFromACoarserLevel) {
    const QSizeF viewport(1024, 768);
    const Camera camera{{2048, 1536}, 1.0, 0};
    TileCache cache(4ull << 20); // 3/4 of it is less than the 5 MiB of visible level-0 tiles
    TileLoader loader(cache, 2);
    SlideViewRenderer renderer(tissueSlide(), cache, loader);
    EXPECT_EQ(renderer.levelFor(camera.downsample), 0);
    EXPECT_EQ(renderer.levelShown(camera, viewport), 1);
    renderer.requestTiles(camera, viewport);
    loader.waitIdle();
    ASSERT_TRUE(renderer.isSharp(camera, viewport));
    ViewRenderStats stats;
    render(renderer, camera, viewport.toSize(), &stats);
    EXPECT_EQ(stats.level, 1);
    EXPECT_EQ(stats.tilesMissing, 0);
}
