#include <lamina/pluginhost/PluginWorkerPool.h>

namespace lamina {

PluginWorkerPool& PluginWorkerPool::shared() {
    static auto* pool = new PluginWorkerPool; // see the header: deliberately never destroyed
    return *pool;
}

std::shared_ptr<PluginWorker> PluginWorkerPool::take(const QString& pluginFile,
                                                     const PluginWorkerLimits& limits) {
    std::unique_ptr<PluginWorker> worker;
    {
        std::lock_guard lock(mutex_);
        for (auto it = idle_.rbegin(); it != idle_.rend(); ++it)
            if ((*it)->pluginFile() == pluginFile && (*it)->limits() == limits && (*it)->alive()) {
                worker = std::move(*it);
                idle_.erase(std::next(it).base());
                break;
            }
    }
    if (!worker)
        worker = std::make_unique<PluginWorker>(pluginFile, limits);
    return {worker.release(),
            [this](PluginWorker* w) { giveBack(std::unique_ptr<PluginWorker>(w)); }};
}

void PluginWorkerPool::giveBack(std::unique_ptr<PluginWorker> worker) {
    if (!worker || !worker->alive())
        return; // destroyed here, outside the lock
    std::unique_ptr<PluginWorker> oldest;
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(worker));
    if (idle_.size() > kMaxIdle) {
        oldest = std::move(idle_.front());
        idle_.pop_front();
    }
}

size_t PluginWorkerPool::idleCount() const {
    std::lock_guard lock(mutex_);
    return idle_.size();
}

} // namespace lamina
