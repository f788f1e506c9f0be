#include "dicom/DicomBackend.h"

#include "dicom/DicomSlideSource.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>

#include <algorithm>

namespace lamina {
namespace fs = std::filesystem;
namespace {

constexpr size_t kMaxFilesInFolder = 100000;

// Files of `folder` that start like DICOM, sorted by name.
std::vector<fs::path> dicomFilesIn(const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (files.size() >= kMaxFilesInFolder)
            break;
        if (entry.is_regular_file(ec) && DicomInstance::looksLikeDicom(entry.path()))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

bool DicomBackend::detect(const LocationProbe& probe) const {
    if (probe.isUrl)
        return false;
    if (probe.isDirectory) {
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(probe.path, ec))
            if (entry.path().extension() == ".dcm")
                return true;
        return false;
    }
    return probe.isDicomFile();
}

std::unique_ptr<SlideSource> DicomBackend::open(const LocationProbe& probe) const {
    const fs::path folder = probe.isDirectory ? probe.path : probe.path.parent_path();
    std::vector<DicomInstance> all;
    std::string series;
    if (!probe.isDirectory) {
        all.push_back(DicomInstance::read(probe.path)); // errors name this file
        series = all.back().seriesUid;
    }
    // The other instances of the series (the chosen file is not read twice); files that are
    // not readable whole-slide images are skipped (a folder often holds other DICOM objects),
    // with a log line.
    std::error_code ec;
    // The series opening the folder shows (the largest), to name the slide by its folder then.
    std::string largestSeries = series;
    int64_t largestArea = all.empty() ? 0 : all.back().totalWidth * all.back().totalHeight;
    for (const auto& file : dicomFilesIn(folder.empty() ? fs::path(".") : folder)) {
        if (!probe.isDirectory && fs::equivalent(file, probe.path, ec))
            continue;
        try {
            DicomInstance d = DicomInstance::read(file);
            if (d.totalWidth * d.totalHeight > largestArea) {
                largestArea = d.totalWidth * d.totalHeight;
                largestSeries = d.seriesUid;
            }
            if (series.empty() || d.seriesUid == series)
                all.push_back(std::move(d));
        } catch (const Error& e) {
            logger().info("{}: skipped ({})", file.string(), e.cause());
        }
    }
    if (all.empty())
        throw Error(ErrorKind::UnsupportedFormat, probe.location,
                    "the folder holds no readable DICOM whole-slide image");
    if (series.empty()) { // a folder: the series with the largest volume
        const auto largest = std::max_element(
            all.begin(), all.end(), [](const DicomInstance& a, const DicomInstance& b) {
                return a.totalWidth * a.totalHeight < b.totalWidth * b.totalHeight;
            });
        series = largest->seriesUid;
        std::erase_if(all, [&](const DicomInstance& d) { return d.seriesUid != series; });
    }
    auto slide = std::make_unique<DicomSlideSource>(probe.location, std::move(all));
    fs::path canonical =
        fs::absolute(series == largestSeries ? (folder.empty() ? fs::path(".") : folder)
                                             : probe.path)
            .lexically_normal();
    if (!canonical.has_filename()) // "…/series/": the folder itself
        canonical = canonical.parent_path();
    slide->setCanonicalLocation(canonical.string());
    return slide;
}

} // namespace lamina
