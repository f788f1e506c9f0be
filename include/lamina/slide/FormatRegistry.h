#pragma once
// The ordered list of slide backends. open() probes the location once (existence, type, the
// first bytes), then asks each backend in turn; the first that detects the format opens it.
// Order matters: faster or more specific backends come first, OpenSlide after them, and a
// last "known but unsupported" backend turns DICOM or QPTIFF into a clear message.
// Thread-safety: register backends at start-up; open() may then be called from any thread.

#include <lamina/slide/SlideBackend.h>

#include <memory>
#include <string>
#include <vector>

namespace lamina {

class FormatRegistry {
public:
    // The registry with every backend Lamina ships, in the right order.
    static const FormatRegistry& standard();

    void add(std::unique_ptr<SlideBackend> backend);
    std::vector<std::string> backendNames() const;

    // Opens a slide. Throws lamina::Error: NotFound, Io (unreadable, a folder nobody
    // handles), Corrupt (empty file, or a backend's "broken" verdict), UnsupportedFormat.
    std::unique_ptr<SlideSource> open(const std::string& location) const;

    // The probe open() uses; exposed for tests and tools.
    static LocationProbe probe(const std::string& location);

private:
    std::vector<std::unique_ptr<SlideBackend>> backends_;
};

} // namespace lamina
