#include "DicomizeCommand.h"

#include <chrono>
#include <cstdio>

namespace lamina::cli {

CLI::App* DicomizeCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand(
        "dicomize", "Write a slide as a DICOM whole-slide image series (lossless where possible)");
    sub->add_option("slide", slidePath_, "Slide file, DICOM folder or DICOMweb series URL")
        ->required();
    sub->add_option("-o,--output", output_, "Output folder (new or empty)")->required();
    arguments_.add(sub);
    return sub;
}

void printDicomSeries(const DicomSlideWriteResult& result, double seconds) {
    for (size_t i = 0; i < result.files.size(); ++i) {
        const auto& l = result.levels[i];
        std::printf("%s: %lldx%lld, %llu frames, %s (%s)\n", result.files[i].string().c_str(),
                    (long long)l.width, (long long)l.height, (unsigned long long)l.frames,
                    l.how.c_str(), l.transferSyntax.c_str());
    }
    std::printf("StudyInstanceUID %s\nSeriesInstanceUID %s\n", result.studyUid.c_str(),
                result.seriesUid.c_str());
    if (!result.pseudonym.empty())
        std::printf("pseudonym %s\n", result.pseudonym.c_str());
    std::printf("%.1f MB in %.1f s\n", double(result.bytes) / 1e6, seconds);
}

int DicomizeCommand::run() {
    const DicomSlideWriteOptions options = arguments_.options();
    const auto slide = arguments_.openSlide(slidePath_);
    int last = -1;
    const auto start = std::chrono::steady_clock::now();
    const auto result = writeDicomSlide(*slide, output_, options, [&](uint64_t done, uint64_t all) {
        return arguments_.quiet() || printProgress("writing " + output_, done, all, last);
    });
    if (!arguments_.quiet())
        printDicomSeries(
            result,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return 0;
}

} // namespace lamina::cli
