#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/core/ProcessResources.h>
#include <lamina/pluginhost/PluginWorker.h>
#include <lamina/pluginhost/PluginWorkerProtocol.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace lamina {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kLoadTimeLimit = std::chrono::seconds(30);
constexpr auto kExitGrace = std::chrono::milliseconds(1000);
constexpr auto kWakeEvery = std::chrono::milliseconds(50); // cancel / limits are checked
constexpr auto kMemoryCheckEvery = std::chrono::milliseconds(100);
constexpr int64_t kMaxReadPixels = int64_t(1) << 26; // 256 MB of pixels a read
constexpr int kWorkerConnectionFd = 3;

std::string mib(uint64_t bytes) {
    return std::to_string(bytes >> 20) + " MiB";
}

// Waits up to `grace` for `pid` to end and reaps it; SIGKILLs it if it does not. Its status.
int reap(int pid, std::chrono::milliseconds grace) {
    int status = 0;
    const int pidfd = int(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd >= 0) { // readable when the process ends: no polling
        pollfd p{pidfd, POLLIN, 0};
        while (::poll(&p, 1, int(grace.count())) < 0 && errno == EINTR) {
        }
        ::close(pidfd);
    }
    if (::waitpid(pid, &status, WNOHANG) == pid)
        return status;
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

} // namespace

struct PluginWorker::Call {
    uint64_t id = 0;
    bool sizing = false;
    int tileIndex = 0, tileCount = 0;
    bool done = false;
    WorkerDone result;
    std::deque<WorkerRead> reads;
};

QString PluginWorker::executable() {
    const QString given = qEnvironmentVariable("LAMINA_PLUGIN_WORKER");
    if (!given.isEmpty())
        return given;
    QString exeDir =
        QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    if (exeDir.isEmpty())
        exeDir = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalPath();
    const QString installed =
        QDir(exeDir).filePath(QStringLiteral("../lib/lamina/lamina-plugin-worker"));
    if (QFileInfo(installed).isExecutable())
        return QDir::cleanPath(installed);
#ifdef LAMINA_BUILD_PLUGIN_WORKER
    return QStringLiteral(LAMINA_BUILD_PLUGIN_WORKER);
#else
    return QDir::cleanPath(installed);
#endif
}

uint64_t PluginWorker::defaultMemoryLimit() {
    const uint64_t physical =
        uint64_t(::sysconf(_SC_PHYS_PAGES)) * uint64_t(::sysconf(_SC_PAGESIZE));
    return std::clamp<uint64_t>(physical / 2, uint64_t(2) << 30, uint64_t(16) << 30);
}

PluginWorker::PluginWorker(const QString& pluginFile, PluginWorkerLimits limits)
    : pluginFile_(pluginFile), requestedLimits_(limits), limits_(limits) {
    if (limits_.memoryBytes == 0)
        limits_.memoryBytes = defaultMemoryLimit();
    const std::string file = pluginFile.toStdString();
    const QString exe = executable();
    if (!QFileInfo(exe).isExecutable())
        throw Error(ErrorKind::Io, file,
                    "cannot start the plugin worker: " + exe.toStdString() + " is missing");
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        throw Error(ErrorKind::Io, file,
                    std::string("cannot start the plugin worker: ") + std::strerror(errno));
    fd_ = fds[0];
    // The worker's end becomes its fd 3 (dup2 clears close-on-exec; kept clear of 0..9 so
    // dup2 never maps a descriptor onto itself).
    int childFd = ::fcntl(fds[1], F_DUPFD_CLOEXEC, 10);
    ::close(fds[1]);
    const std::string exePath = exe.toStdString();
    const std::string fdArg = "--connection-fd=" + std::to_string(kWorkerConnectionFd);
    const std::string memoryArg = "--memory-limit=" + std::to_string(limits_.memoryBytes);
    std::vector<char*> argv{const_cast<char*>(exePath.c_str()), const_cast<char*>(fdArg.c_str()),
                            const_cast<char*>(memoryArg.c_str()), const_cast<char*>(file.c_str()),
                            nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, childFd, kWorkerConnectionFd);
    const int spawned =
        ::posix_spawn(&pid_, exePath.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(childFd);
    if (spawned != 0) {
        ::close(fd_);
        throw Error(ErrorKind::Io, file,
                    "cannot start the plugin worker " + exePath + ": " + std::strerror(spawned));
    }
    reader_ = std::thread([this] { readMessages(); });

    std::unique_lock lock(mutex_);
    const bool answered =
        changed_.wait_for(lock, kLoadTimeLimit, [&] { return helloSeen_ || dead_; });
    std::string why;
    if (!answered)
        why = "did not load within " + std::to_string(kLoadTimeLimit.count()) + " s";
    else if (!helloSeen_)
        why = "its worker ended while loading it: " + death_;
    else
        why = helloError_;
    lock.unlock();
    if (!why.empty()) {
        stop(why);
        ::shutdown(fd_, SHUT_RDWR);
        reader_.join();
        ::close(fd_);
        throw Error(ErrorKind::InvalidArgument, file, why);
    }
}

PluginWorker::~PluginWorker() {
    ::shutdown(fd_, SHUT_RDWR); // the worker sees the end of its input and exits
    reader_.join();
    ::close(fd_);
}

bool PluginWorker::alive() const {
    std::lock_guard lock(mutex_);
    return !dead_ && stopReason_.empty();
}

void PluginWorker::stop(const std::string& why) const {
    std::lock_guard lock(mutex_);
    // Gone or going (its socket closed): its end explains itself, and reap() kills one that
    // lingers. Never a kill once the reader may have reaped it: the PID could be another's.
    if (dead_ || exiting_ || !stopReason_.empty())
        return;
    stopReason_ = why;
    ::kill(pid_, SIGKILL); // the reader then sees the end of the stream and reaps it
}

std::string PluginWorker::inFlightTiles() const {
    std::string tiles;
    int count = 0, n = 0;
    bool sizing = false;
    for (const auto& [id, call] : calls_) {
        if (call->sizing) {
            sizing = true;
            continue;
        }
        tiles += (n++ ? ", " : "") + std::to_string(call->tileIndex + 1);
        count = call->tileCount;
    }
    if (n > 0)
        return (n == 1 ? " during tile " : " during tiles ") + tiles + " of " +
               std::to_string(count);
    return sizing ? " while sizing its tiles" : "";
}

std::string PluginWorker::deathOf(int status) const {
    std::lock_guard lock(mutex_);
    if (!stopReason_.empty())
        return stopReason_;
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* name =
            ::sigdescr_np(sig); // English, as every error text (strsignal is localised)
        return std::string(sig == SIGKILL ? "the plugin's process was killed"
                                          : "the plugin crashed") +
               " (signal " + std::to_string(sig) + ", " + (name ? name : "unknown") + ")" +
               inFlightTiles();
    }
    return "the plugin ended its process (exit status " + std::to_string(WEXITSTATUS(status)) +
           ")" + inFlightTiles();
}

void PluginWorker::readMessages() {
    try {
        while (auto m = readWorkerMessage(fd_)) {
            std::lock_guard lock(mutex_);
            switch (m->type) {
            case WorkerMessageType::Hello:
                helloError_ = decodeHello(m->body).error;
                helloSeen_ = true;
                break;
            case WorkerMessageType::Read: {
                WorkerRead read = decodeRead(m->body);
                const auto call = calls_.find(read.callId);
                if (call == calls_.end())
                    throw Error(ErrorKind::Corrupt, "plugin worker connection",
                                "a read for a call that is not in progress");
                call->second->reads.push_back(read);
                break;
            }
            case WorkerMessageType::Done: {
                WorkerDone done = decodeDone(m->body, m->payload);
                const auto call = calls_.find(done.callId);
                if (call == calls_.end())
                    throw Error(ErrorKind::Corrupt, "plugin worker connection",
                                "a result for a call that is not in progress");
                call->second->result = std::move(done);
                call->second->done = true;
                break;
            }
            default:
                throw Error(ErrorKind::Corrupt, "plugin worker connection",
                            "a message only the host sends");
            }
            changed_.notify_all();
        }
    } catch (const Error& e) {
        // A worker that breaks the protocol is not trusted further; a connection cut short
        // is the worker dying, which its exit status explains.
        if (e.kind() != ErrorKind::Io)
            stop("the plugin's process sent a malformed message (" + e.cause() + ")");
    }
    {
        std::lock_guard lock(mutex_);
        exiting_ = true; // from here on stop() sends no signal (see there)
    }
    const int status = reap(pid_, kExitGrace);
    std::string death = deathOf(status);
    std::lock_guard lock(mutex_);
    dead_ = true;
    death_ = std::move(death);
    changed_.notify_all();
}

void PluginWorker::checkMemory() const {
    {
        std::lock_guard lock(mutex_);
        const auto now = Clock::now();
        if (now - lastMemoryCheck_ < kMemoryCheckEvery)
            return;
        lastMemoryCheck_ = now;
    }
    const uint64_t resident = residentBytesOf(pid_);
    if (resident <= limits_.memoryBytes)
        return;
    std::string tiles;
    {
        std::lock_guard lock(mutex_);
        tiles = inFlightTiles();
    }
    stop("the plugin used more than its memory limit of " + mib(limits_.memoryBytes) + " (" +
         mib(resident) + ")" + tiles + "; its process was stopped");
}

std::shared_ptr<PluginWorker::Call> PluginWorker::startCall(const PluginSlide& slide,
                                                            const PluginTile* tile,
                                                            const QVariantMap& parameters,
                                                            bool sizing) const {
    WorkerCall message;
    message.kind = sizing ? WorkerCall::Kind::TileSize : WorkerCall::Kind::Process;
    for (int i = 0; i < slide.levelCount(); ++i)
        message.slide.levels.push_back(
            {slide.levelWidth(i), slide.levelHeight(i), slide.levelDownsample(i)});
    message.slide.micronsPerPixel = slide.micronsPerPixel();
    message.slide.slideId = slide.slideId();
    if (tile)
        message.tile = *tile;
    message.parameters = parameters;
    auto call = std::make_shared<Call>();
    call->sizing = sizing;
    call->tileIndex = message.tile.index;
    call->tileCount = message.tile.count;
    {
        std::lock_guard lock(mutex_);
        if (dead_)
            throw PluginWorkerDied(death_);
        call->id = message.id = nextCallId_++;
        calls_[call->id] = call;
    }
    std::lock_guard write(writeMutex_);
    writeWorkerMessage(fd_, WorkerMessageType::Call, encode(message)); // a failure shows as death
    return call;
}

void PluginWorker::finishCall(Call& call, const PluginSlide& slide,
                              const PluginContext* context) const {
    const auto deadline = Clock::now() + limits_.callTimeLimit;
    bool cancelSent = false;
    std::unique_lock lock(mutex_);
    const auto forget = [&] { calls_.erase(call.id); };
    for (;;) {
        if (call.done)
            break;
        if (dead_) {
            forget();
            throw PluginWorkerDied(death_);
        }
        if (!call.reads.empty()) {
            const WorkerRead read = call.reads.front();
            call.reads.pop_front();
            lock.unlock();
            serveRead(read, slide);
            lock.lock();
            continue;
        }
        if (!cancelSent && context && context->cancelled()) {
            cancelSent = true;
            lock.unlock();
            std::lock_guard write(writeMutex_);
            writeWorkerMessage(fd_, WorkerMessageType::Cancel, encode(WorkerCancel{call.id}));
            lock.lock();
            continue;
        }
        if (Clock::now() >= deadline) {
            const std::string tiles = inFlightTiles();
            lock.unlock();
            stop("the plugin did not finish within " +
                 std::to_string(
                     std::chrono::duration_cast<std::chrono::seconds>(limits_.callTimeLimit)
                         .count()) +
                 " s" + tiles + "; its process was stopped");
            lock.lock();
            changed_.wait(lock, [&] { return dead_; });
            continue;
        }
        lock.unlock();
        checkMemory();
        lock.lock();
        if (call.done || dead_ || !call.reads.empty())
            continue;
        changed_.wait_for(lock, kWakeEvery);
    }
    forget();
    if (!call.result.error.empty())
        throw std::runtime_error(call.result.error);
}

void PluginWorker::serveRead(const WorkerRead& read, const PluginSlide& slide) const {
    WorkerPixels pixels;
    pixels.readId = read.readId;
    try {
        // The worker is not trusted with the host's memory: no read larger than a plugin's
        // largest raster. A resampled read's output is its level-0 size over the pixel size.
        double perPixel = 1;
        if (read.resampled) {
            if (!(read.micronsPerPixel > 0))
                throw std::runtime_error("a resolution of " + std::to_string(read.micronsPerPixel) +
                                         " µm per pixel");
            perPixel = read.micronsPerPixel / slide.micronsPerPixel().value_or(1.0);
        }
        const double outWidth = read.width / perPixel, outHeight = read.height / perPixel;
        if (!(outWidth >= 0 && outHeight >= 0 && outWidth <= double(kMaxReadPixels) &&
              outHeight <= double(kMaxReadPixels) &&
              outWidth * outHeight <= double(kMaxReadPixels)))
            throw std::runtime_error("a region of " + std::to_string(int64_t(outWidth)) + " x " +
                                     std::to_string(int64_t(outHeight)) +
                                     " pixels is over the limit of a read (64 Mi pixels)");
        pixels.image =
            read.resampled
                ? slide.readRegionAt(read.micronsPerPixel, read.x, read.y, read.width, read.height)
                : slide.readRegion(read.level, int64_t(read.x), int64_t(read.y), int(read.width),
                                   int(read.height));
    } catch (const std::exception& e) {
        pixels.error = *e.what() ? e.what() : "the slide could not be read";
        pixels.image = {};
    }
    std::lock_guard write(writeMutex_);
    writeWorkerMessage(fd_, WorkerMessageType::Pixels, encode(pixels), payloadOf(pixels));
}

double PluginWorker::tileSizeLevel0(const PluginSlide& slide, const QVariantMap& parameters) const {
    const auto call = startCall(slide, nullptr, parameters, true);
    finishCall(*call, slide, nullptr);
    return call->result.tileSize;
}

PluginResult PluginWorker::process(const PluginSlide& slide, const PluginTile& tile,
                                   const QVariantMap& parameters,
                                   const PluginContext& context) const {
    const auto call = startCall(slide, &tile, parameters, false);
    finishCall(*call, slide, &context);
    return std::move(call->result.result);
}

} // namespace lamina
