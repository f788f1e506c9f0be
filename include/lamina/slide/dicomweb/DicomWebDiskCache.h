#pragma once
// An on-disk cache of DICOMweb frames (the stored, compressed bytes), so that reopening a
// slide from a slow archive costs no network. One file per frame, named by a hash of its
// key and holding the key itself (a hash collision is a miss, never a wrong tile) and a hash
// of the bytes (a frame damaged on disk is a miss, and is removed); written beside and
// renamed, so a crash leaves no half frame, and what a killed writer left beside is swept
// when the cache next opens. When the folder grows past its limit
// the least recently used files (by modification time, refreshed on each hit) are removed
// until it is under 90 % of the limit.
// The cache holds pixels of patients' slides: it is off unless the user turns it on, and
// lives in the user's own cache folder.
// Thread-safety: every method may be called from any thread (one mutex; file I/O outside it).

#include <lamina/slide/dicom/DicomInstance.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

namespace lamina {

class DicomWebDiskCache {
public:
    // Creates the folder if needed. Throws lamina::Error(Io) when it cannot.
    DicomWebDiskCache(std::filesystem::path folder, uint64_t maxBytes);

    // `key` identifies the frame: "STUDY/SERIES/INSTANCE/FRAME".
    std::optional<DicomFrame> find(const std::string& key) const;
    // Failures to write are logged and ignored: the cache is an optimisation.
    void store(const std::string& key, const DicomFrame& frame);

    const std::filesystem::path& folder() const { return folder_; }
    uint64_t bytesUsed() const;
    uint64_t hits() const { return hits_; }

private:
    std::filesystem::path fileFor(const std::string& key) const;
    void evictIfNeeded(); // under mutex_

    const std::filesystem::path folder_;
    const uint64_t maxBytes_;
    mutable std::mutex mutex_;
    uint64_t bytes_ = 0; // under mutex_
    mutable std::atomic<uint64_t> hits_{0};
};

} // namespace lamina
