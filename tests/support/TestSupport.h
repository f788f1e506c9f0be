#pragma once
// Shared helpers for Lamina's tests: where the real test slides are, temporary folders,
// synthetic slides made once per test process, and running lamina-cli as a child process.

#include <lamina/core/RgbaImage.h>
#include <lamina/slide/synthetic/SyntheticSlideWriter.h>

#include <openslide.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lamina::test {

// $LAMINA_TEST_SLIDES, else ../shared/slides beside the source tree; nullopt when missing.
std::optional<std::filesystem::path> testSlidesDir();

// Every slide file under testSlidesDir() (README files excluded), sorted.
std::vector<std::filesystem::path> realSlideFiles();

// The real slides that OpenSlide itself opens (the others: DICOM, QPTIFF).
std::vector<std::filesystem::path> openSlideReadableFiles();

// A fresh folder removed (with its content) on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// A synthetic slide written once per process and options (kept until the process exits).
std::filesystem::path synthesizedSlide(const SyntheticSlideOptions& options);
// The same with default options but its size and seed (0.25 µm/px, levels 4 apart, JPEG).
std::filesystem::path synthesizedSlide(int64_t width, int64_t height, uint64_t seed);

// Result of running a command as a child process.
struct ProcessResult {
    int exitCode = -1; // -1 when killed by a signal
    int signal = 0;
    std::string out, err; // captured stdout / stderr
    long peakRssKiB = 0;  // the child's peak resident set size
    double seconds = 0;
};
// argv[0] is looked up on PATH when it has no slash (execvp).
ProcessResult runProcess(const std::vector<std::string>& argv);

// Converts `slide` into `folder` with OrthancWSIDicomizer (Debian orthanc-wsi, a writer no one
// here wrote), ImageType set through --dataset; `extra` options appended. The image's width and
// height in mm: OrthancWSIDicomizer's --imaged-width runs along the slide coordinate system's
// X axis, which its ImageOrientationSlide (0\-1\0\-1\0\0) lays along the image rows, so the
// image height goes there. Fails the calling test (ADD_FAILURE) when the conversion fails.
void dicomize(const std::filesystem::path& slide, const std::filesystem::path& folder,
              double widthMm, double heightMm, std::vector<std::string> extra = {});
bool hasDicomizer();

// Writes tests/slide/make_multi_pyramid_dicom.py's series (two optical paths, three focal
// planes; pydicom, a writer not ours) into `folder`. Empty on success, else why it could not
// (python3-pydicom missing: scripts/install-deps.sh installs it).
std::string writeMultiPyramidDicom(const std::filesystem::path& folder);

// A child process left running while the test works (a fake server), its first stdout line
// read at start; killed (SIGKILL) on destruction or kill().
class BackgroundProcess {
public:
    // argv[0] is looked up on PATH. Throws std::runtime_error when it cannot start or prints
    // nothing within 20 s.
    explicit BackgroundProcess(const std::vector<std::string>& argv);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;
    const std::string& firstLine() const { return firstLine_; }
    void kill();

private:
    int pid_ = -1;
    std::string firstLine_;
};

// An OpenSlide handle closed on destruction (the reference the tests compare against).
struct OpenSlideCloser {
    void operator()(openslide_t* o) const { openslide_close(o); }
};
using OpenSlidePtr = std::unique_ptr<openslide_t, OpenSlideCloser>;
inline OpenSlidePtr openWithOpenSlide(const std::filesystem::path& path) {
    return OpenSlidePtr(openslide_open(path.c_str()));
}

// Per-channel (R, G, B) absolute differences between two images of the same size.
struct ImageDifference {
    int max = 0;
    double mean = 0;
};
ImageDifference compareImages(const RgbaImage& a, const RgbaImage& b);

// Path of the lamina-cli binary under test.
std::string laminaCliPath();
// Runs lamina-cli with `args` (as a user would), waiting for it.
ProcessResult runCli(std::vector<std::string> args);

} // namespace lamina::test

// Skips the current test with a message when the real test slides are not available.
#define LAMINA_REQUIRE_TEST_SLIDES()                                                               \
    do {                                                                                           \
        if (!::lamina::test::testSlidesDir())                                                      \
            GTEST_SKIP() << "real test slides not found: set LAMINA_TEST_SLIDES or provide "       \
                            "../shared/slides";                                                    \
    } while (0)
