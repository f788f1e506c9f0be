#include <lamina/core/ImageScaling.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace lamina {
namespace {

// For one axis: which source pixels contribute to each output pixel, with their weights.
struct Contribution {
    int32_t first = 0;
    std::vector<float> weights;
};

std::vector<Contribution> contributions(int32_t srcSize, int32_t dstSize) {
    std::vector<Contribution> result(static_cast<size_t>(dstSize));
    const double scale = double(srcSize) / dstSize;
    for (int32_t i = 0; i < dstSize; ++i) {
        const double start = i * scale;
        const double end = std::min(double(srcSize), (i + 1) * scale);
        auto& c = result[size_t(i)];
        c.first = std::min(srcSize - 1, int32_t(std::floor(start)));
        if (scale <= 1.0) { // enlarging: the one covering pixel
            c.weights = {1.0f};
            continue;
        }
        for (int32_t s = c.first; s < end; ++s) {
            const double overlap = std::min(end, s + 1.0) - std::max(start, double(s));
            c.weights.push_back(float(overlap / scale));
        }
    }
    return result;
}

} // namespace

RgbaImage scaleArea(const RgbaImage& src, int32_t width, int32_t height) {
    RgbaImage out(width, height);
    if (src.isNull() || out.isNull())
        return out;
    const auto cols = contributions(src.width(), width);
    const auto rows = contributions(src.height(), height);
    // Separable: first horizontally into a float buffer per source row, then vertically.
    std::vector<float> horizontal(size_t(src.height()) * size_t(width) * 4);
    for (int32_t y = 0; y < src.height(); ++y) {
        const auto srcRow = src.row(y);
        float* dst = horizontal.data() + size_t(y) * width * 4;
        for (int32_t x = 0; x < width; ++x) {
            float a = 0, r = 0, g = 0, b = 0;
            const auto& c = cols[size_t(x)];
            for (size_t k = 0; k < c.weights.size(); ++k) {
                const uint32_t p = srcRow[size_t(c.first) + k];
                const float w = c.weights[k];
                a += w * alphaOf(p);
                r += w * redOf(p);
                g += w * greenOf(p);
                b += w * blueOf(p);
            }
            dst[x * 4 + 0] = a;
            dst[x * 4 + 1] = r;
            dst[x * 4 + 2] = g;
            dst[x * 4 + 3] = b;
        }
    }
    auto toByte = [](float v) { return uint8_t(std::clamp(std::lround(v), 0L, 255L)); };
    for (int32_t y = 0; y < height; ++y) {
        const auto& c = rows[size_t(y)];
        auto outRow = out.row(y);
        for (int32_t x = 0; x < width; ++x) {
            float acc[4] = {0, 0, 0, 0};
            for (size_t k = 0; k < c.weights.size(); ++k) {
                const float* h = horizontal.data() + (size_t(c.first) + k) * width * 4 + x * 4;
                for (int ch = 0; ch < 4; ++ch)
                    acc[ch] += c.weights[k] * h[ch];
            }
            const uint8_t a = toByte(acc[0]);
            // Premultiplied colour can never exceed alpha; rounding must not break that.
            outRow[size_t(x)] = argb(a, std::min(a, toByte(acc[1])), std::min(a, toByte(acc[2])),
                                     std::min(a, toByte(acc[3])));
        }
    }
    return out;
}

} // namespace lamina
