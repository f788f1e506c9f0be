// The fast TIFF path must be indistinguishable from OpenSlide except by speed: every tile of
// every level, aligned and unaligned regions, metadata and associated images.

#include "TestSupport.h"

#include <lamina/core/ThreadPool.h>
#include <lamina/slide/FormatRegistry.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

using namespace lamina;
namespace fs = std::filesystem;

namespace {

// Compares every tile of every level with openslide_read_region of the same rectangle.
// Exact where the level's downsample is a whole number. Where it is not (e.g. 1333 -> 667),
// OpenSlide can only be asked for a region starting at a whole level-0 pixel, which falls
// between level pixels, and it resamples; there the fast path (which returns the stored tile
// exactly) may differ by interpolation only.
void expectEveryTileEqualsOpenSlide(const fs::path& path) {
    const auto slide = FormatRegistry::standard().open(path.string());
    ASSERT_EQ(slide->metadata().backend, "tiff") << path;
    const auto osr = test::openWithOpenSlide(path);
    ASSERT_TRUE(osr);
    for (int level = 0; level < slide->levelCount(); ++level) {
        const LevelInfo& l = slide->level(level);
        for (int64_t row = 0; row < l.tilesDown(); ++row)
            for (int64_t col = 0; col < l.tilesAcross(); ++col) {
                const RgbaImage ours = slide->readTile(level, col, row);
                std::vector<uint32_t> theirs(size_t(ours.width()) * size_t(ours.height()));
                openslide_read_region(osr.get(), theirs.data(),
                                      int64_t(double(col * l.tileWidth) * l.downsample),
                                      int64_t(double(row * l.tileHeight) * l.downsample), level,
                                      ours.width(), ours.height());
                if (l.downsample == std::floor(l.downsample)) {
                    ASSERT_EQ(std::memcmp(ours.data(), theirs.data(), theirs.size() * 4), 0)
                        << path.filename() << " level " << level << " tile " << col << "," << row;
                } else {
                    RgbaImage reference(ours.width(), ours.height());
                    std::memcpy(reference.data(), theirs.data(), theirs.size() * 4);
                    // Compare away from the tile's right and bottom edge, where OpenSlide's
                    // sub-pixel shift pulls in the next tile or transparency.
                    const RgbaImage a = ours.copy(0, 0, ours.width() - 2, ours.height() - 2);
                    const RgbaImage b = reference.copy(0, 0, ours.width() - 2, ours.height() - 2);
                    ASSERT_LT(test::compareImages(a, b).mean, 3.0)
                        << path.filename() << " level " << level << " tile " << col << "," << row;
                }
            }
    }
}

std::vector<fs::path> fastPathRealSlides() {
    std::vector<fs::path> files;
    for (const auto& f : test::openSlideReadableFiles())
        if (FormatRegistry::standard().open(f.string())->metadata().backend == "tiff")
            files.push_back(f);
    return files;
}

} // namespace

TEST(TiffSlideSource, RealJpegSlidesTileForTileEqualOpenSlide) {
    LAMINA_REQUIRE_TEST_SLIDES();
    const auto files = fastPathRealSlides();
    EXPECT_GE(files.size(), 2u) << "CMU-1-Small-Region.svs and openslide-python-small.svs";
    for (const auto& f : files)
        expectEveryTileEqualsOpenSlide(f);
}

TEST(TiffSlideSource, SyntheticSlidesTileForTileEqualOpenSlide) {
    SyntheticSlideOptions o;
    o.width = 3000;
    o.height = 2100;
    expectEveryTileEqualsOpenSlide(test::synthesizedSlide(o));
    o.pattern = SyntheticSlideOptions::Pattern::Grid;
    o.tileSize = 240;
    o.levelStep = 2;
    o.width = 2500;
    o.height = 1333;
    expectEveryTileEqualsOpenSlide(test::synthesizedSlide(o));
}

TEST(TiffSlideSource, OtherCompressionsStayWithOpenSlide) {
    LAMINA_REQUIRE_TEST_SLIDES();
    const fs::path dir = *test::testSlidesDir();
    EXPECT_EQ(FormatRegistry::standard()
                  .open((dir / "aperio" / "tcga-cr-7395-01a-01-ts1.svs").string())
                  ->metadata()
                  .backend,
              "openslide"); // JPEG 2000
    EXPECT_EQ(FormatRegistry::standard()
                  .open((dir / "generic-tiff" / "openslide-python-boxes.tiff").string())
                  ->metadata()
                  .backend,
              "openslide"); // deflate
}

TEST(TiffSlideSource, RegionsAlignedOrNotEqualOpenSlide) {
    SyntheticSlideOptions o;
    o.width = 5000;
    o.height = 3000;
    o.seed = 9;
    const fs::path path = test::synthesizedSlide(o);
    const auto slide = FormatRegistry::standard().open(path.string());
    ASSERT_EQ(slide->metadata().backend, "tiff");
    const auto osr = test::openWithOpenSlide(path);
    const int64_t places[][3] = {{0, 0, 0},      {0, 1000, 700},  {0, 4900, 2950},
                                 {0, -100, -50}, {1, 4000, 2000}, {1, 4002, 2001},
                                 {1, 1233, 777}, {2, 0, 0},       {0, 6000, 100}};
    for (const auto& p : places) {
        const RgbaImage ours = slide->readRegion(int(p[0]), p[1], p[2], 300, 200);
        std::vector<uint32_t> theirs(300 * 200);
        openslide_read_region(osr.get(), theirs.data(), p[1], p[2], int32_t(p[0]), 300, 200);
        EXPECT_EQ(std::memcmp(ours.data(), theirs.data(), theirs.size() * 4), 0)
            << "level " << p[0] << " at " << p[1] << "," << p[2];
    }
}

TEST(TiffSlideSource, EightThreadsReadTheSamePixelsAsOne) {
    SyntheticSlideOptions o;
    o.width = 4000;
    o.height = 3000;
    o.seed = 3;
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
    ASSERT_EQ(slide->metadata().backend, "tiff");
    const LevelInfo& l = slide->level(0);
    const auto tiles = size_t(l.tilesAcross() * l.tilesDown());
    std::vector<RgbaImage> serial(tiles), parallel(tiles);
    for (size_t i = 0; i < tiles; ++i)
        serial[i] = slide->readTile(0, int64_t(i) % l.tilesAcross(), int64_t(i) / l.tilesAcross());
    ThreadPool pool(8);
    pool.parallelFor(tiles * 3, [&](size_t k) { // each tile three times, in any order
        const size_t i = (k * 7919) % tiles;
        RgbaImage t =
            slide->readTile(0, int64_t(i) % l.tilesAcross(), int64_t(i) / l.tilesAcross());
        if (k < tiles)
            parallel[i] = std::move(t);
    });
    for (size_t i = 0; i < tiles; ++i) {
        ASSERT_FALSE(parallel[i].isNull()) << "tile " << i;
        ASSERT_EQ(parallel[i], serial[i]) << "tile " << i;
    }
}
