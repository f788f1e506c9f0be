#include "BackgroundWork.h"

#include <lamina/core/Log.h>
#include <lamina/core/ThreadPool.h>

#include <mutex>

namespace lamina::detail {
namespace {

std::mutex poolMutex;
std::unique_ptr<ThreadPool> pool; // guarded by poolMutex

// Runs while the QCoreApplication is destroyed: queued work finishes, then the threads join.
void joinPool() {
    std::unique_ptr<ThreadPool> finishing;
    {
        std::lock_guard lock(poolMutex);
        finishing = std::move(pool);
    }
    finishing.reset();
}

} // namespace

std::future<void> submitBackgroundTask(std::function<void()> task) {
    auto packaged = std::make_shared<std::packaged_task<void()>>(std::move(task));
    std::future<void> finished = packaged->get_future();
    std::lock_guard lock(poolMutex);
    if (!pool) {
        // Long tasks (a large export runs for minutes) must not hold up short ones (an
        // autosave): more threads than cores, idle ones cost nothing.
        pool = std::make_unique<ThreadPool>(std::max<size_t>(8, defaultThreadCount()));
        qAddPostRoutine(joinPool);
    }
    pool->submit([packaged] { (*packaged)(); });
    return finished;
}

void logBackgroundFailure(const char* what) {
    logger().error("background work failed: {}", what);
}

} // namespace lamina::detail
