#pragma once
// One lamina-cli subcommand. Each command is one class in its own file, registered in main.cpp.
// Exit codes: 0 success, 1 runtime error (one line on stderr naming the file and the cause),
// 2 usage error.

#include <CLI/CLI.hpp>
#include <memory>
#include <vector>

namespace lamina::cli {

class CliCommand {
public:
    virtual ~CliCommand() = default;
    // Adds this command's subcommand and options to `app`.
    virtual CLI::App* configure(CLI::App& app) = 0;
    // Runs after a successful parse. Throws lamina::Error for runtime failures.
    virtual int run() = 0;
};

// The `bench` group that every benchmark subcommand hangs under (created on first use).
inline CLI::App& benchGroup(CLI::App& app) {
    for (CLI::App* sub : app.get_subcommands({}))
        if (sub->get_name() == "bench")
            return *sub;
    CLI::App* bench = app.add_subcommand("bench", "Benchmarks (run on the release build)");
    bench->require_subcommand(1);
    return *bench;
}

} // namespace lamina::cli
