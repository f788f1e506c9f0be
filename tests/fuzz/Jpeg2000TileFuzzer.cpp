// One JPEG 2000 codestream tile (Aperio 33003 / 33005). Byte 0 picks YCbCr or RGB, bytes 1-2
// the tile's size (≤ 256²).
#include "FuzzSupport.h"

#include <lamina/codec/Jpeg2000TileDecoder.h>

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 3)
        return 0;
    using lamina::Jpeg2000TileDecoder;
    const auto components =
        data[0] & 1 ? Jpeg2000TileDecoder::Components::YCbCr : Jpeg2000TileDecoder::Components::Rgb;
    const int width = 1 + data[1], height = 1 + data[2];
    std::vector<uint32_t> out(size_t(width) * size_t(height));
    Jpeg2000TileDecoder::decode({data + 3, size - 3}, components, width, height, out.data(),
                                size_t(width));
    return 0;
}
