#include "tiff/TiffHandlePool.h"

#include <lamina/core/Error.h>

namespace lamina {

TiffHandlePool::TiffHandlePool(std::filesystem::path path) : path_(std::move(path)) {}

TiffHandlePool::~TiffHandlePool() = default;

std::unique_ptr<TiffFile> TiffHandlePool::borrow() {
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto handle = std::move(idle_.back());
            idle_.pop_back();
            return handle;
        }
    }
    return std::make_unique<TiffFile>(path_, "r"); // opened outside the lock: it reads the file
}

void TiffHandlePool::giveBack(std::unique_ptr<TiffFile> handle) {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(handle));
}

std::string TiffHandlePool::readTile(uint64_t directoryOffset, uint32_t index,
                                     std::span<uint8_t> out) {
    std::unique_ptr<TiffFile> handle;
    try {
        handle = borrow();
    } catch (const Error& e) {
        return e.cause();
    }
    TIFF* tiff = handle->get();
    handle->clearError();
    std::string reason;
    if (TIFFCurrentDirOffset(tiff) != directoryOffset &&
        !TIFFSetSubDirectory(tiff, directoryOffset)) {
        reason = "cannot select the TIFF directory at offset " + std::to_string(directoryOffset);
    } else if (uint64_t(TIFFTileSize64(tiff)) != out.size()) {
        reason = "unexpected decoded tile size";
    } else if (TIFFReadEncodedTile(tiff, index, out.data(), tmsize_t(out.size())) !=
               tmsize_t(out.size())) {
        reason = handle->lastError().empty() ? "libtiff cannot decode it" : handle->lastError();
    }
    if (reason.empty())
        giveBack(std::move(handle)); // a handle that failed may hold half-updated codec state
    return reason;
}

} // namespace lamina
