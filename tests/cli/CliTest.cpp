// lamina-cli run as a child process, as users and scripts run it.

#include "TestSupport.h"

#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/slide/FormatRegistry.h>

#include <gtest/gtest.h>
#include <openslide.h>

#include <QImage>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace lamina;
using lamina::test::runProcess;
using lamina::test::TempDir;
namespace fs = std::filesystem;

namespace {

test::ProcessResult cli(std::vector<std::string> args) {
    return test::runCli(std::move(args));
}

fs::path cmuSlide() {
    return *test::testSlidesDir() / "aperio" / "CMU-1-Small-Region.svs";
}

size_t lineCount(const std::string& text) {
    return size_t(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST(Cli, InfoJsonMatchesOpenSlideShowProperties) {
    LAMINA_REQUIRE_TEST_SLIDES();
    const auto ours = cli({"info", "--json", cmuSlide().string()});
    ASSERT_EQ(ours.exitCode, 0) << ours.err;
    const auto j = nlohmann::json::parse(ours.out);
    EXPECT_EQ(j["vendor"], "aperio");
    EXPECT_EQ(j["backend"], "tiff"); // JPEG-tiled SVS: the fast TIFF path
    EXPECT_EQ(j["width"], 2220);
    EXPECT_EQ(j["height"], 2967);
    EXPECT_DOUBLE_EQ(j["mpp_x"].get<double>(), 0.499);
    EXPECT_DOUBLE_EQ(j["objective_power"].get<double>(), 20);
    EXPECT_EQ(j["levels"].size(), 1u);
    EXPECT_EQ(j["levels"][0]["tile_width"], 240);
    EXPECT_EQ(j["associated"], (std::vector<std::string>{"label", "macro", "thumbnail"}));
    EXPECT_TRUE(j["slide_id"].get<std::string>().rfind("file:", 0) == 0);

    // The reference tool, run on the same file: every property we print is printed there,
    // with the same value, and it prints no property we miss.
    const std::string tool = "/usr/bin/openslide-show-properties";
    if (!fs::exists(tool))
        GTEST_SKIP() << "openslide-tools is not installed";
    const auto theirs = runProcess({tool, cmuSlide().string()});
    ASSERT_EQ(theirs.exitCode, 0);
    size_t keyLines = 0;
    for (const auto& [key, value] : j["properties"].items()) {
        const std::string line = key + ": '" + value.get<std::string>() + "'";
        EXPECT_NE(theirs.out.find(line), std::string::npos) << line;
        ++keyLines;
    }
    // openslide-show-properties prints "key: 'value'" entries; a value may span lines, but
    // only an entry's first line has its first quote right after ": ".
    size_t toolKeys = 0;
    std::istringstream lines(theirs.out);
    for (std::string line; std::getline(lines, line);) {
        const auto colon = line.find(": '");
        if (colon != std::string::npos && line.find('\'') == colon + 2)
            ++toolKeys;
    }
    EXPECT_EQ(keyLines, toolKeys);
}

TEST(Cli, InfoTextSummarisesTheSlide) {
    LAMINA_REQUIRE_TEST_SLIDES();
    const auto r = cli({"info", cmuSlide().string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("2220 x 2967"), std::string::npos);
    EXPECT_NE(r.out.find("0.499"), std::string::npos);
}

TEST(Cli, RegionWritesThePixelsOfReadRegion) {
    LAMINA_REQUIRE_TEST_SLIDES();
    TempDir dir;
    const auto r = cli({"region", cmuSlide().string(), "--level", "0", "--x", "1000", "--y", "1500",
                        "--width", "320", "--height", "200", "-o", (dir / "r.png").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    QImage png((dir / "r.png").c_str());
    ASSERT_FALSE(png.isNull());
    png = png.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    const auto slide = FormatRegistry::standard().open(cmuSlide().string());
    const RgbaImage expected = slide->readRegion(0, 1000, 1500, 320, 200);
    ASSERT_EQ(png.width(), 320);
    ASSERT_EQ(png.height(), 200);
    for (int y = 0; y < 200; ++y)
        ASSERT_EQ(std::memcmp(png.constScanLine(y), expected.row(y).data(), 320 * 4), 0)
            << "row " << y;
}

TEST(Cli, InfoListsThePyramidsOfAZStackAndRegionReadsTheChosenOne) {
    TempDir dir;
    const std::string why = test::writeMultiPyramidDicom(dir / "series");
    if (!why.empty()) {
        if (std::getenv("CI"))
            FAIL() << why;
        GTEST_SKIP() << why;
    }
    const std::string series = (dir / "series").string();
    auto r = cli({"info", series});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("pyramids:        6"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  * 1: optical path 1, focal plane +0 µm"), std::string::npos);
    r = cli({"info", series, "--json", "--pyramid", "5"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["shown_pyramid"], 5);
    EXPECT_EQ(j["pyramids"].size(), 6u);
    EXPECT_EQ(j["pyramids"][5]["optical_path"], "2");
    EXPECT_EQ(j["pyramids"][5]["focal_plane_um"], 2.0);
    EXPECT_EQ(j["levels"].size(), 2u); // path 2 has no third level
    r = cli({"region", series, "--pyramid", "5", "--level", "0", "--x", "0", "--y", "0", "--width",
             "8", "--height", "8", "-o", (dir / "r.png").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QImage png((dir / "r.png").c_str());
    EXPECT_EQ(png.pixelColor(4, 4), QColor(140, 180, 10)); // path 2, top plane, level 0
    r = cli({"info", series, "--pyramid", "6"});
    EXPECT_EQ(r.exitCode, 2); // a usage error (InvalidArgument)
    EXPECT_NE(r.err.find("no pyramid 6"), std::string::npos) << r.err;
}

TEST(Cli, PluginsListShowsTheShippedAndTheBrokenPluginsWithReasons) {
    setenv("LAMINA_PLUGIN_PATH", LAMINA_TEST_PLUGIN_DIR, 1);
    const auto r = cli({"plugins", "list", "--json"});
    unsetenv("LAMINA_PLUGIN_PATH");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto list = nlohmann::json::parse(r.out);
    std::map<std::string, nlohmann::json> byId;
    for (const auto& p : list)
        byId[p["id"].get<std::string>()] = p;
    ASSERT_TRUE(byId.count("tissue-detection"));
    EXPECT_TRUE(byId["tissue-detection"]["available"].get<bool>());
    EXPECT_EQ(byId["tissue-detection"]["parameters"][0]["name"], "resolution");
    ASSERT_TRUE(byId.count("test-other-sdk"));
    EXPECT_FALSE(byId["test-other-sdk"]["available"].get<bool>());
    EXPECT_NE(byId["test-other-sdk"]["unavailable_reason"].get<std::string>().find("SDK 99"),
              std::string::npos);
}

TEST(Cli, PluginRunOnTheTissueWritesGeoJsonTheViewerImportsAndFailuresNameTheCause) {
    TempDir dir;
    const auto slide = test::synthesizedSlide(12000, 9000, 4);
    setenv("LAMINA_PLUGIN_PATH", LAMINA_TEST_PLUGIN_DIR, 1);
    const std::string out = (dir / "centres.geojson").string();
    auto r = cli({"plugin", "run", "test-behaviour", slide.string(), "--tissue", "--param",
                  "tile=1000", "-o", out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const AnnotationDocument doc = QuPathGeoJson::read(out);
    const auto& centres = doc.layers.front().annotations;
    // Tiles touching the tissue only: fewer than the 108 of the whole slide, at least one.
    EXPECT_GT(centres.size(), 0u);
    EXPECT_LT(centres.size(), 108u);
    EXPECT_NE(r.out.find("features: " + std::to_string(centres.size())), std::string::npos);
    // Tissue detection itself, on the whole slide.
    r = cli({"plugin", "run", "tissue-detection", slide.string(), "-o",
             (dir / "tissue.geojson").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("tissue_area_mm2: "), std::string::npos) << r.out;
    // Inside an area annotation (the tissue polygon just written): the same tiles as --tissue.
    const std::string tissueFile = (dir / "tissue.geojson").string();
    const AnnotationDocument tissue = QuPathGeoJson::read(tissueFile);
    ASSERT_EQ(tissue.layers.front().annotations.size(), 1u);
    r = cli({"plugin", "run", "test-behaviour", slide.string(), "--param", "tile=1000",
             "--annotation", tissue.layers.front().annotations[0].id, "--annotations", tissueFile,
             "-o", (dir / "inside.geojson").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(QuPathGeoJson::read(dir / "inside.geojson").layers.front().annotations.size(),
              centres.size());
    // A point is not an area; an unknown id is named.
    r = cli({"plugin", "run", "test-behaviour", slide.string(), "--annotation", centres[0].id,
             "--annotations", out, "-o", (dir / "x.geojson").string()});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("is a point, not an area"), std::string::npos) << r.err;
    r = cli({"plugin", "run", "test-behaviour", slide.string(), "--annotation", "no-such-id",
             "--annotations", out, "-o", (dir / "x.geojson").string()});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("no annotation with id no-such-id"), std::string::npos) << r.err;
    // A plugin that throws: exit 1, the plugin and the cause named, no output left.
    r = cli({"plugin", "run", "test-behaviour", slide.string(), "--param", "mode=throw", "-o",
             (dir / "none.geojson").string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("the model file is damaged"), std::string::npos) << r.err;
    // One clear line (not one per worker, not the plugin library's path).
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("lamina-cli: plugin test-behaviour, tile ", 0), 0u) << r.err;
    EXPECT_FALSE(fs::exists(dir / "none.geojson"));
    // A plugin that crashes or aborts runs in its own process: lamina-cli survives, says so on
    // one line (AddressSanitizer adds its report of the segfault) and leaves no output.
    for (const auto& [mode, needle] : {std::pair{"segfault", "the plugin"},
                                       std::pair{"abort", "the plugin crashed (signal 6"}}) {
        r = cli({"plugin", "run", "test-behaviour", slide.string(), "--param",
                 std::string("mode=") + mode, "-o", (dir / "none.geojson").string()});
        EXPECT_EQ(r.exitCode, 1) << mode;
        EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("lamina-cli: plugin test-behaviour: "), std::string::npos) << r.err;
#if !defined(__SANITIZE_ADDRESS__)
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_NE(r.err.find("crashed (signal"), std::string::npos) << r.err;
#endif
        EXPECT_FALSE(fs::exists(dir / "none.geojson"));
    }
    // Bad parameters and unknown plugins.
    r = cli({"plugin", "run", "tissue-detection", slide.string(), "--param", "resolution=0", "-o",
             out});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("resolution"), std::string::npos) << r.err;
    r = cli({"plugin", "run", "no-such-plugin", slide.string(), "-o", out});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("no such plugin"), std::string::npos) << r.err;
    // Nowhere to put the results: neither -o nor --save.
    r = cli({"plugin", "run", "tissue-detection", slide.string()});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("give -o FILE, --save, or both"), std::string::npos) << r.err;
    unsetenv("LAMINA_PLUGIN_PATH");
}

TEST(Cli, ThumbnailAndAssociatedImagesAreWritten) {
    LAMINA_REQUIRE_TEST_SLIDES();
    TempDir dir;
    auto r = cli(
        {"thumbnail", cmuSlide().string(), "--max-size", "300", "-o", (dir / "t.jpg").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    QImage thumb((dir / "t.jpg").c_str());
    EXPECT_EQ(thumb.height(), 300);
    EXPECT_EQ(thumb.width(), 224); // 2220 x 2967 fitted in 300: 224.47
    r = cli({"associated", cmuSlide().string(), "label", "-o", (dir / "label.png").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_FALSE(QImage((dir / "label.png").c_str()).isNull());
}

TEST(Cli, SynthWritesASlideThatInfoReads) {
    TempDir dir;
    auto r = cli({"synth", "-o", (dir / "demo.svs").string(), "--width", "3000", "--height", "2000",
                  "--seed", "4", "--quality", "70"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("2 levels"), std::string::npos) << r.out;
    r = cli({"info", "--json", (dir / "demo.svs").string()});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["width"], 3000);
    EXPECT_EQ(j["vendor"], "aperio");
    EXPECT_DOUBLE_EQ(j["mpp_x"].get<double>(), 0.25);
}

TEST(Cli, UsageErrorsExitWithTwo) {
    EXPECT_EQ(cli({}).exitCode, 2);
    EXPECT_EQ(cli({"frobnicate"}).exitCode, 2);
    EXPECT_EQ(cli({"info"}).exitCode, 2);
    EXPECT_EQ(cli({"region", "x.svs", "--level", "0"}).exitCode, 2);
    EXPECT_EQ(
        cli({"synth", "-o", "/tmp/x.svs", "--width", "100", "--height", "100", "--tile", "100"})
            .exitCode,
        2);
    EXPECT_EQ(cli({"--log-level", "loud", "info", "x.svs"}).exitCode, 2);
    EXPECT_EQ(cli({"--help"}).exitCode, 0);
}

TEST(Cli, RuntimeErrorsExitWithOneAndNameTheFileOnOneLine) {
    TempDir dir;
    const std::string missing = (dir / "missing.svs").string();
    auto r = cli({"info", missing});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_EQ(lineCount(r.err), 1u) << r.err;
    EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());

    std::ofstream(dir / "fake.svs") << "not a slide";
    r = cli({"info", (dir / "fake.svs").string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("fake.svs"), std::string::npos) << r.err;
}

TEST(Cli, UnwritableOutputIsAnErrorAndLeavesNothing) {
    LAMINA_REQUIRE_TEST_SLIDES();
    TempDir dir;
    const auto r =
        cli({"thumbnail", cmuSlide().string(), "-o", (dir / "no-folder" / "t.png").string()});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("t.png"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(Cli, LogLevelComesFromTheEnvironmentOrTheOption) {
    LAMINA_REQUIRE_TEST_SLIDES();
    const auto quiet = cli({"--log-level", "off", "info", cmuSlide().string()});
    EXPECT_TRUE(quiet.err.empty()) << quiet.err;
    const auto chatty = cli({"--log-level", "debug", "info", cmuSlide().string()});
    EXPECT_NE(chatty.err.find("opening with the tiff backend"), std::string::npos) << chatty.err;
}

TEST(Cli, AnnotationsStatsPerClassInMicronsFromTheSlide) {
    LAMINA_REQUIRE_TEST_SLIDES();
    TempDir dir;
    const fs::path file = dir / "case.geojson";
    std::ofstream(file) << R"({"type":"FeatureCollection","features":[
 {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[2000,0],[2000,1000],[0,1000],[0,0]]]},
  "properties":{"classification":{"name":"Tumor","color":[200,0,0]}}},
 {"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,1],[2,2],[3,3]]},
  "properties":{"classification":{"name":"Immune cells"}}}]})";
    const auto r =
        cli({"annotations", "stats", file.string(), "--slide", cmuSlide().string(), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["units"], "um");
    EXPECT_EQ(j["annotations"], 2);
    // CMU-1-Small-Region: 0.499 µm per pixel on both axes.
    EXPECT_NEAR(j["classes"]["Tumor"]["area_um2"].get<double>(), 2000 * 1000 * 0.499 * 0.499, 1e-6);
    EXPECT_EQ(j["classes"]["Immune cells"]["points"], 3);
    const auto px = cli({"annotations", "stats", file.string()});
    EXPECT_NE(px.out.find("no µm per pixel"), std::string::npos) << px.out;
}

TEST(Cli, AnnotationsConvertWritesAReadableFileAndNeverOverwritesItsInput) {
    TempDir dir;
    const fs::path in = dir / "in.geojson", out = dir / "out.geojson";
    std::ofstream(in) << R"({"type":"Feature","geometry":{"type":"Point","coordinates":[7,8]}})";
    ASSERT_EQ(cli({"annotations", "convert", in.string(), out.string()}).exitCode, 0);
    const auto stats = cli({"annotations", "stats", out.string(), "--json"});
    ASSERT_EQ(stats.exitCode, 0) << stats.err;
    EXPECT_EQ(nlohmann::json::parse(stats.out)["annotations"], 1);
    // GeoJSON -> ASAP XML -> GeoJSON keeps the point.
    const fs::path xml = dir / "asap.xml", again = dir / "again.geojson";
    ASSERT_EQ(cli({"annotations", "convert", out.string(), xml.string()}).exitCode, 0);
    ASSERT_EQ(cli({"annotations", "convert", xml.string(), again.string()}).exitCode, 0);
    const auto againStats = cli({"annotations", "stats", again.string(), "--json"});
    EXPECT_EQ(nlohmann::json::parse(againStats.out)["annotations"], 1);
    const auto same = cli({"annotations", "convert", in.string(), in.string()});
    EXPECT_EQ(same.exitCode, 2);
    EXPECT_NE(same.err.find("would overwrite the input"), std::string::npos);
    std::ofstream(dir / "bad.geojson") << "{\"type\":";
    const auto bad = cli({"annotations", "convert", (dir / "bad.geojson").string(),
                          (dir / "never.geojson").string()});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_NE(bad.err.find("bad.geojson"), std::string::npos);
    EXPECT_EQ(lineCount(bad.err), 1u);
    EXPECT_FALSE(fs::exists(dir / "never.geojson"));
}

TEST(Cli, AnnotationsConvertReadsImageScopeXml) {
    TempDir dir;
    const fs::path in = dir / "imagescope.xml", out = dir / "out.geojson";
    std::ofstream(in)
        << R"(<Annotations><Annotation Id="1" LineColor="255"><Regions>)"
           R"(<Region Type="2"><Vertices><Vertex X="0" Y="0"/><Vertex X="40" Y="20"/>)"
           R"(</Vertices></Region></Regions></Annotation></Annotations>)";
    const auto converted = cli({"annotations", "convert", in.string(), out.string()});
    ASSERT_EQ(converted.exitCode, 0) << converted.err;
    const auto json = nlohmann::json::parse(std::ifstream(out));
    EXPECT_EQ(json["features"][0]["geometry"]["isEllipse"], true);
    EXPECT_EQ(json["features"][0]["properties"]["color"], nlohmann::json::array({255, 0, 0}));
}

// The many-annotations bench runs end to end on a small case and reports every measure.
TEST(Cli, BenchAnnotationsReportsOpenSaveAndFrameTimes) {
    const auto run = cli({"bench", "annotations", "--count", "300", "--vertices", "8", "--viewport",
                          "320x200", "--json"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["annotations"], 300);
    for (const char* key : {"open_ms_median", "peer_json_dom_parse_ms_median", "save_ms_median",
                            "index_build_ms_median", "peak_rss_mib"})
        EXPECT_TRUE(json[key].is_number()) << key;
    EXPECT_EQ(json["frames_with_index"]["all"]["count"], 90);
    EXPECT_EQ(json["frames_linear_scan"]["fit"]["count"], 30);
    EXPECT_EQ(json["drag_frames_index_updated"]["count"], 30);
    EXPECT_EQ(json["drag_frames_index_rebuilt"]["count"], 30);
    EXPECT_EQ(cli({"bench", "annotations", "--vertices", "2"}).exitCode, 2) << "a usage error";
}

// The overlay bench runs a plugin cold and from the cache and times overlay frames against
// the slide's own, on a small synthetic slide.
TEST(Cli, BenchOverlayReportsCachedRunsAndOverlayFramesBesideTheSlides) {
    const std::string slide = test::synthesizedSlide(4000, 3000, 2).string();
    const auto run =
        cli({"bench", "overlay", slide, "--viewport", "320x200", "--threads", "2", "--json"});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["plugin"], "stain-separation");
    EXPECT_GT(json["raster_cells"].get<int>(), 0);
    EXPECT_TRUE(json["run_cold_ms"].is_number());
    EXPECT_EQ(json["run_from_cache"]["count"], 3);
    EXPECT_EQ(json["slide_frame_fit"]["count"], 5);
    EXPECT_EQ(json["overlay_frame_40x"]["count"], 25);
    // An unknown plugin or parameter: said, naming it.
    const auto unknown = cli({"bench", "overlay", slide, "--plugin-id", "no-such-plugin"});
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_NE(unknown.err.find("no-such-plugin"), std::string::npos) << unknown.err;
    const auto bad = cli({"bench", "overlay", slide, "--param", "resolution=999"});
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_NE(bad.err.find("resolution"), std::string::npos) << bad.err;
}

// The soak bench, short: two tabs (JPEG and JPEG 2000), tab switches, reopened tabs and
// plugin runs in worker processes with a small cache; it judges its own samples (rc 1 with
// the finding when memory, threads, files or processes grew), and the report shows every
// kind of action happened.
TEST(Cli, BenchSoakLeaksNoMemoryThreadsFilesOrProcesses) {
    const std::string jpeg = test::synthesizedSlide(12000, 9000, 3).string();
    SyntheticSlideOptions o;
    o.width = 8000;
    o.height = 6000;
    o.seed = 4;
    o.compression = SyntheticSlideOptions::Compression::Jpeg2000;
    const std::string jp2k = test::synthesizedSlide(o).string();
    const auto run = cli({"bench", "soak", jpeg, jp2k, "--actions", "240", "--plugin-every", "50",
                          "--reopen-every", "45", "--cache-mib", "32", "--viewport", "640x480",
                          "--threads", "2", "--json"});
    ASSERT_EQ(run.exitCode, 0) << run.err << run.out;
    const auto json = nlohmann::json::parse(run.out);
    EXPECT_EQ(json["findings"].size(), 0u);
    EXPECT_EQ(json["plugin_runs"], 4);
    EXPECT_EQ(json["reopens"], 5);
    EXPECT_GT(json["tab_switches"].get<int>(), 5);
    EXPECT_EQ(json["tiles_failed"], 0);
    EXPECT_EQ(json["action_until_sharp"]["count"], 241); // every action ended sharp
    EXPECT_GE(json["samples"].size(), 100u);
    EXPECT_LE(json["cache_mib_at_warmup"].get<double>(), 32.0);
    // A script too short to warm up is refused, saying why.
    const auto tooShort = cli({"bench", "soak", jpeg, "--actions", "100"});
    EXPECT_EQ(tooShort.exitCode, 2); // a usage error
    EXPECT_NE(tooShort.err.find("--actions must be at least twice"), std::string::npos)
        << tooShort.err;
}

TEST(Cli, SnapshotWritesTheRegionAtTheAskedScaleAndRefusesBadRequests) {
    const std::string slide = test::synthesizedSlide(8192, 6144, 11).string();
    TempDir dir;
    const fs::path out = dir / "snap.png";
    // 1 µm per output pixel on a 0.25 µm/px slide: 4000 x 2000 level-0 pixels -> 1000 x 500.
    const auto ok = cli({"snapshot", slide, "--region", "100,200,4000,2000", "--mpp", "1",
                         "--scale-bar", "-o", out.string()});
    ASSERT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_EQ(QImage(QString::fromStdString(out.string())).size(), QSize(1000, 500));
    const fs::path captioned = dir / "captioned.jpg";
    ASSERT_EQ(cli({"snapshot", slide, "--center", "4000,3000", "--size", "400x300",
                   "--magnification", "10", "--caption", "-o", captioned.string()})
                  .exitCode,
              0);
    EXPECT_GT(QImage(QString::fromStdString(captioned.string())).height(), 300) << "caption band";

    const fs::path annotations = dir / "a.geojson";
    std::ofstream(annotations)
        << R"({"type":"Feature","id":"roi","geometry":{"type":"Polygon",)"
           R"("coordinates":[[[1000,1000],[2000,1000],[2000,1500],[1000,1000]]]}})";
    const fs::path framed = dir / "framed.png";
    ASSERT_EQ(cli({"snapshot", slide, "--annotation", "roi", "--annotations", annotations.string(),
                   "--mpp", "1", "-o", framed.string()})
                  .exitCode,
              0);
    // 1000 px wide, plus 128 px (32 output pixels at 4 px each) on both sides, at 4 px/pixel.
    EXPECT_EQ(QImage(QString::fromStdString(framed.string())).width(), 314);

    const fs::path never = dir / "never.png";
    const auto unknown = cli({"snapshot", slide, "--annotation", "nope", "--annotations",
                              annotations.string(), "--mpp", "1", "-o", never.string()});
    EXPECT_NE(unknown.exitCode, 0);
    EXPECT_NE(unknown.err.find("no annotation with id nope"), std::string::npos) << unknown.err;
    const auto outside =
        cli({"snapshot", slide, "--region", "90000,0,10,10", "--mpp", "1", "-o", never.string()});
    EXPECT_NE(outside.exitCode, 0);
    EXPECT_NE(outside.err.find("outside the slide"), std::string::npos) << outside.err;
    EXPECT_EQ(cli({"snapshot", slide, "--region", "0,0,10,10", "--mpp", "1", "--magnification",
                   "10", "-o", never.string()})
                  .exitCode,
              2);
    const auto unwritable = cli({"snapshot", slide, "--region", "0,0,100,100", "--mpp", "1", "-o",
                                 "/nonexistent-dir/snap.png"});
    EXPECT_EQ(unwritable.exitCode, 1);
    EXPECT_NE(unwritable.err.find("/nonexistent-dir/snap.png"), std::string::npos);
    EXPECT_FALSE(fs::exists(never));
}

TEST(Cli, ExportWritesAPyramidOrALabelMaskAndRefusesBadRequests) {
    const std::string slide = test::synthesizedSlide(8192, 6144, 11).string();
    TempDir dir;
    const fs::path annotations = dir / "a.geojson";
    std::ofstream(annotations)
        << R"({"type":"Feature","id":"roi","geometry":{"type":"Polygon",)"
           R"("coordinates":[[[1000,1000],[2000,1000],[2000,1500],[1000,1000]]]},)"
           R"("properties":{"classification":{"name":"Tumor"}}})";
    const fs::path image = dir / "region.tif";
    const auto ok =
        cli({"export", slide, "--region", "0,0,6000,5000", "--mpp", "0.5", "--annotations",
             annotations.string(), "--outlines", "-o", image.string()});
    ASSERT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_NE(ok.out.find("3000 x 2500"), std::string::npos) << ok.out;
    const auto os = test::openWithOpenSlide(image);
    ASSERT_TRUE(os && !openslide_get_error(os.get()));
    EXPECT_STREQ(openslide_get_property_value(os.get(), "openslide.mpp-x"), "0.5");

    const fs::path mask = dir / "mask.tif";
    const auto masked =
        cli({"export", slide, "--annotation", "roi", "--annotations", annotations.string(), "--mpp",
             "0.25", "--label-mask", "-o", mask.string()});
    ASSERT_EQ(masked.exitCode, 0) << masked.err;
    EXPECT_NE(masked.out.find("= Tumor"), std::string::npos) << masked.out;
    EXPECT_TRUE(fs::exists(mask));

    const fs::path never = dir / "never.tif";
    EXPECT_EQ(cli({"export", slide, "--region", "0,0,10,10", "--mpp", "1", "--label-mask", "-o",
                   never.string()})
                  .exitCode,
              2);
    const auto outside =
        cli({"export", slide, "--region", "90000,0,10,10", "--mpp", "1", "-o", never.string()});
    EXPECT_NE(outside.exitCode, 0);
    EXPECT_NE(outside.err.find("outside the slide"), std::string::npos) << outside.err;
    const auto unwritable = cli(
        {"export", slide, "--region", "0,0,100,100", "--mpp", "1", "-o", "/nonexistent-dir/x.tif"});
    EXPECT_NE(unwritable.exitCode, 0);
    EXPECT_NE(unwritable.err.find("/nonexistent-dir/x.tif"), std::string::npos);
    EXPECT_FALSE(fs::exists(never));
}

TEST(Cli, ReportWritesABundleAndAPdfAndRefusesBadRequests) {
    const std::string slide = test::synthesizedSlide(8192, 6144, 11).string();
    TempDir dir;
    const fs::path annotations = dir / "a.geojson";
    std::ofstream(annotations)
        << R"({"type":"Feature","id":"roi","geometry":{"type":"Polygon",)"
           R"("coordinates":[[[1000,1000],[2000,1000],[2000,1500],[1000,1500],[1000,1000]]]},)"
           R"("properties":{"classification":{"name":"Tumor"}}})";
    const fs::path bundle = dir / "report.json", pdf = dir / "report.pdf";
    const auto ok = cli({"report", slide, "--annotations", annotations.string(), "--snapshot",
                         "roi", "--snapshot", "4000,3000,800,600", "--mpp", "1", "--conclusion",
                         "Benign.", "-o", bundle.string(), "--pdf", pdf.string()});
    ASSERT_EQ(ok.exitCode, 0) << ok.err;
    EXPECT_NE(ok.out.find("2 snapshots, 1 measurement"), std::string::npos) << ok.out;
    EXPECT_EQ(ok.err.find("label"), std::string::npos) << "no label, no warning";
    std::ifstream in(bundle);
    const auto json = nlohmann::json::parse(in);
    EXPECT_EQ(json["resourceType"], "Bundle");
    EXPECT_EQ(json["entry"][0]["resource"]["conclusion"], "Benign.");
    EXPECT_EQ(json.dump().find("Slide label"), std::string::npos);
    EXPECT_GT(fs::file_size(pdf), 1000u);

    const fs::path labelled = dir / "labelled.json";
    const auto withLabel = cli({"report", slide, "--snapshot", "0,0,800,600", "--mpp", "1",
                                "--include-label", "-o", labelled.string()});
    ASSERT_EQ(withLabel.exitCode, 0) << withLabel.err;
    EXPECT_NE(withLabel.err.find("may identify the patient"), std::string::npos);

    const fs::path never = dir / "never.json";
    const auto unknown = cli({"report", slide, "--annotations", annotations.string(), "--snapshot",
                              "nope", "--mpp", "1", "-o", never.string()});
    EXPECT_NE(unknown.exitCode, 0);
    EXPECT_NE(unknown.err.find("no annotation with id nope"), std::string::npos) << unknown.err;
    const auto outside =
        cli({"report", slide, "--snapshot", "90000,0,10,10", "--mpp", "1", "-o", never.string()});
    EXPECT_NE(outside.exitCode, 0);
    EXPECT_NE(outside.err.find("outside the slide"), std::string::npos) << outside.err;
    const auto unwritable = cli({"report", slide, "--snapshot", "0,0,100,100", "--mpp", "1", "-o",
                                 "/nonexistent-dir/r.json"});
    EXPECT_NE(unwritable.exitCode, 0);
    EXPECT_NE(unwritable.err.find("/nonexistent-dir/r.json"), std::string::npos);
    EXPECT_FALSE(fs::exists(never));
}

// Found by the tiff_slide fuzz target: OpenSlide reads TIFF through libtiff's and GLib's
// process-wide message handlers, which printed "GLib-CRITICAL **: g_strchug: assertion ..."
// and "TIFFFetchStripThing: Warning ..." lines on stderr around Lamina's own message.
TEST(Cli, LibraryMessagesAboutADamagedSlideGoToTheLogNotToStderr) {
    const std::string damaged =
        LAMINA_TESTS_DIR "/fuzz/regressions/tiff_slide/glib-critical-on-stderr-01a198e2";
    TempDir dir;
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"info", damaged},
          std::vector<std::string>{"thumbnail", damaged, "-o", (dir / "t.png").string()}}) {
        const auto r = cli(args);
        EXPECT_EQ(r.err.find("GLib"), std::string::npos) << r.err;
        EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        if (!r.err.empty()) {
            EXPECT_EQ(r.err.rfind("lamina-cli: ", 0), 0u) << r.err;
        }
    }
}
