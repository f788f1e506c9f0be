#pragma once
// The identity of one decoded tile: which slide (SlideId::hash()), which level, which tile on
// that level's native grid. A fixed-size value key: no strings on the hot path.
// Thread-safety: value type.

#include <cstddef>
#include <cstdint>
#include <functional>

namespace lamina {

struct TileKey {
    uint64_t slide = 0; // SlideId::hash()
    int32_t level = 0;
    int64_t col = 0;
    int64_t row = 0;

    friend bool operator==(const TileKey&, const TileKey&) = default;
};

struct TileKeyHash {
    size_t operator()(const TileKey& k) const noexcept {
        uint64_t h = k.slide * 0x9e3779b97f4a7c15ull;
        h ^= uint64_t(k.level) + 0x632be59bd9b4e019ull + (h << 6) + (h >> 2);
        h ^= uint64_t(k.col) * 0xbf58476d1ce4e5b9ull + (h << 6) + (h >> 2);
        h ^= uint64_t(k.row) * 0x94d049bb133111ebull + (h << 6) + (h >> 2);
        return size_t(h);
    }
};

} // namespace lamina
