#pragma once
// `lamina-cli thumbnail SLIDE --max-size N -o OUT.png`: the whole slide fitted in N x N.

#include "CliCommand.h"

#include <string>

namespace lamina::cli {

class ThumbnailCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, output_;
    int32_t maxSize_ = 1024;
};

} // namespace lamina::cli
