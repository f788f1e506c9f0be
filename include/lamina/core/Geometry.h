#pragma once
// Plain geometry value types. Integer rectangles are used for pixel regions; which coordinate
// space (level-0 pixels, level pixels, screen pixels) a value is in is stated where it is used.
// Thread-safety: value types, no shared state.

#include <algorithm>
#include <cstdint>

namespace lamina {

struct Size {
    int64_t width = 0;
    int64_t height = 0;

    bool isEmpty() const { return width <= 0 || height <= 0; }
    int64_t area() const { return isEmpty() ? 0 : width * height; }
    friend bool operator==(const Size&, const Size&) = default;
};

struct Rect {
    int64_t x = 0;
    int64_t y = 0;
    int64_t width = 0;
    int64_t height = 0;

    int64_t right() const { return x + width; }   // exclusive
    int64_t bottom() const { return y + height; } // exclusive
    bool isEmpty() const { return width <= 0 || height <= 0; }
    Size size() const { return {width, height}; }

    Rect intersected(const Rect& o) const {
        const int64_t l = std::max(x, o.x);
        const int64_t t = std::max(y, o.y);
        const int64_t r = std::min(right(), o.right());
        const int64_t b = std::min(bottom(), o.bottom());
        if (r <= l || b <= t)
            return {};
        return {l, t, r - l, b - t};
    }
    bool contains(const Rect& o) const {
        return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
    }
    friend bool operator==(const Rect&, const Rect&) = default;
};

struct PointD {
    double x = 0.0;
    double y = 0.0;
    friend bool operator==(const PointD&, const PointD&) = default;
};

} // namespace lamina
