#pragma once
// `lamina-cli info SLIDE [--json]`: geometry, scale, vendor, associated images, properties.

#include "CliCommand.h"

#include <nlohmann/json.hpp>
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
    bool json_ = false;
};

} // namespace lamina::cli
