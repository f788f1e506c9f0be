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
    // A TIFF whose directories OpenSlide would misread is broken, not someone else's format:
    // throws lamina::Error(Corrupt) naming it.
    bool detect(const LocationProbe& probe) const override;
    std::unique_ptr<SlideSource> open(const LocationProbe& probe) const override;

    // OpenSlide allocates what a TIFF directory entry declares while it merely detects the
    // vendor (an ImageDescription of 2^31 bytes asked for 2 GiB: the tiff_slide fuzz target).
    // Call before any openslide_* function sees a TIFF. Throws Error(Corrupt) naming the file
    // when an entry's values would lie beyond its end; cheap (reads the directories only).
    static void refuseEntriesBeyondTheFile(const LocationProbe& probe);
};

} // namespace lamina
