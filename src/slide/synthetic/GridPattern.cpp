#include <lamina/slide/synthetic/GridPattern.h>

#include <algorithm>
#include <cmath>

namespace lamina {
namespace {

constexpr uint8_t kDark = 30;
constexpr uint8_t kLight = 228;

// A distinct ring colour per level, so a human sees levels apart in screenshots.
void levelColour(int level, uint8_t& r, uint8_t& g, uint8_t& b) {
    static constexpr uint8_t palette[8][3] = {{214, 69, 65},  {65, 131, 215}, {46, 204, 113},
                                              {241, 196, 15}, {155, 89, 182}, {230, 126, 34},
                                              {26, 188, 156}, {149, 165, 166}};
    const auto& c = palette[level % 8];
    r = c[0];
    g = c[1];
    b = c[2];
}

uint64_t packCode(const GridTileCode& code) {
    return (uint64_t(code.level) & 0xF) | ((uint64_t(code.col) & 0xFFFF) << 4) |
           ((uint64_t(code.row) & 0xFFFF) << 20);
}

} // namespace

void GridPattern::render(const GridTileCode& code, int32_t tileSize, uint8_t* rgb, size_t stride) {
    const uint64_t bits = packCode(code);
    const int32_t cell = tileSize / kCells;
    uint8_t lr, lg, lb;
    levelColour(code.level, lr, lg, lb);
    for (int32_t y = 0; y < tileSize; ++y) {
        uint8_t* out = rgb + size_t(y) * stride;
        const int cy = std::min(kCells - 1, int(y / cell));
        for (int32_t x = 0; x < tileSize; ++x) {
            const int cx = std::min(kCells - 1, int(x / cell));
            uint8_t r, g, b;
            if (cx == 0 || cy == 0 || cx == kCells - 1 || cy == kCells - 1) {
                r = lr;
                g = lg;
                b = lb;
            } else {
                const int bit = (cy - 1) * 6 + (cx - 1);
                r = g = b = ((bits >> bit) & 1) ? kDark : kLight;
            }
            out[x * 3 + 0] = r;
            out[x * 3 + 1] = g;
            out[x * 3 + 2] = b;
        }
    }
}

std::optional<GridTileCode> GridPattern::decode(const RgbaImage& image, int32_t x, int32_t y,
                                                double tileSize) {
    if (x < 0 || y < 0 || x + tileSize > image.width() + 0.5 || y + tileSize > image.height() + 0.5)
        return std::nullopt;
    const double cell = tileSize / kCells;
    uint64_t bits = 0;
    for (int bit = 0; bit < 36; ++bit) {
        const double cx = x + (1 + bit % 6 + 0.5) * cell;
        const double cy = y + (1 + bit / 6 + 0.5) * cell;
        // Average a small window at the cell centre to shrug off JPEG noise and resampling.
        const int radius = std::max(0, int(cell / 4));
        int sum = 0, count = 0;
        for (int dy = -radius; dy <= radius; ++dy)
            for (int dx = -radius; dx <= radius; ++dx) {
                const int px = std::clamp(int(std::floor(cx)) + dx, 0, image.width() - 1);
                const int py = std::clamp(int(std::floor(cy)) + dy, 0, image.height() - 1);
                const uint32_t p = image.pixel(px, py);
                sum += (redOf(p) + greenOf(p) + blueOf(p)) / 3;
                ++count;
            }
        if (sum / count < (kDark + kLight) / 2)
            bits |= uint64_t(1) << bit;
    }
    return GridTileCode{int(bits & 0xF), int64_t((bits >> 4) & 0xFFFF),
                        int64_t((bits >> 20) & 0xFFFF)};
}

} // namespace lamina
