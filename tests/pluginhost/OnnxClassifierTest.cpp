// The onnx-classifier plugin: a model of known weights gives its probabilities tile by tile, its
// metadata sets its input, and damaged model files fail the run naming the file.

#include "PluginHostTestSupport.h"

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

namespace {

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

} // namespace

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
