#pragma once
// The last backend in the registry. It claims files that are recognisably a known format
// Lamina cannot read yet (Vectra QPTIFF, a TIFF that is no tiled pyramid) and
// refuses them with a message that says so, instead of a vague "unknown format".
// Thread-safety: stateless.

#include <lamina/slide/SlideBackend.h>

namespace lamina {

class UnsupportedFormatBackend : public SlideBackend {
public:
    std::string name() const override { return "unsupported"; }
    bool detect(const LocationProbe& probe) const override;
    // Always throws lamina::Error(UnsupportedFormat) with the reason.
    std::unique_ptr<SlideSource> open(const LocationProbe& probe) const override;
};

} // namespace lamina
