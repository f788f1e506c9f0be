// TileRequestQueue: most urgent first, a request as urgent as its most urgent view, batches of
// one slide and level, and the same answers as a plain linear scan under random use.
#include <lamina/render/TileRequestQueue.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

using namespace lamina;

namespace {

// Metadata only: the queue never reads tiles, it asks the slide how many it reads per call.
class QueueSlide : public SlideSource {
public:
    QueueSlide(const std::string& name, int batch)
        : SlideSource([&] {
              SlideMetadata m;
              m.location = name;
              m.backend = "test";
              m.levels = {{64 * 100, 64 * 100, 1.0, 64, 64}, {64 * 50, 64 * 50, 2.0, 64, 64}};
              m.id = SlideId::fromText(name);
              return m;
          }()),
          batch_(batch) {}
    int preferredTileBatch() const override { return batch_; }

protected:
    RgbaImage doReadRegion(int, int64_t, int64_t, int32_t w, int32_t h) const override {
        return RgbaImage(w, h, opaqueRgb(0, 0, 0));
    }
    RgbaImage doReadAssociated(const std::string&) const override { return {}; }

private:
    int batch_;
};

TileRequest at(const std::shared_ptr<const SlideSource>& slide, int level, int64_t col,
               double priority) {
    return {slide, level, col, 0, priority, false};
}

} // namespace

TEST(TileRequestQueue, TakesTheMostUrgentFirstWhateverTheOrderRequestsCameIn) {
    const auto slide = std::make_shared<QueueSlide>("one.svs", 1);
    TileRequestQueue queue;
    std::mt19937 random(7);
    std::vector<double> priorities;
    for (int64_t col = 0; col < 500; ++col) {
        priorities.push_back(std::uniform_real_distribution<double>(0, 1e6)(random));
        queue.want(1, at(slide, 0, col, priorities.back()));
    }
    std::sort(priorities.begin(), priorities.end());
    for (double expected : priorities) {
        const auto batch = queue.takeBatch();
        ASSERT_EQ(batch.size(), 1u);
        EXPECT_EQ(batch.front().priority, expected);
    }
    EXPECT_TRUE(queue.empty());
    EXPECT_TRUE(queue.takeBatch().empty());
}

TEST(TileRequestQueue, ARequestIsAsUrgentAsTheMostUrgentViewThatStillWantsIt) {
    const auto slide = std::make_shared<QueueSlide>("one.svs", 1);
    TileRequestQueue queue;
    const TileKey key = at(slide, 0, 3, 0).key();
    EXPECT_EQ(queue.want(1, at(slide, 0, 3, 10)), TileRequestQueue::Wanted::Queued);
    EXPECT_EQ(queue.want(2, at(slide, 0, 3, 5)), TileRequestQueue::Wanted::Joined);
    EXPECT_EQ(queue.priorityOf(key), 5);
    EXPECT_EQ(queue.want(2, at(slide, 0, 3, 20)), TileRequestQueue::Wanted::Updated);
    EXPECT_EQ(queue.priorityOf(key), 10); // view 1 is now the more urgent
    queue.want(1, at(slide, 0, 4, 1));    // more urgent than the shared one
    EXPECT_EQ(queue.keepOnly(1, {}), 1u); // column 4 had only view 1; column 3 keeps view 2
    EXPECT_TRUE(queue.contains(key));
    EXPECT_EQ(queue.priorityOf(key), 20);
    EXPECT_EQ(queue.keepOnly(2, {key}), 0u); // still wanted
    EXPECT_EQ(queue.keepOnly(2, {}), 1u);
    EXPECT_TRUE(queue.empty());
}

TEST(TileRequestQueue, ABatchHoldsTheNextMostUrgentOfTheSameSlideAndLevelOnly) {
    const auto remote = std::make_shared<QueueSlide>("https://archive/series/1", 3);
    const auto other = std::make_shared<QueueSlide>("https://archive/series/2", 3);
    TileRequestQueue queue;
    queue.want(1, at(remote, 0, 0, 1));
    queue.want(1, at(other, 0, 0, 2));  // more urgent than the rest, but another slide
    queue.want(1, at(remote, 1, 0, 3)); // another level
    queue.want(1, at(remote, 0, 1, 9));
    queue.want(1, at(remote, 0, 2, 4));
    queue.want(1, at(remote, 0, 3, 7));
    const auto batch = queue.takeBatch();
    ASSERT_EQ(batch.size(), 3u);
    EXPECT_EQ(batch[0].col, 0);
    EXPECT_EQ(batch[1].col, 2); // priority 4
    EXPECT_EQ(batch[2].col, 3); // priority 7; column 1 (9) waits for the next batch
    EXPECT_EQ(queue.size(), 3u);
    EXPECT_EQ(queue.takeBatch().front().slide, other);
}

TEST(TileRequestQueue, ErasingASlideLeavesTheOthersQueuedInOrder) {
    const auto closed = std::make_shared<QueueSlide>("closed.svs", 1);
    const auto open = std::make_shared<QueueSlide>("open.svs", 1);
    TileRequestQueue queue;
    for (int64_t col = 0; col < 10; ++col) {
        queue.want(1, at(closed, int(col % 2), col, double(col)));
        queue.want(1, at(open, 0, col, 100.0 - double(col)));
    }
    EXPECT_EQ(queue.eraseSlide(closed->id().hash()), 10u);
    EXPECT_EQ(queue.size(), 10u);
    EXPECT_EQ(queue.takeBatch().front().col, 9); // priority 91: the most urgent left
}

// Random wants, withdrawals, batches and erasures, checked step by step against a plain
// linear scan over a map (what the loader used to do).
TEST(TileRequestQueue, AnswersLikeALinearScanUnderRandomUse) {
    const std::vector<std::shared_ptr<const SlideSource>> slides = {
        std::make_shared<QueueSlide>("a.svs", 1), std::make_shared<QueueSlide>("b", 4)};
    TileRequestQueue queue;
    struct Model {
        std::shared_ptr<const SlideSource> slide;
        int level;
        int64_t col;
        std::map<uint64_t, double> byView;
        double priority() const {
            double best = 1e300;
            for (const auto& [view, p] : byView)
                best = std::min(best, p);
            return best;
        }
    };
    std::map<std::tuple<size_t, int, int64_t>, Model> model;
    std::mt19937 random(11);
    auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(random)); };
    // Priorities are distinct multiples of 1/8 so that ties never decide the order.
    std::vector<double> freePriorities;
    for (int i = 0; i < 20000; ++i)
        freePriorities.push_back(i / 8.0);
    std::shuffle(freePriorities.begin(), freePriorities.end(), random);
    for (int step = 0; step < 4000; ++step) {
        const int action = pick(10);
        if (action < 6) { // a view wants a tile
            const size_t s = size_t(pick(2));
            const int level = pick(2);
            const int64_t col = pick(40);
            const uint64_t view = uint64_t(pick(3));
            const double priority = freePriorities.back();
            freePriorities.pop_back();
            queue.want(view, at(slides[s], level, col, priority));
            model.try_emplace({s, level, col}, Model{slides[s], level, col, {}})
                .first->second.byView[view] = priority;
        } else if (action < 8) { // a view keeps only a random half of what it wanted
            const uint64_t view = uint64_t(pick(3));
            std::unordered_set<TileKey, TileKeyHash> kept;
            size_t left = 0;
            for (auto it = model.begin(); it != model.end();) {
                auto& m = it->second;
                const TileKey key = at(m.slide, m.level, m.col, 0).key();
                if (m.byView.count(view) && pick(2))
                    kept.insert(key);
                else if (m.byView.erase(view) && m.byView.empty()) {
                    it = model.erase(it);
                    ++left;
                    continue;
                }
                ++it;
            }
            ASSERT_EQ(queue.keepOnly(view, kept), left) << "step " << step;
        } else if (action < 9) { // a worker takes a batch
            if (model.empty())
                continue;
            auto best = std::min_element(model.begin(), model.end(), [](auto& a, auto& b) {
                return a.second.priority() < b.second.priority();
            });
            const auto batch = queue.takeBatch();
            ASSERT_FALSE(batch.empty());
            EXPECT_EQ(batch.front().col, best->second.col) << "step " << step;
            EXPECT_EQ(batch.front().priority, best->second.priority()) << "step " << step;
            const size_t s = size_t(std::get<0>(best->first));
            const int level = best->second.level;
            model.erase(best);
            // The rest: the next most urgent of that slide and level, in order.
            std::vector<std::pair<double, int64_t>> sameLevel;
            for (const auto& [place, m] : model)
                if (std::get<0>(place) == s && m.level == level)
                    sameLevel.push_back({m.priority(), m.col});
            std::sort(sameLevel.begin(), sameLevel.end());
            const size_t rest =
                std::min(sameLevel.size(), size_t(slides[s]->preferredTileBatch()) - 1);
            ASSERT_EQ(batch.size(), rest + 1) << "step " << step;
            for (size_t i = 0; i < rest; ++i) {
                EXPECT_EQ(batch[i + 1].col, sameLevel[i].second) << "step " << step;
                EXPECT_EQ(batch[i + 1].level, level);
                model.erase({s, level, sameLevel[i].second});
            }
        } else { // a slide is closed
            const size_t s = size_t(pick(2));
            const size_t before = model.size();
            std::erase_if(model, [s](const auto& e) { return std::get<0>(e.first) == s; });
            ASSERT_EQ(queue.eraseSlide(slides[s]->id().hash()), before - model.size());
        }
        ASSERT_EQ(queue.size(), model.size()) << "step " << step;
    }
}
