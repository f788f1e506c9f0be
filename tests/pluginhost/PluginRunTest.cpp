// Runs cut regions into tiles, skip tiles outside the outline, survive plugins that throw, return
// garbage or hang; raster tiles are laid on one grid and written as a float TIFF.

#include "PluginHostTestSupport.h"

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

TEST(PluginRun, RegionIsCutIntoTilesAndTilesOutsideTheOutlineAreSkipped) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    PluginRun whole(e, slide, request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000));
    ASSERT_EQ(whole.wait(), PluginRun::State::Finished) << whole.error();
    EXPECT_EQ(whole.tileCount(), 12u);
    EXPECT_EQ(whole.outcomes().size(), 12u);
    EXPECT_EQ(summedMeasurements(whole.outcomes()).at("tiles"), 12);
    // A triangle over the top-left corner: only tiles touching it run.
    PluginRunRequest r = request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000);
    r.outline = {{0, 0}, {2500, 0}, {0, 1500}};
    PluginRun part(e, slide, r);
    ASSERT_EQ(part.wait(), PluginRun::State::Finished);
    EXPECT_EQ(part.tileCount(), 4u); // (0,0) (1,0) (2,0) (0,1)
    const AnnotationDocument doc = featuresAsAnnotations(e.description, part.outcomes());
    ASSERT_EQ(doc.layers.front().annotations.size(), 4u);
    EXPECT_EQ(doc.layers.front().annotations[0].className, "Centre");
    EXPECT_NE(doc.layers.front().annotations[0].foreign.properties.find("\"score\":0.75"),
              std::string::npos);
    // The most central tile comes first.
    EXPECT_EQ(whole.outcomes().size(), 12u);
}

TEST(PluginRun, PluginsThatThrowOrReturnGarbageFailTheRunWithTheCause) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    for (const auto& [mode, needle] : std::vector<std::pair<QString, std::string>>{
             {QStringLiteral("throw"), "the model file is damaged"},
             {QStringLiteral("wrong-size"), "4 x 4 with 5 values"},
             {QStringLiteral("nan"), "NaN"},
             {QStringLiteral("bad-score"), "score outside"}}) {
        PluginRun run(e, slide, request(0, 0, 4000, 3000, mode));
        EXPECT_EQ(run.wait(), PluginRun::State::Failed) << mode.toStdString();
        EXPECT_NE(run.error().find(needle), std::string::npos) << run.error();
        EXPECT_NE(run.error().find("plugin test-behaviour, tile "), std::string::npos);
    }
    // The host is unharmed: the next run works.
    PluginRun ok(e, slide, request(0, 0, 4000, 3000, QStringLiteral("ok")));
    EXPECT_EQ(ok.wait(), PluginRun::State::Finished) << ok.error();
}

TEST(PluginRun, CancelStopsACooperativePluginAndStopsAHungOneWithinASecond) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    {
        PluginRun run(e, slide, request(0, 0, 4000, 3000, QStringLiteral("slow")));
        const auto start = steady_clock::now();
        run.cancel();
        EXPECT_EQ(run.wait(), PluginRun::State::Cancelled);
        EXPECT_LT(steady_clock::now() - start, seconds(1));
    }
    PluginRunRequest r = request(0, 0, 4000, 3000, QStringLiteral("hang"));
    r.cancelGrace = milliseconds(300);
    PluginRun run(e, slide, r);
    std::this_thread::sleep_for(milliseconds(50));
    const auto start = steady_clock::now();
    run.cancel();
    EXPECT_EQ(run.wait(), PluginRun::State::Failed);
    EXPECT_LT(steady_clock::now() - start, seconds(1));
    EXPECT_NE(run.error().find("did not stop within 300 ms of being cancelled; its process was "
                               "stopped"),
              std::string::npos)
        << run.error();
}

TEST(PluginRaster, TilesAreLaidOnOneGridWrittenAsFloatTiffAndReadBack) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    PluginRunRequest r = request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000);
    r.outline = {{0, 0}, {2500, 0}, {0, 1500}}; // 4 of the 12 tiles
    PluginRun run(e, slide, r);
    ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
    const auto mosaic = mosaicRasters(run.outcomes());
    ASSERT_TRUE(mosaic);
    EXPECT_EQ(mosaic->level0PixelsPerPixel, 250); // 1000-pixel tiles, 4 raster pixels each
    EXPECT_EQ(mosaic->width, 12);                 // tiles at columns 0..2
    EXPECT_EQ(mosaic->height, 8);                 // rows 0..1
    EXPECT_EQ(mosaic->values[0], 0.5f);           // tile (0, 0)
    EXPECT_TRUE(std::isnan(mosaic->values[size_t(7 * 12 + 11)])); // tile (2, 1): skipped
    test::TempDir dir;
    writeRasterTiff(*mosaic, e.description, slide->micronsPerPixel(), dir / "r.tif");
    const PluginRaster back = readRasterTiff(dir / "r.tif");
    EXPECT_EQ(back.width, 12);
    EXPECT_EQ(back.height, 8);
    EXPECT_EQ(back.level0PixelsPerPixel, 250);
    for (size_t i = 0; i < back.values.size(); ++i)
        EXPECT_TRUE(back.values[i] == mosaic->values[i] ||
                    (std::isnan(back.values[i]) && std::isnan(mosaic->values[i])))
            << i;
    // Files that are not overlay rasters are refused, naming the file.
    std::string what;
    EXPECT_EQ(kindOf([&] { readRasterTiff(test::synthesizedSlide(4000, 3000, 2)); }, &what),
              ErrorKind::Corrupt);
    EXPECT_NE(what.find("not a Lamina overlay raster"), std::string::npos) << what;
    { std::ofstream(dir / "cut.tif") << "II*\0garbage"; }
    EXPECT_EQ(kindOf([&] { readRasterTiff(dir / "cut.tif"); }, &what), ErrorKind::Corrupt);
    EXPECT_NE(what.find("cut.tif"), std::string::npos);
}
