#pragma once
// TileRequest: one tile a view wants read into the TileCache, and how urgently.
// Coordinates: the tile's column and row in its level's tile grid.
// Thread-safety: a plain value.

#include <lamina/cache/TileKey.h>
#include <lamina/slide/SlideSource.h>

#include <cstdint>
#include <memory>

namespace lamina {

struct TileRequest {
    std::shared_ptr<const SlideSource> slide;
    int32_t level = 0;
    int64_t col = 0;
    int64_t row = 0;
    double priority = 0; // lower = sooner
    bool pinned = false; // keep in the cache for good (the coarsest level)

    TileKey key() const { return {slide->id().hash(), level, col, row}; }
};

} // namespace lamina
