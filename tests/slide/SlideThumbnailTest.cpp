#include "TestSupport.h"

#include <lamina/core/ImageScaling.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/SlideThumbnail.h>

#include <gtest/gtest.h>

using namespace lamina;

TEST(SlideThumbnail, KeepsTheAspectRatioAndFitsTheBox) {
    SyntheticSlideOptions o;
    o.width = 3000;
    o.height = 1200;
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
    const RgbaImage thumb = renderThumbnail(*slide, 500);
    EXPECT_EQ(thumb.width(), 500);
    EXPECT_EQ(thumb.height(), 200);
}

TEST(SlideThumbnail, NeverEnlarges) {
    SyntheticSlideOptions o;
    o.width = 300;
    o.height = 200;
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
    const RgbaImage thumb = renderThumbnail(*slide, 4000);
    EXPECT_EQ(thumb.width(), 300);
    EXPECT_EQ(thumb.height(), 200);
}

TEST(SlideThumbnail, MatchesADirectDownscaleOfTheLevel) {
    SyntheticSlideOptions o;
    o.width = 2048;
    o.height = 1536;
    o.levelStep = 2;
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
    const RgbaImage thumb = renderThumbnail(*slide, 256); // downsample 8, from level 1 (ds 2)
    const int level = slide->bestLevelForDownsample(8.0);
    const LevelInfo& l = slide->level(level);
    const RgbaImage whole = slide->readRegion(level, 0, 0, int32_t(l.width), int32_t(l.height));
    const RgbaImage reference = scaleArea(whole, thumb.width(), thumb.height());
    EXPECT_LE(test::compareImages(thumb, reference).max, 2)
        << "banded reading must not change the result";
}
