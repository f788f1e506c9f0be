#pragma once
// The OpenSlide 3.4 backend: Aperio SVS (JPEG and JPEG 2000), Hamamatsu NDPI/VMS/VMU, Leica
// SCN, MIRAX, Philips TIFF, Sakura, Trestle, Ventana BIF and generic tiled TIFF.
// OpenSlide's errors are sticky: once a read fails, every later call on that handle fails too;
// we turn its message into a lamina::Error naming the file.
// Thread-safety: openslide_t allows concurrent reads, so OpenSlideSource is fully thread-safe.

#include <lamina/slide/SlideBackend.h>

namespace lamina {

class OpenSlideBackend : public SlideBackend {
public:
    // Routes libtiff's process-wide warning and error handlers (OpenSlide's TIFF reading uses
    // them) and GLib's default log handler (OpenSlide's own messages), which print to stderr,
    // into Lamina's log (debug): the failure reaches the user once, as Lamina's error naming
    // the file.
    OpenSlideBackend();
    std::string name() const override { return "openslide"; }
    bool detect(const LocationProbe& probe) const override;
    std::unique_ptr<SlideSource> open(const LocationProbe& probe) const override;
};

} // namespace lamina
