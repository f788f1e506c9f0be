#pragma once
// A test picture whose every tile encodes its own (level, col, row), so tests can check that
// tiles land exactly where they belong after reading, caching and rendering.
// Layout of a tile of side T (a multiple of 16): an 8x8 grid of T/8 cells; the outer ring has
// the level's colour; the inner 6x6 cells carry 36 bits, dark = 1, light = 0:
// bits 0-3 level, 4-19 column, 20-35 row (cell i is at column 1 + i % 6, row 1 + i / 6).
// Thread-safety: stateless functions.

#include <lamina/core/RgbaImage.h>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace lamina {

struct GridTileCode {
    int level = 0;
    int64_t col = 0;
    int64_t row = 0;
    friend bool operator==(const GridTileCode&, const GridTileCode&) = default;
};

class GridPattern {
public:
    static constexpr int kCells = 8;
    static constexpr int64_t kMaxIndex = 0xFFFF; // 16-bit column and row
    static constexpr int kMaxLevel = 0xF;

    // Draws tile `code` (T x T) as packed RGB rows `stride` bytes apart.
    static void render(const GridTileCode& code, int32_t tileSize, uint8_t* rgb, size_t stride);

    // Reads the code back from an image of one whole tile whose top-left is at (x, y) in
    // `image` (sizes in the image's pixels; the tile may be scaled to tileSize pixels).
    // std::nullopt when the tile is not fully inside the image.
    static std::optional<GridTileCode> decode(const RgbaImage& image, int32_t x, int32_t y,
                                              double tileSize);
};

} // namespace lamina
