#include <lamina/render/ViewScale.h>

#include <gtest/gtest.h>

#include <clocale>

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

// Numbers people read follow the UI locale (a French UI: "2,5×"); they never follow the C
// library's LC_NUMERIC, which Qt sets from the system (it made the badge read "5,×").
TEST(ViewScale, ShownNumbersFollowTheUiLocaleNotTheCLocale) {
    const QLocale french(QLocale::French, QLocale::France);
    EXPECT_EQ(formatMagnification(2.5, french), "2,5×");
    EXPECT_EQ(formatMagnification(5, french), "5×");
    EXPECT_EQ(formatMicronsPerPixel(2, french), QStringLiteral("2,00 µm/px"));
    EXPECT_EQ(formatLength(509.94, true, french), QStringLiteral("509,9 µm"));
    EXPECT_EQ(formatLength(1234, true, french), QStringLiteral("1,23 mm"));
    EXPECT_EQ(chooseScaleBar(0.004, true, 180, french).label, "0,5 µm");
    if (!std::setlocale(LC_NUMERIC, "fr_FR.UTF-8"))
        GTEST_SKIP() << "the fr_FR.UTF-8 locale is not installed (Debian: locales-all)";
    const QLocale c = QLocale::c();
    EXPECT_EQ(formatMagnification(5, c), "5×");
    EXPECT_EQ(formatMagnification(2.5, c), "2.5×");
    EXPECT_EQ(chooseScaleBar(0.5, true, 180, c).label, "50 µm");
    EXPECT_EQ(chooseScaleBar(0.004, true, 180, c).label, "0.5 µm");
    std::setlocale(LC_NUMERIC, "C");
}

// The toolbar, Go to Magnification and the export dialogs round one way: a 0.499 µm/px scan
// at level 0 is "20×" everywhere (it was 20×, 19.95 and 20.04× in one window).
TEST(ViewScale, OneRoundingRuleForMagnifications) {
    SlideMetadata m;
    m.mppX = m.mppY = 0.499;
    const double shown = roundedMagnification(*magnificationAt(m, 1));
    EXPECT_DOUBLE_EQ(shown, 20.0);
    EXPECT_EQ(formatMagnification(*magnificationAt(m, 1), QLocale::c()), "20×");
    EXPECT_DOUBLE_EQ(roundedMagnification(12.345), 12.3);
    EXPECT_DOUBLE_EQ(roundedMagnification(0.625), 0.63);
    EXPECT_DOUBLE_EQ(roundedMagnification(2.5), 2.5);
}
