#pragma once
// `lamina-cli bench soak SLIDE... [--actions 3600] [--plugin-id ID] [--plugin-every 300]
//  [--reopen-every 120] [--cache-mib 256] [--viewport 1920x1080] [--threads N] [--json]`
// An hour-equivalent of a reading session, offscreen, through the viewer's own TileCache,
// TileLoader, SlideViewRenderer and plugin runs (in worker processes, as in the viewer): one
// "tab" per slide, and a seeded script of actions (one a second for an hour by default):
// pans, zoom steps, jumps, rotations, tab switches, each shown until sharp; every
// --reopen-every actions the active tab is closed and its slide opened again; every
// --plugin-every actions the plugin runs over the view and its overlay is painted from then
// on. Resident memory, threads, file descriptors and child processes are sampled a hundred
// times and judged (SoakVerdict.h): rc 1 with one line per finding when something grew.

#include "CliCommand.h"

#include <string>
#include <vector>

namespace lamina::cli {

class BenchSoakCommand : public CliCommand {
public:
    CLI::App* configure(CLI::App& app) override;
    int run() override;

private:
    std::vector<std::string> slidePaths_;
    std::string viewport_ = "1920x1080";
    std::string plugin_ = "stain-separation"; // "" = no plugin runs
    std::vector<std::string> params_;
    size_t actions_ = 3600;
    size_t pluginEvery_ = 300;
    size_t reopenEvery_ = 120;
    uint64_t cacheMib_ = 256;
    int threads_ = 0;
    bool json_ = false;
};

} // namespace lamina::cli
