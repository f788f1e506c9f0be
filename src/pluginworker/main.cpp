// lamina-plugin-worker: runs one overlay plugin in a process of its own, so that a plugin
// that crashes, aborts, exits, leaks or hangs cannot take the viewer down with it. Started by
// the host (PluginWorker) with the plugin library and a connected socket as fd N:
//   lamina-plugin-worker --connection-fd=N --memory-limit=BYTES PLUGIN_FILE
// It is not meant to be run by hand.

#include "WorkerSession.h"

#include <lamina/core/MemoryTuning.h>
#include <lamina/pluginhost/PluginWorkerProtocol.h>

#include <sys/resource.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QPluginLoader>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

// Sanitizers reserve terabytes of address space for their shadow memory: an address-space
// limit would make every later allocation fail. The host's watch of resident memory still
// applies (PluginWorker).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define LAMINA_WORKER_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define LAMINA_WORKER_UNDER_SANITIZER 1
#endif
#endif

namespace {

// The value of "--name=value" in argv, or empty.
std::string option(int argc, char** argv, const std::string& name) {
    const std::string prefix = "--" + name + "=";
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]).rfind(prefix, 0) == 0)
            return std::string(argv[i]).substr(prefix.size());
    return {};
}

} // namespace

int main(int argc, char** argv) {
    const std::string fdText = option(argc, argv, "connection-fd");
    const std::string limitText = option(argc, argv, "memory-limit");
    if (fdText.empty() || argc < 2 || std::string(argv[argc - 1]).rfind("--", 0) == 0) {
        std::fprintf(stderr, "lamina-plugin-worker: started by Lamina to run a plugin; not to "
                             "be run by hand\n");
        return 2;
    }
    const int fd = std::atoi(fdText.c_str());
    const uint64_t memoryLimit = std::strtoull(limitText.c_str(), nullptr, 10);
    const QString pluginFile = QString::fromLocal8Bit(argv[argc - 1]);

    // The worker never outlives the host: when the host ends (even killed), its end of the
    // socket closes and the session ends (not PR_SET_PDEATHSIG: it follows the thread that
    // started the worker, and a kept worker outlives that thread). A host gone mid-write is
    // not a crash.
    std::signal(SIGPIPE, SIG_IGN);
#ifndef LAMINA_WORKER_UNDER_SANITIZER
    if (memoryLimit > 0) {
        const rlimit limit{rlim_t(memoryLimit), rlim_t(memoryLimit)};
        ::setrlimit(RLIMIT_AS, &limit);
    }
#endif

    // Pixels in, raster values out, every tile: kept in the heap rather than mapped and
    // unmapped (page faults) each time. glibc's largest mmap threshold is 32 MiB.
    lamina::tuneAllocatorForTiles(32 << 20);
    QCoreApplication app(argc, argv); // some plugins expect one; no event loop runs
    QPluginLoader loader(pluginFile);
    QObject* instance = loader.instance();
    const auto* plugin = instance ? qobject_cast<lamina::OverlayPlugin*>(instance) : nullptr;
    lamina::WorkerHello hello;
    if (!instance)
        hello.error = "does not load: " + loader.errorString().toStdString();
    else if (!plugin)
        hello.error = "does not implement lamina::OverlayPlugin";
    if (!lamina::writeWorkerMessage(fd, lamina::WorkerMessageType::Hello, lamina::encode(hello)) ||
        !plugin)
        std::_Exit(0);
    lamina::WorkerSession session(fd, *plugin, memoryLimit);
    // _Exit: calls of a plugin that never returns must not hold the process, and nothing of
    // the plugin's is destroyed while its threads may still run.
    std::_Exit(session.run());
}
