// kill -9 at random moments while lamina-cli writes: a synthetic slide, a large-region export,
// a DICOM series. After every kill the final name holds nothing or a whole readable result
// (never half of one); the next complete run succeeds and sweeps the temporaries the killed
// runs left behind.

#include "TestSupport.h"

#include <lamina/slide/FormatRegistry.h>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <iostream>
#include <random>
#include <thread>

extern char** environ;

using namespace lamina;
using lamina::test::TempDir;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kKills = 6;

// The hidden temporaries (".NAME.partial-PID") in `folder`.
std::vector<std::string> temporaries(const fs::path& folder) {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(folder)) {
        const std::string name = e.path().filename().string();
        if (name.front() == '.' && name.find(".partial-") != std::string::npos)
            found.push_back(name);
    }
    return found;
}

// Starts `argv`, waits until it has begun writing (its temporary appears in `folder`), lets it
// go on for a random `delay` up to `maxDelay`, then SIGKILLs it. True when the kill landed
// while it was writing: waiting for the temporary keeps the test meaningful however fast or
// slow the machine is.
bool killWhileWriting(const std::vector<std::string>& argv, const fs::path& folder,
                      std::chrono::milliseconds delay) {
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return false;
    // Its own temporary (named after its PID): earlier killed runs' are swept as it starts.
    const auto writing = [&] {
        const std::string mine = "-" + std::to_string(pid);
        for (const std::string& name : temporaries(folder))
            if (name.size() > mine.size() &&
                name.compare(name.size() - mine.size(), mine.size(), mine) == 0)
                return true;
        return false;
    };
    int status = 0;
    const auto giveUp = Clock::now() + std::chrono::seconds(60);
    bool exited = false;
    while (!writing() && Clock::now() < giveUp) {
        if (waitpid(pid, &status, WNOHANG) == pid) {
            exited = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (exited)
        return false;
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status);
}

// A slide at `location` opens and its last level's last tile reads.
void readsWhole(const fs::path& location) {
    const auto slide = FormatRegistry::standard().open(location.string());
    const int last = slide->levelCount() - 1;
    const LevelInfo& l = slide->level(last);
    slide->readTile(last, l.tilesAcross() - 1, l.tilesDown() - 1);
    slide->readTile(0, slide->level(0).tilesAcross() - 1, slide->level(0).tilesDown() - 1);
}

// Kills `argv` kKills times at random moments while it writes, checking the output each
// time, then runs it to the end.
void killAtRandomMoments(const std::vector<std::string>& argv, const fs::path& output,
                         const fs::path& folder) {
    const auto start = Clock::now();
    const auto full = test::runProcess(argv);
    ASSERT_EQ(full.exitCode, 0) << full.err;
    const auto duration =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    readsWhole(output);
    fs::remove_all(output);
    std::mt19937 random(20261207);
    int killed = 0;
    for (int i = 0; i < kKills; ++i) {
        // Up to a third of a whole run after writing began: most kills land mid-write.
        const auto delay = std::chrono::milliseconds(
            std::uniform_int_distribution<long>(0, duration.count() / 3)(random));
        killed += killWhileWriting(argv, folder, delay) ? 1 : 0;
        SCOPED_TRACE("killed " + std::to_string(delay.count()) + " ms into writing");
        if (fs::exists(output)) // then whole: written before the kill
            readsWhole(output);
    }
    std::cout << argv[1] << ": " << killed << " of " << kKills << " runs killed while writing\n";
    ASSERT_GE(killed, 1) << "no run was killed while writing";
    EXPECT_FALSE(temporaries(folder).empty()) << "killed runs leave temporaries (then swept)";
    fs::remove_all(output);
    const auto again = test::runProcess(argv);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    readsWhole(output);
    EXPECT_EQ(temporaries(folder), std::vector<std::string>{})
        << "the temporaries of killed runs are swept by the next run";
}

} // namespace

TEST(KillMinus9, SyntheticSlideWritingLeavesNoHalfSlideAndTheNextRunSweeps) {
    TempDir dir;
    const fs::path out = dir / "synthetic.svs";
    killAtRandomMoments({test::laminaCliPath(), "synth", "-o", out.string(), "--width", "12000",
                         "--height", "9000", "--threads", "2", "--quiet"},
                        out, dir.path());
}

TEST(KillMinus9, LargeRegionExportLeavesNoHalfFileAndTheNextRunSweeps) {
    TempDir dir;
    const fs::path source = test::synthesizedSlide(8000, 6000, 5);
    const fs::path out = dir / "export.tif";
    killAtRandomMoments({test::laminaCliPath(), "export", source.string(), "--region",
                         "0,0,8000,6000", "--mpp", "0.25", "-o", out.string()},
                        out, dir.path());
}

TEST(KillMinus9, DicomExportLeavesNoHalfSeriesAndTheNextRunSweeps) {
    TempDir dir;
    const fs::path source = test::synthesizedSlide(8000, 6000, 6);
    const fs::path out = dir / "series";
    killAtRandomMoments({test::laminaCliPath(), "dicomize", source.string(), "-o", out.string(),
                         "--reencode", "jpeg"},
                        out, dir.path());
}
