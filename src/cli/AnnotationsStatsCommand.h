#pragma once
// `lamina-cli annotations stats IN [--slide SLIDE] [--json]`: annotation counts, areas,
// lengths and point counts per class, in µm from the slide's MPP (pixels without a slide or
// without MPP, said so in the output).

#include "CliCommand.h"

#include <string>

namespace lamina::cli {

class AnnotationsStatsCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string input_, slide_;
    bool json_ = false;
};

} // namespace lamina::cli
