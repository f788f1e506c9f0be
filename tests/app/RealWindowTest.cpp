// The real application in a real X window (Xvfb), as `lamina --screenshot` runs for the docs:
// the grab must show tissue, and a bad slide must exit non-zero with the file named.

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <QImage>

#include <fstream>

using namespace lamina;

namespace {

const char* kXvfbRun = "/usr/bin/xvfb-run";

// Runs the app under Xvfb with its settings and data in `home` (never the user's own).
test::ProcessResult runLamina(const test::TempDir& home, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"/usr/bin/env",
                                     "QT_QPA_PLATFORM=xcb",
                                     "XDG_CONFIG_HOME=" + (home / "config").string(),
                                     "XDG_DATA_HOME=" + (home / "data").string(),
                                     kXvfbRun,
                                     "-a",
                                     "-s",
                                     "-screen 0 1920x1080x24",
                                     LAMINA_APP_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::runProcess(argv);
}

} // namespace

TEST(RealWindow, ScreenshotOfASlideShowsTissue) {
    if (!std::filesystem::exists(kXvfbRun))
        GTEST_SKIP() << "xvfb-run is not installed (Debian package xvfb)";
    SyntheticSlideOptions o;
    o.width = 12000;
    o.height = 9000;
    o.seed = 11;
    const auto slide = test::synthesizedSlide(o);
    test::TempDir dir;
    const auto shot = dir / "shot.png";
    const auto r = runLamina(dir, {"--screenshot", shot.string(), "--size", "1280x800",
                                   "--magnification", "5", slide.string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    QImage image(QString::fromStdString(shot.string()));
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), 1280);
    EXPECT_EQ(image.height(), 800);
    // Eosin-pink pixels (red and blue above green) cover a good part of the window.
    int pink = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QRgb p = image.pixel(x, y);
            if (qRed(p) > 180 && qRed(p) > qGreen(p) + 30 && qBlue(p) > qGreen(p))
                ++pink;
        }
    const double fraction = pink / (image.width() / 2.0 * image.height() / 2.0);
    EXPECT_GT(fraction, 0.15) << "tissue fraction of the window: " << fraction;
}

TEST(RealWindow, UnreadableSlideExitsWithTheReason) {
    if (!std::filesystem::exists(kXvfbRun))
        GTEST_SKIP() << "xvfb-run is not installed (Debian package xvfb)";
    test::TempDir dir;
    std::ofstream(dir / "broken.svs") << "not a slide";
    const auto r = runLamina(
        dir, {"--screenshot", (dir / "shot.png").string(), (dir / "broken.svs").string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("broken.svs"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "shot.png"));
}

// Without a display, `lamina --help` and `--version` aborted (rc 134): they print and exit 0,
// and a plain start says why it cannot open a window instead of aborting.
TEST(RealWindow, HelpAndVersionNeedNoDisplay) {
    test::TempDir dir;
    const std::vector<std::string> env = {
        "/usr/bin/env",    "-u", "DISPLAY",         "-u",
        "WAYLAND_DISPLAY", "-u", "QT_QPA_PLATFORM", "XDG_CONFIG_HOME=" + (dir / "config").string()};
    auto run = [&](std::vector<std::string> args) {
        std::vector<std::string> argv = env;
        argv.push_back(LAMINA_APP_PATH);
        argv.insert(argv.end(), args.begin(), args.end());
        return test::runProcess(argv);
    };
    const auto help = run({"--help"});
    EXPECT_EQ(help.exitCode, 0) << help.err;
    EXPECT_NE(help.out.find("Usage:"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("--screenshot"), std::string::npos);
    const auto version = run({"--version"});
    EXPECT_EQ(version.exitCode, 0) << version.err;
    EXPECT_NE(version.out.find("Lamina "), std::string::npos) << version.out;
    const auto start = run({"slide.svs"});
    EXPECT_EQ(start.exitCode, 1);
    EXPECT_EQ(start.signal, 0);
    EXPECT_NE(start.err.find("no display"), std::string::npos) << start.err;
}

// A second `lamina SLIDE` (a double-click in the file manager) hands the slide to the running
// window and exits at once; the running one opens it.
TEST(RealWindow, ASecondLaunchOpensItsSlideInTheRunningWindow) {
    if (!std::filesystem::exists(kXvfbRun))
        GTEST_SKIP() << "xvfb-run is not installed (Debian package xvfb)";
    SyntheticSlideOptions o;
    o.width = 4000;
    o.height = 3000;
    o.seed = 12;
    const auto first = test::synthesizedSlide(o);
    o.seed = 13;
    const auto second = test::synthesizedSlide(o);
    test::TempDir dir;
    // Both in one X server: the first in the background, the second once the first listens.
    const std::string script =
        "'" LAMINA_APP_PATH "' --log-level info '" + first.string() + "' 2>" +
        (dir / "first.log").string() + " & first=$!; for i in $(seq 1 200); do grep -q listening " +
        (dir / "first.log").string() +
        " && break; sleep 0.1; done; start=$(date +%s%N); timeout 20 '" LAMINA_APP_PATH "' '" +
        second.string() +
        "'; echo \"second rc=$? ms=$(( ($(date +%s%N) - start) / 1000000 ))\"; sleep 2; "
        "kill $first; wait $first";
    const auto r = test::runProcess(
        {"/usr/bin/timeout", "120", "/usr/bin/env", "QT_QPA_PLATFORM=xcb",
         "XDG_CONFIG_HOME=" + (dir / "config").string(), "XDG_DATA_HOME=" + (dir / "data").string(),
         kXvfbRun, "-a", "-s", "-screen 0 1280x1024x24", "sh", "-c", script});
    EXPECT_NE(r.out.find("second rc=0"), std::string::npos) << r.out << r.err;
    std::ifstream log(dir / "first.log");
    const std::string firstLog((std::istreambuf_iterator<char>(log)), {});
    EXPECT_NE(firstLog.find("handed over"), std::string::npos) << firstLog;
    EXPECT_NE(firstLog.find(second.filename().string()), std::string::npos) << firstLog;
}
