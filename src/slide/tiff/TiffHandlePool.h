#pragma once
// Decodes tiles whose compression libtiff handles itself (none, LZW, deflate, PackBits, with
// or without a predictor). A libtiff handle keeps a current directory and codec state, so it
// serves one thread at a time: the pool lends each reading thread a handle of its own, opening
// another only when all are busy, and keeps them for the next reads.
// Thread-safety: every member may be called from any thread.

#include <lamina/slide/TiffFile.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace lamina {

class TiffHandlePool {
public:
    explicit TiffHandlePool(std::filesystem::path path);
    ~TiffHandlePool();
    TiffHandlePool(const TiffHandlePool&) = delete;
    TiffHandlePool& operator=(const TiffHandlePool&) = delete;

    // Decodes tile `index` of the TIFF directory at file offset `directoryOffset` (main chain
    // or SubIFD) into `out` (TIFFTileSize bytes: whole tile, samples interleaved). Returns ""
    // on success, else libtiff's reason.
    std::string readTile(uint64_t directoryOffset, uint32_t index, std::span<uint8_t> out);

private:
    std::unique_ptr<TiffFile> borrow();
    void giveBack(std::unique_ptr<TiffFile> handle);

    std::filesystem::path path_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<TiffFile>> idle_; // guarded by mutex_
};

} // namespace lamina
