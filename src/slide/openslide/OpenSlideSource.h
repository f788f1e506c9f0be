#pragma once
// A slide read through an OpenSlide handle (see OpenSlideBackend).
// Thread-safety: every read may run concurrently (OpenSlide guarantees it for one handle).

#include <lamina/slide/SlideSource.h>

#include <memory>

struct _openslide; // OpenSlide's opaque handle type (openslide_t)

namespace lamina {

class OpenSlideSource : public SlideSource {
public:
    // Takes ownership of an opened, error-free handle.
    OpenSlideSource(SlideMetadata metadata, _openslide* handle);
    ~OpenSlideSource() override;

    // Reads OpenSlide's metadata for `handle` into Lamina's form (exposed for tests).
    static SlideMetadata readMetadata(_openslide* handle, const std::string& location);

protected:
    RgbaImage doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                           int32_t height) const override;
    RgbaImage doReadAssociated(const std::string& name) const override;

private:
    void throwIfFailed(const char* what) const;

    struct Closer {
        void operator()(_openslide* handle) const;
    };
    std::unique_ptr<_openslide, Closer> handle_;
};

} // namespace lamina
