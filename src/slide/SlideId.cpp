#include <lamina/core/Error.h>
#include <lamina/core/Hashing.h>
#include <lamina/slide/SlideId.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <vector>

namespace lamina {
namespace fs = std::filesystem;

SlideId SlideId::fromText(std::string text) {
    SlideId id;
    id.hash_ = fnv1a64(text.data(), text.size());
    id.text_ = std::move(text);
    return id;
}

SlideId SlideId::forFile(const fs::path& path) {
    std::error_code ec;
    const fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
    const auto size = fs::file_size(path, ec);
    if (ec)
        throw Error(ErrorKind::NotFound, path.string(), "cannot read file size: " + ec.message());
    const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();

    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::Io, path.string(), "cannot open file for reading");
    std::vector<char> head(std::min<uintmax_t>(size, 1u << 20));
    in.read(head.data(), std::streamsize(head.size()));

    // Path, size and mtime go in as text so the digest does not depend on struct layout.
    const std::string meta =
        absolute.string() + '\n' + std::to_string(size) + '\n' + std::to_string(mtime) + '\n';
    uint64_t digest = fnv1a64(meta.data(), meta.size());
    digest = fnv1a64(head.data(), size_t(in.gcount()), digest);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(digest));
    return fromText(std::string("file:") + hex);
}

} // namespace lamina
