#pragma once
// `lamina-cli region SLIDE --level L --x X --y Y --width W --height H -o OUT.png [--pyramid N]`
// X, Y in level-0 pixels; W, H in pixels of level L (OpenSlide's convention).

#include "CliCommand.h"

#include <cstdint>
#include <optional>
#include <string>

namespace lamina::cli {

class RegionCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, output_;
    int level_ = 0;
    int64_t x_ = 0, y_ = 0;
    int32_t width_ = 0, height_ = 0;
    std::optional<size_t> pyramid_;
};

} // namespace lamina::cli
