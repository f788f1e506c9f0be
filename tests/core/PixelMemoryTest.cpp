// PixelMemory: tile buffers are reused, never overlap, go back to the system past the retained
// budget, and stay correct when threads share the pool. Skipped where the pool is off
// (sanitizer builds, LAMINA_TILE_MEMORY=malloc): there every buffer is operator new's.
#include <lamina/core/PixelMemory.h>
#include <lamina/core/RgbaImage.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace lamina;

namespace {

constexpr size_t kTile = 256 * 256 * 4;

#define SKIP_UNLESS_POOLED()                                                                       \
    if (!PixelMemory::pooled(kTile))                                                               \
    GTEST_SKIP() << "the pixel pool is off in this build or by LAMINA_TILE_MEMORY"

// Restores the retained budget a test changed.
struct RetainedBudget {
    size_t saved = PixelMemory::retainedFreeBytes();
    ~RetainedBudget() { PixelMemory::setRetainedFreeBytes(saved); }
};

} // namespace

TEST(PixelMemory, OnlyTileSizedBuffersArePooled) {
    SKIP_UNLESS_POOLED();
    EXPECT_FALSE(PixelMemory::pooled(16 << 10));     // small: malloc does these well
    EXPECT_TRUE(PixelMemory::pooled(240 * 240 * 4)); // a DICOM tile
    EXPECT_TRUE(PixelMemory::pooled(512 * 512 * 4));
    EXPECT_FALSE(PixelMemory::pooled(1024 * 1024 * 4)); // larger than a slot may be
}

TEST(PixelMemory, AReleasedTileBufferIsTheNextOneOfItsSize) {
    SKIP_UNLESS_POOLED();
    void* first = PixelMemory::allocate(kTile);
    const auto before = PixelMemory::stats();
    PixelMemory::release(first, kTile);
    void* second = PixelMemory::allocate(kTile);
    EXPECT_EQ(second, first);
    EXPECT_EQ(PixelMemory::stats().reuses, before.reuses + 1);
    PixelMemory::release(second, kTile);
}

TEST(PixelMemory, BuffersOfMixedSizesNeverOverlapAndKeepTheirPixels) {
    SKIP_UNLESS_POOLED();
    std::mt19937 random(3);
    struct Buffer {
        std::byte* p;
        size_t bytes;
        std::byte value;
    };
    std::vector<Buffer> live;
    for (int step = 0; step < 600; ++step) {
        if (!live.empty() && random() % 3 == 0) { // release one at random
            const size_t i = random() % live.size();
            const Buffer b = live[i];
            for (size_t k = 0; k < b.bytes; k += 4093)
                ASSERT_EQ(b.p[k], b.value) << "a buffer was overwritten";
            ASSERT_EQ(b.p[b.bytes - 1], b.value);
            PixelMemory::release(b.p, b.bytes);
            live.erase(live.begin() + std::ptrdiff_t(i));
            continue;
        }
        const size_t bytes = (64 << 10) + random() % ((1 << 20) - (64 << 10) + 1);
        auto* p = static_cast<std::byte*>(PixelMemory::allocate(bytes));
        const auto value = std::byte(step & 0xff);
        std::memset(p, int(value), bytes);
        live.push_back({p, bytes, value});
    }
    std::sort(live.begin(), live.end(), [](auto& a, auto& b) { return a.p < b.p; });
    for (size_t i = 1; i < live.size(); ++i)
        EXPECT_LE(live[i - 1].p + live[i - 1].bytes, live[i].p);
    for (const Buffer& b : live) {
        EXPECT_EQ(b.p[0], b.value);
        EXPECT_EQ(b.p[b.bytes - 1], b.value);
        PixelMemory::release(b.p, b.bytes);
    }
}

TEST(PixelMemory, WhollyFreeChunksBeyondTheRetainedBudgetGoBackToTheSystem) {
    SKIP_UNLESS_POOLED();
    RetainedBudget restore;
    PixelMemory::setRetainedFreeBytes(0);
    const auto before = PixelMemory::stats();
    // 40 buffers of the 208 KiB class, nine a chunk: they fill at least five chunks.
    const size_t bytes = 200 * 1024 + 1;
    std::vector<void*> tiles;
    for (int i = 0; i < 40; ++i)
        tiles.push_back(PixelMemory::allocate(bytes));
    const auto during = PixelMemory::stats();
    EXPECT_EQ(during.bytesInUse, before.bytesInUse + 40 * 208 * 1024);
    for (void* t : tiles)
        PixelMemory::release(t, bytes);
    const auto after = PixelMemory::stats();
    EXPECT_LE(after.chunks + 5, during.chunks); // every chunk they held was unmapped
    EXPECT_EQ(after.bytesInUse, before.bytesInUse);
}

TEST(PixelMemory, ChunksAreAdvisedAsHugePagesWhereTheKernelOffersThem) {
    SKIP_UNLESS_POOLED();
    std::string setting;
    std::getline(std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled"), setting);
    if (setting.empty() || setting.find("[never]") != std::string::npos)
        GTEST_SKIP() << "transparent huge pages are off on this machine: '" << setting << "'";
    RgbaImage tile(256, 256, UninitializedPixels{});
    EXPECT_TRUE(PixelMemory::stats().hugePagesAdvised);
}

TEST(PixelMemory, ImagesCopiedAndMovedAcrossThreadsStayIntact) {
    SKIP_UNLESS_POOLED();
    // Decoder threads allocate, the GUI thread frees: two threads trading images.
    std::vector<std::thread> threads;
    std::atomic<int> damaged{0};
    for (int t = 0; t < 2; ++t)
        threads.emplace_back([t, &damaged] {
            std::vector<RgbaImage> kept;
            for (int i = 0; i < 300; ++i) {
                RgbaImage image(240 + (i % 3) * 8, 256, uint32_t(t * 1000 + i));
                RgbaImage copy = image;
                kept.push_back(std::move(copy));
                if (kept.size() > 20)
                    kept.erase(kept.begin());
                for (const RgbaImage& k : kept)
                    if (k.pixel(k.width() - 1, k.height() - 1) != k.pixel(0, 0))
                        ++damaged;
            }
        });
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(damaged.load(), 0);
}
