#pragma once
// The DICOMweb backend: an http(s) address of a series in a DICOMweb archive
// (".../studies/STUDY/series/SERIES", see DicomWebSeriesUrl). Detection only parses the
// address (no network); open() fetches the metadata with the credentials and disk cache of
// DicomWebSettings.
// Thread-safety: stateless; detect() and open() may run concurrently.

#include <lamina/slide/SlideBackend.h>

namespace lamina {

class DicomWebBackend : public SlideBackend {
public:
    std::string name() const override { return "dicomweb"; }
    bool detect(const LocationProbe& probe) const override;
    std::unique_ptr<SlideSource> open(const LocationProbe& probe) const override;
};

} // namespace lamina
