// One JPEG tile as a TIFF holds it. Byte 0 picks the photometric interpretation and whether
// the first half is the directory's shared JPEGTables; bytes 1-2 the tile's size (≤ 256²).
#include "FuzzSupport.h"

#include <lamina/codec/JpegTileDecoder.h>

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 3)
        return 0;
    const bool rgb = data[0] & 1, withTables = data[0] & 2;
    const int width = 1 + data[1], height = 1 + data[2];
    const std::span<const uint8_t> rest(data + 3, size - 3);
    const size_t split = withTables ? rest.size() / 2 : 0;
    std::vector<uint32_t> out(size_t(width) * size_t(height));
    lamina::JpegTileDecoder::forThisThread().decode(rest.first(split), rest.subspan(split), rgb,
                                                    width, height, out.data(), size_t(width));
    return 0;
}
