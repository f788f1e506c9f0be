#pragma once
// The options `dicomize` and `archive send` share: what goes into the DICOM series and how
// (metadata file, label, de-identification, codec, study) and the slide's pixel size when the
// file has none. Parsed in one place so both commands mean the same.
// Thread-safety: one command thread.

#include <lamina/slide/SlideSource.h>
#include <lamina/slide/writer/DicomSlideWriter.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

namespace lamina::cli {

class DicomizeArguments {
public:
    void add(CLI::App* sub);
    // The options as parsed (reads --metadata). Throws lamina::Error.
    DicomSlideWriteOptions options() const;
    // Opens the slide, with the pixel size of --mpp when given. Throws lamina::Error.
    std::shared_ptr<const SlideSource> openSlide(const std::string& location) const;
    bool quiet() const { return quiet_; }
    // True when any option changes what is written (a DICOM folder is then converted, not
    // sent as it is).
    bool changesOutput() const;

private:
    std::string metadata_, reencode_, studyUid_, pseudonym_, purpose_;
    bool includeLabel_ = false, includeThumbnail_ = false, deidentify_ = false, quiet_ = false;
    int quality_ = 90, threads_ = 0;
    std::optional<double> mpp_;
    std::optional<size_t> pyramid_;
};

// "\rwriting FOLDER:  42%" on a terminal; returns true (never cancels).
bool printProgress(const std::string& what, uint64_t done, uint64_t total, int& lastPercent);

} // namespace lamina::cli
