#pragma once
// One lamina-cli subcommand. Each command is one class in its own file, registered in main.cpp.
// Exit codes: 0 success, 1 runtime error (one line on stderr naming the file and the cause),
// 2 usage error.

#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/SlideSource.h>

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
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

// A group of subcommands (`bench ...`, `annotations ...`), created on first use.
inline CLI::App& commandGroup(CLI::App& app, const std::string& name,
                              const std::string& description) {
    for (CLI::App* sub : app.get_subcommands({}))
        if (sub->get_name() == name)
            return *sub;
    CLI::App* group = app.add_subcommand(name, description);
    group->require_subcommand(1);
    return *group;
}

// `--pyramid N`: which of a slide's pyramids (focal planes, optical paths; `info` lists them).
inline void addPyramidOption(CLI::App* sub, std::optional<size_t>& pyramid) {
    sub->add_option("--pyramid", pyramid,
                    "Which pyramid of a slide holding several (focal planes, optical paths; "
                    "`info` lists them); default: the slide's own choice");
}

// Opens a slide, showing `pyramid` when given. Throws lamina::Error.
inline std::unique_ptr<SlideSource> openSlide(const std::string& location,
                                              std::optional<size_t> pyramid) {
    auto slide = FormatRegistry::standard().open(location);
    if (pyramid && *pyramid != slide->shownPyramid())
        return slide->withPyramid(*pyramid);
    return slide;
}

inline CLI::App& benchGroup(CLI::App& app) {
    return commandGroup(app, "bench", "Benchmarks (run on the release build)");
}

inline CLI::App& annotationsGroup(CLI::App& app) {
    return commandGroup(app, "annotations", "Annotation files: convert, statistics");
}

} // namespace lamina::cli
