// The tissue-detection plugin finds the synthetic tissue where the pattern put it; the shipped
// plugins give plausible results on a real slide.

#include "PluginHostTestSupport.h"

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

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
