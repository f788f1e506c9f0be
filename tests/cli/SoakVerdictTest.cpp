// The soak bench's judgement (src/cli/SoakVerdict.h) on made-up samples: what counts as a
// leak and what is only a thread still ending when a sample was taken.

#include "SoakVerdict.h"

#include <gtest/gtest.h>

using namespace lamina;
using namespace lamina::cli;

namespace {

constexpr uint64_t kMiB = 1 << 20;

// 100 samples, one every 10 actions; the warm-up is the first 250 actions.
std::vector<SoakSample> steadyRun() {
    std::vector<SoakSample> samples;
    for (size_t action = 10; action <= 1000; action += 10) {
        ProcessResources r;
        r.residentBytes = (action < 200 ? 100 + action / 4 : 150) * kMiB; // cache filling
        r.threads = 7;
        r.openFiles = 13;
        r.childProcesses = action < 100 ? 0 : 1; // a plugin worker pooled
        samples.push_back({action, r});
    }
    return samples;
}

SoakLimits limits() {
    SoakLimits l;
    l.warmupActions = 250;
    l.startResident = 90 * kMiB;
    l.memoryAllowance = 200 * kMiB;
    l.creepAllowance = 32 * kMiB;
    return l;
}

} // namespace

TEST(SoakVerdict, ASteadyRunHasNoFindings) {
    EXPECT_TRUE(soakFindings(steadyRun(), limits()).empty());
}

TEST(SoakVerdict, AFileDescriptorLeakedEveryFewActionsIsFound) {
    auto samples = steadyRun();
    for (SoakSample& s : samples)
        s.resources.openFiles += int(s.action / 100); // one more every 100 actions
    const auto findings = soakFindings(samples, limits());
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_NE(findings[0].find("open file descriptors grew"), std::string::npos) << findings[0];
}

TEST(SoakVerdict, AThreadStillEndingWhenASampleIsTakenIsNotALeak) {
    auto samples = steadyRun();
    samples[80].resources.threads = 8; // action 810: a run's thread not yet joined
    EXPECT_TRUE(soakFindings(samples, limits()).empty());
    for (size_t i = 60; i < samples.size(); ++i) // from action 610 on, for good
        samples[i].resources.threads = 8;
    EXPECT_EQ(soakFindings(samples, limits()).size(), 1u);
}

TEST(SoakVerdict, UnreapedWorkersAndExtraChildrenAreFound) {
    auto samples = steadyRun();
    samples.back().resources.zombieChildren = 2;
    for (size_t i = 75; i < samples.size(); ++i)
        samples[i].resources.childProcesses = 3;
    const auto findings = soakFindings(samples, limits());
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_NE(findings[0].find("child processes grew"), std::string::npos) << findings[0];
    EXPECT_NE(findings[1].find("never waited for"), std::string::npos) << findings[1];
}

TEST(SoakVerdict, MemoryAboveTheBudgetsOrCreepingIsFound) {
    auto over = steadyRun();
    over[90].resources.residentBytes = 300 * kMiB; // above 90 + 200
    const auto overFindings = soakFindings(over, limits());
    ASSERT_EQ(overFindings.size(), 2u); // above the bound, and the last quarter's peak
    EXPECT_NE(overFindings[0].find("above the 290 MiB"), std::string::npos) << overFindings[0];

    auto creep = steadyRun();
    for (SoakSample& s : creep) // 1 MiB every 10 actions: within the bound, still a leak
        if (s.action > 250)
            s.resources.residentBytes = (150 + (s.action - 250) / 10) * kMiB;
    const auto creepFindings = soakFindings(creep, limits());
    ASSERT_EQ(creepFindings.size(), 1u);
    EXPECT_NE(creepFindings[0].find("crept"), std::string::npos) << creepFindings[0];
    // The same growth, held by the budgeted caches (shrunk tiles filling up): no creep.
    for (SoakSample& s : creep)
        if (s.action > 250)
            s.budgetedBytes = (s.action - 250) / 10 * kMiB;
    EXPECT_TRUE(soakFindings(creep, limits()).empty());
}

TEST(SoakVerdict, NoSamplesIsAFindingNotAPass) {
    EXPECT_EQ(soakFindings({}, limits()).size(), 1u);
}
