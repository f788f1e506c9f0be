#pragma once
// What a pyramid writer needs to know about, and do to, a stored JPEG tile without decoding
// it: its frame header (size, components, chroma sampling, baseline or not), the shared
// JPEGTables of a TIFF merged into an abbreviated tile stream, and the Adobe APP14 marker that
// tells every decoder the components are RGB (Aperio writes RGB JPEG without one; a DICOM
// file must say it in the stream). Streams come from files: every function checks the bytes
// and reports what is wrong instead of reading past them.
// Thread-safety: pure functions.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lamina {

struct JpegFrameInfo {
    bool baseline = false; // SOF0: 8-bit Huffman sequential (DICOM's JPEG Baseline syntax)
    int precision = 0;     // bits per sample
    int32_t width = 0, height = 0;
    int components = 0;
    // Sampling factors of the first component (2x2 = 4:2:0, 2x1 = 4:2:2, 1x1 = none);
    // the others are 1x1 in every stream this matters for.
    int lumaH = 1, lumaV = 1;
    bool jfif = false;                 // an APP0 "JFIF" marker (implies YCbCr)
    std::optional<int> adobeTransform; // APP14 "Adobe": 0 = RGB / CMYK, 1 = YCbCr, 2 = YCCK
};

// Parses markers from SOI up to the first SOS. nullopt (with `why`) when the bytes are not a
// JPEG stream with a frame header.
std::optional<JpegFrameInfo> readJpegFrameInfo(std::span<const uint8_t> stream, std::string& why);

// A complete stream from a TIFF's abbreviated tile stream and its JPEGTables (a tables-only
// stream: SOI, DQT/DHT, EOI): the tables are inserted after the tile's SOI. Empty `tables`:
// the tile as it is. Throws lamina::Error(Corrupt) when either is not a JPEG stream.
std::vector<uint8_t> mergeJpegTables(std::span<const uint8_t> tables,
                                     std::span<const uint8_t> tile);

// The stream with an Adobe APP14 marker saying transform 0 (the components are RGB, no colour
// conversion) right after SOI, and without a JFIF APP0 (which would say YCbCr). An existing
// Adobe marker is replaced. Throws lamina::Error(Corrupt) for bytes that are not a JPEG stream.
std::vector<uint8_t> withAdobeRgbMarker(std::span<const uint8_t> stream);

} // namespace lamina
