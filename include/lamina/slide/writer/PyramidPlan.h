#pragma once
// The levels of a pyramid to be written: from a level-0 size, each level `step` times smaller
// (sides rounded up) until the longer side is at most `coarsestSide`, each cut into square
// tiles. Shared by every pyramid writer (the synthetic slide, the large-region export, and the
// DICOM writer to come), so they agree on level sizes and tile grids.
// Coordinates: pixels of each level; `downsample` is level-0 pixels per pixel of the level.
// Thread-safety: value type.

#include <cstdint>
#include <vector>

namespace lamina {

struct PyramidLevelPlan {
    int64_t width = 0, height = 0; // pixels
    int64_t across = 0, down = 0;  // tiles (edge tiles are padded to the full tile size)
    double downsample = 1;         // level-0 pixels per pixel of this level
    uint64_t tileCount() const { return uint64_t(across) * uint64_t(down); }
};

struct PyramidPlan {
    int tileSize = 0;
    std::vector<PyramidLevelPlan> levels;

    // Throws lamina::Error(InvalidArgument) for an empty size, a tile size < 1 or a step < 2.
    // `maxLevels` bounds the count whatever the sizes.
    static PyramidPlan make(int64_t width, int64_t height, int tileSize, int step,
                            int64_t coarsestSide, int maxLevels = 64);

    uint64_t tileCount() const;
    // Bytes of every level's padded tiles at `bytesPerPixel`, uncompressed.
    double paddedBytes(int bytesPerPixel) const;
    // True when a classic TIFF (32-bit offsets) might not hold the file: the raw pixels alone
    // exceed 3.9 GiB (compressed tiles of pixels that fit in 4 GiB certainly fit).
    bool needsBigTiff(int bytesPerPixel) const;
};

} // namespace lamina
