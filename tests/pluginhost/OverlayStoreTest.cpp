// Analysis results beside the annotations (OverlayStore): a saved result comes back whole
// (manifest, raster, detections), settings are rewritten alone, removal deletes only its
// files, and hostile or damaged folders (broken JSON, a newer version, a manifest naming a
// file outside its folder, a truncated raster) are reported naming the file while the good
// results still load.

#include "PluginHostTestSupport.h"

#include <lamina/pluginhost/OverlayStore.h>

using namespace lamina;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

OverlayManifest manifestFor(const QString& id) {
    OverlayManifest m;
    m.id = id;
    m.plugin.id = QStringLiteral("stain-separation");
    m.plugin.name = QStringLiteral("Stain separation");
    m.plugin.version = QStringLiteral("1.2");
    m.target = QStringLiteral("region 0,0,100,100");
    m.parameters = {{QStringLiteral("stains"), QStringLiteral("H&E")}};
    m.measurements = {{"dab_area_um2", 12.5}};
    m.opacity = 0.35;
    m.colourMap = QStringLiteral("inferno");
    m.fadeLowValues = false;
    return m;
}

PluginRaster smallRaster() {
    PluginRaster r;
    r.width = 3;
    r.height = 2;
    r.originX = 10;
    r.originY = 20;
    r.level0PixelsPerPixel = 8;
    r.values = {0, 0.25f, 0.5f, 0.75f, 1, 2};
    return r;
}

AnnotationDocument onePoint() {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    Annotation a;
    a.id = "p1";
    a.geometry.kind = ShapeKind::Point;
    a.geometry.points = {{5, 6}};
    d.layers.front().annotations.push_back(a);
    return d;
}

} // namespace

TEST(OverlayStore, ASavedResultComesBackWithItsSettingsRasterAndDetections) {
    TempDir dir;
    OverlayStore store(OverlayStore::folderBeside(dir / "slide.svs.annotations.geojson"));
    EXPECT_EQ(store.folder(), dir / "slide.svs.annotations.overlays");
    const QString id = store.newId(QStringLiteral("stain-separation"));
    EXPECT_EQ(id, QStringLiteral("stain-separation-1"));
    const AnnotationDocument points = onePoint();
    store.save(manifestFor(id), smallRaster(), &points, 0.25);
    // The next id skips the one on disk, and the one the caller says is taken.
    EXPECT_EQ(store.newId(QStringLiteral("stain-separation"),
                          [](const QString& i) { return i.endsWith(QStringLiteral("-2")); }),
              QStringLiteral("stain-separation-3"));

    const OverlayStore::Loaded loaded = OverlayStore(store.folder()).load();
    ASSERT_TRUE(loaded.errors.isEmpty()) << loaded.errors.join('\n').toStdString();
    ASSERT_EQ(loaded.overlays.size(), 1u);
    const SavedOverlay& back = loaded.overlays.front();
    EXPECT_EQ(back.manifest.id, id);
    EXPECT_EQ(back.manifest.plugin.version, QStringLiteral("1.2"));
    EXPECT_EQ(back.manifest.target, QStringLiteral("region 0,0,100,100"));
    EXPECT_EQ(back.manifest.parameters.value(QStringLiteral("stains")).toString(),
              QStringLiteral("H&E"));
    EXPECT_EQ(back.manifest.measurements.at("dab_area_um2"), 12.5);
    EXPECT_EQ(back.manifest.opacity, 0.35);
    EXPECT_EQ(back.manifest.colourMap, QStringLiteral("inferno"));
    EXPECT_FALSE(back.manifest.fadeLowValues);
    EXPECT_EQ(int(back.manifest.state), int(PluginRun::State::Finished));
    ASSERT_TRUE(back.raster);
    EXPECT_EQ(back.raster->values, smallRaster().values);
    EXPECT_EQ(back.raster->originX, 10);
    EXPECT_EQ(back.detections.annotationCount(), 1u);
}

TEST(OverlayStore, SettingsAloneAreRewrittenAndRemovalDeletesOnlyItsFiles) {
    TempDir dir;
    OverlayStore store(dir / "r.overlays");
    store.save(manifestFor(QStringLiteral("a-1")), smallRaster(), nullptr, std::nullopt);
    store.save(manifestFor(QStringLiteral("b-1")), smallRaster(), nullptr, std::nullopt);
    OverlayManifest hidden = manifestFor(QStringLiteral("a-1"));
    hidden.visible = false;
    hidden.hasRaster = true;
    store.saveManifest(hidden);
    auto loaded = store.load();
    ASSERT_EQ(loaded.overlays.size(), 2u);
    EXPECT_FALSE(loaded.overlays[0].manifest.visible);
    EXPECT_TRUE(loaded.overlays[0].raster) << "the raster stays named by the manifest";
    store.remove(QStringLiteral("a-1"));
    EXPECT_FALSE(fs::exists(store.folder() / "a-1.json"));
    EXPECT_FALSE(fs::exists(store.folder() / "a-1.tif"));
    EXPECT_TRUE(fs::exists(store.folder() / "b-1.tif"));
    EXPECT_EQ(store.load().overlays.size(), 1u);
}

TEST(OverlayStore, DamagedOrHostileFilesAreReportedByNameAndTheGoodOnesStillLoad) {
    TempDir dir;
    OverlayStore store(dir / "r.overlays");
    store.save(manifestFor(QStringLiteral("good-1")), smallRaster(), nullptr, std::nullopt);
    const fs::path folder = store.folder();
    std::ofstream(folder / "broken-1.json") << "{ not json";
    std::ofstream(folder / "future-1.json") << R"({"format": "lamina-overlay", "version": 9})";
    // A manifest pointing outside its folder must not make Lamina read that file.
    std::ofstream(dir / "secret.tif") << "not for you";
    std::ofstream(folder / "escape-1.json")
        << R"({"format": "lamina-overlay", "version": 1, "raster": "../secret.tif"})";
    // A raster cut short.
    store.save(manifestFor(QStringLiteral("cut-1")), smallRaster(), nullptr, std::nullopt);
    fs::resize_file(folder / "cut-1.tif", 40);
    const OverlayStore::Loaded loaded = store.load();
    ASSERT_EQ(loaded.overlays.size(), 1u);
    EXPECT_EQ(loaded.overlays.front().manifest.id, QStringLiteral("good-1"));
    const std::string errors = loaded.errors.join('\n').toStdString();
    ASSERT_EQ(loaded.errors.size(), 4) << errors;
    for (const char* name : {"broken-1.json", "future-1.json", "escape-1.json", "cut-1.tif"})
        EXPECT_NE(errors.find(name), std::string::npos) << name << " in\n" << errors;
    EXPECT_NE(errors.find("outside its folder"), std::string::npos) << errors;
    EXPECT_NE(errors.find("version 9 is not supported"), std::string::npos) << errors;
    EXPECT_TRUE(fs::exists(folder / "broken-1.json")) << "left as it was";
}

TEST(OverlayStore, AResultSavedWhileRunningReadsAsCancelled) {
    TempDir dir;
    OverlayStore store(dir / "r.overlays");
    OverlayManifest m = manifestFor(QStringLiteral("x-1"));
    m.state = PluginRun::State::Running;
    store.saveManifest(m);
    const auto loaded = store.load();
    ASSERT_EQ(loaded.overlays.size(), 1u);
    EXPECT_EQ(int(loaded.overlays.front().manifest.state), int(PluginRun::State::Cancelled));
}
