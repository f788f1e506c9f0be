#include <lamina/core/ThreadPool.h>

#include <exception>
#include <latch>

namespace lamina {

size_t defaultThreadCount() {
    return std::max(1u, std::thread::hardware_concurrency());
}

ThreadPool::ThreadPool(size_t threadCount) {
    if (threadCount == 0)
        threadCount = defaultThreadCount();
    workers_.reserve(threadCount);
    for (size_t i = 0; i < threadCount; ++i)
        workers_.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& worker : workers_)
        worker.join();
}

void ThreadPool::submit(std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(task));
    }
    wake_.notify_one();
}

void ThreadPool::parallelFor(size_t count, const std::function<void(size_t)>& body) {
    if (count == 0)
        return;
    std::latch done(static_cast<std::ptrdiff_t>(count));
    std::mutex errorMutex;
    std::exception_ptr firstError;
    for (size_t i = 0; i < count; ++i) {
        submit([&, i] {
            try {
                body(i);
            } catch (...) {
                std::lock_guard lock(errorMutex);
                if (!firstError)
                    firstError = std::current_exception();
            }
            done.count_down();
        });
    }
    done.wait();
    if (firstError)
        std::rethrow_exception(firstError);
}

void ThreadPool::waitIdle() {
    std::unique_lock lock(mutex_);
    idle_.wait(lock, [this] { return queue_.empty() && running_ == 0; });
}

void ThreadPool::workerLoop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty())
            return; // stopping and nothing left to do
        auto task = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        lock.unlock();
        task();
        lock.lock();
        --running_;
        if (queue_.empty() && running_ == 0)
            idle_.notify_all();
    }
}

} // namespace lamina
