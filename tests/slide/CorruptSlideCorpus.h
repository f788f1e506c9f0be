#pragma once
// Damaged variants of a slide file, derived in memory (nothing checked in): truncations at many
// offsets, and, where the file's structure is understood, targeted damage to it.
//  - TIFF (classic and BigTIFF, little-endian): per directory, absurd dimensions (0, 2^31),
//    zero or huge tile sizes, tiles pointing past the end or into the header, huge byte
//    counts, looping and dangling next-directory pointers, bad samples, bits, compression,
//    entry counts; bit flips in directories, in the offset tables and in the first tile's
//    JPEG / JPEG 2000 markers.
//  - DICOM (explicit or implicit VR little endian): image attributes (Rows, Columns, total
//    pixel matrix, NumberOfFrames, BitsAllocated, SamplesPerPixel) set to 0 or absurd values,
//    element lengths set huge or odd, Pixel Data and its first items given lying lengths;
//    bit flips in the header and around the pixel data's item headers.
//  - anything else: bit flips spread over the file, the head and the tail.
// Deterministic: the same file gives the same variants.
// Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <vector>

namespace lamina::test {

struct DamagedVariant {
    std::string name; // what was done, e.g. "ifd1-width-2^31"
    std::vector<char> bytes;
};

std::vector<DamagedVariant> damagedVariants(const std::vector<char>& original,
                                            size_t atLeast = 300);

} // namespace lamina::test
