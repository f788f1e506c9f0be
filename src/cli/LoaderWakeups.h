#pragma once
// Lets a bench wait for the TileLoader without polling: the loader's ready callback (on a
// loader thread) bumps a counter, and waitUntil() sleeps until it changes, draining the
// loader each time (which re-arms the loader's single wake-up) and asking `done` again.
// Thread-safety: notify() from any thread; waitUntil() from the one thread that renders.

#include <lamina/render/TileLoader.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>

namespace lamina::cli {

class LoaderWakeups {
public:
    // For the TileLoader's constructor.
    std::function<void()> callback() {
        return [this] { notify(); };
    }

    void notify() {
        {
            std::lock_guard lock(mutex_);
            ++generation_;
        }
        changed_.notify_all();
    }

    // Until done() holds. False when `limit` passed without it (a hang, for the soak bench).
    template <typename Done>
    bool waitUntil(TileLoader& loader, Done done,
                   std::chrono::milliseconds limit = std::chrono::hours(24)) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        for (;;) {
            std::unique_lock lock(mutex_);
            const uint64_t seen = generation_;
            lock.unlock();
            loader.drainFinished();
            if (done())
                return true;
            lock.lock();
            if (!changed_.wait_until(lock, deadline, [&] { return generation_ != seen; }))
                return false;
        }
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    uint64_t generation_ = 0;
};

} // namespace lamina::cli
