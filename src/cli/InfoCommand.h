#pragma once
// `lamina-cli info SLIDE [--json] [--pyramid N]`: geometry, scale, vendor, associated images,
// the pyramids of a slide holding several (focal planes, optical paths), properties.

#include "CliCommand.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace lamina {
class SlideSource;
}

namespace lamina::cli {

class InfoCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

    // The --json document (field order as documented in the README).
    static nlohmann::ordered_json toJson(const SlideSource& slide);

private:
    std::string slidePath_;
    std::optional<size_t> pyramid_;
    bool json_ = false;
};

} // namespace lamina::cli
