#pragma once
// Not API (detail/): public only because DicomInstance holds the index by value; built and
// read by the DICOM backend alone.
// Where each frame's bytes are in a DICOM file, found without loading the pixel data: the
// file's top-level elements are walked (values skipped, nested sequences of undefined length
// followed to their delimiters) up to Pixel Data (7FE0,0010), then
//  - native pixel data: frame i is at value offset + i x frame bytes;
//  - encapsulated pixel data: the item headers are read one by one (Basic Offset Table, then
//    fragments); frames are mapped to fragments one to one, by the Basic or Extended Offset
//    Table, by JPEG start-of-image markers, or all fragments to a single frame.
// Every length is checked against the file size: a truncated or lying file is "Corrupt" with
// the byte offset, never an out-of-bounds read or a huge allocation.
// Coordinates: byte offsets in the file. Thread-safety: value type; building reads the file.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace lamina {

struct DicomFrameIndex {
    struct Span {
        uint64_t offset = 0, length = 0; // bytes in the file
    };
    // frames[i] = the fragments (or the one native range) that make frame i.
    std::vector<std::vector<Span>> frames;
    bool encapsulated = false;

    // `explicitVr`: the data set's transfer syntax is explicit VR (little endian); implicit
    // VR little endian otherwise. `frameBytes`: bytes of one native frame (ignored when
    // encapsulated). `extendedOffsets`/`extendedLengths`: the Extended Offset Table when the
    // file has one. Throws lamina::Error(Corrupt) naming the file and the offset.
    static DicomFrameIndex build(const std::filesystem::path& path, bool explicitVr,
                                 uint64_t numberOfFrames, uint64_t frameBytes,
                                 const std::vector<uint64_t>& extendedOffsets = {},
                                 const std::vector<uint64_t>& extendedLengths = {});
};

} // namespace lamina
