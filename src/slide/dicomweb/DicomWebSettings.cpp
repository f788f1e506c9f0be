#include <lamina/core/Log.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>

#include <cstdlib>
#include <map>
#include <mutex>

namespace lamina {
namespace {

struct State {
    std::mutex mutex;
    std::map<std::string, DicomWebCredentials> credentials; // by service root
    bool diskCacheSet = false;                              // set by setDiskCache()
    std::shared_ptr<DicomWebDiskCache> diskCache;
    std::string trustedCaFile; // Preferences; empty = the environment's
};

State& state() {
    static State s;
    return s;
}

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string withoutTrailingSlash(std::string root) {
    while (!root.empty() && root.back() == '/')
        root.pop_back();
    return root;
}

// `into` = the variable's number (at least 1) when it is set.
void positiveFromEnvironment(const char* name, int& into) {
    if (const std::string value = environment(name); !value.empty())
        into = std::max(1, std::atoi(value.c_str()));
}

} // namespace

void DicomWebSettings::setCredentials(const std::string& serviceRoot,
                                      DicomWebCredentials credentials) {
    std::lock_guard lock(state().mutex);
    state().credentials[withoutTrailingSlash(serviceRoot)] = std::move(credentials);
}

bool DicomWebSettings::hasCredentials(const std::string& serviceRoot) {
    std::lock_guard lock(state().mutex);
    return state().credentials.count(withoutTrailingSlash(serviceRoot)) > 0;
}

DicomWebOptions DicomWebSettings::optionsFor(const std::string& serviceRoot) {
    DicomWebOptions options;
    {
        std::lock_guard lock(state().mutex);
        const auto it = state().credentials.find(withoutTrailingSlash(serviceRoot));
        if (it != state().credentials.end())
            options.credentials = it->second;
    }
    if (options.credentials.empty()) {
        options.credentials.bearerToken = environment("LAMINA_DICOMWEB_TOKEN");
        options.credentials.user = environment("LAMINA_DICOMWEB_USER");
        options.credentials.password = environment("LAMINA_DICOMWEB_PASSWORD");
    }
    {
        std::lock_guard lock(state().mutex);
        options.trustedCaFile = state().trustedCaFile;
    }
    if (options.trustedCaFile.empty())
        options.trustedCaFile = environment("LAMINA_DICOMWEB_CA_FILE");
    positiveFromEnvironment("LAMINA_DICOMWEB_TIMEOUT_MS", options.timeoutMs);
    positiveFromEnvironment("LAMINA_DICOMWEB_FRAMES_PER_REQUEST", options.framesPerRequest);
    positiveFromEnvironment("LAMINA_DICOMWEB_REQUESTS_IN_FLIGHT", options.requestsInFlight);
    return options;
}

void DicomWebSettings::setTrustedCaFile(const std::string& path) {
    std::lock_guard lock(state().mutex);
    state().trustedCaFile = path;
}

void DicomWebSettings::setDiskCache(const std::filesystem::path& folder, uint64_t maxBytes) {
    auto cache = folder.empty() ? nullptr : std::make_shared<DicomWebDiskCache>(folder, maxBytes);
    std::lock_guard lock(state().mutex);
    state().diskCacheSet = true;
    state().diskCache = std::move(cache);
}

std::shared_ptr<DicomWebDiskCache> DicomWebSettings::diskCache() {
    std::lock_guard lock(state().mutex);
    if (!state().diskCacheSet) {
        state().diskCacheSet = true;
        if (const std::string folder = environment("LAMINA_DICOMWEB_CACHE"); !folder.empty()) {
            const std::string mb = environment("LAMINA_DICOMWEB_CACHE_MB");
            const uint64_t size = uint64_t(mb.empty() ? 2048 : std::max(1, std::atoi(mb.c_str())));
            try {
                state().diskCache = std::make_shared<DicomWebDiskCache>(folder, size << 20);
            } catch (const std::exception& e) {
                logger().warn("DICOMweb disk cache off: {}", e.what());
            }
        }
    }
    return state().diskCache;
}

} // namespace lamina
