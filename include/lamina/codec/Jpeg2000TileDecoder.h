#pragma once
// Decodes one JPEG 2000 codestream tile of an Aperio SVS (TIFF compression 33003: components
// are YCbCr; 33005: RGB) into premultiplied ARGB32 rows with OpenJPEG, the library OpenSlide
// uses. RGB tiles come out bit-identical to OpenSlide 3.4; YCbCr tiles use OpenSlide's
// fixed-point conversion, so they match it too (within 1 level per channel, stated in tests).
// Thread-safety: stateless; any number of threads may decode at once.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace lamina {

class Jpeg2000TileDecoder {
public:
    enum class Components { Rgb, YCbCr };

    // Decodes the codestream `data` into `width` x `height` pixels at `out`, rows `stride`
    // uint32 apart. Returns "" on success, else the reason (OpenJPEG's message when it gave one).
    static std::string decode(std::span<const uint8_t> data, Components components, int32_t width,
                              int32_t height, uint32_t* out, size_t stride);

    // Only OpenJPEG's own work (no colour conversion, no output): the benchmark's "limit".
    static bool decodeOnly(std::span<const uint8_t> data);
};

} // namespace lamina
