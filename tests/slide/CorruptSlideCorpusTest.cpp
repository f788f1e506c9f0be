// The corrupt-slide corpus: at least 300 damaged variants of every shared slide and of
// synthetic slides of every codec (CorruptSlideCorpus.h), and damaged DICOM series folders,
// each opened and read as the viewer reads (metadata, thumbnail, tiles of every level, the
// associated images): pixels or a lamina::Error naming the file, never a crash, never
// another exception, never longer than 10 s. Each source prints its counts (docs/reliability.md).

#include "CorruptSlideCorpus.h"

#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/SlideThumbnail.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <future>
#include <thread>

using namespace lamina;
using lamina::test::TempDir;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kHang = std::chrono::seconds(10);

std::vector<char> readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeAll(const fs::path& path, const std::vector<char>& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), std::streamsize(bytes.size()));
}

// Reads `location` as the viewer would; true when it read, false when refused with an error
// naming `named`. Anything else is a test failure.
bool readLikeTheViewer(const std::string& location, const std::string& named) {
    try {
        const auto slide = FormatRegistry::standard().open(location);
        renderThumbnail(*slide, 64);
        for (int level = 0; level < slide->levelCount(); ++level) {
            const LevelInfo& l = slide->level(level);
            const int64_t tiles = l.tilesAcross() * l.tilesDown();
            for (int64_t i = 0; i < tiles; i += std::max<int64_t>(1, tiles / 4))
                slide->readTile(level, i % l.tilesAcross(), i / l.tilesAcross());
            slide->readTile(level, l.tilesAcross() - 1, l.tilesDown() - 1);
        }
        for (const auto& name : slide->metadata().associatedImages)
            slide->readAssociated(name);
        return true;
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(named), std::string::npos)
            << "the error does not name the file: " << e.what();
        EXPECT_FALSE(e.cause().empty());
        return false;
    } catch (const std::exception& e) {
        ADD_FAILURE() << location << ": escaped as a non-Lamina exception: " << e.what();
        return false;
    }
}

struct Tally {
    size_t variants = 0, read = 0, refused = 0;
    double slowestMs = 0;
    std::string slowest;
};

// Runs one variant with a watchdog: a hang ends the whole test binary with the variant named
// (its thread cannot be stopped), which CTest reports as a failure.
void runVariant(const std::string& location, const std::string& named, const std::string& what,
                Tally& tally) {
    const auto start = Clock::now();
    auto done = std::async(std::launch::async, [&] { return readLikeTheViewer(location, named); });
    if (done.wait_for(kHang) != std::future_status::ready) {
        std::fprintf(stderr, "HANG: %s (%s) took more than 10 s\n", location.c_str(), what.c_str());
        std::fflush(stderr);
        std::_Exit(1);
    }
    (done.get() ? tally.read : tally.refused)++;
    ++tally.variants;
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (ms > tally.slowestMs)
        tally.slowestMs = ms, tally.slowest = what;
}

void report(const std::string& source, const Tally& t) {
    std::printf("corrupt corpus %s: %zu variants, %zu read, %zu refused with an error naming "
                "the file, 0 crashes, 0 hangs (slowest %.0f ms: %s)\n",
                source.c_str(), t.variants, t.read, t.refused, t.slowestMs, t.slowest.c_str());
}

// The sources: every shared slide (by path relative to the shared folder) and synthetic ones.
std::vector<std::string> sources() {
    std::vector<std::string> names;
    const auto dir = test::testSlidesDir();
    for (const auto& f : test::realSlideFiles())
        names.push_back(fs::relative(f, *dir).string());
    for (const char* codec :
         {"synthetic-jpeg", "synthetic-jpeg2000-ycbcr", "synthetic-jpeg2000-rgb", "synthetic-lzw",
          "synthetic-bigtiff-deflate"})
        names.emplace_back(codec);
    return names;
}

fs::path sourceFile(const std::string& name) {
    if (name.rfind("synthetic-", 0) != 0)
        return *test::testSlidesDir() / name;
    SyntheticSlideOptions o;
    o.width = 900, o.height = 700, o.tileSize = 128, o.levelStep = 2;
    if (name == "synthetic-jpeg2000-ycbcr")
        o.compression = SyntheticSlideOptions::Compression::Jpeg2000YCbCr;
    if (name == "synthetic-jpeg2000-rgb")
        o.compression = SyntheticSlideOptions::Compression::Jpeg2000;
    if (name == "synthetic-lzw")
        o.compression = SyntheticSlideOptions::Compression::Lzw;
    if (name == "synthetic-bigtiff-deflate") {
        o.compression = SyntheticSlideOptions::Compression::Deflate;
        o.bigTiff = SyntheticSlideOptions::BigTiff::Yes;
    }
    return test::synthesizedSlide(o);
}

std::string testName(const testing::TestParamInfo<std::string>& info) {
    std::string n = info.param;
    for (char& c : n)
        if (!std::isalnum(uint8_t(c)))
            c = '_';
    return n;
}

} // namespace

class CorruptSlideCorpus : public testing::TestWithParam<std::string> {};

TEST_P(CorruptSlideCorpus, EveryDamagedVariantReadsOrIsRefusedNamingTheFileNeverCrashesOrHangs) {
    if (GetParam().rfind("synthetic-", 0) != 0 && !test::testSlidesDir())
        GTEST_SKIP() << "shared slides not found (LAMINA_TEST_SLIDES)";
    const fs::path source = sourceFile(GetParam());
    const std::vector<char> original = readAll(source);
    const auto variants = test::damagedVariants(original, 300);
    ASSERT_GE(variants.size(), 300u);
    TempDir dir;
    const fs::path damaged = dir / ("damaged" + source.extension().string());
    Tally tally;
    for (const auto& v : variants) {
        writeAll(damaged, v.bytes);
        SCOPED_TRACE(v.name);
        runVariant(damaged.string(), damaged.filename().string(), v.name, tally);
    }
    report(GetParam(), tally);
    EXPECT_EQ(tally.variants, variants.size());
}

INSTANTIATE_TEST_SUITE_P(Sources, CorruptSlideCorpus, testing::ValuesIn(sources()), testName);

// A DICOM series folder with instances duplicated, missing, damaged, foreign or not DICOM.
TEST(CorruptDicomSeries, DamagedFoldersReadOrAreRefusedNamingTheFolderNeverCrash) {
    TempDir dir;
    SyntheticSlideOptions o;
    o.width = 2400, o.height = 1800, o.tileSize = 256, o.levelStep = 2;
    const auto convert = [&](const fs::path& slide, const std::string& folder) {
        const fs::path out = dir / folder;
        const std::string command = std::string(LAMINA_CLI_PATH) + " dicomize '" + slide.string() +
                                    "' -o '" + out.string() + "' > /dev/null";
        EXPECT_EQ(std::system(command.c_str()), 0) << command;
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(out))
            files.push_back(e.path());
        std::sort(files.begin(), files.end());
        return files;
    };
    const auto series = convert(test::synthesizedSlide(o), "series");
    o.seed = 7;
    const auto other = convert(test::synthesizedSlide(o), "other");
    ASSERT_GE(series.size(), 3u);
    const std::vector<std::pair<std::string, std::function<void(const fs::path&)>>> damage{
        {"level-0-twice", [&](const fs::path& f) { fs::copy_file(series[0], f / "copy.dcm"); }},
        {"every-instance-twice",
         [&](const fs::path& f) {
             for (size_t i = 0; i < series.size(); ++i)
                 fs::copy_file(series[i], f / ("copy-" + std::to_string(i) + ".dcm"));
         }},
        {"level-0-missing", [&](const fs::path& f) { fs::remove(f / series[0].filename()); }},
        {"a-middle-level-missing",
         [&](const fs::path& f) { fs::remove(f / series[series.size() / 2].filename()); }},
        {"only-the-smallest-level",
         [&](const fs::path& f) {
             for (size_t i = 0; i + 1 < series.size(); ++i)
                 fs::remove(f / series[i].filename());
         }},
        {"an-instance-of-another-series",
         [&](const fs::path& f) { fs::copy_file(other[1], f / "foreign.dcm"); }},
        {"level-0-cut-in-half",
         [&](const fs::path& f) {
             const auto bytes = readAll(series[0]);
             writeAll(f / series[0].filename(),
                      {bytes.begin(), bytes.begin() + long(bytes.size() / 2)});
         }},
        {"level-0-header-only",
         [&](const fs::path& f) {
             const auto bytes = readAll(series[0]);
             writeAll(f / series[0].filename(), {bytes.begin(), bytes.begin() + 600});
         }},
        {"a-text-file", [&](const fs::path& f) { std::ofstream(f / "notes.dcm") << "not DICOM"; }},
        {"an-empty-file", [&](const fs::path& f) { std::ofstream(f / "empty.dcm"); }},
        {"no-instances-left",
         [&](const fs::path& f) {
             for (const auto& s : series)
                 fs::remove(f / s.filename());
             std::ofstream(f / "notes.txt") << "nothing";
         }},
    };
    Tally tally;
    for (const auto& [name, apply] : damage) {
        const fs::path folder = dir / ("damaged-" + name);
        fs::create_directory(folder);
        for (const auto& s : series)
            fs::copy_file(s, folder / s.filename());
        apply(folder);
        SCOPED_TRACE(name);
        runVariant(folder.string(), folder.filename().string(), name, tally);
    }
    report("DICOM series folder", tally);
    EXPECT_EQ(tally.variants, damage.size());
}
