// The result cache: an identical run takes every tile from it, a different one none, within its
// byte budget.

#include "PluginHostTestSupport.h"

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

TEST(PluginResultCache, AnIdenticalRunTakesEveryTileFromTheCacheAndADifferentOneNone) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    const auto cache = std::make_shared<PluginResultCache>();
    const auto runWith = [&](PluginRunRequest r, const std::shared_ptr<const PluginSlide>& on) {
        r.cache = cache;
        PluginRun run(e, on, r);
        EXPECT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
        return run.outcomes();
    };
    const auto fromCache = [](const std::vector<PluginTileOutcome>& outcomes) {
        return std::count_if(outcomes.begin(), outcomes.end(),
                             [](const PluginTileOutcome& o) { return o.fromCache; });
    };
    const auto first = runWith(request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000), slide);
    EXPECT_EQ(first.size(), 12u);
    EXPECT_EQ(fromCache(first), 0);
    EXPECT_EQ(cache->size(), 12u);
    const auto again = runWith(request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000), slide);
    EXPECT_EQ(fromCache(again), 12);
    EXPECT_EQ(cache->hits(), 12u);
    EXPECT_EQ(summedMeasurements(again), summedMeasurements(first));
    EXPECT_EQ(mosaicRasters(again)->values, mosaicRasters(first)->values);
    // Another parameter, another slide or another outline: computed afresh.
    EXPECT_EQ(fromCache(runWith(request(0, 0, 4000, 3000, QStringLiteral("ok"), 999), slide)), 0);
    const auto other = slideOf(test::synthesizedSlide(4000, 3000, 3));
    EXPECT_EQ(fromCache(runWith(request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000), other)), 0);
    PluginRunRequest outlined = request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000);
    outlined.outline = {{0, 0}, {4000, 0}, {0, 3000}};
    EXPECT_EQ(fromCache(runWith(outlined, slide)), 0);
}

TEST(PluginResultCache, StaysWithinItsByteBudgetDroppingTheLeastRecentlyUsed) {
    PluginResult result;
    PluginRaster& raster = result.raster.emplace();
    raster.width = raster.height = 64;
    raster.values.assign(64 * 64, 1.0f); // 16 KiB
    PluginResultCache cache(40 << 10);   // room for two such tiles
    const auto shared = std::make_shared<const PluginResult>(result);
    PluginTile tile;
    tile.width = tile.height = 100;
    for (int i = 0; i < 5; ++i) {
        tile.x = 100.0 * i;
        cache.insert("run", tile, shared);
    }
    EXPECT_LE(cache.bytes(), uint64_t(40 << 10));
    EXPECT_EQ(cache.size(), 2u);
    tile.x = 400;
    EXPECT_NE(cache.find("run", tile), nullptr); // the newest stays
    tile.x = 0;
    EXPECT_EQ(cache.find("run", tile), nullptr); // the oldest went
    EXPECT_EQ(cache.find("another run", tile), nullptr);
}

// --- jobs: several regions, whole tissue, cancel ------------------------------------------
