#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/core/ImageScaling.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/synthetic/GridPattern.h>
#include <lamina/slide/synthetic/SyntheticSlideWriter.h>

#include <gtest/gtest.h>
#include <openslide.h>

#include <cmath>
#include <fstream>

using namespace lamina;
using lamina::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string property(openslide_t* osr, const char* name) {
    const char* v = openslide_get_property_value(osr, name);
    return v ? v : "";
}

std::vector<char> fileBytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST(SyntheticSlideWriter, OpenSlideReadsItAsAnAperioSlide) {
    TempDir dir;
    SyntheticSlideOptions o;
    o.output = dir / "tissue.svs";
    o.width = 5000;
    o.height = 4200;
    o.mpp = 0.2527;
    o.objectivePower = 40;
    const auto report = writeSyntheticSlide(o);

    const auto osr = test::openWithOpenSlide(o.output);
    ASSERT_TRUE(osr);
    ASSERT_EQ(openslide_get_error(osr.get()), nullptr);
    EXPECT_EQ(property(osr.get(), OPENSLIDE_PROPERTY_NAME_VENDOR), "aperio");
    EXPECT_DOUBLE_EQ(std::stod(property(osr.get(), OPENSLIDE_PROPERTY_NAME_MPP_X)), 0.2527);
    EXPECT_EQ(property(osr.get(), OPENSLIDE_PROPERTY_NAME_OBJECTIVE_POWER), "40");
    // 4x steps until the level fits in 1024: 5000 -> 1250 -> 313.
    ASSERT_EQ(openslide_get_level_count(osr.get()), 3);
    ASSERT_EQ(report.levels.size(), 3u);
    const int64_t expected[3][2] = {{5000, 4200}, {1250, 1050}, {313, 263}};
    for (int i = 0; i < 3; ++i) {
        int64_t w = 0, h = 0;
        openslide_get_level_dimensions(osr.get(), i, &w, &h);
        EXPECT_EQ(w, expected[i][0]);
        EXPECT_EQ(h, expected[i][1]);
        EXPECT_EQ(
            property(osr.get(), ("openslide.level[" + std::to_string(i) + "].tile-width").c_str()),
            "256");
    }
    std::vector<std::string> names;
    for (auto n = openslide_get_associated_image_names(osr.get()); *n; ++n)
        names.emplace_back(*n);
    EXPECT_EQ(names, (std::vector<std::string>{"label", "macro", "thumbnail"}));
    int64_t lw = 0, lh = 0;
    openslide_get_associated_image_dimensions(osr.get(), "label", &lw, &lh);
    EXPECT_EQ(lw, 400);
    EXPECT_EQ(lh, 400);
    EXPECT_FALSE(fs::exists(dir / ".tissue.svs.partial"));
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1)
        << "no temporary file may be left behind";
}

TEST(SyntheticSlideWriter, GridTilesLandWhereTheyBelongOnEveryLevel) {
    SyntheticSlideOptions o;
    o.width = 4100; // not a multiple of the tile: edge tiles are partial
    o.height = 2900;
    o.pattern = SyntheticSlideOptions::Pattern::Grid;
    o.levelStep = 2;
    o.quality = 90;
    const fs::path path = test::synthesizedSlide(o);
    const auto osr = test::openWithOpenSlide(path);
    ASSERT_TRUE(osr);
    const int levels = openslide_get_level_count(osr.get());
    ASSERT_EQ(levels, 4); // 4100, 2050, 1025, 513
    int checked = 0;
    for (int level = 0; level < levels; ++level) {
        int64_t w = 0, h = 0;
        openslide_get_level_dimensions(osr.get(), level, &w, &h);
        const double ds = openslide_get_level_downsample(osr.get(), level);
        for (int64_t row = 0; (row + 1) * 256 <= h; ++row)
            for (int64_t col = 0; (col + 1) * 256 <= w; ++col) {
                RgbaImage tile(256, 256);
                openslide_read_region(osr.get(), tile.data(), int64_t(col * 256 * ds),
                                      int64_t(row * 256 * ds), level, 256, 256);
                const auto code = GridPattern::decode(tile, 0, 0, 256);
                ASSERT_TRUE(code);
                EXPECT_EQ(*code, (GridTileCode{level, col, row}));
                ++checked;
            }
    }
    EXPECT_EQ(checked, 16 * 11 + 8 * 5 + 4 * 2 + 2 * 1);
}

TEST(SyntheticSlideWriter, SameOptionsGiveTheSameBytesAndSeedsDiffer) {
    TempDir a, b;
    SyntheticSlideOptions o;
    o.width = 1800;
    o.height = 1300;
    o.output = a / "s.svs";
    writeSyntheticSlide(o);
    o.output = b / "s.svs";
    o.threads = 1; // thread count must not change the output
    writeSyntheticSlide(o);
    EXPECT_EQ(fileBytes(a / "s.svs"), fileBytes(b / "s.svs"));
    o.seed = 2;
    o.output = b / "s.svs";
    writeSyntheticSlide(o);
    EXPECT_NE(fileBytes(a / "s.svs"), fileBytes(b / "s.svs"));
}

TEST(SyntheticSlideWriter, TissuePatternLooksLikeHAndE) {
    SyntheticSlideOptions o;
    o.width = 6000;
    o.height = 4000;
    o.seed = 7;
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
    // Over the whole slide (coarsest level): glass and tissue both present.
    const int coarse = slide->levelCount() - 1;
    const auto& l = slide->level(coarse);
    const RgbaImage overview = slide->readRegion(coarse, 0, 0, int32_t(l.width), int32_t(l.height));
    size_t glass = 0, pink = 0, purple = 0;
    auto classify = [&](uint32_t p) {
        const int r = redOf(p), g = greenOf(p), b = blueOf(p);
        if (r > 235 && g > 235 && b > 230)
            ++glass;
        else if (r > 180 && r > g + 30 && b > g)
            ++pink; // eosin: red and blue above green
        else if (b > r && r > g && r < 160)
            ++purple; // haematoxylin-stained nuclei
    };
    for (int y = 0; y < overview.height(); ++y)
        for (int x = 0; x < overview.width(); ++x)
            classify(overview.pixel(x, y));
    const double total = double(overview.width()) * overview.height();
    EXPECT_GT(glass / total, 0.15) << "some background glass";
    EXPECT_GT(pink / total, 0.2) << "tissue";
    // At full resolution in tissue: nuclei appear as purple pixels.
    glass = pink = purple = 0;
    const RgbaImage detail = slide->readRegion(0, 2600, 1800, 800, 400);
    for (int y = 0; y < detail.height(); ++y)
        for (int x = 0; x < detail.width(); ++x)
            classify(detail.pixel(x, y));
    EXPECT_GT(purple, 500u) << "nuclei";
    EXPECT_GT(pink, 100000u) << "stroma";
}

TEST(SyntheticSlideWriter, LowerLevelsAreDownsampledFromLevelZero) {
    SyntheticSlideOptions o;
    o.width = 4096;
    o.height = 3072;
    o.levelStep = 4;
    o.quality = 95;
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
    const RgbaImage fine = slide->readRegion(0, 1024, 1024, 1024, 1024);
    const RgbaImage coarse = slide->readRegion(1, 1024, 1024, 256, 256);
    const RgbaImage reference = scaleArea(fine, 256, 256);
    EXPECT_LT(test::compareImages(coarse, reference).mean, 4.0)
        << "mean difference per channel (JPEG twice)";
}

TEST(SyntheticSlideWriter, OddSizesAndSmallTilesWork) {
    TempDir dir;
    SyntheticSlideOptions o;
    o.output = dir / "odd.svs";
    o.width = 1100;
    o.height = 77;
    o.tileSize = 64;
    o.levelStep = 2;
    writeSyntheticSlide(o);
    const auto slide = FormatRegistry::standard().open(o.output.string());
    EXPECT_EQ(slide->dimensions(), (Size{1100, 77}));
    ASSERT_EQ(slide->levelCount(), 2); // 1100 -> 550 (< 1024: the last level)
    EXPECT_EQ(slide->level(1).height, 39);
    EXPECT_EQ(slide->level(0).tileWidth, 64);
}

TEST(SyntheticSlideWriter, BigTiffOutputOpens) {
    TempDir dir;
    SyntheticSlideOptions o;
    o.output = dir / "big.svs";
    o.width = 1200;
    o.height = 900;
    o.bigTiff = SyntheticSlideOptions::BigTiff::Yes;
    EXPECT_TRUE(writeSyntheticSlide(o).bigTiff);
    const auto bytes = fileBytes(o.output);
    ASSERT_GE(bytes.size(), 4u);
    EXPECT_EQ(bytes[2], 43); // BigTIFF version number
    const auto slide = FormatRegistry::standard().open(o.output.string());
    EXPECT_EQ(slide->metadata().vendor, "aperio");
}

TEST(SyntheticSlideWriter, RejectsBadOptionsNamingTheOption) {
    TempDir dir;
    auto messageFor = [&](auto change) {
        SyntheticSlideOptions o;
        o.output = dir / "x.svs";
        o.width = 100;
        o.height = 100;
        change(o);
        try {
            writeSyntheticSlide(o);
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(messageFor([](auto& o) { o.tileSize = 100; }).find("--tile"), std::string::npos);
    EXPECT_NE(messageFor([](auto& o) { o.quality = 0; }).find("--quality"), std::string::npos);
    EXPECT_NE(messageFor([](auto& o) { o.width = 0; }).find("--width"), std::string::npos);
    EXPECT_NE(messageFor([](auto& o) { o.levelStep = 3; }).find("--level-step"), std::string::npos);
    EXPECT_NE(messageFor([](auto& o) { o.mpp = -1; }).find("--mpp"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "x.svs"));
}

TEST(SyntheticSlideWriter, MissingOutputFolderFailsWithoutLeavingFiles) {
    TempDir dir;
    SyntheticSlideOptions o;
    o.output = dir / "missing-folder" / "x.svs";
    o.width = 100;
    o.height = 100;
    EXPECT_THROW(writeSyntheticSlide(o), Error);
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(SyntheticSlideWriter, ExistingFileIsReplacedOnlyOnSuccess) {
    TempDir dir;
    std::ofstream(dir / "keep.svs") << "previous content";
    SyntheticSlideOptions o;
    o.output = dir / "keep.svs";
    o.width = 100;
    o.height = 100;
    o.quality = 0; // invalid: must fail before touching the old file
    EXPECT_THROW(writeSyntheticSlide(o), Error);
    std::ifstream in(dir / "keep.svs");
    std::string content;
    std::getline(in, content);
    EXPECT_EQ(content, "previous content");
}
