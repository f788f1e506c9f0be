#include <lamina/core/ImageScaling.h>
#include <lamina/slide/synthetic/GridPattern.h>

#include <gtest/gtest.h>

#include <vector>

using namespace lamina;

namespace {

RgbaImage renderToImage(const GridTileCode& code, int32_t tile) {
    std::vector<uint8_t> rgb(size_t(tile) * tile * 3);
    GridPattern::render(code, tile, rgb.data(), size_t(tile) * 3);
    RgbaImage image(tile, tile);
    for (int y = 0; y < tile; ++y)
        for (int x = 0; x < tile; ++x) {
            const uint8_t* p = rgb.data() + (size_t(y) * tile + x) * 3;
            image.setPixel(x, y, opaqueRgb(p[0], p[1], p[2]));
        }
    return image;
}

} // namespace

TEST(GridPattern, DecodesWhatItRendersAtEveryTileSize) {
    for (int32_t tile : {16, 64, 240, 256, 512})
        for (const GridTileCode code : {GridTileCode{0, 0, 0}, GridTileCode{3, 1234, 77},
                                        GridTileCode{15, 65535, 65535}, GridTileCode{7, 1, 2}})
            EXPECT_EQ(GridPattern::decode(renderToImage(code, tile), 0, 0, tile), code)
                << "tile size " << tile;
}

TEST(GridPattern, DecodesADownscaledTile) {
    const GridTileCode code{2, 4321, 987};
    const RgbaImage half = scaleArea(renderToImage(code, 256), 128, 128);
    EXPECT_EQ(GridPattern::decode(half, 0, 0, 128), code);
}

TEST(GridPattern, RefusesATileThatIsNotFullyInTheImage) {
    const RgbaImage image = renderToImage({1, 2, 3}, 64);
    EXPECT_FALSE(GridPattern::decode(image, 10, 0, 64));
    EXPECT_FALSE(GridPattern::decode(image, -1, 0, 64));
}
