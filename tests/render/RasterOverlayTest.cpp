// Raster overlays (plugin heatmaps and label maps) are drawn where their cells lie on the
// slide: at 40x, zoomed out and rotated, every screen pixel shows the cell under it (only
// pixels within one device pixel of a cell edge may differ); NaN cells and label 0 are
// transparent; values go through the colour map over their range; large rasters are cut
// into chunks without losing a cell.

#include <lamina/core/Error.h>
#include <lamina/render/RasterOverlay.h>

#include <gtest/gtest.h>

#include <QImage>
#include <QPainter>

#include <cmath>

using namespace lamina;

namespace {

// A label raster at 4 µm/px on a 0.25 µm/px slide (16 level-0 pixels per cell): a
// checkerboard of labels 1 and 2 starting at an odd level-0 origin.
PluginRaster checkerboard(int cells, double originX, double originY) {
    PluginRaster r;
    r.kind = PluginRaster::Kind::Labels;
    r.width = r.height = cells;
    r.originX = originX;
    r.originY = originY;
    r.level0PixelsPerPixel = 16;
    for (int y = 0; y < cells; ++y)
        for (int x = 0; x < cells; ++x)
            r.values.push_back(float(1 + (x + y) % 2));
    return r;
}

QImage paintOver(const RasterOverlay& overlay, const Camera& camera, QSize viewport) {
    QImage image(viewport, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    QPainter painter(&image);
    overlay.paint(painter, camera, QSizeF(viewport));
    return image;
}

// Screen pixels whose colour is not that of the cell under their centre, ignoring pixels
// within `margin` device pixels (in level-0 terms: margin * downsample) of a cell edge.
int misplacedPixels(const QImage& image, const PluginRaster& r, const Camera& camera,
                    double margin) {
    int wrong = 0;
    const QSizeF viewport(image.size());
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QPointF p = camera.toSlide(QPointF(x + 0.5, y + 0.5), viewport);
            const double u = (p.x() - r.originX) / r.level0PixelsPerPixel;
            const double v = (p.y() - r.originY) / r.level0PixelsPerPixel;
            const double slack = margin * camera.downsample / r.level0PixelsPerPixel;
            const auto nearEdge = [slack](double c) { return std::abs(c - std::round(c)) < slack; };
            if (nearEdge(u) || nearEdge(v))
                continue;
            QRgb expected = qRgb(0, 0, 0);
            if (u >= 0 && v >= 0 && u < r.width && v < r.height)
                expected = RasterOverlay::colourAt(
                    ColourMap::Labels, r.values[size_t(v) * size_t(r.width) + size_t(u)]);
            if (image.pixel(x, y) != expected)
                ++wrong;
        }
    return wrong;
}

} // namespace

TEST(RasterOverlay, CellsOfA4MicronRasterLandOnTheirSquaresAt40x) {
    const PluginRaster r = checkerboard(12, 1234, 567);
    RasterOverlay overlay(PluginRaster::Kind::Labels);
    overlay.addTile(r);
    overlay.setOpacity(1);
    Camera camera;
    camera.center = {1234 + 64.3, 567 + 50.7}; // fractional: cells straddle screen pixels
    camera.downsample = 1;                     // 40x on a 0.25 µm/px slide
    const QImage image = paintOver(overlay, camera, QSize(240, 200));
    // Within one DEVICE pixel — much tighter than "within one overlay pixel" (16 px at 40x).
    EXPECT_EQ(misplacedPixels(image, r, camera, 1.0), 0);
    // And the overlay really is there: the cell under the centre has its colour.
    const QRgb centre = image.pixel(120, 100);
    EXPECT_TRUE(centre == RasterOverlay::colourAt(ColourMap::Labels, 1) ||
                centre == RasterOverlay::colourAt(ColourMap::Labels, 2));
}

TEST(RasterOverlay, CellsStayInPlaceZoomedOutAndRotated) {
    const PluginRaster r = checkerboard(20, 5000, 3000);
    RasterOverlay overlay(PluginRaster::Kind::Labels);
    overlay.addTile(r);
    overlay.setOpacity(1);
    for (const auto& [downsample, rotation] :
         {std::pair{4.0, 0.0}, std::pair{1.5, 30.0}, std::pair{0.5, 90.0}}) {
        Camera camera;
        camera.center = {5000 + 160.2, 3000 + 150.9};
        camera.downsample = downsample;
        camera.rotation = rotation;
        const QImage image = paintOver(overlay, camera, QSize(200, 160));
        EXPECT_EQ(misplacedPixels(image, r, camera, 1.0), 0)
            << "downsample " << downsample << ", rotation " << rotation;
    }
}

TEST(RasterOverlay, NotAnalysedCellsAndLabelZeroAreTransparent) {
    PluginRaster r = checkerboard(4, 0, 0);
    r.values[0] = std::nanf("");
    r.values[1] = 0; // background label
    RasterOverlay overlay(PluginRaster::Kind::Labels);
    overlay.addTile(r);
    overlay.setOpacity(1);
    Camera camera;
    camera.center = {32, 32};
    camera.downsample = 1;
    const QImage image = paintOver(overlay, camera, QSize(64, 64));
    EXPECT_EQ(image.pixel(8, 8), qRgb(0, 0, 0));    // NaN cell
    EXPECT_EQ(image.pixel(24, 8), qRgb(0, 0, 0));   // label 0
    EXPECT_NE(image.pixel(40, 8), qRgb(0, 0, 0));   // label 1 or 2
    EXPECT_EQ(overlay.valueAt(8, 8), std::nullopt); // no value where nothing was analysed
    EXPECT_EQ(overlay.valueAt(40, 8), std::optional<float>(r.values[2]));
}

TEST(RasterOverlay, ContinuousValuesGoThroughTheColourMapOverTheirRange) {
    PluginRaster r;
    r.width = 3;
    r.height = 1;
    r.level0PixelsPerPixel = 10;
    r.values = {2.0f, 3.0f, 4.0f}; // range 2..4
    RasterOverlay overlay;
    overlay.addTile(r);
    overlay.setOpacity(1);
    overlay.setFadeLowValues(false);
    ASSERT_TRUE(overlay.valuesSeen());
    EXPECT_EQ(overlay.valueRange(), std::pair(2.0, 4.0));
    Camera camera;
    camera.center = {15, 5};
    camera.downsample = 1;
    for (ColourMap map : {ColourMap::Viridis, ColourMap::Inferno, ColourMap::Greys}) {
        overlay.setColourMap(map);
        const QImage image = paintOver(overlay, camera, QSize(30, 10));
        EXPECT_EQ(image.pixel(5, 5), RasterOverlay::colourAt(map, 0.0));
        EXPECT_EQ(image.pixel(15, 5), RasterOverlay::colourAt(map, 0.5));
        EXPECT_EQ(image.pixel(25, 5), RasterOverlay::colourAt(map, 1.0));
    }
    // A fixed range clamps; fading makes the low end transparent.
    overlay.setColourMap(ColourMap::Greys);
    overlay.setValueRange(std::pair(3.0, 4.0));
    overlay.setFadeLowValues(true);
    const QImage image = paintOver(overlay, camera, QSize(30, 10));
    EXPECT_EQ(image.pixel(5, 5), qRgb(0, 0, 0));  // below the range: transparent
    EXPECT_EQ(image.pixel(15, 5), qRgb(0, 0, 0)); // at its low end: transparent too
    EXPECT_EQ(image.pixel(25, 5), qRgb(255, 255, 255));
    // A constant map is shown at the top of its colour map (not faded away).
    RasterOverlay constant;
    PluginRaster flat = r;
    flat.values = {0.5f, 0.5f, 0.5f};
    constant.addTile(flat);
    constant.setOpacity(1);
    EXPECT_EQ(paintOver(constant, camera, QSize(30, 10)).pixel(15, 5),
              RasterOverlay::colourAt(ColourMap::Viridis, 1.0));
    // Colour maps run dark to light (viridis and inferno are perceptually ordered).
    for (ColourMap map : {ColourMap::Viridis, ColourMap::Inferno})
        EXPECT_LT(qGray(RasterOverlay::colourAt(map, 0)), qGray(RasterOverlay::colourAt(map, 1)));
}

TEST(RasterOverlay, TheDefaultRangeIgnoresAFewExtremeCells) {
    PluginRaster r;
    r.width = 100;
    r.height = 100;
    r.level0PixelsPerPixel = 1;
    for (int i = 0; i < 10000; ++i)
        r.values.push_back(float(i % 100) / 100.0f); // 0 .. 0.99, evenly
    r.values[0] = 50.0f;                             // one artefact
    RasterOverlay overlay;
    overlay.addTile(r);
    EXPECT_EQ(overlay.valuesSeen()->second, 50.0);
    const auto [low, high] = overlay.valueRange();
    EXPECT_NEAR(low, 0.01, 0.011);
    EXPECT_NEAR(high, 0.98, 0.011); // not 50: the rest keeps its colours
    // A fixed range wins; clearing it returns to the percentiles.
    overlay.setValueRange(std::pair(0.0, 2.0));
    EXPECT_EQ(overlay.valueRange(), std::pair(0.0, 2.0));
    overlay.setValueRange(std::nullopt);
    EXPECT_NEAR(overlay.valueRange().second, 0.98, 0.011);
}

TEST(RasterOverlay, ALargeRasterIsCutIntoChunksWithoutLosingACell) {
    PluginRaster r;
    r.width = 1300;
    r.height = 700;
    r.originX = 100;
    r.originY = 200;
    r.level0PixelsPerPixel = 2;
    for (int i = 0; i < r.width * r.height; ++i)
        r.values.push_back(float(i % 1000));
    r.values[size_t(5 * r.width + 7)] = std::nanf("");
    RasterOverlay overlay;
    overlay.addTile(r);
    EXPECT_EQ(overlay.tiles().size(), 6u); // 3 x 2 chunks of at most 512 cells a side
    EXPECT_EQ(overlay.bounds(), QRectF(100, 200, 2600, 1400));
    for (const auto& [col, row] : {std::pair{0, 0}, std::pair{511, 511}, std::pair{512, 0},
                                   std::pair{1299, 699}, std::pair{1024, 600}}) {
        const auto v = overlay.valueAt(100 + 2 * col + 1, 200 + 2 * row + 1);
        ASSERT_TRUE(v) << col << "," << row;
        EXPECT_EQ(*v, r.values[size_t(row * r.width + col)]);
    }
    EXPECT_EQ(overlay.valueAt(100 + 2 * 7 + 1, 200 + 2 * 5 + 1), std::nullopt);
    EXPECT_EQ(overlay.valueAt(99, 300), std::nullopt);
}

TEST(RasterOverlay, TilesOfAnotherKindOrWithoutTheirValuesAreRefused) {
    RasterOverlay overlay(PluginRaster::Kind::Continuous);
    EXPECT_THROW(overlay.addTile(checkerboard(2, 0, 0)), Error);
    PluginRaster shortOne;
    shortOne.width = shortOne.height = 3;
    shortOne.values = {1, 2};
    EXPECT_THROW(overlay.addTile(shortOne), Error);
    EXPECT_TRUE(overlay.empty());
    EXPECT_EQ(RasterOverlay::fromName(QStringLiteral("inferno")), ColourMap::Inferno);
    EXPECT_EQ(RasterOverlay::fromName(QStringLiteral("rainbow")), std::nullopt);
}
