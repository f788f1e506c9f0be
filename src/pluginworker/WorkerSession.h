#pragma once
// The worker's side of one plugin worker connection (see PluginWorkerProtocol.h): reads the
// host's messages on the main thread, runs the plugin's calls on call threads (kept and reused;
// as many as calls in flight, which the host bounds), and carries the plugin's pixel reads to
// the host and back. Ends when the host closes the connection.
// Thread-safety: run() on the main thread; readPixels() from the call threads.

#include <lamina/plugin/OverlayPlugin.h>
#include <lamina/pluginhost/PluginWorkerProtocol.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace lamina {

class WorkerSession {
public:
    WorkerSession(int fd, const OverlayPlugin& plugin, uint64_t memoryLimitBytes);

    // Serves calls until the host closes the connection (0) or breaks the protocol (1).
    int run();
    // Asks the host for pixels on behalf of call `read.callId` and waits for them. Throws
    // std::runtime_error with the host's reason when the read fails or the host has gone.
    PluginImage readPixels(WorkerRead read);
    bool send(WorkerMessageType type, const QByteArray& body,
              std::span<const std::byte> payload = {});

private:
    void startCall(WorkerCall call);
    void serveCalls(); // a call thread: runs pending calls until the connection closes

    int fd_;
    const OverlayPlugin& plugin_;
    uint64_t memoryLimitBytes_;
    std::mutex writeMutex_;
    std::mutex mutex_;
    std::condition_variable changed_;
    uint64_t nextReadId_ = 1;
    std::map<uint64_t, std::optional<WorkerPixels>> reads_;            // waiting and answered
    std::map<uint64_t, std::shared_ptr<std::atomic<bool>>> cancelled_; // of calls in flight
    std::deque<std::pair<WorkerCall, std::shared_ptr<std::atomic<bool>>>> pending_;
    size_t idleThreads_ = 0;
    bool closed_ = false;
};

} // namespace lamina
