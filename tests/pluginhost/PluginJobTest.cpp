// Jobs run their regions in turn (or inside each tissue piece), report their end once and cancel
// within the grace period.

#include "PluginHostTestSupport.h"

using namespace lamina;
using namespace lamina::pluginhost_test;
using namespace std::chrono;

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
