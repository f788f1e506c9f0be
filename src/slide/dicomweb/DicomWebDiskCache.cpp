#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>
#include <lamina/core/Hashing.h>
#include <lamina/core/Log.h>
#include <lamina/slide/dicomweb/DicomWebDiskCache.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <thread>
#include <vector>

namespace lamina {
namespace fs = std::filesystem;
namespace {

// Version 2 adds the bytes' FNV-1a hash: a frame damaged on disk (a torn write after a power
// loss, bit rot) is a miss, never a wrong tile. Version 1 files are misses and get replaced.
constexpr const char* kMagic = "LAMINA-FRAME-2\n";
constexpr uint64_t kMaxFrameBytes = uint64_t(256) << 20;

std::string hashOf(const std::vector<uint8_t>& bytes) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx",
                  static_cast<unsigned long long>(fnv1a64(bytes.data(), bytes.size())));
    return text;
}

} // namespace

DicomWebDiskCache::DicomWebDiskCache(fs::path folder, uint64_t maxBytes)
    : folder_(std::move(folder)), maxBytes_(maxBytes) {
    std::error_code ec;
    fs::create_directories(folder_, ec);
    if (ec || !fs::is_directory(folder_))
        throw Error(ErrorKind::Io, folder_.string(),
                    "cannot create the DICOMweb cache folder: " + ec.message());
    // Frames half-written by a Lamina that was killed (their writer is gone) go first.
    removeStaleTemporaries(folder_);
    for (const auto& entry : fs::directory_iterator(folder_, ec))
        if (entry.is_regular_file(ec) && entry.path().extension() == ".frame")
            bytes_ += entry.file_size(ec);
}

fs::path DicomWebDiskCache::fileFor(const std::string& key) const {
    char name[32];
    std::snprintf(name, sizeof name, "%016llx.frame",
                  static_cast<unsigned long long>(fnv1a64(key)));
    return folder_ / name;
}

uint64_t DicomWebDiskCache::bytesUsed() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::optional<DicomFrame> DicomWebDiskCache::find(const std::string& key) const {
    const fs::path file = fileFor(key);
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    // Layout: magic, key line, transfer syntax line, byte count line, hash line, bytes.
    std::string magic(std::char_traits<char>::length(kMagic), '\0');
    std::string storedKey, syntax, countText, hashText;
    if (!in.read(magic.data(), std::streamsize(magic.size())) || magic != kMagic ||
        !std::getline(in, storedKey) || storedKey != key || !std::getline(in, syntax) ||
        !std::getline(in, countText) || !std::getline(in, hashText))
        return std::nullopt;
    uint64_t count = 0;
    try {
        count = std::stoull(countText);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (count > kMaxFrameBytes)
        return std::nullopt;
    DicomFrame frame;
    frame.transferSyntax = syntax;
    frame.bytes.resize(count);
    if (!in.read(reinterpret_cast<char*>(frame.bytes.data()), std::streamsize(count)) ||
        in.peek() != std::char_traits<char>::eof())
        return std::nullopt;
    std::error_code ec;
    if (hashText != hashOf(frame.bytes)) {
        logger().warn("{}: a damaged frame in the DICOMweb cache was removed", file.string());
        in.close();
        fs::remove(file, ec);
        return std::nullopt;
    }
    fs::last_write_time(file, fs::file_time_type::clock::now(), ec); // recently used
    ++hits_;
    return frame;
}

void DicomWebDiskCache::store(const std::string& key, const DicomFrame& frame) {
    if (frame.bytes.size() > kMaxFrameBytes || key.find('\n') != std::string::npos)
        return;
    const fs::path file = fileFor(key);
    std::error_code ec;
    const uint64_t previous = fs::exists(file, ec) ? fs::file_size(file, ec) : 0;
    // Beside, then renamed: a reader never sees half a frame. Not flushed to disk (a frame
    // per tile would cost a sync each): after a power loss the hash rejects what is damaged.
    // Named per thread and process, so a killed writer's leftover is swept at the next start.
    const fs::path part =
        temporaryPathFor(file.string() + "." +
                         std::to_string(std::hash<std::thread::id>()(std::this_thread::get_id())));
    {
        std::ofstream out(part, std::ios::binary | std::ios::trunc);
        out << kMagic << key << '\n'
            << frame.transferSyntax << '\n'
            << frame.bytes.size() << '\n'
            << hashOf(frame.bytes) << '\n';
        out.write(reinterpret_cast<const char*>(frame.bytes.data()),
                  std::streamsize(frame.bytes.size()));
        if (!out) {
            logger().warn("{}: cannot write to the DICOMweb cache", part.string());
            fs::remove(part, ec);
            return;
        }
    }
    const uint64_t size = fs::file_size(part, ec);
    fs::rename(part, file, ec);
    if (ec) {
        fs::remove(part, ec);
        return;
    }
    std::lock_guard lock(mutex_);
    bytes_ = bytes_ + size - std::min(previous, bytes_ + size);
    evictIfNeeded();
}

void DicomWebDiskCache::evictIfNeeded() {
    if (bytes_ <= maxBytes_)
        return;
    struct Entry {
        fs::path path;
        fs::file_time_type time;
        uint64_t size;
    };
    std::vector<Entry> entries;
    std::error_code ec;
    uint64_t total = 0;
    for (const auto& entry : fs::directory_iterator(folder_, ec)) {
        if (!entry.is_regular_file(ec) || entry.path().extension() != ".frame")
            continue;
        entries.push_back({entry.path(), entry.last_write_time(ec), entry.file_size(ec)});
        total += entries.back().size;
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.time < b.time; });
    const uint64_t target = maxBytes_ / 10 * 9;
    for (const auto& e : entries) {
        if (total <= target)
            break;
        if (fs::remove(e.path, ec))
            total -= e.size;
    }
    bytes_ = total;
}

} // namespace lamina
