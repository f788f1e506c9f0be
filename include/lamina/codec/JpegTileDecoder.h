#pragma once
// Decodes one JPEG-compressed TIFF tile (optionally abbreviated, with the directory's shared
// JPEGTables) straight into premultiplied ARGB32 rows with libjpeg-turbo, exactly as OpenSlide
// does: same library, same IDCT, same upsampling, and the colour space forced from the TIFF
// Photometric tag (Aperio writes RGB JPEG without an Adobe marker), so pixels are identical.
// Thread-safety: one decoder per thread (forThisThread()).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace lamina {

class JpegTileDecoder {
public:
    static JpegTileDecoder& forThisThread();
    static constexpr int32_t kMaxRows = 4096; // tallest tile decoded

    JpegTileDecoder();
    ~JpegTileDecoder();
    JpegTileDecoder(const JpegTileDecoder&) = delete;
    JpegTileDecoder& operator=(const JpegTileDecoder&) = delete;

    // Decodes `data` (a tile stream) into `width` x `height` pixels at `out`, rows `stride`
    // uint32 apart. `tables` may be empty. `rgbPhotometric`: the TIFF says RGB, not YCbCr.
    // Returns an empty string on success, else libjpeg's message (nothing thrown from here:
    // libjpeg errors unwind through longjmp and must not cross C++ frames with destructors).
    std::string decode(std::span<const uint8_t> tables, std::span<const uint8_t> data,
                       bool rgbPhotometric, int32_t width, int32_t height, uint32_t* out,
                       size_t stride);

    struct Session; // libjpeg state, kept between tiles

private:
    std::unique_ptr<Session> session_;
};

} // namespace lamina
