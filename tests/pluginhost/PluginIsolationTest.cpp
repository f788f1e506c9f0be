// Plugins run in worker processes: a plugin that segfaults, aborts, exits, leaks, hangs or
// reads absurd regions ends its run with a clear reason while this (host) process goes on and
// the next run works; a plugin that crashes while loading is listed unavailable; results are
// the same as in process.

#include "PluginHostTestSupport.h"

#include <lamina/pluginhost/PluginWorkerPool.h>

#include <sys/resource.h>

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

namespace {

PluginRunRequest crashing(const QString& mode, int crashTile = -1) {
    PluginRunRequest r = request(0, 0, 4000, 3000, mode, 1000); // 12 tiles
    r.parameters[QStringLiteral("crash_tile")] = crashTile;
    return r;
}

// AddressSanitizer turns a segfault into its report and an abort (abort_on_error).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAsan = true;
#else
constexpr bool kUnderAsan = false;
#endif

} // namespace

TEST(PluginIsolation, ACrashAbortOrExitEndsTheRunWithTheReasonAndTheNextRunWorks) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    ASSERT_EQ(e.inProcess, nullptr) << "plugins are meant to run out of process by default";
    for (const auto& [mode, needle] : std::vector<std::pair<QString, std::string>>{
             {QStringLiteral("segfault"),
              kUnderAsan ? "the plugin" : "the plugin crashed (signal 11, Segmentation fault)"},
             {QStringLiteral("abort"), "the plugin crashed (signal 6, Aborted)"},
             // LeakSanitizer's check at exit may change the status (to 23).
             {QStringLiteral("exit"), kUnderAsan
                                          ? "the plugin ended its process (exit status"
                                          : "the plugin ended its process (exit status 3)"}}) {
        // The fifth tile to start (index 4) is the one that misbehaves.
        PluginRun run(e, slide, crashing(mode, 4));
        EXPECT_EQ(run.wait(), PluginRun::State::Failed) << mode.toStdString();
        const std::string error = run.error();
        EXPECT_EQ(error.rfind("plugin test-behaviour: ", 0), 0u) << error;
        EXPECT_NE(error.find(needle), std::string::npos) << error;
        EXPECT_NE(error.find(" during tile"), std::string::npos) << error;
        EXPECT_NE(error.find("5"), std::string::npos) << error; // tile 5 of 12 was in flight
        EXPECT_NE(error.find(" of 12"), std::string::npos) << error;
        EXPECT_GE(run.outcomes().size(), 3u) << "tiles done before the crash are kept";
    }
    PluginRun ok(e, slide, request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000));
    EXPECT_EQ(ok.wait(), PluginRun::State::Finished) << ok.error();
    EXPECT_EQ(ok.outcomes().size(), 12u);
}

TEST(PluginIsolation, AHungTileIsStoppedAtTheTimeLimitWithoutACancel) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    PluginRunRequest r = request(0, 0, 1000, 1000, QStringLiteral("hang"), 1000);
    r.workerLimits.callTimeLimit = seconds(1);
    PluginRun run(e, slide, r);
    EXPECT_EQ(run.wait(), PluginRun::State::Failed);
    EXPECT_NE(run.error().find("did not finish within 1 s during tile 1 of 1; its process was "
                               "stopped"),
              std::string::npos)
        << run.error();
}

TEST(PluginIsolation, APluginThatLeaksIsStoppedAtItsMemoryLimit) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    PluginRunRequest r = request(0, 0, 1000, 1000, QStringLiteral("leak"), 1000);
    r.workerLimits.memoryBytes = uint64_t(768) << 20;
    PluginRun run(e, slide, r);
    EXPECT_EQ(run.wait(), PluginRun::State::Failed);
    // The address-space limit makes the allocation fail in the plugin ("ran out of memory"),
    // or (under AddressSanitizer) the host's watch of its resident memory stops it.
    const std::string error = run.error();
    EXPECT_TRUE(error.find("ran out of memory (its process may use 768 MiB)") !=
                    std::string::npos ||
                error.find("used more than its memory limit of 768 MiB") != std::string::npos)
        << error;
    // The host's own memory did not take the leak: far below the 768 MiB.
    rusage self{};
    getrusage(RUSAGE_SELF, &self);
    EXPECT_LT(self.ru_maxrss, 600L * 1024) << "KiB";
}

TEST(PluginIsolation, AReadLargerThanAnyRasterIsRefusedBeforeTheHostAllocatesIt) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    PluginRun run(e, slide, request(0, 0, 1000, 1000, QStringLiteral("huge-read"), 1000));
    EXPECT_EQ(run.wait(), PluginRun::State::Failed);
    EXPECT_NE(run.error().find("1048576 x 1048576 pixels is over the limit of a read"),
              std::string::npos)
        << run.error();
}

TEST(PluginIsolation, APluginThatCrashesWhileLoadingIsListedUnavailableWithTheCrash) {
    PluginRegistry r;
    r.discover({QStringLiteral(LAMINA_CRASHING_PLUGIN_DIR)});
    ASSERT_EQ(r.plugins().size(), 1u);
    const PluginEntry& crashing = r.plugins().front();
    EXPECT_EQ(crashing.description.id, QStringLiteral("test-crash-on-load"));
    EXPECT_FALSE(crashing.available());
    EXPECT_TRUE(crashing.unavailableReason.contains(QStringLiteral("while loading it")))
        << crashing.unavailableReason.toStdString();
    EXPECT_TRUE(crashing.unavailableReason.contains(QStringLiteral("signal 6")))
        << crashing.unavailableReason.toStdString();
}

TEST(PluginIsolation, AWorkerRunGivesTheSameResultsAsAnInProcessRun) {
    PluginRegistry inProcess(PluginIsolation::InProcess);
    inProcess.discover({QStringLiteral(LAMINA_BUILD_PLUGIN_DIR)});
    const PluginEntry& here = inProcess.find(QStringLiteral("stain-separation"));
    const PluginEntry& there = registry().find(QStringLiteral("stain-separation"));
    ASSERT_NE(here.inProcess, nullptr);
    ASSERT_EQ(there.inProcess, nullptr);
    const auto slide = std::make_shared<const HalvesSlide>(stainColour(kHaematoxylin, 0.6),
                                                           stainColour(kEosin, 0.4));
    PluginRunRequest r;
    r.width = r.height = 1000;
    r.parameters = there.description.resolveParameters({{"resolution", "2"}});
    r.threads = 2;
    PluginRun a(here, slide, r), b(there, slide, r);
    ASSERT_EQ(a.wait(), PluginRun::State::Finished) << a.error();
    ASSERT_EQ(b.wait(), PluginRun::State::Finished) << b.error();
    ASSERT_EQ(a.outcomes().size(), b.outcomes().size());
    const auto sumsHere = summedMeasurements(a.outcomes());
    const auto sumsThere = summedMeasurements(b.outcomes());
    ASSERT_EQ(sumsHere.size(), sumsThere.size());
    for (const auto& [name, value] : sumsHere) // tiles finish in any order: sums may round
        EXPECT_NEAR(sumsThere.at(name), value, 1e-9 * std::max(1.0, std::abs(value))) << name;
    const auto rasterOf = [](const PluginRun& run) {
        std::map<std::pair<double, double>, std::vector<float>> byOrigin;
        for (const PluginTileOutcome& o : run.outcomes())
            byOrigin[{o.result->raster->originX, o.result->raster->originY}] =
                o.result->raster->values;
        return byOrigin;
    };
    EXPECT_EQ(rasterOf(a), rasterOf(b));
}

TEST(PluginIsolation, AHealthyWorkerServesTheNextRunAndACrashedOneNever) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    PluginWorkerPool& pool = PluginWorkerPool::shared();
    int first = 0;
    {
        const auto worker = pool.take(e.file, {});
        first = worker->processId();
    } // given back
    EXPECT_EQ(pool.take(e.file, {})->processId(), first) << "an idle worker is reused";
    PluginWorkerLimits other;
    other.callTimeLimit = seconds(5);
    EXPECT_NE(pool.take(e.file, other)->processId(), first) << "other limits: another worker";
    {
        PluginRun run(e, slide, crashing(QStringLiteral("abort")));
        EXPECT_EQ(run.wait(), PluginRun::State::Failed);
    }
    const auto after = pool.take(e.file, {});
    EXPECT_TRUE(after->alive());
    EXPECT_NE(after->processId(), 0);
    PluginRun ok(e, slide, request(0, 0, 1000, 1000, QStringLiteral("ok"), 1000));
    EXPECT_EQ(ok.wait(), PluginRun::State::Finished) << ok.error();
}
