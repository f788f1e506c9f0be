// Annotations are saved beside the slide (or in the data folder), atomically, and a file that
// changed on disk is never overwritten.

#include "TestSupport.h"

#include <lamina/annotation/AnnotationStore.h>
#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>

#include <gtest/gtest.h>

#include <fstream>
#include <thread>
#include <vector>

using namespace lamina;
namespace fs = std::filesystem;

namespace {

fs::path fakeSlide(const fs::path& folder) {
    const fs::path slide = folder / "case 12 é.svs";
    std::ofstream(slide) << "not really a slide, but a file with content";
    return slide;
}

AnnotationDocument withOneRectangle(double size) {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    Annotation a;
    a.id = Annotation::newId();
    a.geometry = {ShapeKind::Rectangle, {{0, 0}, {size, size}}, {}};
    d.layers[0].annotations.push_back(a);
    return d;
}

void overwrite(const fs::path& path, const std::string& text) {
    // A different size guarantees a different fingerprint even on coarse-mtime file systems.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ofstream(path, std::ios::trunc) << text;
}

} // namespace

TEST(AnnotationStore, SavesBesideTheSlideAndLoadsBack) {
    test::TempDir dir;
    const fs::path slide = fakeSlide(dir.path());
    AnnotationStore store(slide, dir / "data");
    EXPECT_EQ(store.path(), AnnotationStore::sidecarFor(fs::absolute(slide)));
    EXPECT_EQ(store.load().annotationCount(), 0u) << "nothing saved yet: defaults";
    const auto result = store.save(withOneRectangle(10));
    EXPECT_FALSE(result.conflict);
    EXPECT_EQ(result.writtenTo, store.path());
    store.save(withOneRectangle(20)); // autosave again: same file, no conflict
    AnnotationStore reopened(slide, dir / "data");
    const AnnotationDocument back = reopened.load();
    ASSERT_EQ(back.annotationCount(), 1u);
    EXPECT_EQ(back.layers[0].annotations[0].geometry.points[1].x, 20);
    // No temporary files left behind.
    size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path()))
        ++files;
    EXPECT_EQ(files, 2u) << "the slide and its sidecar only";
}

TEST(AnnotationStore, UnwritableSlideFolderFallsBackToTheDataFolder) {
    test::TempDir dir;
    // /proc accepts no new files, even for root; /proc/version stands in for a slide there.
    AnnotationStore store("/proc/version", dir / "data");
    EXPECT_EQ(store.path().parent_path(), dir / "data" / "annotations");
    store.load();
    store.save(withOneRectangle(5));
    EXPECT_EQ(AnnotationStore("/proc/version", dir / "data").load().annotationCount(), 1u);
}

TEST(AnnotationStore, ChangedOnDiskIsNeverOverwritten) {
    test::TempDir dir;
    const fs::path slide = fakeSlide(dir.path());
    AnnotationStore store(slide, dir / "data");
    store.load();
    store.save(withOneRectangle(10));
    const std::string theirs = QuPathGeoJson::serialize(withOneRectangle(777));
    overwrite(store.path(), theirs); // e.g. QuPath or a colleague saved meanwhile
    const fs::path original = store.path();
    const auto result = store.save(withOneRectangle(30));
    EXPECT_TRUE(result.conflict);
    EXPECT_NE(result.writtenTo, original);
    std::ifstream in(original);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), theirs) << "kept untouched";
    EXPECT_EQ(QuPathGeoJson::read(result.writtenTo).layers[0].annotations[0].geometry.points[1].x,
              30);
    // Later autosaves update the conflict copy instead of making new ones.
    const auto again = store.save(withOneRectangle(40));
    EXPECT_TRUE(!again.conflict && again.writtenTo == result.writtenTo);
}

TEST(AnnotationStore, UnreadableFileIsReportedAndKept) {
    test::TempDir dir;
    const fs::path slide = fakeSlide(dir.path());
    const fs::path sidecar = AnnotationStore::sidecarFor(fs::absolute(slide));
    std::ofstream(sidecar) << "{\"type\": \"FeatureCollection\", \"features\": [";
    AnnotationStore store(slide, dir / "data");
    EXPECT_THROW(store.load(), Error);
    const auto result = store.save(withOneRectangle(10));
    EXPECT_TRUE(result.conflict) << "the damaged file may be someone's work: not overwritten";
    std::ifstream in(sidecar);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}),
              "{\"type\": \"FeatureCollection\", \"features\": [");
}

// A slide without a file (an archive series) is stored under the key its caller gives; a key
// that could leave the data folder or hide a file is refused naming the folder.
TEST(AnnotationStore, AKeyedStoreLivesInTheDataFolderAndRefusesKeysThatAreNotPlainNames) {
    test::TempDir dir;
    AnnotationStore store = AnnotationStore::inDataFolder("dicom-1.2.3-4.5.6", dir / "data");
    EXPECT_EQ(store.path(), dir / "data" / "annotations" / "dicom-1.2.3-4.5.6.geojson");
    EXPECT_EQ(store.load().annotationCount(), 0u); // nothing saved yet
    store.save(withOneRectangle(10));
    EXPECT_EQ(
        AnnotationStore::inDataFolder("dicom-1.2.3-4.5.6", dir / "data").load().annotationCount(),
        1u);
    const std::vector<std::string> refused = {"",
                                              ".",
                                              "..",
                                              "../escape",
                                              "a/b",
                                              "a\\b",
                                              "x y",
                                              std::string(201, 'k'),
                                              std::string("nul\0in", 6)};
    for (const std::string& bad : refused) {
        try {
            (void)AnnotationStore::inDataFolder(bad, dir / "data");
            ADD_FAILURE() << "accepted '" << bad << "'";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
            EXPECT_NE(e.file().find("annotations"), std::string::npos) << e.what();
        }
    }
    EXPECT_FALSE(fs::exists(dir / "escape.geojson"));
}
