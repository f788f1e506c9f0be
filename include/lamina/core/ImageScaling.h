#pragma once
// Area-averaging (box) downscaling of premultiplied ARGB images. Averaging premultiplied
// values is the correct way to mix transparent "outside the slide" pixels with tissue.
// Thread-safety: pure functions.

#include <lamina/core/RgbaImage.h>

namespace lamina {

// Scales `src` to exactly width x height by averaging the source area each output pixel
// covers (fractional coverage weighted). Meant for shrinking; enlarging falls back to
// nearest-neighbour sampling of the covering pixel.
RgbaImage scaleArea(const RgbaImage& src, int32_t width, int32_t height);

} // namespace lamina
