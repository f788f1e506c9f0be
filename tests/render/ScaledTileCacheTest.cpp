// Tiles shrunk once per on-screen size and reused; memory bounded; never sharing pixels with
// the tile cache's buffers (which may be freed while the shrunk copy is still drawn).

#include <lamina/render/ScaledTileCache.h>

#include <gtest/gtest.h>

using namespace lamina;

namespace {

QImage tileImage(int size, QRgb colour) {
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(colour);
    return image;
}

} // namespace

TEST(ScaledTileCache, ShrinksToTheAskedSizeAndKeepsFormatAndColour) {
    ScaledTileCache cache(1 << 20);
    const QImage shrunk = cache.scaled({1, 0, 0, 0}, tileImage(256, qRgb(200, 40, 90)), {128, 100});
    EXPECT_EQ(shrunk.size(), QSize(128, 100));
    EXPECT_EQ(shrunk.format(), QImage::Format_RGB32);
    EXPECT_EQ(shrunk.pixel(64, 50), qRgb(200, 40, 90));
}

TEST(ScaledTileCache, SecondRequestIsServedFromTheCache) {
    ScaledTileCache cache(1 << 20);
    const TileKey key{1, 2, 3, 4};
    const QImage first = cache.scaled(key, tileImage(256, qRgb(10, 20, 30)), {100, 100});
    // A different source for the same key and size is not even looked at: the shrunk copy
    // made the first time is returned (same pixel buffer).
    const QImage second = cache.scaled(key, tileImage(256, qRgb(250, 250, 250)), {100, 100});
    EXPECT_EQ(first.cacheKey(), second.cacheKey());
    EXPECT_EQ(cache.entries(), 1u);
    cache.scaled(key, tileImage(256, qRgb(10, 20, 30)), {101, 100}); // another size: a new entry
    EXPECT_EQ(cache.entries(), 2u);
}

TEST(ScaledTileCache, StaysWithinItsBudgetDroppingTheLeastRecentlyUsed) {
    const size_t oneEntry = 128 * 128 * 4;
    ScaledTileCache cache(3 * oneEntry);
    const QImage source = tileImage(256, qRgb(1, 2, 3));
    for (int64_t col = 0; col < 3; ++col)
        cache.scaled({1, 0, col, 0}, source, {128, 128});
    cache.scaled({1, 0, 0, 0}, source, {128, 128}); // touch tile 0: tile 1 is now the oldest
    cache.scaled({1, 0, 3, 0}, source, {128, 128});
    EXPECT_LE(cache.bytes(), 3 * oneEntry);
    EXPECT_EQ(cache.entries(), 3u);
    const QImage again = cache.scaled({1, 0, 0, 0}, tileImage(256, qRgb(9, 9, 9)), {128, 128});
    EXPECT_EQ(again.pixel(0, 0), qRgb(1, 2, 3)) << "tile 0 survived, being recently used";
    cache.scaled({1, 0, 1, 0}, tileImage(256, qRgb(9, 9, 9)), {128, 128});
    EXPECT_EQ(cache.scaled({1, 0, 1, 0}, source, {128, 128}).pixel(0, 0), qRgb(9, 9, 9))
        << "tile 1 was evicted and made again from the new source";
}

TEST(ScaledTileCache, SameSizeIsADeepCopyNotAViewOfTheSource) {
    ScaledTileCache cache(1 << 20);
    std::vector<uint32_t> pixels(64 * 64, 0xff102030u);
    const QImage view(reinterpret_cast<const uchar*>(pixels.data()), 64, 64, 64 * 4,
                      QImage::Format_RGB32);
    const QImage copy = cache.scaled({1, 0, 0, 0}, view, {64, 64});
    std::fill(pixels.begin(), pixels.end(), 0xffffffffu); // the tile cache reuses its buffer
    EXPECT_EQ(copy.pixel(10, 10), 0xff102030u);
}
