#include <lamina/core/Error.h>
#include <lamina/core/RgbaImage.h>

#include <gtest/gtest.h>

using namespace lamina;

TEST(RgbaImage, NewImageIsTransparent) {
    const RgbaImage image(3, 2);
    EXPECT_EQ(image.width(), 3);
    EXPECT_EQ(image.height(), 2);
    EXPECT_EQ(image.byteCount(), 24u);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 3; ++x)
            EXPECT_EQ(image.pixel(x, y), 0u);
}

TEST(RgbaImage, RefusesAbsurdSizes) {
    EXPECT_THROW(RgbaImage(-1, 5), Error);
    EXPECT_THROW(RgbaImage(1 << 15, 1 << 14), Error); // 2^29 pixels > limit
    EXPECT_NO_THROW(RgbaImage(0, 0));
}

TEST(RgbaImage, BlitClipsAtTheEdges) {
    RgbaImage dst(4, 4);
    const RgbaImage src(3, 3, opaqueRgb(1, 2, 3));
    dst.blit(src, 2, -1);
    EXPECT_EQ(dst.pixel(2, 0), opaqueRgb(1, 2, 3));
    EXPECT_EQ(dst.pixel(3, 1), opaqueRgb(1, 2, 3));
    EXPECT_EQ(dst.pixel(1, 0), 0u);
    EXPECT_EQ(dst.pixel(2, 2), 0u);
}

TEST(RgbaImage, CopyReturnsTheClippedSubImage) {
    RgbaImage image(4, 4);
    image.setPixel(3, 3, opaqueRgb(9, 9, 9));
    const RgbaImage part = image.copy(2, 2, 5, 5);
    EXPECT_EQ(part.width(), 2);
    EXPECT_EQ(part.height(), 2);
    EXPECT_EQ(part.pixel(1, 1), opaqueRgb(9, 9, 9));
}
