// The overlay plugin host: discovery lists good and broken plugins (with the reason) and goes
// on; parameters are checked against the metadata; runs cut regions into tiles, skip tiles
// outside the outline, and survive plugins that throw, return garbage or hang (cancel returns
// within the grace period). The shipped tissue-detection plugin finds the tissue of a
// synthetic slide (checked against the pattern's own mask) and of a real slide.

#include "QtApplicationEnvironment.h"
#include "TestSupport.h"

#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>
#include <lamina/pluginhost/PluginOutput.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/pluginhost/PluginRun.h>
#include <lamina/pluginhost/SlideForPlugin.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/synthetic/TissuePattern.h>

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QJsonDocument>

#include <chrono>
#include <cmath>
#include <fstream>
#include <thread>

using namespace lamina;
using namespace std::chrono;

namespace {

[[maybe_unused]] const auto* const kQtApplication =
    ::testing::AddGlobalTestEnvironment(new test::QtApplicationEnvironment);

// Registry over the build tree's plugins and the test plugins.
const PluginRegistry& registry() {
    static const PluginRegistry* r = [] {
        auto* reg = new PluginRegistry;
        reg->discover(
            {QStringLiteral(LAMINA_BUILD_PLUGIN_DIR), QStringLiteral(LAMINA_TEST_PLUGIN_DIR)});
        return reg;
    }();
    return *r;
}

const PluginEntry* entryFor(const QString& idOrFilePart) {
    for (const PluginEntry& e : registry().plugins())
        if (e.description.id == idOrFilePart || e.file.contains(idOrFilePart))
            return &e;
    return nullptr;
}

std::shared_ptr<const SlideForPlugin> slideOf(const std::filesystem::path& path) {
    return std::make_shared<const SlideForPlugin>(FormatRegistry::standard().open(path.string()));
}

PluginRunRequest request(double x, double y, double w, double h, const QString& mode,
                         double tile = 512) {
    PluginRunRequest r;
    r.x = x, r.y = y, r.width = w, r.height = h;
    r.parameters = entryFor(QStringLiteral("test-behaviour"))
                       ->description.resolveParameters(
                           {{"mode", mode.toStdString()}, {"tile", std::to_string(tile)}});
    r.threads = 2;
    return r;
}

ErrorKind kindOf(const std::function<void()>& f, std::string* what = nullptr) {
    try {
        f();
    } catch (const Error& e) {
        if (what)
            *what = e.what();
        return e.kind();
    }
    ADD_FAILURE() << "no lamina::Error";
    return ErrorKind::Io;
}

} // namespace

TEST(PluginRegistry, ListsGoodAndBrokenPluginsWithTheReasonAndGoesOn) {
    const PluginEntry* tissue = entryFor(QStringLiteral("tissue-detection"));
    ASSERT_TRUE(tissue);
    EXPECT_TRUE(tissue->available());
    EXPECT_EQ(tissue->description.parameters.size(), 5u);
    const PluginEntry* behaviour = entryFor(QStringLiteral("test-behaviour"));
    ASSERT_TRUE(behaviour && behaviour->available());
    const PluginEntry* otherSdk = entryFor(QStringLiteral("OtherSdkPlugin"));
    ASSERT_TRUE(otherSdk);
    EXPECT_FALSE(otherSdk->available());
    EXPECT_TRUE(otherSdk->unavailableReason.contains(QStringLiteral("SDK 99")))
        << otherSdk->unavailableReason.toStdString();
    const PluginEntry* bad = entryFor(QStringLiteral("BadMetadataPlugin"));
    ASSERT_TRUE(bad);
    EXPECT_FALSE(bad->available());
    EXPECT_TRUE(bad->unavailableReason.contains(QStringLiteral("\"version\"")))
        << bad->unavailableReason.toStdString();
    std::string what;
    EXPECT_EQ(kindOf([] { registry().find(QStringLiteral("no-such")); }, &what),
              ErrorKind::NotFound);
    EXPECT_NE(what.find("tissue-detection"), std::string::npos) << what;
    EXPECT_EQ(kindOf([] { registry().find(QStringLiteral("test-other-sdk")); }, &what),
              ErrorKind::UnsupportedFormat);
    EXPECT_NE(what.find("SDK 99"), std::string::npos) << what;
}

TEST(PluginRegistry, FilesThatAreNotPluginsAreListedUnavailable) {
    test::TempDir dir;
    { std::ofstream(dir / "libnot-a-plugin.so") << "ELF? no."; }
    PluginRegistry r;
    r.discover({QString::fromStdString(dir.path().string())});
    ASSERT_EQ(r.plugins().size(), 1u);
    EXPECT_FALSE(r.plugins()[0].available());
    EXPECT_FALSE(r.plugins()[0].unavailableReason.isEmpty());
}

TEST(PluginParameters, DefaultsApplyAndBadValuesAreRefusedNamingTheParameter) {
    const PluginDescription& d = entryFor(QStringLiteral("tissue-detection"))->description;
    const QVariantMap defaults = d.resolveParameters({});
    EXPECT_EQ(defaults.value(QStringLiteral("resolution")).toDouble(), 8.0);
    EXPECT_EQ(defaults.value(QStringLiteral("threshold")).toString(), QStringLiteral("otsu"));
    EXPECT_EQ(d.resolveParameters({{"saturation", "42"}}).value(QStringLiteral("saturation")),
              QVariant(qlonglong(42)));
    std::string what;
    for (const auto& [given, needle] :
         std::vector<std::pair<std::map<std::string, std::string>, std::string>>{
             {{{"resolution", "0.5"}}, "resolution"},
             {{{"resolution", "fast"}}, "not a number"},
             {{{"saturation", "2.5"}}, "whole number"},
             {{{"threshold", "magic"}}, "otsu, fixed"},
             {{{"colour", "red"}}, "not a parameter"}}) {
        EXPECT_EQ(kindOf([&] { d.resolveParameters(given); }, &what), ErrorKind::InvalidArgument);
        EXPECT_NE(what.find(needle), std::string::npos) << what;
    }
    EXPECT_EQ(kindOf(
                  [] {
                      PluginDescription::parse(QJsonDocument::fromJson(R"({"id":"x","name":"y",
                      "version":"1","sdkVersion":1,"parameters":[{"name":"p","type":"colour",
                      "default":1}]})")
                                                   .object());
                  },
                  &what),
              ErrorKind::InvalidArgument);
    EXPECT_NE(what.find("unknown type"), std::string::npos) << what;
}

TEST(PluginRun, RegionIsCutIntoTilesAndTilesOutsideTheOutlineAreSkipped) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    PluginRun whole(e, slide, request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000));
    ASSERT_EQ(whole.wait(), PluginRun::State::Finished) << whole.error();
    EXPECT_EQ(whole.tileCount(), 12u);
    EXPECT_EQ(whole.outcomes().size(), 12u);
    EXPECT_EQ(summedMeasurements(whole.outcomes()).at("tiles"), 12);
    // A triangle over the top-left corner: only tiles touching it run.
    PluginRunRequest r = request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000);
    r.outline = {{0, 0}, {2500, 0}, {0, 1500}};
    PluginRun part(e, slide, r);
    ASSERT_EQ(part.wait(), PluginRun::State::Finished);
    EXPECT_EQ(part.tileCount(), 4u); // (0,0) (1,0) (2,0) (0,1)
    const AnnotationDocument doc = featuresAsAnnotations(e.description, part.outcomes());
    ASSERT_EQ(doc.layers.front().annotations.size(), 4u);
    EXPECT_EQ(doc.layers.front().annotations[0].className, "Centre");
    EXPECT_NE(doc.layers.front().annotations[0].foreign.properties.find("\"score\":0.75"),
              std::string::npos);
    // The most central tile comes first.
    EXPECT_EQ(whole.outcomes().size(), 12u);
}

TEST(PluginRun, PluginsThatThrowOrReturnGarbageFailTheRunWithTheCause) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    for (const auto& [mode, needle] : std::vector<std::pair<QString, std::string>>{
             {QStringLiteral("throw"), "the model file is damaged"},
             {QStringLiteral("wrong-size"), "4 x 4 with 5 values"},
             {QStringLiteral("nan"), "NaN"},
             {QStringLiteral("bad-score"), "score outside"}}) {
        PluginRun run(e, slide, request(0, 0, 4000, 3000, mode));
        EXPECT_EQ(run.wait(), PluginRun::State::Failed) << mode.toStdString();
        EXPECT_NE(run.error().find(needle), std::string::npos) << run.error();
        EXPECT_NE(run.error().find("plugin test-behaviour, tile "), std::string::npos);
    }
    // The host is unharmed: the next run works.
    PluginRun ok(e, slide, request(0, 0, 4000, 3000, QStringLiteral("ok")));
    EXPECT_EQ(ok.wait(), PluginRun::State::Finished) << ok.error();
}

TEST(PluginRun, CancelStopsACooperativePluginAndAbandonsAHungOneWithinASecond) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    {
        PluginRun run(e, slide, request(0, 0, 4000, 3000, QStringLiteral("slow")));
        const auto start = steady_clock::now();
        run.cancel();
        EXPECT_EQ(run.wait(), PluginRun::State::Cancelled);
        EXPECT_LT(steady_clock::now() - start, seconds(1));
    }
    PluginRunRequest r = request(0, 0, 4000, 3000, QStringLiteral("hang"));
    r.cancelGrace = milliseconds(300);
    PluginRun run(e, slide, r);
    std::this_thread::sleep_for(milliseconds(50));
    const auto start = steady_clock::now();
    run.cancel();
    EXPECT_EQ(run.wait(), PluginRun::State::Failed);
    EXPECT_LT(steady_clock::now() - start, seconds(1));
    EXPECT_NE(run.error().find("did not stop"), std::string::npos) << run.error();
}

TEST(TissueDetection, FindsTheSyntheticTissueWhereThePatternPutIt) {
    // Ground truth: the pattern's own pixels, background or not, on a 32-pixel grid.
    const int64_t width = 12000, height = 9000;
    SyntheticSlideOptions o;
    o.width = width;
    o.height = height;
    o.seed = 4;
    const auto slide = slideOf(test::synthesizedSlide(o));
    const TissuePattern pattern(width, height, 4, o.mpp);
    const PluginEntry& e = registry().find(QStringLiteral("tissue-detection"));
    PluginRunRequest r;
    r.width = double(width);
    r.height = double(height);
    r.parameters = e.description.resolveParameters({});
    PluginRun run(e, slide, r);
    ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
    const AnnotationDocument doc = featuresAsAnnotations(e.description, run.outcomes());
    const auto& pieces = doc.layers.front().annotations;
    ASSERT_FALSE(pieces.empty());
    const auto inTissue = [&](double x, double y) {
        for (const Annotation& a : pieces) {
            std::vector<std::pair<double, double>> ring;
            for (const PointD& p : a.geometry.points)
                ring.emplace_back(p.x, p.y);
            bool in = false;
            for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
                if ((ring[i].second > y) != (ring[j].second > y) &&
                    x < (ring[j].first - ring[i].first) * (y - ring[i].second) /
                                (ring[j].second - ring[i].second) +
                            ring[i].first)
                    in = !in;
            if (in)
                return true;
        }
        return false;
    };
    int64_t both = 0, either = 0, truth = 0;
    uint8_t rgb[3];
    for (int64_t y = 16; y < height; y += 64)
        for (int64_t x = 16; x < width; x += 64) {
            pattern.render(x, y, 1, 1, rgb, 3);
            const bool tissue = Rgb8{rgb[0], rgb[1], rgb[2]} != TissuePattern::kBackground;
            const bool found = inTissue(double(x), double(y));
            both += tissue && found;
            either += tissue || found;
            truth += tissue;
        }
    ASSERT_GT(truth, 100);
    const double iou = double(both) / double(either);
    EXPECT_GT(iou, 0.9) << "intersection over union " << iou;
    const double area = summedMeasurements(run.outcomes()).at("tissue_area_mm2");
    const double truthArea = double(truth) * 64 * 64 * o.mpp * o.mpp * 1e-6;
    EXPECT_NEAR(area, truthArea, 0.1 * truthArea);
}

TEST(TissueDetection, FindsTissueOnARealSlide) {
    LAMINA_REQUIRE_TEST_SLIDES();
    const auto path = *test::testSlidesDir() / "aperio" / "CMU-1-Small-Region.svs";
    const auto slide = slideOf(path);
    const PluginEntry& e = registry().find(QStringLiteral("tissue-detection"));
    PluginRunRequest r;
    r.width = double(slide->levelWidth(0));
    r.height = double(slide->levelHeight(0));
    r.parameters = e.description.resolveParameters({{"resolution", "4"}});
    PluginRun run(e, slide, r);
    ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
    // A 1.1 x 1.5 mm crop through a tissue section: most of it is tissue, not all.
    const double area = summedMeasurements(run.outcomes()).at("tissue_area_mm2");
    const double whole = r.width * r.height * 0.499 * 0.499 * 1e-6;
    EXPECT_GT(area, 0.3 * whole);
    EXPECT_LT(area, 0.98 * whole);
}
