#include "TestSupport.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <openslide.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>

namespace lamina::test {
namespace fs = std::filesystem;

std::optional<fs::path> testSlidesDir() {
    fs::path dir;
    if (const char* env = std::getenv("LAMINA_TEST_SLIDES"); env && *env)
        dir = env;
    else
        dir = LAMINA_DEFAULT_TEST_SLIDES;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return std::nullopt;
    return dir;
}

std::vector<fs::path> realSlideFiles() {
    std::vector<fs::path> files;
    const auto dir = testSlidesDir();
    if (!dir)
        return files;
    for (const auto& entry : fs::recursive_directory_iterator(*dir)) {
        if (!entry.is_regular_file())
            continue;
        const auto name = entry.path().filename().string();
        if (name.rfind("README", 0) == 0 || entry.path().extension() == ".md")
            continue;
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<fs::path> openSlideReadableFiles() {
    std::vector<fs::path> files;
    for (const auto& f : realSlideFiles())
        if (openslide_detect_vendor(f.c_str()))
            files.push_back(f);
    return files;
}

TempDir::TempDir() {
    std::random_device rd;
    const auto base = fs::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("lamina-test-" + std::to_string(rd()));
        std::error_code ec;
        if (fs::create_directory(candidate, ec)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
}

fs::path synthesizedSlide(int64_t width, int64_t height, uint64_t seed) {
    SyntheticSlideOptions o;
    o.width = width;
    o.height = height;
    o.seed = seed;
    return synthesizedSlide(o);
}

fs::path synthesizedSlide(const SyntheticSlideOptions& options) {
    static std::mutex mutex;
    static std::map<std::string, fs::path> made;
    static TempDir folder;
    const std::string key =
        std::to_string(options.width) + "x" + std::to_string(options.height) + "-t" +
        std::to_string(options.tileSize) + "-q" + std::to_string(options.quality) + "-s" +
        std::to_string(options.seed) + "-p" + std::to_string(int(options.pattern)) + "-l" +
        std::to_string(options.levelStep) + "-m" + std::to_string(options.mpp) + "-" +
        compressionName(options.compression) + "-b" + std::to_string(int(options.bigTiff));
    std::lock_guard lock(mutex);
    if (auto it = made.find(key); it != made.end())
        return it->second;
    SyntheticSlideOptions o = options;
    o.output = folder / ("synth-" + key + ".svs");
    writeSyntheticSlide(o);
    made[key] = o.output;
    return o.output;
}

namespace {

void drain(int fd, std::string& into) {
    char buffer[65536];
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0)
        into.append(buffer, size_t(n));
}

} // namespace

namespace {

// In a forked child: runs argv (argv[0] looked up on PATH), or exits with 127.
[[noreturn]] void execOrExit(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
}

} // namespace

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv) {
    int out[2];
    if (::pipe(out) != 0)
        throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0)
        throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive a crashed test
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        execOrExit(argv);
    }
    ::close(out[1]);
    pollfd fd{out[0], POLLIN, 0};
    char c = 0;
    while (::poll(&fd, 1, 20000) > 0 && ::read(out[0], &c, 1) == 1 && c != '\n')
        firstLine_ += c;
    ::close(out[0]);
    if (firstLine_.empty()) {
        kill();
        throw std::runtime_error(argv[0] + " printed nothing");
    }
}

BackgroundProcess::~BackgroundProcess() {
    kill();
}

void BackgroundProcess::kill() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

void dicomize(const std::filesystem::path& slide, const std::filesystem::path& folder,
              double widthMm, double heightMm, std::vector<std::string> extra) {
    const std::filesystem::path dataset = folder / "dataset.json";
    std::ofstream(dataset) << R"({"PatientName":"TEST^ONLY","PatientID":"T0",)"
                              R"("ImageType":"DERIVED\\PRIMARY\\VOLUME\\NONE"})";
    std::vector<std::string> argv = {"OrthancWSIDicomizer",
                                     "--dataset",
                                     dataset.string(),
                                     "--folder",
                                     folder.string(),
                                     "--imaged-width",
                                     std::to_string(heightMm),
                                     "--imaged-height",
                                     std::to_string(widthMm),
                                     "--threads",
                                     "2"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(slide.string());
    const auto r = runProcess(argv);
    if (r.exitCode != 0)
        ADD_FAILURE() << "OrthancWSIDicomizer (Debian orthanc-wsi) failed: " << r.err;
    std::filesystem::remove(dataset);
}

bool hasDicomizer() {
    static const bool present = runProcess({"OrthancWSIDicomizer", "--version"}).exitCode == 0;
    return present;
}

std::string writeMultiPyramidDicom(const std::filesystem::path& folder) {
    // Debian's interpreter: python3-pydicom installs there, whatever python3 PATH finds.
    const ProcessResult r =
        runProcess({"/usr/bin/python3", LAMINA_TESTS_DIR "/slide/make_multi_pyramid_dicom.py",
                    folder.string()});
    if (r.exitCode == 0)
        return {};
    if (r.err.find("No module named 'pydicom'") != std::string::npos)
        return "python3-pydicom missing (scripts/install-deps.sh installs it)";
    return "make_multi_pyramid_dicom.py failed: " + r.err;
}

ProcessResult runProcess(const std::vector<std::string>& argv) {
    int outPipe[2], errPipe[2];
    if (::pipe(outPipe) != 0 || ::pipe(errPipe) != 0)
        throw std::runtime_error("pipe failed");
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0)
        throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(outPipe[1], STDOUT_FILENO);
        ::dup2(errPipe[1], STDERR_FILENO);
        ::close(outPipe[0]);
        ::close(errPipe[0]);
        execOrExit(argv);
    }
    ::close(outPipe[1]);
    ::close(errPipe[1]);
    ProcessResult result;
    std::array<pollfd, 2> fds{{{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}}};
    int open = 2;
    while (open > 0) {
        if (::poll(fds.data(), fds.size(), -1) < 0)
            break;
        for (size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            std::string& into = i == 0 ? result.out : result.err;
            const size_t before = into.size();
            drain(fds[i].fd, into);
            if (into.size() == before) { // EOF
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.peakRssKiB = usage.ru_maxrss;
    if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.signal = WTERMSIG(status);
    return result;
}

ImageDifference compareImages(const RgbaImage& a, const RgbaImage& b) {
    if (a.width() != b.width() || a.height() != b.height())
        throw std::invalid_argument("compareImages: sizes differ");
    ImageDifference d;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const uint32_t p = a.pixel(x, y), q = b.pixel(x, y);
            for (const int diff : {std::abs(int(redOf(p)) - int(redOf(q))),
                                   std::abs(int(greenOf(p)) - int(greenOf(q))),
                                   std::abs(int(blueOf(p)) - int(blueOf(q)))}) {
                d.max = std::max(d.max, diff);
                sum += diff;
            }
        }
    d.mean = a.isNull() ? 0 : sum / (3.0 * a.width() * a.height());
    return d;
}

std::string laminaCliPath() {
    return LAMINA_CLI_PATH;
}

ProcessResult runCli(std::vector<std::string> args) {
    args.insert(args.begin(), laminaCliPath());
    return runProcess(args);
}

} // namespace lamina::test
