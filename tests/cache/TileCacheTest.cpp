#include <lamina/cache/TileCache.h>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace lamina;

namespace {

constexpr uint64_t kTileBytes = 64 * 64 * 4 + sizeof(RgbaImage);

RgbaImage tile(uint8_t shade = 0) {
    return RgbaImage(64, 64, opaqueRgb(shade, shade, shade));
}

TileKey key(int64_t col, uint64_t slide = 1, int32_t level = 0) {
    return {slide, level, col, 0};
}

} // namespace

TEST(TileCache, FindsWhatWasInserted) {
    TileCache cache(10 * kTileBytes);
    cache.insert(key(1), tile(7));
    const TileImage found = cache.find(key(1));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->pixel(0, 0), opaqueRgb(7, 7, 7));
    EXPECT_FALSE(cache.find(key(2)));
    EXPECT_FALSE(cache.find(key(1, /*slide=*/2)));
    EXPECT_FALSE(cache.find(key(1, 1, /*level=*/1)));
    const auto s = cache.stats();
    EXPECT_EQ(s.hits, 1u);
    EXPECT_EQ(s.misses, 3u);
    EXPECT_EQ(s.bytes, kTileBytes);
}

TEST(TileCache, EvictsTheLeastRecentlyUsedTileFirst) {
    TileCache cache(3 * kTileBytes);
    cache.insert(key(1), tile());
    cache.insert(key(2), tile());
    cache.insert(key(3), tile());
    cache.find(key(1)); // 1 is now the most recent; 2 is the oldest
    cache.insert(key(4), tile());
    EXPECT_TRUE(cache.contains(key(1)));
    EXPECT_FALSE(cache.contains(key(2)));
    EXPECT_TRUE(cache.contains(key(3)));
    EXPECT_TRUE(cache.contains(key(4)));
    EXPECT_EQ(cache.stats().evictions, 1u);
    EXPECT_LE(cache.stats().bytes, 3 * kTileBytes);
}

TEST(TileCache, PeekDoesNotRefreshTheTile) {
    TileCache cache(2 * kTileBytes);
    cache.insert(key(1), tile());
    cache.insert(key(2), tile());
    EXPECT_TRUE(cache.peek(key(1)));
    cache.insert(key(3), tile());
    EXPECT_FALSE(cache.contains(key(1)));
    EXPECT_EQ(cache.stats().hits + cache.stats().misses, 0u);
}

TEST(TileCache, EvictedTileStaysValidWhileHeld) {
    TileCache cache(1 * kTileBytes);
    cache.insert(key(1), tile(42));
    const TileImage held = cache.find(key(1));
    cache.insert(key(2), tile());
    EXPECT_FALSE(cache.contains(key(1)));
    ASSERT_TRUE(held);
    EXPECT_EQ(held->pixel(63, 63), opaqueRgb(42, 42, 42));
}

TEST(TileCache, PinnedTilesAreNeverEvicted) {
    TileCache cache(2 * kTileBytes);
    cache.insert(key(100), tile(), /*pinned=*/true);
    for (int64_t i = 0; i < 50; ++i)
        cache.insert(key(i), tile());
    EXPECT_TRUE(cache.contains(key(100)));
    EXPECT_EQ(cache.stats().pinnedBytes, kTileBytes);
    EXPECT_LE(cache.stats().bytes, 2 * kTileBytes);
}

TEST(TileCache, RemovingASlideDropsOnlyItsTiles) {
    TileCache cache(100 * kTileBytes);
    cache.insert(key(1, 1), tile());
    cache.insert(key(2, 1), tile(), true);
    cache.insert(key(1, 2), tile());
    cache.removeSlide(1);
    EXPECT_FALSE(cache.contains(key(1, 1)));
    EXPECT_FALSE(cache.contains(key(2, 1)));
    EXPECT_TRUE(cache.contains(key(1, 2)));
    EXPECT_EQ(cache.stats().bytes, kTileBytes);
    EXPECT_EQ(cache.stats().pinnedBytes, 0u);
}

TEST(TileCache, ReplacingATileKeepsTheAccountingRight) {
    TileCache cache(10 * kTileBytes);
    cache.insert(key(1), tile(1));
    cache.insert(key(1), tile(2), true);
    EXPECT_EQ(cache.stats().entries, 1u);
    EXPECT_EQ(cache.stats().bytes, kTileBytes);
    EXPECT_EQ(cache.stats().pinnedBytes, kTileBytes);
    EXPECT_EQ(cache.find(key(1))->pixel(0, 0), opaqueRgb(2, 2, 2));
}

TEST(TileCache, ShrinkingTheBudgetEvictsAtOnce) {
    TileCache cache(10 * kTileBytes);
    for (int64_t i = 0; i < 10; ++i)
        cache.insert(key(i), tile());
    cache.setBudgetBytes(4 * kTileBytes);
    EXPECT_LE(cache.stats().bytes, 4 * kTileBytes);
    EXPECT_TRUE(cache.contains(key(9)));
    EXPECT_FALSE(cache.contains(key(0)));
}

TEST(TileCache, DefaultBudgetIsAnEighthOfMemoryWithinBounds) {
    const uint64_t budget = TileCache::defaultBudgetBytes();
    EXPECT_GE(budget, 256ull << 20);
    EXPECT_LE(budget, 4ull << 30);
}

TEST(TileCache, StaysWithinBudgetUnderConcurrentLoad) {
    const uint64_t budget = 40 * kTileBytes;
    TileCache cache(budget);
    std::atomic<uint64_t> worstBytes{0}, lookups{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int64_t i = 0; i < 2000; ++i) {
                const TileKey k = key((i * 7 + t * 13) % 200, uint64_t(t % 3));
                ++lookups;
                if (TileImage found = cache.find(k)) {
                    EXPECT_EQ(found->width(), 64);
                } else {
                    cache.insert(k, tile(uint8_t(i)));
                    // Looked up again at once: a hit unless 40 inserts of other threads
                    // slipped in between. (Whether the first lookups hit depends on how the
                    // threads happen to be scheduled: on a loaded 2-core machine none did.)
                    ++lookups;
                    if (TileImage again = cache.find(k)) {
                        EXPECT_EQ(again->width(), 64);
                    }
                }
                const uint64_t now = cache.stats().bytes;
                uint64_t seen = worstBytes.load();
                while (now > seen && !worstBytes.compare_exchange_weak(seen, now)) {
                }
            }
        });
    for (auto& th : threads)
        th.join();
    EXPECT_LE(worstBytes.load(), budget);
    const auto s = cache.stats();
    EXPECT_EQ(s.hits + s.misses, lookups.load());
    EXPECT_GT(s.hits, 0u);
}
