#include "DicomizeArguments.h"

#include "CliCommand.h"
#include "CliOptions.h"
#include "RegionArguments.h"

#include <lamina/slide/PixelSizeOverride.h>

#include <unistd.h>

#include <cstdio>

namespace lamina::cli {

void DicomizeArguments::add(CLI::App* sub) {
    sub->add_option("--metadata", metadata_,
                    "JSON file of DICOM keywords to values (PatientID, AccessionNumber, "
                    "ContainerIdentifier, ...)");
    auto* label = sub->add_flag("--include-label", includeLabel_,
                                "Also write the label and overview images (they can show the "
                                "patient's name)");
    sub->add_flag("--include-thumbnail", includeThumbnail_, "Also write the thumbnail image");
    sub->add_flag("--deidentify", deidentify_,
                  "De-identify (DICOM PS3.15 Basic Profile): pseudonym, dates shifted, no label")
        ->excludes(label);
    sub->add_option("--pseudonym", pseudonym_,
                    "Patient name and ID when de-identifying (default: a random one, printed)");
    sub->add_option("--purpose", purpose_, "Why the slide is shared: teaching, research, ...");
    sub->add_option("--reencode", reencode_,
                    "Encode every tile (jpeg or jpeg2000, which is lossless) instead of copying "
                    "stored JPEG / JPEG 2000 tiles")
        ->check(CLI::IsMember({"jpeg", "jpeg2000"}));
    sub->add_option("--quality", quality_, "JPEG quality of encoded tiles (1-100)")
        ->capture_default_str();
    sub->add_option("--study-uid", studyUid_,
                    "Put the series in this study (default: the "
                    "source's study, or a new one)");
    sub->add_option("--mpp", mpp_, "Pixel size in µm, for a slide whose file has none");
    addPyramidOption(sub, pyramid_);
    addThreadsOption(sub, threads_, "encoding");
    sub->add_flag("-q,--quiet", quiet_, "No progress output");
}

DicomSlideWriteOptions DicomizeArguments::options() const {
    DicomSlideWriteOptions o;
    if (!metadata_.empty())
        o.attributes = readDicomMetadataFile(metadata_);
    o.includeLabel = includeLabel_;
    o.includeThumbnail = includeThumbnail_;
    o.deidentification.enabled = deidentify_;
    o.deidentification.pseudonym = pseudonym_;
    if (!pseudonym_.empty() && !deidentify_)
        usageError("--pseudonym is for --deidentify");
    o.purpose = purpose_;
    o.reencodeAll = !reencode_.empty();
    o.reencoding =
        reencode_ == "jpeg2000" ? DicomReencoding::Jpeg2000Lossless : DicomReencoding::Jpeg;
    o.quality = quality_;
    o.studyUid = studyUid_;
    o.threads = threads_;
    return o;
}

std::shared_ptr<const SlideSource> DicomizeArguments::openSlide(const std::string& location) const {
    std::shared_ptr<const SlideSource> slide = cli::openSlide(location, pyramid_);
    if (mpp_)
        return std::make_shared<PixelSizeOverride>(slide, *mpp_);
    return slide;
}

bool DicomizeArguments::changesOutput() const {
    return !metadata_.empty() || !reencode_.empty() || !studyUid_.empty() || !purpose_.empty() ||
           includeLabel_ || includeThumbnail_ || deidentify_ || mpp_ || pyramid_;
}

bool printProgress(const std::string& what, uint64_t done, uint64_t total, int& lastPercent) {
    if (!::isatty(STDERR_FILENO) || total == 0)
        return true;
    const int percent = int(done * 100 / total);
    if (percent != lastPercent) {
        std::fprintf(stderr, "\r%s: %3d%%%s", what.c_str(), percent, done >= total ? "\n" : "");
        lastPercent = percent;
    }
    return true;
}

} // namespace lamina::cli
