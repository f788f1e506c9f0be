// Writing onto a full disk and onto a read-only one, as lamina-cli users meet them: every
// write fails with one line naming the file the user asked for and the system's reason, the
// earlier file of that name is left whole, and no temporary is left behind. The disks are
// small tmpfs mounts made by the test (skipped where mounting is not allowed).

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

using namespace lamina;
using lamina::test::runProcess;
namespace fs = std::filesystem;

namespace {

test::ProcessResult cli(std::vector<std::string> args) {
    return test::runCli(std::move(args));
}

std::string contentsOf(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::set<std::string> namesIn(const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
        names.insert(entry.path().filename().string());
    return names;
}

// A tmpfs of `megabytes` mounted on a fresh folder, unmounted at the end.
class SmallDisk {
public:
    explicit SmallDisk(int megabytes) {
        const auto made =
            runProcess({"mount", "-t", "tmpfs", "-o", "size=" + std::to_string(megabytes) + "m",
                        "tmpfs", dir_.path().string()});
        mounted_ = made.exitCode == 0;
        why_ = made.err;
    }
    ~SmallDisk() {
        if (mounted_)
            runProcess({"umount", "-l", dir_.path().string()});
    }
    bool mounted() const { return mounted_; }
    const std::string& why() const { return why_; }
    fs::path operator/(const std::string& name) const { return dir_ / name; }
    const fs::path& path() const { return dir_.path(); }
    bool makeReadOnly() const {
        return runProcess({"mount", "-o", "remount,ro", dir_.path().string()}).exitCode == 0;
    }

private:
    test::TempDir dir_;
    bool mounted_ = false;
    std::string why_;
};

// A GeoJSON file of `count` small triangles.
fs::path triangles(const fs::path& path, int count) {
    std::ofstream out(path);
    out << R"({"type":"FeatureCollection","features":[)";
    for (int i = 0; i < count; ++i)
        out << (i ? "," : "") << R"({"type":"Feature","properties":{},"geometry":{"type":)"
            << R"("Polygon","coordinates":[[[)" << i << ",0],[" << i + 10 << ",0],[" << i + 10
            << ",10],[" << i << ",0]]]}}";
    out << "]}";
    return path;
}

void expectOneClearLine(const test::ProcessResult& run, const fs::path& target,
                        const std::string& reason) {
    EXPECT_EQ(run.exitCode, 1) << run.err;
    EXPECT_NE(run.err.find(target.string() + ": "), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(reason), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find(".partial-"), std::string::npos) << "a temporary named: " << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
}

} // namespace

TEST(DiskFull, SlidesExportsAndAnnotationsFailNamingTheFileAndKeepWhatWasThere) {
    SmallDisk disk(3);
    if (!disk.mounted())
        GTEST_SKIP() << "cannot mount a small tmpfs here (needs root): " << disk.why();
    const std::string source = test::synthesizedSlide(12000, 9000, 5).string();
    // Earlier files the failed writes aim at: a small slide and a small annotation file.
    const fs::path slide = disk / "slide.svs", annotations = disk / "annotations.geojson";
    ASSERT_EQ(cli({"synth", "-o", slide.string(), "--width", "600", "--height", "400"}).exitCode,
              0);
    test::TempDir scratch;
    ASSERT_EQ(cli({"annotations", "convert", triangles(scratch / "few.geojson", 3).string(),
                   annotations.string()})
                  .exitCode,
              0);
    const std::string slideBefore = contentsOf(slide), annotationsBefore = contentsOf(annotations);
    const std::set<std::string> before = namesIn(disk.path());

    const std::string full = "No space left on device";
    expectOneClearLine(
        cli({"synth", "-o", slide.string(), "--width", "20000", "--height", "20000"}), slide, full);
    expectOneClearLine(cli({"export", source, "--region", "0,0,12000,9000", "--mpp", "0.25", "-o",
                            (disk / "export.tif").string()}),
                       disk / "export.tif", full);
    const auto dicom = cli({"dicomize", source, "-o", (disk / "series").string()});
    EXPECT_EQ(dicom.exitCode, 1) << dicom.err;
    EXPECT_NE(dicom.err.find(full), std::string::npos) << dicom.err;
    EXPECT_NE(dicom.err.find((disk / "series").string()), std::string::npos) << dicom.err;
    expectOneClearLine(
        cli({"annotations", "convert", triangles(scratch / "many.geojson", 60000).string(),
             annotations.string()}),
        annotations, full);

    EXPECT_EQ(contentsOf(slide), slideBefore);
    EXPECT_EQ(contentsOf(annotations), annotationsBefore);
    EXPECT_EQ(namesIn(disk.path()), before) << "a temporary or a partial result was left";
    EXPECT_EQ(cli({"info", slide.string()}).exitCode, 0);
}

TEST(DiskFull, AReadOnlyDiskIsSaidByNameBeforeAnythingIsWritten) {
    SmallDisk disk(1);
    if (!disk.mounted())
        GTEST_SKIP() << "cannot mount a small tmpfs here (needs root): " << disk.why();
    test::TempDir scratch;
    const fs::path input = triangles(scratch / "few.geojson", 3);
    ASSERT_TRUE(disk.makeReadOnly());
    const std::string readOnly = "Read-only file system";
    expectOneClearLine(
        cli({"synth", "-o", (disk / "slide.svs").string(), "--width", "600", "--height", "400"}),
        disk / "slide.svs", readOnly);
    expectOneClearLine(
        cli({"annotations", "convert", input.string(), (disk / "annotations.geojson").string()}),
        disk / "annotations.geojson", readOnly);
    const std::string source = test::synthesizedSlide(2000, 1500, 6).string();
    expectOneClearLine(cli({"export", source, "--region", "0,0,1000,1000", "--mpp", "0.25", "-o",
                            (disk / "export.tif").string()}),
                       disk / "export.tif", readOnly);
    EXPECT_TRUE(fs::is_empty(disk.path()));
}
