#include <lamina/render/ViewScale.h>

#include <gtest/gtest.h>

using namespace lamina;

TEST(ViewScale, MagnificationFollowsMppWith40xAtQuarterMicron) {
    SlideMetadata m;
    m.mppX = m.mppY = 0.25;
    EXPECT_DOUBLE_EQ(*magnificationAt(m, 1), 40);
    EXPECT_DOUBLE_EQ(*magnificationAt(m, 4), 10);
    EXPECT_DOUBLE_EQ(*downsampleForMagnification(m, 20), 2);
    m.mppX = m.mppY = 0.499; // a 20x scan
    EXPECT_NEAR(*magnificationAt(m, 1), 20.04, 0.01);
}

TEST(ViewScale, ObjectivePowerIsTheFallbackAndNothingIsHonest) {
    SlideMetadata m;
    m.objectivePower = 20;
    EXPECT_DOUBLE_EQ(*magnificationAt(m, 2), 10);
    EXPECT_DOUBLE_EQ(*downsampleForMagnification(m, 5), 4);
    EXPECT_FALSE(micronsPerScreenPixel(m, 1));
    SlideMetadata none;
    EXPECT_FALSE(magnificationAt(none, 1));
    EXPECT_FALSE(downsampleForMagnification(none, 10));
}

TEST(ViewScale, ScaleBarUsesOneTwoFiveSteps) {
    // 0.5 µm per pixel, at most 180 px = 90 µm -> 50 µm drawn over 100 px.
    ScaleBar bar = chooseScaleBar(0.5, true, 180);
    EXPECT_DOUBLE_EQ(bar.length, 50);
    EXPECT_DOUBLE_EQ(bar.screenPixels, 100);
    EXPECT_EQ(bar.label, "50 µm");
    bar = chooseScaleBar(12, true, 180); // 2160 µm fits -> 2 mm
    EXPECT_DOUBLE_EQ(bar.length, 2000);
    EXPECT_EQ(bar.label, "2 mm");
    bar = chooseScaleBar(0.01, true, 180); // 1.8 µm fits -> 1 µm
    EXPECT_EQ(bar.label, "1 µm");
    EXPECT_DOUBLE_EQ(bar.screenPixels, 100);
}

TEST(ViewScale, ScaleBarFallsBackToPixelsWithoutMpp) {
    const ScaleBar bar = chooseScaleBar(64, false, 180); // 11520 px fits -> 10000 px
    EXPECT_DOUBLE_EQ(bar.length, 10000);
    EXPECT_EQ(bar.label, "10000 px");
}

TEST(ViewScale, MagnificationLabels) {
    EXPECT_EQ(formatMagnification(40), "40×");
    EXPECT_EQ(formatMagnification(2.5), "2.5×");
    EXPECT_EQ(formatMagnification(1.25), "1.25×");
    EXPECT_EQ(formatMagnification(12.345), "12.3×");
}
