#pragma once
// An owned 32-bit image: every pixel is one uint32_t 0xAARRGGBB in native byte order with
// PREMULTIPLIED alpha. This is OpenSlide's read_region format and Qt's
// QImage::Format_ARGB32_Premultiplied, so pixels move between them without conversion.
// Fully transparent (0x00000000) marks "outside the slide".
// Thread-safety: a value type; concurrent const access is safe, mutation needs one owner.

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace lamina {

// Allocates without clearing: pixels start undefined (decoders that write every pixel use it;
// clearing a 256 KiB tile first cost as much as a fifth of the loader's time).
struct UninitializedPixels {};

class RgbaImage {
public:
    RgbaImage() = default;
    // Throws lamina::Error(InvalidArgument) when width * height exceeds kMaxPixels or is negative.
    RgbaImage(int32_t width, int32_t height, uint32_t fill = 0);
    RgbaImage(int32_t width, int32_t height, UninitializedPixels);

    // Largest image we allocate in one piece: 2^28 pixels = 1 GiB. Callers stream bigger areas.
    static constexpr int64_t kMaxPixels = int64_t{1} << 28;

    int32_t width() const { return width_; }
    int32_t height() const { return height_; }
    bool isNull() const { return width_ == 0 || height_ == 0; }
    size_t byteCount() const { return pixels_.size() * sizeof(uint32_t); }

    uint32_t* data() { return pixels_.data(); }
    const uint32_t* data() const { return pixels_.data(); }
    std::span<uint32_t> row(int32_t y) {
        return {pixels_.data() + size_t(y) * width_, size_t(width_)};
    }
    std::span<const uint32_t> row(int32_t y) const {
        return {pixels_.data() + size_t(y) * width_, size_t(width_)};
    }
    uint32_t pixel(int32_t x, int32_t y) const { return pixels_[size_t(y) * width_ + x]; }
    void setPixel(int32_t x, int32_t y, uint32_t argb) { pixels_[size_t(y) * width_ + x] = argb; }

    void fill(uint32_t argb);
    // Copies `src` into this image with its top-left at (x, y); parts outside are clipped.
    void blit(const RgbaImage& src, int32_t x, int32_t y);
    // A copy of the given sub-rectangle (clipped to the image).
    RgbaImage copy(int32_t x, int32_t y, int32_t w, int32_t h) const;

    // True when every pixel has alpha 255 (scans the image).
    bool isOpaque() const;
    // The result of isOpaque(), remembered by rememberOpacity() (the tile loader calls it once
    // per tile, on its worker thread, so painting can blit opaque tiles without blending).
    void rememberOpacity() { knownOpaque_ = isOpaque(); }
    bool knownOpaque() const { return knownOpaque_; }

    // Same size and pixels (the remembered opacity is not compared).
    friend bool operator==(const RgbaImage& a, const RgbaImage& b) {
        return a.width_ == b.width_ && a.height_ == b.height_ && a.pixels_ == b.pixels_;
    }

private:
    // Value-initialises nothing: resize() leaves new pixels undefined.
    template <class T>
    struct DefaultInitAllocator : std::allocator<T> {
        template <class U>
        struct rebind {
            using other = DefaultInitAllocator<U>;
        };
        DefaultInitAllocator() = default;
        template <class U>
        DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}
        template <class U>
        void construct(U* p) noexcept {
            ::new (static_cast<void*>(p)) U;
        }
        template <class U, class... Args>
        void construct(U* p, Args&&... args) {
            ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
        }
    };
    void checkSize(int32_t width, int32_t height);

    int32_t width_ = 0;
    int32_t height_ = 0;
    std::vector<uint32_t, DefaultInitAllocator<uint32_t>> pixels_;
    bool knownOpaque_ = false;
};

// Helpers for premultiplied ARGB pixels.
constexpr uint32_t argb(uint8_t a, uint8_t r, uint8_t g, uint8_t b) {
    return (uint32_t(a) << 24) | (uint32_t(r) << 16) | (uint32_t(g) << 8) | uint32_t(b);
}
constexpr uint32_t opaqueRgb(uint8_t r, uint8_t g, uint8_t b) {
    return argb(255, r, g, b);
}
constexpr uint8_t alphaOf(uint32_t p) {
    return uint8_t(p >> 24);
}
constexpr uint8_t redOf(uint32_t p) {
    return uint8_t(p >> 16);
}
constexpr uint8_t greenOf(uint32_t p) {
    return uint8_t(p >> 8);
}
constexpr uint8_t blueOf(uint32_t p) {
    return uint8_t(p);
}

} // namespace lamina
