#include <lamina/codec/Jpeg2000Codestream.h>

namespace lamina {
namespace {

uint32_t read16(const uint8_t* p) {
    return uint32_t(p[0]) << 8 | p[1];
}
uint32_t read32(const uint8_t* p) {
    return read16(p) << 16 | read16(p + 2);
}

} // namespace

std::optional<Jpeg2000CodestreamInfo> readJpeg2000CodestreamInfo(std::span<const uint8_t> s,
                                                                 std::string& why) {
    if (s.size() < 4 || s[0] != 0xFF || s[1] != 0x4F) {
        why = "not a JPEG 2000 codestream (no SOC marker)";
        return std::nullopt;
    }
    Jpeg2000CodestreamInfo info;
    bool siz = false;
    size_t at = 2;
    // Main header segments: FF xx, 16-bit length (including itself), data; up to SOT/SOD.
    while (at + 4 <= s.size()) {
        if (s[at] != 0xFF) {
            why = "a JPEG 2000 marker was expected at byte " + std::to_string(at);
            return std::nullopt;
        }
        const uint8_t marker = s[at + 1];
        if (marker == 0x90 || marker == 0x93) // SOT / SOD: the main header is over
            break;
        const size_t length = read16(&s[at + 2]);
        if (length < 2 || at + 2 + length > s.size()) {
            why = "a JPEG 2000 marker segment runs past the end of the codestream";
            return std::nullopt;
        }
        const uint8_t* d = &s[at + 4];
        const size_t n = length - 2;
        if (marker == 0x51) { // SIZ: Rsiz, Xsiz, Ysiz, XOsiz, YOsiz, tiles ..., Csiz, comps
            if (n < 36 + 3) {
                why = "the JPEG 2000 SIZ marker is too short";
                return std::nullopt;
            }
            info.width = int64_t(read32(d + 2)) - int64_t(read32(d + 10));
            info.height = int64_t(read32(d + 6)) - int64_t(read32(d + 14));
            info.components = int(read16(d + 34));
            if (info.components < 1 || n < 36 + size_t(info.components) * 3 || info.width <= 0 ||
                info.height <= 0) {
                why = "the JPEG 2000 SIZ marker is inconsistent";
                return std::nullopt;
            }
            info.originX = int64_t(read32(d + 10));
            info.originY = int64_t(read32(d + 14));
            for (int c = 0; c < info.components; ++c) // Ssiz, XRsiz, YRsiz
                info.subsampling.emplace_back(d[36 + 3 * c + 1], d[36 + 3 * c + 2]);
            info.precision = (d[36] & 0x7F) + 1;
            siz = true;
        } else if (marker == 0x52) { // COD: Scod, progression, layers(2), MCT, levels, ...
            if (n < 10) {
                why = "the JPEG 2000 COD marker is too short";
                return std::nullopt;
            }
            info.colourTransform = d[4] != 0;
            info.reversible = d[9] == 1;
            if (!siz) {
                why = "the JPEG 2000 COD marker comes before SIZ";
                return std::nullopt;
            }
            return info;
        }
        at += 2 + length;
    }
    why = siz ? "the JPEG 2000 codestream has no COD marker"
              : "the JPEG 2000 codestream has no SIZ marker";
    return std::nullopt;
}

} // namespace lamina
