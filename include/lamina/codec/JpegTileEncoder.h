#pragma once
// Encodes packed RGB pixels as a complete JPEG stream (YCbCr 4:2:0, libjpeg-turbo), the form
// pyramidal TIFF writers store as raw JPEG tiles (Compression 7, Photometric YCbCr, no shared
// JPEGTables). Used by the synthetic slide writer and the large-region export.
// Thread-safety: one encoder per thread (a TurboJPEG handle must not be shared);
// forThisThread() hands each thread its own.

#include <tiffio.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lamina {

class JpegTileEncoder {
public:
    JpegTileEncoder(); // throws lamina::Error(Io) when TurboJPEG cannot initialise
    ~JpegTileEncoder();
    JpegTileEncoder(const JpegTileEncoder&) = delete;
    JpegTileEncoder& operator=(const JpegTileEncoder&) = delete;

    static JpegTileEncoder& forThisThread();

    // Sets the current directory's tags for tiles written raw from encode(): 8-bit RGB,
    // Compression JPEG, Photometric YCbCr 2x2, no shared tables.
    static void setTiffTags(TIFF* tiff);

    // width x height RGB pixels, rows `stride` bytes apart; quality 1..100.
    std::vector<unsigned char> encode(const uint8_t* rgb, int32_t width, int32_t height,
                                      size_t stride, int quality);

private:
    void* handle_;
};

} // namespace lamina
