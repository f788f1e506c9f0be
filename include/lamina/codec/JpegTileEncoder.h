#pragma once
// Encodes packed RGB pixels as a complete JPEG stream (YCbCr 4:2:0, libjpeg-turbo), the form
// pyramid writers store as raw JPEG tiles (TIFF: Compression 7, Photometric YCbCr, no shared
// JPEGTables; see PyramidTiffWriter). Used by the synthetic slide writer and the exports.
// Thread-safety: one encoder per thread (a TurboJPEG handle must not be shared);
// forThisThread() hands each thread its own.

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

    // width x height RGB pixels, rows `stride` bytes apart; quality 1..100.
    std::vector<unsigned char> encode(const uint8_t* rgb, int32_t width, int32_t height,
                                      size_t stride, int quality);

private:
    void* handle_;
};

} // namespace lamina
