#pragma once
// The DICOM whole-slide backend: a .dcm file, or a folder of them. A file opens its whole
// series: every DICOM file in the same folder with the same SeriesInstanceUID (the other
// levels, the label, the overview); a folder opens the series of its first whole-slide file
// (with several series, the one with the largest image). Detection is cheap: the "DICM"
// prefix, or a folder holding .dcm files.
// Thread-safety: stateless; detect() and open() may run concurrently.

#include <lamina/slide/SlideBackend.h>

namespace lamina {

class DicomBackend : public SlideBackend {
public:
    std::string name() const override { return "dicom"; }
    bool detect(const LocationProbe& probe) const override;
    std::unique_ptr<SlideSource> open(const LocationProbe& probe) const override;
};

} // namespace lamina
