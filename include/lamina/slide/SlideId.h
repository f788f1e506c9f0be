#pragma once
// A stable identity for one slide, used as the key of the tile cache and the annotation store.
// For a local file: hash of (absolute path, size, modification time, first MiB of content),
// so a slide replaced in place gets a new id. DICOM backends use Study/Series UIDs instead.
// Thread-safety: value type.

#include <cstdint>
#include <filesystem>
#include <string>

namespace lamina {

class SlideId {
public:
    SlideId() = default;
    // An id from an already-unique text, e.g. "dicom:<StudyUID>/<SeriesUID>".
    static SlideId fromText(std::string text);
    // The id of a local file. Throws lamina::Error (NotFound, Io) when it cannot be read.
    static SlideId forFile(const std::filesystem::path& path);

    const std::string& text() const { return text_; }
    // A 64-bit digest of text(), for cache keys (never a string-keyed cache).
    uint64_t hash() const { return hash_; }
    bool isNull() const { return text_.empty(); }

    friend bool operator==(const SlideId& a, const SlideId& b) { return a.text_ == b.text_; }

private:
    std::string text_;
    uint64_t hash_ = 0;
};

} // namespace lamina
