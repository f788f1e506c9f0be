#pragma once
// Pixels handed to a plugin: 8-bit, 4 channels, premultiplied alpha, one 32-bit word per
// pixel laid out as 0xAARRGGBB (in memory on little-endian machines: B, G, R, A — OpenCV's
// CV_8UC4 "BGRA"). Rows are contiguous (stride = width). Transparent pixels (alpha 0) lie
// outside the slide.
// Thread-safety: a value type.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lamina {

struct PluginImage {
    int width = 0;
    int height = 0;
    std::vector<uint32_t> pixels; // width * height, row-major

    uint32_t at(int x, int y) const { return pixels[size_t(y) * size_t(width) + size_t(x)]; }
    static uint8_t red(uint32_t p) { return uint8_t(p >> 16); }
    static uint8_t green(uint32_t p) { return uint8_t(p >> 8); }
    static uint8_t blue(uint32_t p) { return uint8_t(p); }
    static uint8_t alpha(uint32_t p) { return uint8_t(p >> 24); }
};

} // namespace lamina
