#pragma once
// Sending a slide of interest to a DICOMweb archive, as one rule for `lamina-cli archive send`
// and the viewer's File › Send to Archive…: the slide is written as a DICOM series
// (writeDicomSlide) into a staging folder named after the slide and the options, then sent
// with uploadToArchive, which asks the archive first what it already holds. So a send that
// failed half-way (network, archive down, the user cancelled the upload) is resumed by
// sending again with the same options: the staged series is reused (same UIDs), and only
// the instances the archive lacks go out. The staging folder is removed once the archive
// holds every instance; a cancel during the conversion leaves nothing behind.
// Thread-safety: one call per thread; the client may be shared.

#include <lamina/slide/SlideSource.h>
#include <lamina/slide/dicomweb/DicomWebUpload.h>
#include <lamina/slide/writer/DicomSlideWriter.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace lamina {

enum class SlideToArchiveStage {
    Converting, // frames written (done, total)
    Sending,    // bytes sent (done, total)
};

// Returning false cancels (lamina::Error(Cancelled)).
using SlideToArchiveProgress =
    std::function<bool(SlideToArchiveStage stage, uint64_t done, uint64_t total)>;

struct SlideToArchiveResult {
    std::string studyUid, seriesUid; // of the series now in the archive
    std::string pseudonym;           // when de-identified
    bool reusedStaging = false;      // an earlier, interrupted send's series was sent
    DicomSlideWriteResult written;   // empty when reusedStaging
    DicomWebUploadResult upload;
};

// The staging folder for this slide and these options under `stagingRoot` (the same slide
// and options always give the same folder).
std::filesystem::path slideStagingFolder(const SlideSource& slide,
                                         const DicomSlideWriteOptions& options,
                                         const std::filesystem::path& stagingRoot);

// Throws lamina::Error as writeDicomSlide and uploadToArchive do (the staged series is kept
// when the upload fails, for the next try).
SlideToArchiveResult sendSlideToArchive(const SlideSource& slide, const DicomWebClient& client,
                                        const DicomSlideWriteOptions& options,
                                        const std::filesystem::path& stagingRoot,
                                        const SlideToArchiveProgress& progress = {});

} // namespace lamina
