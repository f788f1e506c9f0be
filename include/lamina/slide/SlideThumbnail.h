#pragma once
// A thumbnail of the whole slide computed from the pyramid (not the stored "thumbnail"
// associated image, which some formats lack). Reads the best level in horizontal bands so
// memory stays bounded even for a slide with a single huge level.
// Thread-safety: as SlideSource reads (may run concurrently).

#include <lamina/slide/SlideSource.h>

namespace lamina {

// Fits the slide into maxSize x maxSize, keeping its aspect ratio (never enlarges).
// Throws lamina::Error(InvalidArgument) for maxSize < 1, or what the backend throws.
RgbaImage renderThumbnail(const SlideSource& slide, int32_t maxSize);

} // namespace lamina
