// The overlay plugin host: discovery lists good and broken plugins (with the reason) and goes
// on; parameters are checked against the metadata; runs cut regions into tiles, skip tiles
// outside the outline, and survive plugins that throw, return garbage or hang (cancel returns
// within the grace period). The shipped tissue-detection plugin finds the tissue of a
// synthetic slide (checked against the pattern's own mask) and of a real slide.

#include "QtApplicationEnvironment.h"
#include "TestSupport.h"

#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>
#include <lamina/plugin/PluginGeometry.h>
#include <lamina/pluginhost/PluginJob.h>
#include <lamina/pluginhost/PluginOutput.h>
#include <lamina/pluginhost/PluginRasterFile.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/pluginhost/PluginResultCache.h>
#include <lamina/pluginhost/PluginRun.h>
#include <lamina/pluginhost/SlideForPlugin.h>
#include <lamina/render/RasterOverlay.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/synthetic/TissuePattern.h>

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPainter>

#include <array>
#include <chrono>
#include <cmath>
#include <fstream>
#include <future>
#include <random>
#include <thread>
#include <tuple>

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

// The colour of one stain at a density, as Beer-Lambert has it: 255 * 10^-(density * unit OD).
uint32_t stainColour(std::array<double, 3> v, double density) {
    const double n = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    uint32_t c = 0xff000000u;
    for (int i = 0; i < 3; ++i)
        c |= uint32_t(std::lround(255 * std::pow(10.0, -density * v[size_t(i)] / n)))
             << (16 - 8 * i);
    return c;
}

// A square one-level slide (0.5 µm/px unless told) drawn by a function: region(x, y, w, h, scale)
// gives w x h pixels from level-0 (x, y), each `scale` level-0 pixels wide (sampled at its centre).
class DrawnSlide : public PluginSlide {
public:
    explicit DrawnSlide(int64_t side, double mpp = 0.5) : side_(side), mpp_(mpp) {}
    int levelCount() const override { return 1; }
    int64_t levelWidth(int) const override { return side_; }
    int64_t levelHeight(int) const override { return side_; }
    double levelDownsample(int) const override { return 1; }
    std::optional<double> micronsPerPixel() const override { return mpp_; }
    std::string slideId() const override { return "drawn"; }
    PluginImage readRegion(int, int64_t x, int64_t y, int w, int h) const override {
        return region(double(x), double(y), w, h, 1);
    }
    PluginImage readRegionAt(double mpp, double x, double y, double w, double h) const override {
        const double scale = mpp / mpp_;
        return region(x, y, int(std::lround(w / scale)), int(std::lround(h / scale)), scale);
    }

protected:
    virtual PluginImage region(double x, double y, int w, int h, double scale) const = 0;
    // w x h pixels from level-0 (x, y), each the colour `at` gives for its centre.
    static PluginImage sampled(double x, double y, int w, int h, double scale,
                               const std::function<uint32_t(double, double)>& at) {
        PluginImage image;
        image.width = w;
        image.height = h;
        for (int row = 0; row < h; ++row)
            for (int col = 0; col < w; ++col)
                image.pixels.push_back(at(x + (col + 0.5) * scale, y + (row + 0.5) * scale));
        return image;
    }
    int64_t side_;
    double mpp_;
};

// 1000 x 1000, one flat colour on the left half, another on the right.
class HalvesSlide : public DrawnSlide {
public:
    HalvesSlide(uint32_t left, uint32_t right) : DrawnSlide(1000), left_(left), right_(right) {}

private:
    PluginImage region(double x, double y, int w, int h, double scale) const override {
        return sampled(x, y, w, h, scale, [this](double sx, double sy) {
            return sx < 0 || sy < 0 || sx >= 1000 || sy >= 1000 ? 0u : sx < 500 ? left_ : right_;
        });
    }
    uint32_t left_, right_;
};

constexpr std::array<double, 3> kHaematoxylin{0.650, 0.704, 0.286};
constexpr std::array<double, 3> kEosin{0.072, 0.990, 0.105};
constexpr std::array<double, 3> kDab{0.268, 0.570, 0.776};

// Runs stain-separation on the whole HalvesSlide; the run's raster and measurements.
std::pair<PluginRaster, std::map<std::string, double>>
separate(const std::shared_ptr<const PluginSlide>& slide,
         const std::map<std::string, std::string>& parameters, std::string* error = nullptr) {
    const PluginEntry& e = registry().find(QStringLiteral("stain-separation"));
    PluginRunRequest r;
    r.width = r.height = 1000;
    r.parameters = e.description.resolveParameters(parameters);
    PluginRun run(e, slide, r);
    if (run.wait() != PluginRun::State::Finished) {
        if (error)
            *error = run.error();
        return {};
    }
    return {*mosaicRasters(run.outcomes()), runMeasurements(e.description, run.outcomes())};
}

// A 2000 x 2000 slide at 0.5 µm/px: white glass with haematoxylin-stained discs ("nuclei",
// density 0.9) of 8 µm diameter, on a jittered grid, plus pairs of touching discs.
class NucleiSlide : public DrawnSlide {
public:
    NucleiSlide() : DrawnSlide(2000) {
        std::mt19937 random(11);
        std::uniform_real_distribution<double> jitter(-15, 15);
        for (int row = 0; row < 12; ++row)
            for (int col = 0; col < 12; ++col) {
                const double x = 100 + col * 150 + jitter(random);
                const double y = 100 + row * 150 + jitter(random);
                centres.push_back({x, y});
                if ((row + col) % 7 == 0) // a touching neighbour (overlapping by 1 pixel)
                    centres.push_back({x + 15, y});
            }
    }
    std::vector<std::pair<double, double>> centres; // level-0 pixels
    static constexpr double kRadius = 8;            // level-0 pixels (4 µm)

private:
    PluginImage region(double x0, double y0, int w, int h, double scale) const override {
        static const uint32_t nucleus = stainColour(kHaematoxylin, 0.9);
        PluginImage image;
        image.width = w;
        image.height = h;
        image.pixels.assign(size_t(w) * size_t(h), 0xfff3f3f1u);
        for (const auto& [cx, cy] : centres)
            for (int row = std::max(0, int((cy - kRadius - y0) / scale));
                 row < std::min(h, int((cy + kRadius - y0) / scale) + 2); ++row)
                for (int col = std::max(0, int((cx - kRadius - x0) / scale));
                     col < std::min(w, int((cx + kRadius - x0) / scale) + 2); ++col) {
                    const double px = x0 + (col + 0.5) * scale, py = y0 + (row + 0.5) * scale;
                    if (std::hypot(px - cx, py - cy) <= kRadius)
                        image.pixels[size_t(row) * size_t(w) + size_t(col)] = nucleus;
                }
        return image;
    }
};

} // namespace

TEST(NucleiDetection, CountsKnownNucleiOnceEachAtTheirPlaceSplittingTouchingOnes) {
    const auto slide = std::make_shared<const NucleiSlide>();
    const PluginEntry& e = registry().find(QStringLiteral("nuclei-detection"));
    PluginRunRequest r;
    r.width = r.height = 2000; // several tiles: nuclei on borders must be counted once
    r.parameters = e.description.resolveParameters({{"resolution", "0.5"}});
    PluginRun run(e, slide, r);
    ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
    EXPECT_GT(run.tileCount(), 1u);
    std::vector<std::pair<double, double>> found;
    for (const auto& o : run.outcomes())
        for (const PluginFeature& f : o.result->features)
            found.push_back(f.points[0]);
    const size_t truth = slide->centres.size();
    EXPECT_NEAR(double(found.size()), double(truth), 0.03 * double(truth));
    // Every isolated nucleus is found within 2 µm (4 px) of its centre.
    size_t near = 0;
    for (const auto& [tx, ty] : slide->centres)
        near += std::any_of(found.begin(), found.end(), [&](const auto& p) {
            return std::hypot(p.first - tx, p.second - ty) < 8;
        });
    EXPECT_GT(double(near), 0.95 * double(truth));
    const auto m = runMeasurements(e.description, run.outcomes());
    EXPECT_NEAR(m.at("analysed_area_mm2"), 1.0, 1e-6); // 1 mm x 1 mm
    EXPECT_NEAR(m.at("nuclei_per_mm2"), double(found.size()), 1e-6);
}

// Writes the test model (tests/plugins/make_mean_red_model.py with `args`); false when
// python3-onnx is missing on a user's machine (then the test skips). In CI it must be there.
constexpr const char* kNoOnnx = "python3-onnx missing (scripts/install-deps.sh installs it)";
bool writeMeanRedModel(const std::string& path, std::vector<std::string> args) {
    args.insert(args.begin(),
                {"/usr/bin/python3", LAMINA_TESTS_DIR "/plugins/make_mean_red_model.py", path});
    const auto made = test::runProcess(args);
    if (made.exitCode == 0)
        return true;
    if (made.err.find("No module named 'onnx'") == std::string::npos || std::getenv("CI"))
        ADD_FAILURE() << made.err;
    return false;
}

TEST(OnnxClassifier, AModelWithKnownWeightsGivesItsProbabilitiesTileByTile) {
    test::TempDir dir;
    const std::string model = (dir / "mean-red.onnx").string();
    if (!writeMeanRedModel(model, {"50"}))
        GTEST_SKIP() << kNoOnnx;
    // Red on the left (mean red 230/255), blue on the right (40/255).
    const auto slide = std::make_shared<const HalvesSlide>(0xffe63c3cu, 0xff2878c8u);
    const PluginEntry& e = registry().find(QStringLiteral("onnx-classifier"));
    PluginRunRequest r;
    r.width = r.height = 1000;
    r.parameters = e.description.resolveParameters({{"model", model},
                                                    {"input_size", "50"},
                                                    {"resolution", "1"},
                                                    {"class_names", "red, other"}});
    PluginRun run(e, slide, r);
    ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
    const auto heatmap = mosaicRasters(run.outcomes());
    ASSERT_TRUE(heatmap);
    ASSERT_EQ(heatmap->width, 10); // 50 px at 1 µm/px = 100 level-0 px a tile
    ASSERT_EQ(heatmap->height, 10);
    const auto p = [](double red) { return 1 / (1 + std::exp(4 - 8 * red)); };
    EXPECT_NEAR(heatmap->values[2], p(230 / 255.0), 1e-3);
    EXPECT_NEAR(heatmap->values[7], p(40 / 255.0), 1e-3);
    const auto m = runMeasurements(e.description, run.outcomes());
    EXPECT_NEAR(m.at("red_area_mm2"), 0.125, 1e-9);
    EXPECT_NEAR(m.at("other_area_mm2"), 0.125, 1e-9);
    // A file that is not a model: the run fails naming it.
    { std::ofstream(dir / "broken.onnx") << "not protobuf"; }
    r.parameters[QStringLiteral("model")] = QString::fromStdString((dir / "broken.onnx").string());
    PluginRun broken(e, slide, r);
    EXPECT_EQ(broken.wait(), PluginRun::State::Failed);
    EXPECT_NE(broken.error().find("broken.onnx: not a"), std::string::npos) << broken.error();
    // No model given: refused before running.
    std::string what;
    EXPECT_EQ(kindOf([&] { e.description.resolveParameters({}); }, &what),
              ErrorKind::InvalidArgument);
    EXPECT_NE(what.find("model"), std::string::npos) << what;
}

TEST(OnnxClassifier, TheModelsOwnMetadataSetsItsInputScaleAndClassNames) {
    test::TempDir dir;
    const std::string model = (dir / "with-metadata.onnx").string();
    if (!writeMeanRedModel(model, {"50", "input_size=50", "resolution=1", "class_names=red, other",
                                   "author=someone"}))
        GTEST_SKIP() << kNoOnnx;
    const auto slide = std::make_shared<const HalvesSlide>(0xffe63c3cu, 0xff2878c8u);
    const PluginEntry& e = registry().find(QStringLiteral("onnx-classifier"));
    PluginRunRequest r;
    r.width = r.height = 1000;
    // Only the model is given: input size, scale and class names come from its metadata
    // (the form's defaults, 224 px at 0.5 µm/px, would not even fit the model's input).
    r.parameters = e.description.resolveParameters({{"model", model}});
    {
        PluginRun run(e, slide, r);
        ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
        const auto heatmap = mosaicRasters(run.outcomes());
        ASSERT_TRUE(heatmap);
        EXPECT_EQ(heatmap->width, 10); // 50 px at 1 µm/px on a 0.5 µm/px slide
        const auto m = runMeasurements(e.description, run.outcomes());
        EXPECT_NEAR(m.at("red_area_mm2"), 0.125, 1e-9);
    }
    // Told to ignore the metadata, the form's values apply: 224 px at 0.5 µm/px (224 level-0
    // pixels a tile; the fifth column is mostly off the slide and skipped), no class names.
    r.parameters[QStringLiteral("use_model_metadata")] = false;
    {
        PluginRun run(e, slide, r);
        ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
        EXPECT_EQ(mosaicRasters(run.outcomes())->width, 4);
        EXPECT_TRUE(runMeasurements(e.description, run.outcomes()).contains("class0_area_mm2"));
    }
    // A bad value in the metadata fails the run naming the file and the key.
    const std::string bad = (dir / "bad-metadata.onnx").string();
    ASSERT_TRUE(writeMeanRedModel(bad, {"50", "input_size=huge"}));
    r.parameters = e.description.resolveParameters({{"model", bad}});
    PluginRun run(e, slide, r);
    EXPECT_EQ(run.wait(), PluginRun::State::Failed);
    EXPECT_NE(run.error().find("bad-metadata.onnx: metadata input_size=\"huge\""),
              std::string::npos)
        << run.error();
}

TEST(OnnxClassifier, TruncatedOrForgedModelFilesFailTheRunNamingTheFileWithoutCrashing) {
    test::TempDir dir;
    const std::string model = (dir / "whole.onnx").string();
    if (!writeMeanRedModel(model, {"50", "class_names=red,other"}))
        GTEST_SKIP() << kNoOnnx;
    std::string bytes;
    {
        std::ifstream in(model, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    ASSERT_GT(bytes.size(), 20u);
    const auto slide = std::make_shared<const HalvesSlide>(0xffe63c3cu, 0xff2878c8u);
    const PluginEntry& e = registry().find(QStringLiteral("onnx-classifier"));
    const auto runOn = [&](const std::string& name, const std::string& content) {
        { std::ofstream(dir / name, std::ios::binary) << content; }
        PluginRunRequest r;
        r.width = r.height = 200;
        r.parameters = e.description.resolveParameters(
            {{"model", (dir / name).string()}, {"input_size", "50"}, {"resolution", "1"}});
        PluginRun run(e, slide, r);
        const PluginRun::State state = run.wait(); // before error(): argument order is free
        return std::pair(state, run.error());
    };
    // Cut at every length up to the metadata and a few beyond: a clean failure every time.
    for (size_t cut = 1; cut < bytes.size(); cut += std::max<size_t>(1, bytes.size() / 40)) {
        const auto [state, error] = runOn("cut.onnx", bytes.substr(0, cut));
        EXPECT_EQ(state, PluginRun::State::Failed) << "cut at " << cut;
        EXPECT_NE(error.find("cut.onnx"), std::string::npos) << error;
    }
    // A metadata entry claiming to be longer than the file, and one of 2 GiB.
    std::string forged = bytes;
    forged += std::string("\x72\xff\xff\xff\x07", 5) + "short";
    auto [state, error] = runOn("forged.onnx", forged);
    EXPECT_EQ(state, PluginRun::State::Failed);
    EXPECT_NE(error.find("forged.onnx: not an ONNX model (a field runs past the end"),
              std::string::npos)
        << error;
    std::tie(state, error) = runOn("empty.onnx", "");
    EXPECT_EQ(state, PluginRun::State::Failed);
    EXPECT_NE(error.find("empty.onnx"), std::string::npos) << error;
}

TEST(StainSeparation, RecoversTheDensitiesOfKnownStainMixtures) {
    const auto he = std::make_shared<const HalvesSlide>(stainColour(kHaematoxylin, 0.6),
                                                        stainColour(kEosin, 0.4));
    for (const auto& [channel, left, right] :
         {std::tuple{"haematoxylin", 0.6, 0.0}, std::tuple{"eosin", 0.0, 0.4}}) {
        const auto [raster, measurements] =
            separate(he, {{"channel", channel}, {"resolution", "2"}});
        ASSERT_EQ(raster.width, 250) << channel; // 1000 px at 0.5 µm/px -> 2 µm/px
        EXPECT_NEAR(raster.values[size_t(100 * 250 + 50)], left, 0.02) << channel;
        EXPECT_NEAR(raster.values[size_t(100 * 250 + 200)], right, 0.02) << channel;
        EXPECT_NEAR(measurements.at("stained_area_mm2"), 0.25, 0.001); // all of 0.5 x 0.5 mm
    }
    // H-DAB: half the stained area is DAB-positive.
    const auto hdab = std::make_shared<const HalvesSlide>(stainColour(kHaematoxylin, 0.6),
                                                          stainColour(kDab, 0.5));
    const auto [raster, measurements] = separate(hdab, {{"stains", "H-DAB"}, {"channel", "dab"}});
    EXPECT_NEAR(raster.values[size_t(100 * 250 + 200)], 0.5, 0.02);
    EXPECT_NEAR(raster.values[size_t(100 * 250 + 50)], 0.0, 0.02);
    EXPECT_NEAR(measurements.at("dab_positive_percent"), 50, 1);
}

TEST(StainSeparation, BadStainVectorsAndChannelsFailTheRunNamingTheCause) {
    const auto he = std::make_shared<const HalvesSlide>(stainColour(kHaematoxylin, 0.6),
                                                        stainColour(kEosin, 0.4));
    std::string error;
    separate(he, {{"haematoxylin_vector", "1,2"}}, &error);
    EXPECT_NE(error.find("haematoxylin_vector must be three"), std::string::npos) << error;
    separate(he, {{"eosin_vector", "0.650,0.704,0.286"}}, &error);
    EXPECT_NE(error.find("parallel"), std::string::npos) << error;
    separate(he, {{"channel", "dab"}}, &error);
    EXPECT_NE(error.find("\"dab\" is not a stain of H&E"), std::string::npos) << error;
}

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

TEST(PluginRaster, TilesAreLaidOnOneGridWrittenAsFloatTiffAndReadBack) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    PluginRunRequest r = request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000);
    r.outline = {{0, 0}, {2500, 0}, {0, 1500}}; // 4 of the 12 tiles
    PluginRun run(e, slide, r);
    ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
    const auto mosaic = mosaicRasters(run.outcomes());
    ASSERT_TRUE(mosaic);
    EXPECT_EQ(mosaic->level0PixelsPerPixel, 250); // 1000-pixel tiles, 4 raster pixels each
    EXPECT_EQ(mosaic->width, 12);                 // tiles at columns 0..2
    EXPECT_EQ(mosaic->height, 8);                 // rows 0..1
    EXPECT_EQ(mosaic->values[0], 0.5f);           // tile (0, 0)
    EXPECT_TRUE(std::isnan(mosaic->values[size_t(7 * 12 + 11)])); // tile (2, 1): skipped
    test::TempDir dir;
    writeRasterTiff(*mosaic, e.description, slide->micronsPerPixel(), dir / "r.tif");
    const PluginRaster back = readRasterTiff(dir / "r.tif");
    EXPECT_EQ(back.width, 12);
    EXPECT_EQ(back.height, 8);
    EXPECT_EQ(back.level0PixelsPerPixel, 250);
    for (size_t i = 0; i < back.values.size(); ++i)
        EXPECT_TRUE(back.values[i] == mosaic->values[i] ||
                    (std::isnan(back.values[i]) && std::isnan(mosaic->values[i])))
            << i;
    // Files that are not overlay rasters are refused, naming the file.
    std::string what;
    EXPECT_EQ(kindOf([&] { readRasterTiff(test::synthesizedSlide(4000, 3000, 2)); }, &what),
              ErrorKind::Corrupt);
    EXPECT_NE(what.find("not a Lamina overlay raster"), std::string::npos) << what;
    { std::ofstream(dir / "cut.tif") << "II*\0garbage"; }
    EXPECT_EQ(kindOf([&] { readRasterTiff(dir / "cut.tif"); }, &what), ErrorKind::Corrupt);
    EXPECT_NE(what.find("cut.tif"), std::string::npos);
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
            if (insideOutline(ring, x, y))
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

TEST(ShippedPlugins, OnARealSlideFindTissueStainAndAPlausibleNucleusDensity) {
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
    // Stain separation on the same crop: stained about where the tissue is, haematoxylin
    // present (a real H&E section).
    const PluginEntry& stains = registry().find(QStringLiteral("stain-separation"));
    r.parameters = stains.description.resolveParameters({{"resolution", "4"}});
    PluginRun separation(stains, slide, r);
    ASSERT_EQ(separation.wait(), PluginRun::State::Finished) << separation.error();
    const double stained =
        runMeasurements(stains.description, separation.outcomes()).at("stained_area_mm2");
    EXPECT_NEAR(stained, area, 0.35 * area);
    const auto heatmap = mosaicRasters(separation.outcomes());
    ASSERT_TRUE(heatmap);
    double sum = 0;
    for (const float v : heatmap->values)
        sum += std::isnan(v) ? 0 : v;
    EXPECT_GT(sum / double(heatmap->values.size()), 0.05);
    // Nuclei on a 250 x 250 µm window of the section: a plausible density for skin (a few
    // thousand per mm²), not zero, not noise.
    const PluginEntry& nuclei = registry().find(QStringLiteral("nuclei-detection"));
    PluginRunRequest window;
    window.x = 800, window.y = 1200, window.width = 500, window.height = 500;
    window.parameters = nuclei.description.resolveParameters({});
    PluginRun counting(nuclei, slide, window);
    ASSERT_EQ(counting.wait(), PluginRun::State::Finished) << counting.error();
    const double perMm2 =
        runMeasurements(nuclei.description, counting.outcomes()).at("nuclei_per_mm2");
    EXPECT_GT(perMm2, 500);
    EXPECT_LT(perMm2, 10000);
}

// --- the result cache -------------------------------------------------------------------

TEST(PluginResultCache, AnIdenticalRunTakesEveryTileFromTheCacheAndADifferentOneNone) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    const auto cache = std::make_shared<PluginResultCache>();
    const auto runWith = [&](PluginRunRequest r, const std::shared_ptr<const PluginSlide>& on) {
        r.cache = cache;
        PluginRun run(e, on, r);
        EXPECT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
        return run.outcomes();
    };
    const auto fromCache = [](const std::vector<PluginTileOutcome>& outcomes) {
        return std::count_if(outcomes.begin(), outcomes.end(),
                             [](const PluginTileOutcome& o) { return o.fromCache; });
    };
    const auto first = runWith(request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000), slide);
    EXPECT_EQ(first.size(), 12u);
    EXPECT_EQ(fromCache(first), 0);
    EXPECT_EQ(cache->size(), 12u);
    const auto again = runWith(request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000), slide);
    EXPECT_EQ(fromCache(again), 12);
    EXPECT_EQ(cache->hits(), 12u);
    EXPECT_EQ(summedMeasurements(again), summedMeasurements(first));
    EXPECT_EQ(mosaicRasters(again)->values, mosaicRasters(first)->values);
    // Another parameter, another slide or another outline: computed afresh.
    EXPECT_EQ(fromCache(runWith(request(0, 0, 4000, 3000, QStringLiteral("ok"), 999), slide)), 0);
    const auto other = slideOf(test::synthesizedSlide(4000, 3000, 3));
    EXPECT_EQ(fromCache(runWith(request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000), other)), 0);
    PluginRunRequest outlined = request(0, 0, 4000, 3000, QStringLiteral("ok"), 1000);
    outlined.outline = {{0, 0}, {4000, 0}, {0, 3000}};
    EXPECT_EQ(fromCache(runWith(outlined, slide)), 0);
}

TEST(PluginResultCache, StaysWithinItsByteBudgetDroppingTheLeastRecentlyUsed) {
    PluginResult result;
    PluginRaster& raster = result.raster.emplace();
    raster.width = raster.height = 64;
    raster.values.assign(64 * 64, 1.0f); // 16 KiB
    PluginResultCache cache(40 << 10);   // room for two such tiles
    const auto shared = std::make_shared<const PluginResult>(result);
    PluginTile tile;
    tile.width = tile.height = 100;
    for (int i = 0; i < 5; ++i) {
        tile.x = 100.0 * i;
        cache.insert("run", tile, shared);
    }
    EXPECT_LE(cache.bytes(), uint64_t(40 << 10));
    EXPECT_EQ(cache.size(), 2u);
    tile.x = 400;
    EXPECT_NE(cache.find("run", tile), nullptr); // the newest stays
    tile.x = 0;
    EXPECT_EQ(cache.find("run", tile), nullptr); // the oldest went
    EXPECT_EQ(cache.find("another run", tile), nullptr);
}

// --- jobs: several regions, whole tissue, cancel ------------------------------------------

namespace {

struct JobWatch {
    std::atomic<int> tiles{0};
    std::atomic<int> ends{0};
    std::promise<std::pair<PluginRun::State, std::string>> end;
    PluginJob::OnTile onTile() {
        return [this](const PluginTileOutcome&) { ++tiles; };
    }
    PluginJob::OnFinished onFinished() {
        return [this](PluginRun::State state, const std::string& error) {
            if (ends++ == 0)
                end.set_value({state, error});
        };
    }
};

} // namespace

TEST(PluginJob, RunsItsRegionsInTurnAndReportsTheEndOnce) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    JobWatch watch;
    auto result = watch.end.get_future();
    PluginJob job(e, slide,
                  {request(0, 0, 2000, 1000, QStringLiteral("ok"), 1000),
                   request(2000, 1000, 2000, 2000, QStringLiteral("ok"), 1000)},
                  watch.onTile(), watch.onFinished());
    ASSERT_EQ(result.wait_for(seconds(30)), std::future_status::ready);
    EXPECT_EQ(result.get().first, PluginRun::State::Finished);
    EXPECT_EQ(watch.tiles, 2 + 4);
    EXPECT_EQ(job.tilesDone(), 6u);
    EXPECT_EQ(job.regionsDone(), 2u);
    EXPECT_EQ(job.regionCount(), 2u);
    EXPECT_EQ(watch.ends, 1);
}

TEST(PluginJob, WholeTissueRunsThePluginInsideEachPieceAndNoTissueFailsClearly) {
    const auto path = test::synthesizedSlide(8000, 6000, 4);
    const auto slide = slideOf(path);
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    const PluginEntry& tissue = registry().find(QStringLiteral("tissue-detection"));
    JobWatch watch;
    auto result = watch.end.get_future();
    PluginJob job(e, slide, {request(0, 0, 8000, 6000, QStringLiteral("ok"), 500)}, watch.onTile(),
                  watch.onFinished(), &tissue);
    ASSERT_EQ(result.wait_for(seconds(60)), std::future_status::ready);
    EXPECT_EQ(result.get().first, PluginRun::State::Finished);
    EXPECT_GE(job.regionCount(), 1u);
    // Only tiles touching tissue ran: fewer than the whole slide's 16 x 12, but some.
    EXPECT_GT(watch.tiles, 0);
    EXPECT_LT(watch.tiles, 16 * 12);

    // A blank slide: no tissue, and the job says so.
    class Blank : public DrawnSlide {
    public:
        Blank() : DrawnSlide(3000) {}

    private:
        PluginImage region(double x, double y, int w, int h, double scale) const override {
            return sampled(x, y, w, h, scale, [](double, double) { return 0xfff8f8f8u; });
        }
    };
    JobWatch none;
    auto noneResult = none.end.get_future();
    PluginJob blank(e, std::make_shared<const Blank>(),
                    {request(0, 0, 3000, 3000, QStringLiteral("ok"), 500)}, none.onTile(),
                    none.onFinished(), &tissue);
    ASSERT_EQ(noneResult.wait_for(seconds(30)), std::future_status::ready);
    const auto [state, error] = noneResult.get();
    EXPECT_EQ(state, PluginRun::State::Failed);
    EXPECT_NE(error.find("no tissue found"), std::string::npos) << error;
    EXPECT_EQ(none.tiles, 0);
}

TEST(PluginJob, CancelEndsAJobWithAHungPluginWithinTheGracePeriod) {
    const auto slide = slideOf(test::synthesizedSlide(4000, 3000, 2));
    const PluginEntry& e = registry().find(QStringLiteral("test-behaviour"));
    PluginRunRequest r = request(0, 0, 4000, 3000, QStringLiteral("hang"));
    r.cancelGrace = milliseconds(300);
    JobWatch watch;
    auto result = watch.end.get_future();
    const auto start = steady_clock::now();
    {
        PluginJob job(e, slide, {r, r}, watch.onTile(), watch.onFinished());
        std::this_thread::sleep_for(milliseconds(50));
        job.cancel();
        ASSERT_EQ(result.wait_for(seconds(2)), std::future_status::ready);
        const auto [state, error] = result.get();
        EXPECT_EQ(state, PluginRun::State::Failed);
        EXPECT_NE(error.find("did not stop"), std::string::npos) << error;
    } // the destructor returns: the job's thread has ended
    EXPECT_LT(steady_clock::now() - start, seconds(2));
    EXPECT_EQ(watch.ends, 1);
    EXPECT_EQ(watch.tiles, 0);
}

TEST(PluginJob, AnAreaAnnotationBoundsTheRunAndAPointOrLineIsRefused) {
    PluginRunRequest base;
    AnnotationGeometry box;
    box.kind = ShapeKind::Rectangle;
    box.points = {{100, 200}, {400, 300}};
    const PluginRunRequest inside = requestInside(base, box, "Tumour");
    EXPECT_EQ(inside.x, 100);
    EXPECT_EQ(inside.y, 200);
    EXPECT_EQ(inside.width, 300);
    EXPECT_EQ(inside.height, 100);
    EXPECT_EQ(inside.outline.size(), 4u);
    for (ShapeKind kind : {ShapeKind::Point, ShapeKind::Line}) {
        AnnotationGeometry g;
        g.kind = kind;
        g.points = {{1, 1}, {5, 5}};
        if (kind == ShapeKind::Point)
            g.points.resize(1);
        std::string what;
        EXPECT_EQ(kindOf([&] { requestInside(base, g, "Mitosis 4"); }, &what),
                  ErrorKind::InvalidArgument);
        EXPECT_NE(what.find("Mitosis 4"), std::string::npos) << what;
        EXPECT_NE(what.find("not an area"), std::string::npos) << what;
    }
}

// --- the overlay on screen lines up with the slide ----------------------------------------

// A 0.25 µm/px ("40x") slide: white glass with a haematoxylin-stained rectangle whose edges
// fall inside raster cells at 4 µm/px (16 level-0 pixels per cell).
class StainedRectangleSlide : public DrawnSlide {
public:
    static constexpr double kLeft = 1004, kTop = 1510, kRight = 2601, kBottom = 2907;
    StainedRectangleSlide() : DrawnSlide(4000, 0.25) {}

private:
    PluginImage region(double x, double y, int w, int h, double scale) const override {
        const uint32_t stained = stainColour(kHaematoxylin, 0.8);
        return sampled(x, y, w, h, scale, [stained](double sx, double sy) {
            return sx >= kLeft && sx < kRight && sy >= kTop && sy < kBottom ? stained : 0xfffafafau;
        });
    }
};

TEST(OverlayAlignment, AStainRasterAt4MicronsLinesUpWithTheSlideAt40xWithinOneOverlayPixel) {
    const auto slide = std::make_shared<const StainedRectangleSlide>();
    const PluginEntry& e = registry().find(QStringLiteral("stain-separation"));
    PluginRunRequest r;
    r.width = r.height = 4000;
    r.parameters = e.description.resolveParameters({{"resolution", "4"}});
    PluginRun run(e, slide, r);
    ASSERT_EQ(run.wait(), PluginRun::State::Finished) << run.error();
    RasterOverlay overlay;
    for (const PluginTileOutcome& o : run.outcomes())
        overlay.addTile(*o.result->raster);
    ASSERT_FALSE(overlay.empty());
    EXPECT_DOUBLE_EQ(overlay.tiles().front().level0PixelsPerPixel, 16); // 4 µm/px
    overlay.setOpacity(1);
    overlay.setFadeLowValues(false);
    overlay.setColourMap(ColourMap::Greys);
    overlay.setValueRange(std::pair(0.0, 0.4)); // stained: white; glass: black

    // At 40x (one level-0 pixel per screen pixel), centred on each corner of the rectangle in
    // turn: the overlay's edge on screen is within one overlay pixel (16 screen pixels) of
    // where the slide's edge is drawn.
    using S = StainedRectangleSlide;
    for (const auto& [cx, cy] : {std::pair{S::kLeft, S::kTop}, std::pair{S::kRight, S::kBottom}}) {
        Camera camera;
        camera.center = {cx + 0.37, cy - 0.61};
        camera.downsample = 1;
        const QSize viewport(160, 160);
        QImage image(viewport, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::black);
        {
            QPainter painter(&image);
            overlay.paint(painter, camera, QSizeF(viewport));
        }
        const QPointF edge = camera.toScreen(QPointF(cx, cy), QSizeF(viewport));
        const auto stained = [&](int x, int y) { return qGray(image.pixel(x, y)) > 128; };
        // Across the middle row and column: where stained turns to unstained or back.
        int edgeX = -1, edgeY = -1;
        for (int x = 1; x < viewport.width() && edgeX < 0; ++x)
            if (stained(x, viewport.height() / 2 + 40 * (cx == S::kLeft ? 1 : -1)) !=
                stained(x - 1, viewport.height() / 2 + 40 * (cx == S::kLeft ? 1 : -1)))
                edgeX = x;
        for (int y = 1; y < viewport.height() && edgeY < 0; ++y)
            if (stained(viewport.width() / 2 + 40 * (cx == S::kLeft ? 1 : -1), y) !=
                stained(viewport.width() / 2 + 40 * (cx == S::kLeft ? 1 : -1), y - 1))
                edgeY = y;
        ASSERT_GE(edgeX, 0) << "no vertical edge near " << cx;
        ASSERT_GE(edgeY, 0) << "no horizontal edge near " << cy;
        EXPECT_LE(std::abs(edgeX - edge.x()), 16.0) << "corner " << cx << "," << cy;
        EXPECT_LE(std::abs(edgeY - edge.y()), 16.0) << "corner " << cx << "," << cy;
    }
}
