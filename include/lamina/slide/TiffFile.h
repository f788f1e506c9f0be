#pragma once
// RAII owner of a libtiff handle. libtiff's error and warning messages for this handle are
// captured here (not printed to stderr) so callers can put them into a lamina::Error.
// A per-allocation memory cap protects against files that lie about their sizes.
// Thread-safety: one TiffFile is used by one thread at a time (libtiff handles keep a
// current directory); open one per thread for concurrent reads.

#include <tiffio.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace lamina {

class TiffFile {
public:
    // mode is libtiff's: "r", "w" (classic TIFF) or "w8" (BigTIFF). Throws lamina::Error (Io,
    // Corrupt) with libtiff's message when the file cannot be opened.
    TiffFile(const std::filesystem::path& path, const char* mode);
    ~TiffFile();
    TiffFile(const TiffFile&) = delete;
    TiffFile& operator=(const TiffFile&) = delete;

    TIFF* get() const { return tiff_; }
    const std::filesystem::path& path() const { return path_; }
    // The last error libtiff reported on this handle ("" when none).
    const std::string& lastError() const { return lastError_; }
    void clearError() { lastError_.clear(); }

    // Reads an ASCII tag of the current directory (e.g. TIFFTAG_IMAGEDESCRIPTION).
    std::optional<std::string> stringTag(ttag_t tag) const;

    // Closes explicitly (flushing writes); throws lamina::Error(Io) if libtiff reports an error.
    void close();

    // Largest single allocation libtiff may make for this handle.
    static constexpr long kMaxSingleAllocation = 512L * 1024 * 1024;

private:
    static int onError(TIFF*, void* self, const char* module, const char* fmt, va_list args);
    static int onWarning(TIFF*, void* self, const char* module, const char* fmt, va_list args);

    std::filesystem::path path_;
    TIFF* tiff_ = nullptr;
    std::string lastError_;
};

} // namespace lamina
