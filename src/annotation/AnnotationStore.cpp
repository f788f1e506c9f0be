#include "AnnotationFileIo.h"

#include <lamina/annotation/AnnotationStore.h>
#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>
#include <lamina/core/Hashing.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace lamina {
namespace fs = std::filesystem;
namespace {

// True when a new file can really be created in `folder` (permissions, read-only mounts).
bool acceptsNewFiles(const fs::path& folder) {
    const fs::path probe = folder / (".lamina-write-test-" + std::to_string(::getpid()));
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    ::close(fd);
    ::unlink(probe.c_str());
    return true;
}

std::string storeKey(const fs::path& slidePath) {
    std::ifstream in(slidePath, std::ios::binary);
    std::vector<char> head(1 << 20);
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(size_t(std::max<std::streamsize>(0, in.gcount())));
    std::error_code ec;
    const uint64_t size = fs::file_size(slidePath, ec);
    uint64_t h = fnv1a64(&size, sizeof size);
    h = fnv1a64(head.data(), head.size(), h);
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return slidePath.filename().string() + "-" + text;
}

} // namespace

fs::path AnnotationStore::sidecarFor(const fs::path& slidePath) {
    return fs::path(slidePath.string() + ".annotations.geojson");
}

AnnotationStore AnnotationStore::inDataFolder(const std::string& key, const fs::path& dataFolder) {
    // The key becomes a file name: nothing that could climb out of the folder or hide a file.
    const bool plain = !key.empty() && key != "." && key != ".." && key.size() <= 200 &&
                       std::all_of(key.begin(), key.end(), [](unsigned char c) {
                           return std::isalnum(c) || c == '.' || c == '-' || c == '_';
                       });
    if (!plain)
        throw Error(ErrorKind::InvalidArgument, (dataFolder / "annotations").string(),
                    "not a usable annotation file name: '" + key + "'");
    const fs::path folder = dataFolder / "annotations";
    std::error_code ec;
    fs::create_directories(folder, ec);
    AnnotationStore store;
    store.path_ = folder / (key + ".geojson");
    return store;
}

AnnotationStore::AnnotationStore(fs::path slidePath, fs::path dataFolder) {
    const fs::path absolute = fs::absolute(slidePath);
    const fs::path sidecar = sidecarFor(absolute);
    std::error_code ec;
    if (fs::exists(sidecar, ec) || acceptsNewFiles(absolute.parent_path())) {
        path_ = sidecar;
    } else {
        const fs::path folder = dataFolder / "annotations";
        fs::create_directories(folder, ec);
        path_ = folder / (storeKey(absolute) + ".geojson");
    }
}

AnnotationStore::Fingerprint AnnotationStore::fingerprint() const {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0)
        return {};
    return {true, uint64_t(st.st_size),
            int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + int64_t(st.st_mtim.tv_nsec)};
}

AnnotationDocument AnnotationStore::load() {
    const Fingerprint now = fingerprint();
    if (!now.exists) {
        known_ = now;
        return AnnotationDocument::withDefaults();
    }
    AnnotationDocument document = QuPathGeoJson::read(path_); // throws: known_ stays unset
    known_ = now;
    return document;
}

AnnotationStore::SaveResult AnnotationStore::save(const AnnotationDocument& document) {
    const std::string bytes = QuPathGeoJson::serialize(document);
    if (known_ && fingerprint() == *known_) {
        writeAtomically(path_, bytes);
        known_ = fingerprint();
        return {path_, false};
    }
    // Changed behind our back (or never readable): keep it, write a numbered copy beside it.
    std::error_code ec;
    for (int n = 1; n < 10000; ++n) {
        fs::path copy = path_;
        copy.replace_extension(".conflict-" + std::to_string(n) + ".geojson");
        if (!fs::exists(copy, ec)) {
            writeAtomically(copy, bytes);
            path_ = copy; // later saves update this copy, not a new one every time
            known_ = fingerprint();
            return {copy, true};
        }
    }
    throw Error(ErrorKind::Io, path_.string(), "too many conflict copies beside this file");
}

} // namespace lamina
