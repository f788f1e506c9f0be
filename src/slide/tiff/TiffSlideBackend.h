#pragma once
// The fast TIFF path: Aperio SVS and generic tiled TIFF whose pyramid levels are 8-bit RGB
// tiles are read by Lamina itself — JPEG and Aperio JPEG 2000 as raw bytes with pread,
// decoded by libjpeg-turbo / OpenJPEG straight into ARGB; LZW, deflate and uncompressed tiles
// through libtiff — instead of through OpenSlide's read_region, which is several times slower.
// Metadata, properties, associated images and anything unusual still come from OpenSlide, so
// the rest of Lamina sees the same slide, only faster. Placed before the OpenSlide backend.
// Everything this backend is unsure of (another compression, alpha, planar data, levels it cannot
// match to OpenSlide's) is not claimed, or opened through OpenSlide after all.
// Thread-safety: stateless.

#include <lamina/slide/SlideBackend.h>

namespace lamina {

class TiffSlideBackend : public SlideBackend {
public:
    std::string name() const override { return "tiff"; }
    bool detect(const LocationProbe& probe) const override;
    std::unique_ptr<SlideSource> open(const LocationProbe& probe) const override;
};

} // namespace lamina
