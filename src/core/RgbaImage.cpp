#include <lamina/core/Error.h>
#include <lamina/core/RgbaImage.h>

#include <algorithm>
#include <string>

namespace lamina {

void RgbaImage::checkSize(int32_t width, int32_t height) {
    if (width < 0 || height < 0 || int64_t(width) * height > kMaxPixels)
        throw Error(ErrorKind::InvalidArgument, {},
                    "image size " + std::to_string(width) + "x" + std::to_string(height) +
                        " is negative or larger than the " + std::to_string(kMaxPixels) +
                        "-pixel limit");
    width_ = width;
    height_ = height;
}

RgbaImage::RgbaImage(int32_t width, int32_t height, uint32_t fill) {
    checkSize(width, height);
    pixels_.assign(size_t(width) * size_t(height), fill);
}

RgbaImage::RgbaImage(int32_t width, int32_t height, UninitializedPixels) {
    checkSize(width, height);
    pixels_.resize(size_t(width) * size_t(height));
}

bool RgbaImage::isOpaque() const {
    uint32_t all = 0xff000000u;
    for (const uint32_t p : pixels_)
        all &= p; // branch-free: vectorises
    return (all & 0xff000000u) == 0xff000000u;
}

void RgbaImage::fill(uint32_t argbValue) {
    std::fill(pixels_.begin(), pixels_.end(), argbValue);
}

void RgbaImage::blit(const RgbaImage& src, int32_t x, int32_t y) {
    const int32_t x0 = std::max(0, x);
    const int32_t y0 = std::max(0, y);
    const int32_t x1 = std::min(width_, x + src.width());
    const int32_t y1 = std::min(height_, y + src.height());
    for (int32_t yy = y0; yy < y1; ++yy) {
        const uint32_t* from = src.data() + size_t(yy - y) * src.width() + (x0 - x);
        std::copy(from, from + (x1 - x0), data() + size_t(yy) * width_ + x0);
    }
}

RgbaImage RgbaImage::copy(int32_t x, int32_t y, int32_t w, int32_t h) const {
    const int32_t x0 = std::clamp(x, 0, width_);
    const int32_t y0 = std::clamp(y, 0, height_);
    const int32_t x1 = std::clamp(x + w, x0, width_);
    const int32_t y1 = std::clamp(y + h, y0, height_);
    RgbaImage out(x1 - x0, y1 - y0);
    out.blit(*this, -x0, -y0);
    return out;
}

} // namespace lamina
