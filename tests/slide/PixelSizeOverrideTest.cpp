// A pixel size entered by the user for a slide whose file states none: the same pixels and
// id, the entered scale, marked as user-entered, kept across pyramid choices.

#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/PixelSizeOverride.h>

#include <gtest/gtest.h>
#include <openslide.h>

#include <cmath>

using namespace lamina;

namespace {

// A synthetic slide that states no scale, as some real scans do (mpp 0, no AppMag).
std::filesystem::path slideWithoutScale() {
    SyntheticSlideOptions o;
    o.width = 3000;
    o.height = 2000;
    o.seed = 81;
    o.mpp = 0;
    o.objectivePower = 0;
    return test::synthesizedSlide(o);
}

} // namespace

TEST(PixelSizeOverride, SyntheticSlideCanStateNoScale) {
    const auto slide = FormatRegistry::standard().open(slideWithoutScale().string());
    EXPECT_FALSE(slide->metadata().mppX);
    EXPECT_FALSE(slide->metadata().objectivePower);
    EXPECT_FALSE(slide->metadata().mppUserEntered);
    const auto osr = test::openWithOpenSlide(slideWithoutScale());
    ASSERT_TRUE(osr);
    EXPECT_EQ(openslide_get_property_value(osr.get(), OPENSLIDE_PROPERTY_NAME_MPP_X), nullptr);
}

TEST(PixelSizeOverride, GivesTheEnteredScaleAndTheSamePixelsAndId) {
    const std::shared_ptr<const SlideSource> slide =
        FormatRegistry::standard().open(slideWithoutScale().string());
    const PixelSizeOverride overridden(slide, 0.4);
    EXPECT_EQ(*overridden.metadata().mppX, 0.4);
    EXPECT_EQ(*overridden.metadata().mppY, 0.4);
    EXPECT_TRUE(overridden.metadata().mppUserEntered);
    EXPECT_EQ(overridden.id(), slide->id()) << "tiles and annotations stay the slide's";
    EXPECT_EQ(overridden.location(), slide->location());
    EXPECT_EQ(overridden.readRegion(1, 400, 300, 120, 90), slide->readRegion(1, 400, 300, 120, 90));
    EXPECT_EQ(overridden.readTile(0, 2, 1), slide->readTile(0, 2, 1));
    EXPECT_EQ(overridden.readAssociated("label").width(), slide->readAssociated("label").width());
    EXPECT_EQ(overridden.originalPtr(), slide);
}

TEST(PixelSizeOverride, RefusesAbsurdSizesNamingTheSlide) {
    const std::shared_ptr<const SlideSource> slide =
        FormatRegistry::standard().open(slideWithoutScale().string());
    for (const double bad : {0.0, -1.0, 1000.0, std::nan("")}) {
        try {
            PixelSizeOverride(slide, bad);
            ADD_FAILURE() << bad << " accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
            EXPECT_NE(std::string(e.what()).find(slide->location()), std::string::npos);
        }
    }
}
