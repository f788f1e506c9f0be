#pragma once
// One slide format backend (OpenSlide, fast TIFF, DICOM, DICOMweb, ...). The FormatRegistry
// asks each backend in order whether a location is its format; detection must be cheap and
// must not throw for "not my format". open() is only called after a positive detection, and
// any failure there is "my format but broken": a lamina::Error with the reason.
// Thread-safety: backends are stateless; detect() and open() may run concurrently.

#include <lamina/slide/SlideSource.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lamina {

// What the registry learnt about a location before asking the backends.
struct LocationProbe {
    std::string location;        // as given (path or URL)
    bool isUrl = false;          // http:// or https://
    bool isDirectory = false;    // a local folder (DICOM series later)
    std::filesystem::path path;  // local path, when not a URL
    uintmax_t fileSize = 0;      // bytes, for a regular file
    std::vector<uint8_t> header; // the first bytes of a regular file (up to kHeaderBytes)

    static constexpr size_t kHeaderBytes = 64 * 1024;
    bool isTiff() const;      // classic or BigTIFF magic, either byte order
    bool isDicomFile() const; // "DICM" after the 128-byte preamble
};

class SlideBackend {
public:
    virtual ~SlideBackend();
    virtual std::string name() const = 0;
    // True when this backend should open the location. Never throws.
    virtual bool detect(const LocationProbe& probe) const = 0;
    // Opens the slide or throws lamina::Error naming the location and the cause.
    virtual std::unique_ptr<SlideSource> open(const LocationProbe& probe) const = 0;
};

} // namespace lamina
