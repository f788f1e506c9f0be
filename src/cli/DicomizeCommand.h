#pragma once
// `lamina-cli dicomize SLIDE -o FOLDER [--metadata FILE] [--include-label] [--deidentify]
//                      [--reencode jpeg|jpeg2000] [--quality Q] [--study-uid UID] [--mpp M]`
// Writes the slide as a DICOM VL Whole Slide Microscopy Image series (slide/writer/
// DicomSlideWriter): stored JPEG / JPEG 2000 tiles copied, the rest encoded. Prints one line
// per instance (how each level was written) and the UIDs. Nothing is left behind on error.

#include "CliCommand.h"
#include "DicomizeArguments.h"

namespace lamina::cli {

class DicomizeCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, output_;
    DicomizeArguments arguments_;
};

// Prints what writeDicomSlide() wrote: one line per file, then the series' UIDs.
void printDicomSeries(const DicomSlideWriteResult& result, double seconds);

} // namespace lamina::cli
