#include "ArchiveSendCommand.h"

#include "DicomizeCommand.h"

#include <lamina/core/Error.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>
#include <lamina/slide/dicomweb/SlideToArchive.h>

#include <fmt/format.h>

#include <QStandardPaths>

#include <chrono>
#include <cstdio>

namespace lamina::cli {

CLI::App* ArchiveSendCommand::configure(CLI::App& app) {
    auto& archive = commandGroup(app, "archive", "DICOMweb archives: send slides");
    auto* sub = archive.add_subcommand(
        "send", "Send a slide (converted to DICOM) or a folder of DICOM files to an archive");
    sub->add_option("source", source_, "Slide, or a folder of .dcm files")->required();
    sub->add_option("url", url_, "DICOMweb service root (http:// or https://)")->required();
    sub->add_option("--staging", staging_,
                    "Folder for the converted series (default: in the user's cache folder; "
                    "removed once the archive holds it)");
    arguments_.add(sub);
    return sub;
}

void ArchiveSendCommand::printSent(const DicomWebUploadResult& sent, double seconds) const {
    if (!arguments_.quiet())
        std::printf("%s: %zu instances sent (%.1f MB), %zu already there, in %.1f s\n",
                    url_.c_str(), sent.sent, double(sent.bytesSent) / 1e6, sent.alreadyThere,
                    seconds);
}

int ArchiveSendCommand::run() {
    namespace fs = std::filesystem;
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    DicomWebClient client(url_, DicomWebSettings::optionsFor(url_));
    std::error_code ec;
    const bool dicomFolder = fs::is_directory(source_, ec) && [&] {
        try {
            return !dicomFilesIn(source_).empty() && !fs::exists(fs::path(source_) / "DICOMDIR");
        } catch (const Error&) {
            return false;
        }
    }();
    if (dicomFolder && !arguments_.changesOutput()) {
        int last = -1;
        const DicomWebUploadResult sent =
            uploadToArchive(client, dicomFilesIn(source_), [&](uint64_t done, uint64_t all) {
                return arguments_.quiet() || printProgress("sending to " + url_, done, all, last);
            });
        printSent(sent, elapsed());
        return 0;
    }
    // The same slide and options always stage in the same folder, so a second run after a
    // failed send reuses the series instead of converting again (SlideToArchive).
    const DicomSlideWriteOptions options = arguments_.options();
    const auto slide = arguments_.openSlide(source_);
    const fs::path root =
        staging_.empty()
            ? fs::path(
                  QStandardPaths::writableLocation(QStandardPaths::CacheLocation).toStdString()) /
                  "outgoing"
            : fs::path(staging_);
    int last = -1;
    SlideToArchiveStage shown = SlideToArchiveStage::Converting;
    const SlideToArchiveResult result = sendSlideToArchive(
        *slide, client, options, root, [&](SlideToArchiveStage stage, uint64_t done, uint64_t all) {
            if (stage != shown) {
                shown = stage;
                last = -1;
            }
            return arguments_.quiet() ||
                   printProgress(stage == SlideToArchiveStage::Converting ? "converting " + source_
                                                                          : "sending to " + url_,
                                 done, all, last);
        });
    if (!arguments_.quiet()) {
        if (result.reusedStaging)
            std::printf("%s: sent the series converted by an earlier try\n", source_.c_str());
        else
            printDicomSeries(result.written, elapsed());
    }
    printSent(result.upload, elapsed());
    return 0;
}

} // namespace lamina::cli
