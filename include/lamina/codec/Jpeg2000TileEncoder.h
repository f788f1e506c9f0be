#pragma once
// Encodes packed RGB pixels as one Aperio-style JPEG 2000 tile with OpenJPEG: a bare J2K
// codestream (no JP2 boxes), lossy 9/7 wavelet, one quality layer (or lossless 5/3).
// Components::Rgb uses the codestream's colour transform (what Aperio stores under TIFF compression
// 33005); Components::YCbCr converts here (JFIF full range) and stores without it (33003). The
// counterpart of Jpeg2000TileDecoder.
// Thread-safety: stateless; any number of threads may encode at once.

#include <lamina/codec/Jpeg2000TileDecoder.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lamina {

class Jpeg2000TileEncoder {
public:
    using Components = Jpeg2000TileDecoder::Components;

    // width x height RGB pixels, rows `stride` bytes apart; quality 1..100 (80 is about 15:1).
    // Throws lamina::Error(Io) when OpenJPEG fails.
    static std::vector<unsigned char> encode(const uint8_t* rgb, int32_t width, int32_t height,
                                             size_t stride, int quality, Components components);
    // Lossless: reversible 5/3 wavelet with the reversible colour transform (DICOM's
    // YBR_RCT under JPEG 2000 Lossless), decoded back to exactly these pixels.
    static std::vector<unsigned char> encodeLossless(const uint8_t* rgb, int32_t width,
                                                     int32_t height, size_t stride);
};

} // namespace lamina
