#pragma once
// `lamina-cli associated SLIDE NAME -o OUT.png`: label, macro, thumbnail, ...
// Note: label and macro images can show patient identity.

#include "CliCommand.h"

#include <string>

namespace lamina::cli {

class AssociatedCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::string slidePath_, name_, output_;
};

} // namespace lamina::cli
