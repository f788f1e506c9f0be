#pragma once
// A fixed pool of worker threads fed by a FIFO queue. Workers sleep on a condition variable
// (never busy-wait). Used for I/O (tile reads) and compute (encode, decode, resample) work;
// the viewer's prioritised TileLoader builds on its own queue.
// Thread-safety: submit(), parallelFor() and waitIdle() may be called from any thread.
// Do not call parallelFor() or waitIdle() from inside a task of the same pool (it would wait
// for itself).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lamina {

// The default number of worker threads everywhere Lamina sizes a pool (tile loading, plugin
// runs, exports, benchmarks): the machine's hardware threads, at least 1.
size_t defaultThreadCount();

class ThreadPool {
public:
    // threadCount 0 means defaultThreadCount().
    explicit ThreadPool(size_t threadCount = 0);
    ~ThreadPool(); // finishes queued tasks, then joins
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    size_t threadCount() const { return workers_.size(); }

    // Queues a task. A task must not throw; exceptions escaping it terminate the program,
    // so wrap fallible work (parallelFor does this for you).
    void submit(std::function<void()> task);

    // Runs body(i) for i in [0, count) on the pool and waits. The first exception thrown by
    // any body is rethrown here after all bodies have finished.
    void parallelFor(size_t count, const std::function<void(size_t)>& body);

    // Blocks until the queue is empty and no task is running.
    void waitIdle();

private:
    void workerLoop();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable idle_;
    std::deque<std::function<void()>> queue_;
    size_t running_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> workers_;
};

} // namespace lamina
