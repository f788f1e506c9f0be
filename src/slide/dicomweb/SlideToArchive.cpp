#include <lamina/core/Hashing.h>
#include <lamina/slide/dicom/DicomInstance.h>
#include <lamina/slide/dicomweb/SlideToArchive.h>

#include <fmt/format.h>

namespace lamina {
namespace {

// Everything that shapes the series: the slide (its identity and the pixel size used, which
// the user may have entered) and every option but the thread count.
std::string stagingKey(const SlideSource& slide, const DicomSlideWriteOptions& o) {
    const SlideMetadata& m = slide.metadata();
    std::string text = fmt::format(
        "{}|{}x{}|{}|{}|{}|{}{}{}|{}|{}|{}|{}|{}", slide.id().text(), m.mppX.value_or(0),
        m.mppY.value_or(0), slide.levelCount(), o.reencodeAll, int(o.reencoding), o.includeLabel,
        o.includeThumbnail, o.deidentification.enabled, o.deidentification.pseudonym, o.quality,
        o.studyUid, o.purpose, o.attributes.size());
    for (const auto& [keyword, value] : o.attributes)
        text += "|" + keyword + "=" + value;
    return fmt::format("{:016x}", fnv1a64(text));
}

} // namespace

std::filesystem::path slideStagingFolder(const SlideSource& slide,
                                         const DicomSlideWriteOptions& options,
                                         const std::filesystem::path& stagingRoot) {
    return stagingRoot / stagingKey(slide, options);
}

SlideToArchiveResult sendSlideToArchive(const SlideSource& slide, const DicomWebClient& client,
                                        const DicomSlideWriteOptions& options,
                                        const std::filesystem::path& stagingRoot,
                                        const SlideToArchiveProgress& progress) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(stagingRoot, ec);
    const fs::path folder = slideStagingFolder(slide, options, stagingRoot);
    SlideToArchiveResult result;
    // The writer renames its hidden folder to `folder` only once the series is complete, so
    // a folder there is a whole series from an earlier try.
    std::vector<fs::path> files =
        fs::is_directory(folder, ec) ? dicomFilesIn(folder) : std::vector<fs::path>{};
    if (files.empty()) {
        fs::remove_all(folder, ec); // an empty folder left by hand: the writer wants it gone
        result.written = writeDicomSlide(slide, folder, options, [&](uint64_t done, uint64_t all) {
            return !progress || progress(SlideToArchiveStage::Converting, done, all);
        });
        files = result.written.files;
        result.studyUid = result.written.studyUid;
        result.seriesUid = result.written.seriesUid;
        result.pseudonym = result.written.pseudonym;
    } else {
        result.reusedStaging = true;
        const DicomInstance first = DicomInstance::read(files.front());
        result.studyUid = first.studyUid;
        result.seriesUid = first.seriesUid;
        if (options.deidentification.enabled)
            if (const auto id = first.properties.find("dicom.PatientID");
                id != first.properties.end())
                result.pseudonym = id->second;
    }
    result.upload = uploadToArchive(client, files, [&](uint64_t done, uint64_t all) {
        return !progress || progress(SlideToArchiveStage::Sending, done, all);
    });
    fs::remove_all(folder, ec); // the archive holds every instance now
    return result;
}

} // namespace lamina
