#pragma once
// Idle plugin workers kept for the next run of the same plugin. Starting a worker (a process,
// the plugin's libraries loaded, its own start-up) costs tens of milliseconds, a large part of
// a short run; a run therefore takes an idle worker of its plugin when there is one, and gives
// it back at its end. A worker that died, was stopped (crash, limit, cancel overrun) or has
// other limits is never handed out: the next run starts a fresh one. At most kMaxIdle workers
// wait (the most recently used); they end with the host process.
// Thread-safety: every method from any thread.

#include <lamina/pluginhost/PluginWorker.h>

#include <deque>
#include <memory>
#include <mutex>

namespace lamina {

class PluginWorkerPool {
public:
    static constexpr size_t kMaxIdle = 2;

    // The process-wide pool (never destroyed: workers in use may come back during exit).
    static PluginWorkerPool& shared();

    // An idle live worker of `pluginFile` with these limits, or a new one (which may throw as
    // PluginWorker's constructor does). It comes back to the pool when the last reference
    // goes.
    std::shared_ptr<PluginWorker> take(const QString& pluginFile, const PluginWorkerLimits& limits);
    // Keeps `worker` for a later take() if it is alive (discovery's load checks end here).
    void giveBack(std::unique_ptr<PluginWorker> worker);
    size_t idleCount() const;

private:
    mutable std::mutex mutex_;
    std::deque<std::unique_ptr<PluginWorker>> idle_; // oldest first
};

} // namespace lamina
