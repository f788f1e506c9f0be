#include <lamina/core/Error.h>
#include <lamina/render/TileLoader.h>

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

using namespace lamina;

namespace {

// A slide whose reads can be held back, counted and made to fail, for loader tests.
class ScriptedSlide : public SlideSource {
public:
    ScriptedSlide()
        : SlideSource([] {
              SlideMetadata m;
              m.location = "scripted.svs";
              m.backend = "test";
              m.levels = {{64 * 100, 64 * 100, 1.0, 64, 64}};
              m.id = SlideId::fromText("scripted");
              return m;
          }()) {}

    void hold() {
        std::lock_guard lock(mutex_);
        held_ = true;
    }
    void release() {
        {
            std::lock_guard lock(mutex_);
            held_ = false;
        }
        changed_.notify_all();
    }
    // Blocks until a read has started (and is being held).
    void waitForReadStarted(int count) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return started_ >= count; });
    }
    std::vector<int64_t> readOrder() const {
        std::lock_guard lock(mutex_);
        return order_;
    }
    std::atomic<int> reads{0};
    int64_t failingColumn = -1;

protected:
    RgbaImage doReadRegion(int, int64_t, int64_t, int32_t w, int32_t h) const override {
        return RgbaImage(w, h, opaqueRgb(1, 1, 1));
    }
    RgbaImage doReadTile(int, int64_t col, int64_t) const override {
        std::unique_lock lock(mutex_);
        ++started_;
        order_.push_back(col);
        changed_.notify_all();
        changed_.wait(lock, [&] { return !held_; });
        lock.unlock();
        const_cast<ScriptedSlide*>(this)->reads++;
        if (col == failingColumn)
            throw Error(ErrorKind::Corrupt, location(), "tile data is damaged");
        return RgbaImage(64, 64, opaqueRgb(uint8_t(col), 0, 0));
    }
    RgbaImage doReadAssociated(const std::string&) const override { return {}; }

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    mutable bool held_ = false;
    mutable int started_ = 0;
    mutable std::vector<int64_t> order_;
};

std::vector<TileRequest> columns(const std::shared_ptr<ScriptedSlide>& slide,
                                 std::initializer_list<int64_t> cols, double firstPriority = 0) {
    std::vector<TileRequest> requests;
    double priority = firstPriority;
    for (int64_t c : cols)
        requests.push_back({slide, 0, c, 0, priority++, false});
    return requests;
}

} // namespace

TEST(TileLoader, LoadsRequestedTilesIntoTheCacheAndReportsThemOnce) {
    TileCache cache(64ull << 20);
    std::atomic<int> signals{0};
    TileLoader loader(cache, 2, [&] { signals++; });
    auto slide = std::make_shared<ScriptedSlide>();
    loader.setRequests(1, columns(slide, {0, 1, 2, 3}));
    loader.waitIdle();
    for (int64_t c = 0; c < 4; ++c)
        ASSERT_TRUE(cache.contains({slide->id().hash(), 0, c, 0}));
    auto finished = loader.drainFinished();
    EXPECT_EQ(finished.size(), 4u);
    EXPECT_TRUE(loader.drainFinished().empty());
    EXPECT_EQ(signals.load(), 1) << "one wake-up per batch until the GUI drains it";
    // Already cached: asking again reads nothing.
    loader.setRequests(1, columns(slide, {0, 1, 2, 3}));
    loader.waitIdle();
    EXPECT_EQ(slide->reads.load(), 4);
}

TEST(TileLoader, MostUrgentRequestIsReadFirst) {
    TileCache cache(64ull << 20);
    TileLoader loader(cache, 1);
    auto slide = std::make_shared<ScriptedSlide>();
    slide->hold();
    loader.setRequests(1, columns(slide, {99}));
    slide->waitForReadStarted(1); // the only worker is now busy with tile 99
    std::vector<TileRequest> requests;
    for (int64_t c : {5, 3, 8, 1})
        requests.push_back({slide, 0, c, 0, double(c), false});
    requests.push_back({slide, 0, 99, 0, 0, false}); // merged with the running read
    loader.setRequests(1, requests);
    slide->release();
    loader.waitIdle();
    EXPECT_EQ(slide->readOrder(), (std::vector<int64_t>{99, 1, 3, 5, 8}));
    EXPECT_EQ(loader.stats().merged, 1u);
}

TEST(TileLoader, StaleRequestsAreCancelledWhenTheViewMoves) {
    TileCache cache(64ull << 20);
    TileLoader loader(cache, 1);
    auto slide = std::make_shared<ScriptedSlide>();
    slide->hold();
    loader.setRequests(7, columns(slide, {0}));
    slide->waitForReadStarted(1);
    loader.setRequests(7, columns(slide, {10, 11, 12, 13, 14, 15}));
    loader.setRequests(7, columns(slide, {20, 21})); // panned on before any of them started
    slide->release();
    loader.waitIdle();
    EXPECT_EQ(slide->readOrder(), (std::vector<int64_t>{0, 20, 21}));
    EXPECT_EQ(loader.stats().cancelled, 6u);
}

TEST(TileLoader, IdenticalRequestsFromTwoViewsAreReadOnce) {
    TileCache cache(64ull << 20);
    TileLoader loader(cache, 1);
    auto slide = std::make_shared<ScriptedSlide>();
    slide->hold();
    loader.setRequests(1, columns(slide, {0}));
    slide->waitForReadStarted(1);
    loader.setRequests(1, columns(slide, {1, 2, 3}));
    loader.setRequests(2, columns(slide, {2, 3, 4}));
    loader.setRequests(1, {}); // view 1 closes: 2 and 3 are still wanted by view 2
    slide->release();
    loader.waitIdle();
    auto order = slide->readOrder();
    std::sort(order.begin(), order.end());
    EXPECT_EQ(order, (std::vector<int64_t>{0, 2, 3, 4}));
    EXPECT_EQ(loader.stats().merged, 2u);
    EXPECT_EQ(loader.stats().cancelled, 1u);
}

TEST(TileLoader, FailedTileIsRememberedNotRetriedAndDoesNotStopOthers) {
    TileCache cache(64ull << 20);
    TileLoader loader(cache, 2);
    auto slide = std::make_shared<ScriptedSlide>();
    slide->failingColumn = 2;
    loader.setRequests(1, columns(slide, {1, 2, 3}));
    loader.waitIdle();
    const TileKey broken{slide->id().hash(), 0, 2, 0};
    ASSERT_TRUE(loader.failure(broken));
    EXPECT_NE(loader.failure(broken)->find("tile data is damaged"), std::string::npos);
    EXPECT_TRUE(cache.contains({slide->id().hash(), 0, 3, 0}));
    loader.setRequests(1, columns(slide, {1, 2, 3}));
    loader.waitIdle();
    EXPECT_EQ(slide->reads.load(), 3);
    EXPECT_EQ(loader.stats().failed, 1u);
    loader.clearFailures(slide->id().hash());
    EXPECT_FALSE(loader.failure(broken));
}

TEST(TileLoader, DestructionWithQueuedWorkDoesNotHang) {
    TileCache cache(64ull << 20);
    auto slide = std::make_shared<ScriptedSlide>();
    {
        TileLoader loader(cache, 2);
        std::vector<TileRequest> many;
        for (int64_t c = 0; c < 100; ++c)
            many.push_back({slide, 0, c, 0, double(c), false});
        loader.setRequests(1, many);
    }
    EXPECT_LE(slide->reads.load(), 100);
}

TEST(TileLoader, ReadsOfADroppedSlideDoNotReachTheCache) {
    TileCache cache(64ull << 20);
    TileLoader loader(cache, 1);
    auto slide = std::make_shared<ScriptedSlide>();
    slide->hold();
    loader.setRequests(1, columns(slide, {0, 1, 2}));
    slide->waitForReadStarted(1); // tile 0 is being read
    loader.dropSlide(slide->id().hash());
    slide->release();
    loader.waitIdle();
    EXPECT_EQ(cache.stats().entries, 0u);
    EXPECT_EQ(slide->readOrder(), (std::vector<int64_t>{0})); // 1 and 2 were dropped
    loader.setRequests(1, columns(slide, {5}));               // asking again revives the slide
    loader.waitIdle();
    EXPECT_TRUE(cache.contains({slide->id().hash(), 0, 5, 0}));
}

namespace {

// A remote-like slide: prefers batches of 4 and records the size and content of each batch.
class BatchingSlide : public SlideSource {
public:
    BatchingSlide()
        : SlideSource([] {
              SlideMetadata m;
              m.location = "https://archive/studies/1/series/2";
              m.backend = "test";
              m.levels = {{64 * 10, 64 * 10, 1.0, 64, 64}, {64 * 5, 64 * 5, 2.0, 64, 64}};
              m.id = SlideId::fromText("batching");
              return m;
          }()) {}
    int preferredTileBatch() const override { return 4; }
    std::vector<std::vector<TileIndex>> batches() const {
        std::lock_guard lock(mutex_);
        return batches_;
    }

protected:
    RgbaImage doReadRegion(int, int64_t, int64_t, int32_t w, int32_t h) const override {
        return RgbaImage(w, h, opaqueRgb(2, 2, 2));
    }
    RgbaImage doReadAssociated(const std::string&) const override { return {}; }
    std::vector<TileReadResult> doReadTiles(int level,
                                            const std::vector<TileIndex>& tiles) const override {
        {
            std::lock_guard lock(mutex_);
            batches_.push_back(tiles);
        }
        std::vector<TileReadResult> out(tiles.size());
        for (size_t i = 0; i < tiles.size(); ++i) {
            if (tiles[i].col == 9) // one bad tile fails alone, not its batch
                out[i] = {std::nullopt, "archive.dcm: frame damaged", {}, "frame damaged"};
            else
                out[i].tile = RgbaImage(64, 64, opaqueRgb(uint8_t(level), 0, 0));
        }
        return out;
    }

private:
    mutable std::mutex mutex_;
    mutable std::vector<std::vector<TileIndex>> batches_;
};

} // namespace

TEST(TileLoader, SlidesThatPreferBatchesGetSeveralTilesOfOneLevelPerRead) {
    TileCache cache(64 << 20);
    auto slide = std::make_shared<BatchingSlide>();
    TileLoader loader(cache, 1); // one worker: batches are taken in priority order
    std::vector<TileRequest> requests;
    for (int64_t col = 0; col < 10; ++col)
        requests.push_back({slide, 0, col, 0, double(col), false});
    for (int64_t col = 0; col < 3; ++col)
        requests.push_back({slide, 1, col, 0, 100.0 + double(col), false});
    loader.setRequests(1, requests);
    loader.waitIdle();
    const auto batches = slide->batches();
    // 10 tiles of level 0 in batches of at most 4, then the 3 of level 1 together.
    ASSERT_EQ(batches.size(), 4u);
    EXPECT_EQ(batches[0].size(), 4u);
    EXPECT_EQ(batches[0][0].col, 0); // the most urgent first
    EXPECT_EQ(batches[0][3].col, 3);
    EXPECT_EQ(batches[2].size(), 2u);
    EXPECT_EQ(batches[3].size(), 3u); // another level is never mixed in
    EXPECT_EQ(loader.stats().loaded, 12u);
    EXPECT_EQ(loader.stats().failed, 1u);
    EXPECT_EQ(loader.failure({slide->id().hash(), 0, 9, 0}), "frame damaged"); // the cause
    EXPECT_TRUE(cache.contains({slide->id().hash(), 0, 8, 0}));
}
