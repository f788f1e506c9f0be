#include <lamina/core/ImageScaling.h>

#include <gtest/gtest.h>

using namespace lamina;

TEST(ImageScaling, HalvingAveragesEachTwoByTwoBlock) {
    RgbaImage src(4, 2);
    src.setPixel(0, 0, opaqueRgb(0, 0, 0));
    src.setPixel(1, 0, opaqueRgb(100, 100, 100));
    src.setPixel(0, 1, opaqueRgb(200, 200, 200));
    src.setPixel(1, 1, opaqueRgb(100, 100, 100));
    for (int x = 2; x < 4; ++x)
        for (int y = 0; y < 2; ++y)
            src.setPixel(x, y, opaqueRgb(10, 20, 30));
    const RgbaImage out = scaleArea(src, 2, 1);
    EXPECT_EQ(out.pixel(0, 0), opaqueRgb(100, 100, 100));
    EXPECT_EQ(out.pixel(1, 0), opaqueRgb(10, 20, 30));
}

TEST(ImageScaling, FractionalFactorsWeighPartialPixels) {
    // 3 -> 2: output 0 covers source [0, 1.5), output 1 covers [1.5, 3).
    RgbaImage src(3, 1);
    src.setPixel(0, 0, opaqueRgb(0, 0, 0));
    src.setPixel(1, 0, opaqueRgb(90, 90, 90));
    src.setPixel(2, 0, opaqueRgb(180, 180, 180));
    const RgbaImage out = scaleArea(src, 2, 1);
    EXPECT_EQ(redOf(out.pixel(0, 0)), 30);  // (0 * 1 + 90 * 0.5) / 1.5
    EXPECT_EQ(redOf(out.pixel(1, 0)), 150); // (90 * 0.5 + 180 * 1) / 1.5
}

TEST(ImageScaling, TransparentPixelsStayPremultiplied) {
    RgbaImage src(2, 1);
    src.setPixel(0, 0, opaqueRgb(255, 255, 255));
    src.setPixel(1, 0, 0); // outside the slide
    const uint32_t p = scaleArea(src, 1, 1).pixel(0, 0);
    EXPECT_EQ(alphaOf(p), 128);
    EXPECT_LE(redOf(p), alphaOf(p));
}

TEST(ImageScaling, UniformImageStaysUniformAtAnySize) {
    const RgbaImage src(37, 23, opaqueRgb(12, 200, 77));
    const RgbaImage out = scaleArea(src, 5, 4);
    for (int y = 0; y < out.height(); ++y)
        for (int x = 0; x < out.width(); ++x)
            EXPECT_EQ(out.pixel(x, y), opaqueRgb(12, 200, 77));
}
