// The nuclei-detection plugin on drawn discs: each nucleus counted once, at its place, touching
// ones split.

#include "PluginHostTestSupport.h"

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

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
