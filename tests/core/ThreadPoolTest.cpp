#include <lamina/core/ThreadPool.h>

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <mutex>
#include <set>
#include <stdexcept>

using namespace lamina;

TEST(ThreadPool, ParallelForRunsEveryIndexExactlyOnce) {
    ThreadPool pool(4);
    std::vector<std::atomic<int>> hits(1000);
    pool.parallelFor(hits.size(), [&](size_t i) { hits[i]++; });
    for (const auto& h : hits)
        EXPECT_EQ(h.load(), 1);
}

TEST(ThreadPool, ParallelForRethrowsTheFirstError) {
    ThreadPool pool(2);
    std::atomic<int> ran{0};
    EXPECT_THROW(pool.parallelFor(50,
                                  [&](size_t i) {
                                      ran++;
                                      if (i == 7)
                                          throw std::runtime_error("boom");
                                  }),
                 std::runtime_error);
    EXPECT_EQ(ran.load(), 50); // the others still ran: no half-finished state behind
}

TEST(ThreadPool, WaitIdleWaitsForSubmittedTasks) {
    ThreadPool pool(3);
    std::atomic<int> done{0};
    for (int i = 0; i < 100; ++i)
        pool.submit([&] { done++; });
    pool.waitIdle();
    EXPECT_EQ(done.load(), 100);
}

TEST(ThreadPool, UsesSeveralThreads) {
    ThreadPool pool(2);
    EXPECT_EQ(pool.threadCount(), 2u);
    std::mutex m;
    std::set<std::thread::id> ids;
    std::barrier bothStarted(2);
    // Each task waits until both have started, which needs two distinct workers.
    pool.parallelFor(2, [&](size_t) {
        bothStarted.arrive_and_wait();
        std::lock_guard lock(m);
        ids.insert(std::this_thread::get_id());
    });
    EXPECT_EQ(ids.size(), 2u);
}

TEST(ThreadPool, DestructorFinishesQueuedWork) {
    std::atomic<int> done{0};
    {
        ThreadPool pool(1);
        for (int i = 0; i < 20; ++i)
            pool.submit([&] { done++; });
    }
    EXPECT_EQ(done.load(), 20);
}
