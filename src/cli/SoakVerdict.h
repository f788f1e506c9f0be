#pragma once
// Judges a soak run's resource samples: after the warm-up (the cache filled, every kind of
// action done once, a plugin worker started and pooled) nothing a session holds may keep
// growing. File descriptors, threads and child processes may not stay above their warm-up
// peak through the last quarter of the run; no child may be left unreaped; resident memory may not
// pass what the budgets allow (tile cache + each view's shrunk-tile cache + a fixed allowance), nor
// creep from the second quarter of the run to the last. Pure: no I/O, so its rules are unit-tested
// with made-up samples. Thread-safety: value functions.

#include <lamina/core/ProcessResources.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace lamina::cli {

struct SoakSample {
    size_t action = 0; // how many actions were done when it was taken
    ProcessResources resources;
    // What the budgeted caches held then (tiles, shrunk tiles): memory that may grow up to
    // its budget, so the creep check looks at resident memory less this.
    uint64_t budgetedBytes = 0;
};

struct SoakLimits {
    size_t warmupActions = 0;     // samples up to this action are the warm-up
    uint64_t startResident = 0;   // after the slides opened, before any tile
    uint64_t memoryAllowance = 0; // above startResident, at any time
    uint64_t creepAllowance = 0;  // last quarter's peak above the second quarter's
};

// Empty when the run held; else one sentence per finding.
inline std::vector<std::string> soakFindings(const std::vector<SoakSample>& samples,
                                             const SoakLimits& limits) {
    std::vector<std::string> findings;
    if (samples.empty())
        return {"no resource samples were taken"};
    const size_t lastAction = samples.back().action;
    const auto peak = [&](size_t from, size_t to, auto field) { // actions in [from, to]
        int64_t best = -1;
        for (const SoakSample& s : samples)
            if (s.action >= from && s.action <= to)
                best = std::max<int64_t>(best, int64_t(field(s.resources)));
        return best;
    };
    const auto mib = [](int64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; };
    // A leak only grows; a thread or worker still ending when a sample is taken comes back
    // down. So: the lowest count of the last quarter against the warm-up's highest.
    const auto lowest = [&](size_t from, size_t to, auto field) {
        int64_t best = -1;
        for (const SoakSample& s : samples)
            if (s.action >= from && s.action <= to &&
                (best < 0 || int64_t(field(s.resources)) < best))
                best = int64_t(field(s.resources));
        return best;
    };
    const auto grew = [&](const char* what, auto field) {
        const int64_t warm = peak(0, limits.warmupActions, field);
        const int64_t late =
            lowest(std::max(limits.warmupActions + 1, lastAction * 3 / 4 + 1), lastAction, field);
        if (warm >= 0 && late > warm)
            findings.push_back(std::string(what) + " grew after the warm-up, from at most " +
                               std::to_string(warm) + " to at least " + std::to_string(late));
    };
    grew("open file descriptors", [](const ProcessResources& r) { return r.openFiles; });
    grew("threads", [](const ProcessResources& r) { return r.threads; });
    grew("child processes", [](const ProcessResources& r) { return r.childProcesses; });
    if (const int zombies = samples.back().resources.zombieChildren; zombies > 0)
        findings.push_back(std::to_string(zombies) +
                           " child processes exited and were never waited for");

    const auto resident = [](const ProcessResources& r) { return r.residentBytes; };
    const int64_t highest = peak(0, lastAction, resident);
    const int64_t bound = int64_t(limits.startResident + limits.memoryAllowance);
    if (highest > bound)
        findings.push_back("resident memory reached " + mib(highest) + ", above the " + mib(bound) +
                           " that the cache budgets allow");
    // Creep: resident memory beyond what the budgeted caches hold, peak of the second
    // quarter against the peak of the last.
    const auto unbudgeted = [&](size_t from, size_t to) {
        int64_t best = -1;
        for (const SoakSample& s : samples)
            if (s.action >= from && s.action <= to)
                best = std::max(best,
                                int64_t(s.resources.residentBytes) -
                                    int64_t(std::min(s.budgetedBytes, s.resources.residentBytes)));
        return best;
    };
    const int64_t secondQuarter = unbudgeted(lastAction / 4 + 1, lastAction / 2);
    const int64_t lastQuarter = unbudgeted(lastAction * 3 / 4 + 1, lastAction);
    if (secondQuarter >= 0 && lastQuarter > secondQuarter + int64_t(limits.creepAllowance))
        findings.push_back("resident memory beyond the caches' contents crept from " +
                           mib(secondQuarter) + " (second quarter of the run) to " +
                           mib(lastQuarter) + " (last quarter)");
    return findings;
}

} // namespace lamina::cli
