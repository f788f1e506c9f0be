#include "WorkerSession.h"

#include "WorkerSlide.h"

#include <new>
#include <stdexcept>
#include <thread>

namespace lamina {
namespace {

// The plugin's view of a cancel sent by the host for its call.
class WorkerContext : public PluginContext {
public:
    explicit WorkerContext(std::shared_ptr<std::atomic<bool>> flag) : flag_(std::move(flag)) {}
    bool cancelled() const override { return flag_->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> flag_;
};

} // namespace

WorkerSession::WorkerSession(int fd, const OverlayPlugin& plugin, uint64_t memoryLimitBytes)
    : fd_(fd), plugin_(plugin), memoryLimitBytes_(memoryLimitBytes) {}

bool WorkerSession::send(WorkerMessageType type, const QByteArray& body,
                         std::span<const std::byte> payload) {
    std::lock_guard lock(writeMutex_);
    return writeWorkerMessage(fd_, type, body, payload);
}

int WorkerSession::run() {
    int code = 0;
    try {
        while (auto m = readWorkerMessage(fd_)) {
            switch (m->type) {
            case WorkerMessageType::Call:
                startCall(decodeCall(m->body));
                break;
            case WorkerMessageType::Pixels: {
                WorkerPixels pixels = decodePixels(m->body, std::move(m->payload));
                std::lock_guard lock(mutex_);
                const auto waiting = reads_.find(pixels.readId);
                if (waiting != reads_.end())
                    waiting->second = std::move(pixels);
                changed_.notify_all();
                break;
            }
            case WorkerMessageType::Cancel: {
                const WorkerCancel cancel = decodeCancel(m->body);
                std::lock_guard lock(mutex_);
                if (const auto call = cancelled_.find(cancel.callId); call != cancelled_.end())
                    *call->second = true;
                break;
            }
            default:
                throw std::runtime_error("a message only a worker sends");
            }
        }
    } catch (const std::exception&) {
        code = 1; // the host stops trusting a broken connection: leave
    }
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
    return code;
}

PluginImage WorkerSession::readPixels(WorkerRead read) {
    std::unique_lock lock(mutex_);
    if (closed_)
        throw std::runtime_error("the host has gone");
    read.readId = nextReadId_++;
    reads_[read.readId];
    lock.unlock();
    send(WorkerMessageType::Read, encode(read));
    lock.lock();
    changed_.wait(lock, [&] { return closed_ || reads_[read.readId].has_value(); });
    std::optional<WorkerPixels> answer = std::move(reads_[read.readId]);
    reads_.erase(read.readId);
    if (!answer)
        throw std::runtime_error("the host has gone");
    if (!answer->error.empty())
        throw std::runtime_error(answer->error);
    return std::move(answer->image);
}

void WorkerSession::startCall(WorkerCall call) {
    auto flag = std::make_shared<std::atomic<bool>>(false);
    std::lock_guard lock(mutex_);
    cancelled_[call.id] = flag;
    pending_.push_back({std::move(call), std::move(flag)});
    // Threads are kept and reused: a plugin's libraries (OpenCV) keep per-thread state and the
    // allocator per-thread arenas, which a new thread per tile would build again each time.
    // One more thread only when every one is busy (the host bounds the calls in flight).
    // Detached: at the end of the connection the process exits without waiting for a plugin
    // that never returns.
    if (idleThreads_ == 0)
        std::thread([this] { serveCalls(); }).detach();
    else
        changed_.notify_all();
}

void WorkerSession::serveCalls() {
    std::unique_lock lock(mutex_);
    for (;;) {
        ++idleThreads_;
        changed_.wait(lock, [&] { return !pending_.empty() || closed_; });
        --idleThreads_;
        if (pending_.empty())
            return; // closed
        auto [call, flag] = std::move(pending_.front());
        pending_.pop_front();
        lock.unlock();
        WorkerDone done;
        done.callId = call.id;
        try {
            const WorkerSlide slide(call.slide, call.id, *this);
            if (call.kind == WorkerCall::Kind::TileSize)
                done.tileSize = plugin_.tileSizeLevel0(slide, call.parameters);
            else
                done.result =
                    plugin_.process(slide, call.tile, call.parameters, WorkerContext(flag));
        } catch (const std::bad_alloc&) {
            done.error = "ran out of memory (its process may use " +
                         std::to_string(memoryLimitBytes_ >> 20) + " MiB)";
        } catch (const std::exception& e) {
            done.error = *e.what() ? e.what() : "an exception without a message";
        } catch (...) {
            done.error = "an unknown exception";
        }
        lock.lock();
        cancelled_.erase(done.callId);
        lock.unlock();
        send(WorkerMessageType::Done, encode(done), payloadOf(done));
        lock.lock();
    }
}

} // namespace lamina
