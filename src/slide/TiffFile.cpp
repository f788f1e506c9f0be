#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/slide/TiffFile.h>

#include <cstdarg>
#include <cstdio>

namespace lamina {
namespace {

std::string format(const char* module, const char* fmt, va_list args) {
    char buffer[1024];
    std::vsnprintf(buffer, sizeof buffer, fmt, args);
    return module && *module ? std::string(module) + ": " + buffer : std::string(buffer);
}

struct OptionsDeleter {
    void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

} // namespace

int TiffFile::onError(TIFF*, void* self, const char* module, const char* fmt, va_list args) {
    auto* file = static_cast<TiffFile*>(self);
    file->lastError_ = format(module, fmt, args);
    logger().debug("libtiff error in {}: {}", file->path_.string(), file->lastError_);
    return 1; // handled: do not print to stderr
}

int TiffFile::onWarning(TIFF*, void* self, const char* module, const char* fmt, va_list args) {
    auto* file = static_cast<TiffFile*>(self);
    logger().debug("libtiff warning in {}: {}", file->path_.string(), format(module, fmt, args));
    return 1;
}

TiffFile::TiffFile(const std::filesystem::path& path, const char* mode) : path_(path) {
    std::unique_ptr<TIFFOpenOptions, OptionsDeleter> options(TIFFOpenOptionsAlloc());
    TIFFOpenOptionsSetMaxSingleMemAlloc(options.get(), kMaxSingleAllocation);
    TIFFOpenOptionsSetErrorHandlerExtR(options.get(), &TiffFile::onError, this);
    TIFFOpenOptionsSetWarningHandlerExtR(options.get(), &TiffFile::onWarning, this);
    tiff_ = TIFFOpenExt(path.c_str(), mode, options.get());
    if (!tiff_) {
        const bool writing = mode[0] == 'w';
        throw Error(writing ? ErrorKind::Io : ErrorKind::Corrupt, path.string(),
                    std::string(writing ? "cannot create TIFF file" : "not a readable TIFF file") +
                        (lastError_.empty() ? "" : " (" + lastError_ + ")"));
    }
}

TiffFile::~TiffFile() {
    if (tiff_)
        TIFFClose(tiff_);
}

void TiffFile::close() {
    if (!tiff_)
        return;
    const int flushed = TIFFFlush(tiff_);
    TIFFClose(tiff_);
    tiff_ = nullptr;
    if (!flushed || !lastError_.empty())
        throw Error(ErrorKind::Io, path_.string(),
                    "writing the TIFF file failed" +
                        (lastError_.empty() ? std::string() : ": " + lastError_));
}

std::optional<std::string> TiffFile::stringTag(ttag_t tag) const {
    const char* value = nullptr;
    if (TIFFGetField(tiff_, tag, &value) != 1 || !value)
        return std::nullopt;
    return std::string(value);
}

} // namespace lamina
