// The stain-separation plugin recovers the densities of known stain mixtures; bad vectors fail the
// run naming the cause.

#include "PluginHostTestSupport.h"

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

TEST(StainSeparation, RecoversTheDensitiesOfKnownStainMixtures) {
    const auto he = std::make_shared<const HalvesSlide>(stainColour(kHaematoxylin, 0.6),
                                                        stainColour(kEosin, 0.4));
    for (const auto& [channel, left, right] :
         {std::tuple{"haematoxylin", 0.6, 0.0}, std::tuple{"eosin", 0.0, 0.4}}) {
        const auto [raster, measurements] =
            separate(he, {{"channel", channel}, {"resolution", "2"}});
        ASSERT_EQ(raster.width, 250) << channel; // 1000 px at 0.5 µm/px -> 2 µm/px
        EXPECT_NEAR(raster.values[size_t(100 * 250 + 50)], left, 0.02) << channel;
        EXPECT_NEAR(raster.values[size_t(100 * 250 + 200)], right, 0.02) << channel;
        EXPECT_NEAR(measurements.at("stained_area_mm2"), 0.25, 0.001); // all of 0.5 x 0.5 mm
    }
    // H-DAB: half the stained area is DAB-positive.
    const auto hdab = std::make_shared<const HalvesSlide>(stainColour(kHaematoxylin, 0.6),
                                                          stainColour(kDab, 0.5));
    const auto [raster, measurements] = separate(hdab, {{"stains", "H-DAB"}, {"channel", "dab"}});
    EXPECT_NEAR(raster.values[size_t(100 * 250 + 200)], 0.5, 0.02);
    EXPECT_NEAR(raster.values[size_t(100 * 250 + 50)], 0.0, 0.02);
    EXPECT_NEAR(measurements.at("dab_positive_percent"), 50, 1);
}

TEST(StainSeparation, BadStainVectorsAndChannelsFailTheRunNamingTheCause) {
    const auto he = std::make_shared<const HalvesSlide>(stainColour(kHaematoxylin, 0.6),
                                                        stainColour(kEosin, 0.4));
    std::string error;
    separate(he, {{"haematoxylin_vector", "1,2"}}, &error);
    EXPECT_NE(error.find("haematoxylin_vector must be three"), std::string::npos) << error;
    separate(he, {{"eosin_vector", "0.650,0.704,0.286"}}, &error);
    EXPECT_NE(error.find("parallel"), std::string::npos) << error;
    separate(he, {{"channel", "dab"}}, &error);
    EXPECT_NE(error.find("\"dab\" is not a stain of H&E"), std::string::npos) << error;
}
