#pragma once
// What a pyramid writer needs to know about a stored JPEG 2000 tile without decoding it: its
// size and components (SIZ marker) and its coding style (COD marker): whether the codestream
// applies a multi-component colour transform and which wavelet, which together give DICOM's
// PhotometricInterpretation (YBR_ICT, YBR_RCT or RGB). Bytes come from files: parsing checks
// every length and stops at the first tile-part.
// Thread-safety: pure function.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace lamina {

struct Jpeg2000CodestreamInfo {
    int64_t width = 0, height = 0;    // image area (Xsiz - XOsiz, Ysiz - YOsiz)
    int64_t originX = 0, originY = 0; // XOsiz, YOsiz: where the image area starts
    int components = 0;
    std::vector<std::pair<int, int>> subsampling; // XRsiz, YRsiz of each component
    int precision = 0;                            // bits of the first component
    bool colourTransform = false; // COD: multiple component transform on the first three
    bool reversible = false;      // COD: 5/3 reversible wavelet (else 9/7 irreversible)
};

// nullopt (with `why`) when `codestream` is not a bare J2K codestream (SOC, SIZ, ..., COD).
std::optional<Jpeg2000CodestreamInfo>
readJpeg2000CodestreamInfo(std::span<const uint8_t> codestream, std::string& why);

} // namespace lamina
