#pragma once
// One overlay plugin loaded in a worker process of its own (lamina-plugin-worker), seen by the
// host as an OverlayPlugin: tileSizeLevel0() and process() are sent to the worker over a
// socket (PluginWorkerProtocol.h), and the pixels the plugin reads are served by the calling
// thread from the host's PluginSlide, so slides, caches and archive sign-ins stay in the host.
// A plugin that segfaults, aborts, calls exit(), runs out of its memory limit or overruns the
// time limit of a call ends that call (and every other call in flight) with
// PluginWorkerDied, whose text says what happened ("the plugin crashed (signal 11,
// Segmentation fault) during tile 12 of 40"); the host process is untouched. A dead worker is
// not restarted: the next run starts a new one (PluginWorkerPool keeps live idle ones).
// Limits: the memory limit is an address-space rlimit set by the worker on itself (not under
// AddressSanitizer or ThreadSanitizer, whose shadow memory needs terabytes of address space)
// and, always, the host's check of the worker's resident memory while calls are in flight.
// Thread-safety: tileSizeLevel0(), process(), stop() and the getters from any thread; calls run
// concurrently in the worker, as they would in process.

#include <lamina/plugin/OverlayPlugin.h>

#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

namespace lamina {

struct WorkerRead;

// The worker process died or was stopped during a call; what() says how.
class PluginWorkerDied : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct PluginWorkerLimits {
    uint64_t memoryBytes = 0; // 0 = defaultMemoryLimit()
    // One call (a tile, or sizing the tiles) taking longer ends with the worker stopped.
    std::chrono::milliseconds callTimeLimit = std::chrono::minutes(10);
    bool operator==(const PluginWorkerLimits&) const = default;
};

class PluginWorker : public OverlayPlugin {
public:
    // Starts a worker for the plugin library `pluginFile` and waits until it has loaded the
    // plugin. Throws lamina::Error naming the file: Io when the worker cannot start,
    // InvalidArgument when the plugin does not load (with the loader's reason) or the worker
    // died while loading it.
    PluginWorker(const QString& pluginFile, PluginWorkerLimits limits = {});
    // Closes the connection; the worker exits (SIGKILL after a second if it does not).
    ~PluginWorker() override;
    PluginWorker(const PluginWorker&) = delete;
    PluginWorker& operator=(const PluginWorker&) = delete;

    double tileSizeLevel0(const PluginSlide& slide, const QVariantMap& parameters) const override;
    PluginResult process(const PluginSlide& slide, const PluginTile& tile,
                         const QVariantMap& parameters,
                         const PluginContext& context) const override;

    // Kills the worker: calls in flight end with PluginWorkerDied(`why`).
    void stop(const std::string& why) const;
    // Running and not being stopped.
    bool alive() const;
    const QString& pluginFile() const { return pluginFile_; }
    const PluginWorkerLimits& limits() const { return requestedLimits_; } // as given
    int processId() const { return pid_; }

    // Where lamina-plugin-worker is: $LAMINA_PLUGIN_WORKER, else <exe>/../lib/lamina/ (an
    // installation), else the build tree's.
    static QString executable();
    // Half the machine's memory, at least 2 GiB and at most 16 GiB.
    static uint64_t defaultMemoryLimit();

private:
    struct Call;
    std::shared_ptr<Call> startCall(const PluginSlide& slide, const PluginTile* tile,
                                    const QVariantMap& parameters, bool sizing) const;
    // Serves the call's reads until it is done; throws the plugin's error or PluginWorkerDied.
    void finishCall(Call& call, const PluginSlide& slide, const PluginContext* context) const;
    void serveRead(const WorkerRead& read, const PluginSlide& slide) const;
    void readMessages();
    void checkMemory() const;
    std::string deathOf(int status) const;
    std::string inFlightTiles() const; // for messages; mutex_ held

    QString pluginFile_;
    PluginWorkerLimits requestedLimits_; // as given (0 = default memory)
    PluginWorkerLimits limits_;          // in force
    int fd_ = -1;
    int pid_ = -1;
    mutable std::mutex writeMutex_; // one frame at a time on fd_
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    mutable std::map<uint64_t, std::shared_ptr<Call>> calls_;
    mutable uint64_t nextCallId_ = 1;
    bool helloSeen_ = false;
    std::string helloError_;
    mutable bool dead_ = false;
    bool exiting_ = false;           // the connection ended: the reader is reaping the process
    mutable std::string stopReason_; // set by stop(): the death's explanation
    std::string death_;              // why the worker is gone
    mutable std::chrono::steady_clock::time_point lastMemoryCheck_{};
    std::thread reader_;
};

} // namespace lamina
