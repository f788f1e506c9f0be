// Where a slide's annotations live when it has a canonical location (a DICOM series opened
// from one of its files is its folder's slide): under the canonical one, except that
// annotations already saved under the location as given are kept there, never orphaned;
// and how annotations follow a slide to its archive copy.

#include "TestSupport.h"

#include <lamina/pluginhost/OverlayStore.h>
#include <lamina/pluginhost/SlideStores.h>

#include <gtest/gtest.h>

#include <fstream>

using namespace lamina;
using lamina::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A slide opened as `given` that names itself `canonical`.
class NamedSlide : public SlideSource {
public:
    NamedSlide(const std::string& given, const std::string& canonical)
        : SlideSource(metadataFor(given)) {
        setCanonicalLocation(canonical);
    }

private:
    static SlideMetadata metadataFor(const std::string& location) {
        SlideMetadata m;
        m.location = location;
        LevelInfo level;
        level.width = level.height = 256;
        level.tileWidth = level.tileHeight = 256;
        m.levels = {level};
        return m;
    }
    RgbaImage doReadRegion(int, int64_t, int64_t, int32_t w, int32_t h) const override {
        return RgbaImage(w, h);
    }
    RgbaImage doReadAssociated(const std::string&) const override { return RgbaImage(1, 1); }
};

} // namespace

TEST(SlideStores, AnnotationsOfASlideFollowItsCanonicalLocation) {
    TempDir dir, data;
    fs::create_directories(dir / "series");
    const std::string file = (dir / "series" / "level-0.dcm").string();
    const std::string folder = (dir / "series").string();
    const NamedSlide fromFile(file, folder), fromFolder(folder, folder);
    EXPECT_EQ(annotationLocationFor(fromFile, data.path()), folder);
    EXPECT_EQ(annotationLocationFor(fromFolder, data.path()), folder);
    EXPECT_EQ(annotationStoreFor(annotationLocationFor(fromFile, data.path()), data.path()).path(),
              annotationStoreFor(folder, data.path()).path());
}

TEST(SlideStores, AnnotationsSavedUnderTheGivenLocationAreKeptThere) {
    TempDir dir, data;
    fs::create_directories(dir / "series");
    const std::string file = (dir / "series" / "level-0.dcm").string();
    const std::string folder = (dir / "series").string();
    std::ofstream(annotationStoreFor(file, data.path()).path()) << "{}"; // drawn before 0.1
    EXPECT_EQ(annotationLocationFor(NamedSlide(file, folder), data.path()), file);
    // Once the canonical file exists too, it wins.
    std::ofstream(annotationStoreFor(folder, data.path()).path()) << "{}";
    EXPECT_EQ(annotationLocationFor(NamedSlide(file, folder), data.path()), folder);
    // No canonical location: the location as given.
    EXPECT_EQ(annotationLocationFor(NamedSlide(file, ""), data.path()), file);
}

// After File › Send to Archive…: the archive copy (keyed by its UIDs) gets the local slide's
// annotations and analysis results, and never loses annotations of its own.
TEST(SlideStores, AnnotationsCarryOverToTheArchiveCopyWithoutOverwritingAny) {
    TempDir dir, data;
    const std::string slide = (dir / "case.svs").string();
    { std::ofstream(slide) << "pixels"; }
    const std::string archiveCopy = "http://127.0.0.1:8042/dicom-web/studies/1.2.3/series/1.2.3.4";
    const fs::path local = annotationStoreFor(slide, data.path()).path();
    EXPECT_EQ(carryAnnotations(local, archiveCopy, data.path()),
              AnnotationCarryOver::NothingToCarry);

    { std::ofstream(local) << R"({"type": "FeatureCollection", "features": []})"; }
    fs::create_directories(OverlayStore::folderBeside(local));
    { std::ofstream(OverlayStore::folderBeside(local) / "r1.json") << "{}"; }
    EXPECT_EQ(carryAnnotations(local, archiveCopy, data.path()), AnnotationCarryOver::Copied);
    const fs::path copied = annotationStoreFor(archiveCopy, data.path()).path();
    EXPECT_EQ(copied.filename(), "dicom-1.2.3-1.2.3.4.geojson");
    EXPECT_EQ(fs::file_size(copied), fs::file_size(local));
    EXPECT_TRUE(fs::exists(OverlayStore::folderBeside(copied) / "r1.json"));

    // The archive copy's own annotations (here: edited since) are kept.
    { std::ofstream(copied) << "edited in the archive copy"; }
    EXPECT_EQ(carryAnnotations(local, archiveCopy, data.path()),
              AnnotationCarryOver::DestinationAlreadyHasSome);
    std::ifstream in(copied);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, "edited in the archive copy");
}
