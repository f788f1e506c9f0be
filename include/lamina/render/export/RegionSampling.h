#pragma once
// Reads a rectangle of the slide at an output size: from the finest pyramid level not finer
// than needed, area-averaged down (at one level pixel per output pixel, exactly readRegion's
// pixels). Shared by snapshots and the large-region export so both show the same pixels.
// Coordinates: `level0` in level-0 pixels; the output is width x height pixels.
// Thread-safety: like SlideSource::readRegion (any thread).

#include <lamina/core/RgbaImage.h>
#include <lamina/slide/SlideSource.h>

#include <QRectF>

namespace lamina {

struct SampledRegion {
    RgbaImage pixels; // width x height, premultiplied ARGB; outside the slide transparent
    int level = 0;    // the pyramid level read
};

// Throws lamina::Error (InvalidArgument for sizes readRegion refuses; Corrupt/Io from the
// backend).
SampledRegion sampleRegion(const SlideSource& slide, const QRectF& level0, int32_t width,
                           int32_t height);

// Pixels the read would take from the pyramid (to refuse huge reads before making them).
int64_t sampledSourcePixels(const SlideSource& slide, const QRectF& level0, double downsample);

} // namespace lamina
