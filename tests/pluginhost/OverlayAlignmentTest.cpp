// A plugin raster drawn over the slide lines up with it within one overlay pixel.

#include "PluginHostTestSupport.h"

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

namespace {

// A 0.25 µm/px ("40x") slide: white glass with a haematoxylin-stained rectangle whose edges
// fall inside raster cells at 4 µm/px (16 level-0 pixels per cell).
class StainedRectangleSlide : public DrawnSlide {
public:
    static constexpr double kLeft = 1004, kTop = 1510, kRight = 2601, kBottom = 2907;
    StainedRectangleSlide() : DrawnSlide(4000, 0.25) {}

private:
    PluginImage region(double x, double y, int w, int h, double scale) const override {
        const uint32_t stained = stainColour(kHaematoxylin, 0.8);
        return sampled(x, y, w, h, scale, [stained](double sx, double sy) {
            return sx >= kLeft && sx < kRight && sy >= kTop && sy < kBottom ? stained : 0xfffafafau;
        });
    }
};

} // namespace

TEST(OverlayAlignment, AStainRasterAt4MicronsLinesUpWithTheSlideAt40xWithinOneOverlayPixel) {
    const auto slide = std::make_shared<const StainedRectangleSlide>();
    const PluginEntry& e = registry().find(QStringLiteral("stain-separation"));
    PluginRunRequest r;
    r.width = r.height = 4000;
    r.parameters = e.description.resolveParameters({{"resolution", "4"}});
    PluginRun run(e, slide, r);
    ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
    RasterOverlay overlay;
    for (const PluginTileOutcome& o : run.outcomes())
        overlay.addTile(*o.result->raster);
    ASSERT_FALSE(overlay.empty());
    EXPECT_DOUBLE_EQ(overlay.tiles().front().level0PixelsPerPixel, 16); // 4 µm/px
    overlay.setOpacity(1);
    overlay.setFadeLowValues(false);
    overlay.setColourMap(ColourMap::Greys);
    overlay.setValueRange(std::pair(0.0, 0.4)); // stained: white; glass: black

    // At 40x (one level-0 pixel per screen pixel), centred on each corner of the rectangle in
    // turn: the overlay's edge on screen is within one overlay pixel (16 screen pixels) of
    // where the slide's edge is drawn.
    using S = StainedRectangleSlide;
    for (const auto& [cx, cy] : {std::pair{S::kLeft, S::kTop}, std::pair{S::kRight, S::kBottom}}) {
        Camera camera;
        camera.center = {cx + 0.37, cy - 0.61};
        camera.downsample = 1;
        const QSize viewport(160, 160);
        QImage image(viewport, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::black);
        {
            QPainter painter(&image);
            overlay.paint(painter, camera, QSizeF(viewport));
        }
        const QPointF edge = camera.toScreen(QPointF(cx, cy), QSizeF(viewport));
        const auto stained = [&](int x, int y) { return qGray(image.pixel(x, y)) > 128; };
        // Across the middle row and column: where stained turns to unstained or back.
        int edgeX = -1, edgeY = -1;
        for (int x = 1; x < viewport.width() && edgeX < 0; ++x)
            if (stained(x, viewport.height() / 2 + 40 * (cx == S::kLeft ? 1 : -1)) !=
                stained(x - 1, viewport.height() / 2 + 40 * (cx == S::kLeft ? 1 : -1)))
                edgeX = x;
        for (int y = 1; y < viewport.height() && edgeY < 0; ++y)
            if (stained(viewport.width() / 2 + 40 * (cx == S::kLeft ? 1 : -1), y) !=
                stained(viewport.width() / 2 + 40 * (cx == S::kLeft ? 1 : -1), y - 1))
                edgeY = y;
        ASSERT_GE(edgeX, 0) << "no vertical edge near " << cx;
        ASSERT_GE(edgeY, 0) << "no horizontal edge near " << cy;
        EXPECT_LE(std::abs(edgeX - edge.x()), 16.0) << "corner " << cx << "," << cy;
        EXPECT_LE(std::abs(edgeY - edge.y()), 16.0) << "corner " << cx << "," << cy;
    }
}
