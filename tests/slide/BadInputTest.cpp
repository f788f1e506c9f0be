// Hostile and broken input: every case must end in a lamina::Error that names the file (or in
// a successful read), never a crash, a hang, or another exception type. Run under the asan
// preset this also proves there is no leak or memory error on these paths.

#include "TestSupport.h"

#include <lamina/codec/Jpeg2000TileDecoder.h>
#include <lamina/core/Error.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/SlideThumbnail.h>

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <random>

using namespace lamina;
using lamina::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::vector<char> readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const fs::path& path, const std::vector<char>& bytes, size_t count) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(count));
}

// Opens and reads a damaged file as the viewer would. Returns "ok" or the error text.
std::string exercise(const fs::path& path) {
    try {
        const auto slide = FormatRegistry::standard().open(path.string());
        renderThumbnail(*slide, 128);
        for (int level = 0; level < slide->levelCount(); ++level) {
            // About 16 tiles per level, spread over it, always the last one.
            const LevelInfo& l = slide->level(level);
            const int64_t tiles = l.tilesAcross() * l.tilesDown();
            const int64_t step = std::max<int64_t>(1, tiles / 16);
            for (int64_t i = 0; i < tiles; i += step)
                slide->readTile(level, i % l.tilesAcross(), i / l.tilesAcross());
            slide->readTile(level, l.tilesAcross() - 1, l.tilesDown() - 1);
        }
        for (const auto& name : slide->metadata().associatedImages)
            slide->readAssociated(name);
        return "ok";
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(path.filename().string()), std::string::npos)
            << "error does not name the file: " << message;
        EXPECT_FALSE(e.cause().empty());
        return message;
    } catch (const std::exception& e) {
        ADD_FAILURE() << path << ": escaped as a non-Lamina exception: " << e.what();
        return e.what();
    }
}

// The real slides plus synthetic ones (their IFDs sit at the end of the file, unlike most):
// JPEG, and the JPEG 2000 and LZW tiles of the fast path's other decoders.
std::vector<fs::path> damageSources() {
    auto files = test::realSlideFiles();
    SyntheticSlideOptions o;
    o.width = 1500;
    o.height = 1100;
    files.push_back(test::synthesizedSlide(o));
    o.width = 700;
    o.height = 500;
    for (const auto codec : {SyntheticSlideOptions::Compression::Jpeg2000YCbCr,
                             SyntheticSlideOptions::Compression::Lzw}) {
        o.compression = codec;
        files.push_back(test::synthesizedSlide(o));
    }
    return files;
}

} // namespace

TEST(BadInput, MissingFileNamesTheFile) {
    TempDir dir;
    EXPECT_NE(exercise(dir / "no-such-slide.svs").find("no such file"), std::string::npos);
}

TEST(BadInput, EmptyFileIsReportedAsEmpty) {
    TempDir dir;
    std::ofstream(dir / "empty.svs").close();
    EXPECT_NE(exercise(dir / "empty.svs").find("empty"), std::string::npos);
}

TEST(BadInput, DirectoryIsRefused) {
    TempDir dir;
    fs::create_directory(dir / "folder.svs");
    EXPECT_NE(exercise(dir / "folder.svs").find("folder"), std::string::npos);
}

TEST(BadInput, TextFileNamedSvsIsUnsupported) {
    TempDir dir;
    std::ofstream(dir / "notes.svs") << "Patient slide list\nnothing to see here\n";
    EXPECT_NE(exercise(dir / "notes.svs").find("not a whole-slide image format"),
              std::string::npos);
}

TEST(BadInput, UnreadableFileIsAnIoError) {
    if (::geteuid() == 0)
        GTEST_SKIP() << "root reads every file: permission errors cannot be produced";
    TempDir dir;
    std::ofstream(dir / "locked.svs") << "II*\0";
    fs::permissions(dir / "locked.svs", fs::perms::none);
    EXPECT_NE(exercise(dir / "locked.svs"), "ok");
}

TEST(BadInput, NonAsciiPathOpensAndReads) {
    LAMINA_REQUIRE_TEST_SLIDES();
    TempDir dir;
    const fs::path source = *test::testSlidesDir() / "aperio" / "CMU-1-Small-Region.svs";
    const fs::path unicode = dir / "lamé 病理 Ørsted.svs";
    fs::copy_file(source, unicode);
    EXPECT_EQ(exercise(unicode), "ok");
    const auto slide = FormatRegistry::standard().open(unicode.string());
    EXPECT_EQ(slide->dimensions(), (Size{2220, 2967}));
}

TEST(BadInput, RegionOutsideTheSlideIsTransparent) {
    SyntheticSlideOptions o;
    o.width = 1000;
    o.height = 800;
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
    const RgbaImage outside = slide->readRegion(0, 5000, -3000, 64, 64);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x)
            ASSERT_EQ(outside.pixel(x, y), 0u);
    // Half in, half out: the inside is opaque, the outside transparent.
    const RgbaImage straddling = slide->readRegion(0, 968, 0, 64, 8);
    EXPECT_EQ(alphaOf(straddling.pixel(10, 4)), 255);
    EXPECT_EQ(straddling.pixel(40, 4), 0u);
}

TEST(BadInput, AbsurdRequestsAreInvalidArguments) {
    SyntheticSlideOptions o;
    o.width = 1000;
    o.height = 800;
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
    auto kindOf = [&](auto&& call) {
        try {
            call();
        } catch (const Error& e) {
            return e.kind();
        }
        return ErrorKind::Cancelled; // marker: no error
    };
    EXPECT_EQ(kindOf([&] { slide->readRegion(0, 0, 0, 100000, 100000); }),
              ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { slide->readRegion(0, 0, 0, -5, 10); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { slide->readRegion(0, 0, 0, 0, 10); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { slide->readRegion(99, 0, 0, 10, 10); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { slide->readRegion(-1, 0, 0, 10, 10); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { slide->readRegion(0, INT64_MAX / 2, 0, 10, 10); }),
              ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { slide->readTile(0, 100, 0); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { slide->readTile(0, -1, 0); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { slide->readAssociated("patient-photo"); }), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf([&] { renderThumbnail(*slide, 0); }), ErrorKind::InvalidArgument);
}

TEST(BadInput, TruncatedCopiesOfEverySlideFailCleanly) {
    TempDir dir;
    for (const auto& source : damageSources()) {
        const auto bytes = readAll(source);
        for (double fraction : {0.0005, 0.01, 0.1, 0.5, 0.9, 0.999}) {
            const auto size = std::max<size_t>(1, size_t(double(bytes.size()) * fraction));
            const fs::path copy =
                dir / ("truncated-" + std::to_string(size) + "-" + source.filename().string());
            writeAll(copy, bytes, size);
            SCOPED_TRACE(copy.filename().string());
            exercise(copy);
            fs::remove(copy);
        }
    }
}

TEST(BadInput, BitFlippedCopiesOfEverySlideFailCleanlyOrRead) {
    TempDir dir;
    std::mt19937_64 random(20261128);
    for (const auto& source : damageSources()) {
        const auto original = readAll(source);
        // Flips spread over the file, then concentrated on the head and the tail, where the
        // TIFF header, directories and DICOM attributes live.
        for (int variant = 0; variant < 9; ++variant) {
            auto bytes = original;
            const size_t span = std::min<size_t>(bytes.size(), 4096);
            for (int flip = 0; flip < 24; ++flip) {
                size_t at = random() % bytes.size();
                if (variant % 3 == 1)
                    at = random() % span;
                else if (variant % 3 == 2)
                    at = bytes.size() - 1 - random() % span;
                bytes[at] = char(bytes[at] ^ char(1u << (random() % 8)));
            }
            const fs::path copy =
                dir / ("flipped-" + std::to_string(variant) + "-" + source.filename().string());
            writeAll(copy, bytes, bytes.size());
            SCOPED_TRACE(copy.filename().string());
            exercise(copy);
            fs::remove(copy);
        }
    }
}

// Found by the jpeg2000_tile fuzz target: a 64 x 64 tile whose SIZ declares a 671746 x 320 image
// made OpenJPEG allocate 2 GiB before reading a coefficient. The declared size is checked first.
TEST(BadInput, AJpeg2000TileDeclaringAnotherSizeIsRefusedBeforeOpenJpegAllocates) {
    std::ifstream in(LAMINA_TESTS_DIR
                     "/fuzz/regressions/jpeg2000_tile/declared-huge-image-59a2f0f9",
                     std::ios::binary);
    const std::vector<uint8_t> input{std::istreambuf_iterator<char>(in), {}};
    ASSERT_GT(input.size(), 3u);
    std::vector<uint32_t> out(64 * 64);
    const std::string why = Jpeg2000TileDecoder::decode(
        std::span(input).subspan(3), Jpeg2000TileDecoder::Components::Rgb, 64, 64, out.data(), 64);
    EXPECT_NE(why.find("declares 671746x320 pixels, the TIFF says 64x64"), std::string::npos)
        << why;
    EXPECT_FALSE(Jpeg2000TileDecoder::decodeOnly(std::span(input).subspan(3)));
}

namespace {

// Why opening a regression input of the tiff_slide fuzz target failed: it must be refused as
// damaged (Corrupt), naming the file.
std::string refusalOfFuzzRegression(const std::string& name) {
    try {
        FormatRegistry::standard().open(LAMINA_TESTS_DIR "/fuzz/regressions/tiff_slide/" + name);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Corrupt) << e.what();
        return e.what();
    }
    ADD_FAILURE() << name << " opened";
    return {};
}

} // namespace

// Found by the tiff_slide fuzz target: a tile byte count of 4 GB made OpenSlide allocate it
// before reading (g_malloc aborts when that fails). Refused before OpenSlide opens the file.
TEST(BadInput, ATiffDeclaringATileLargerThanTheFileIsRefusedBeforeOpenSlideAllocatesIt) {
    const std::string what = refusalOfFuzzRegression("openslide-4gb-tile-f3d44392");
    EXPECT_NE(what.find("declares a tile of 4245548735 bytes in a file of 8169"), std::string::npos)
        << what;
}

// Found by the tiff_slide fuzz target: a JPEG 2000 SVS whose first tile's codestream starts
// its image at row 61 made OpenSlide 3.4 read past OpenJPEG's buffers while opening the file
// (it test-decodes that tile and copies it as if it covered the whole tile): a segfault under
// AddressSanitizer. That tile is checked before OpenSlide sees the file.
TEST(BadInput, AJpeg2000SvsWhoseFirstTileStartsElsewhereIsRefusedBeforeOpenSlideReadsPastIt) {
    const std::string what = refusalOfFuzzRegression("openslide-jp2k-origin-overread-9fa16a96");
    EXPECT_NE(what.find("openslide-jp2k-origin-overread-9fa16a96: the first JPEG 2000 tile of "
                        "TIFF directory 0 declares an image of 64 x 3 pixels at 0,61"),
              std::string::npos)
        << what;
    // Intact JPEG 2000 slides, both Aperio codecs, still open.
    for (const auto codec : {SyntheticSlideOptions::Compression::Jpeg2000,
                             SyntheticSlideOptions::Compression::Jpeg2000YCbCr}) {
        SyntheticSlideOptions o;
        o.width = 1000;
        o.height = 700;
        o.compression = codec;
        EXPECT_NO_THROW(FormatRegistry::standard().open(test::synthesizedSlide(o).string()));
    }
}

// Found by the tiff_slide fuzz target: an ImageDescription declaring 2^31 bytes made OpenSlide
// allocate 2 GiB while it only detected the vendor (openslide_detect_vendor), before any
// check of Lamina's ran. The entries are now checked before OpenSlide sees the file at all.
TEST(BadInput, ATiffEntryLargerThanTheFileIsRefusedBeforeOpenSlideDetectsTheVendor) {
    const std::string what =
        refusalOfFuzzRegression("openslide-2gb-description-at-detect-7b7bc8a3");
    EXPECT_NE(what.find("TIFF directory 0 has an entry of 2147483837 values, more than the file "
                        "holds"),
              std::string::npos)
        << what;
}
