#pragma once
// `lamina-cli report SLIDE [--annotations FILE] --snapshot (ID | X,Y,W,H) [--snapshot ...]
//                   (--mpp M | --magnification M) [--conclusion TEXT | --conclusion-file F]
//                   [--include-label] -o BUNDLE.json [--pdf OUT.pdf]`
// A report (render/export/Report): each --snapshot frames an annotation (by id, with a margin)
// or a level-0 region, rendered with its scale bar and caption and the measurements of the
// annotations it shows; written as a FHIR R4 Bundle and optionally a PDF sheet. The slide
// label is included only with --include-label, which prints a warning that it may identify
// the patient. Outputs are written atomically; nothing is written when an input is wrong.

#include "CliCommand.h"

#include <optional>
#include <string>
#include <vector>

namespace lamina::cli {

class ReportCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, annotationsPath_, output_, pdfPath_, conclusion_, conclusionFile_;
    std::vector<std::string> snapshots_;
    std::optional<double> mpp_, magnification_;
    bool includeLabel_ = false;
};

} // namespace lamina::cli
