#pragma once
// `lamina-cli plugins list [--json]`: every overlay plugin found (PluginRegistry's folders),
// available or not (with the reason), with its description and parameters.

#include "CliCommand.h"

namespace lamina::cli {

class PluginsListCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    bool json_ = false;
};

} // namespace lamina::cli
