#include <lamina/codec/JpegStream.h>
#include <lamina/core/Error.h>

#include <algorithm>
#include <cstring>

namespace lamina {
namespace {

constexpr uint8_t kSoi = 0xD8, kEoi = 0xD9, kSos = 0xDA, kApp0 = 0xE0, kApp14 = 0xEE;

bool startsWithSoi(std::span<const uint8_t> s) {
    return s.size() >= 2 && s[0] == 0xFF && s[1] == kSoi;
}

// Markers without a length field: SOI, EOI, RSTn, TEM.
bool standalone(uint8_t marker) {
    return marker == kSoi || marker == kEoi || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01;
}

// One marker segment of the header: [start, end) covers FF, the code, the length and the data.
struct Segment {
    uint8_t marker = 0;
    size_t start = 0, end = 0;
};

// The header's segments after SOI up to (not including) SOS or EOI; `why` says what is wrong.
std::optional<std::vector<Segment>> headerSegments(std::span<const uint8_t> s, std::string& why) {
    if (!startsWithSoi(s)) {
        why = "not a JPEG stream (no SOI marker)";
        return std::nullopt;
    }
    std::vector<Segment> out;
    size_t at = 2;
    while (at < s.size()) {
        if (s[at] != 0xFF) {
            why = "a JPEG marker was expected at byte " + std::to_string(at);
            return std::nullopt;
        }
        while (at < s.size() && s[at] == 0xFF) // fill bytes
            ++at;
        if (at >= s.size())
            break;
        const uint8_t marker = s[at];
        const size_t start = at - 1;
        ++at;
        if (marker == kSos || marker == kEoi) {
            out.push_back({marker, start, start});
            return out;
        }
        if (standalone(marker))
            continue;
        if (at + 2 > s.size())
            break;
        const size_t length = size_t(s[at]) << 8 | s[at + 1];
        if (length < 2 || at + length > s.size()) {
            why = "a JPEG marker segment runs past the end of the stream";
            return std::nullopt;
        }
        at += length;
        out.push_back({marker, start, at});
    }
    why = "the JPEG stream ends before its image data";
    return std::nullopt;
}

bool isSof(uint8_t m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

bool hasTag(std::span<const uint8_t> s, const Segment& seg, const char* tag) {
    const size_t n = std::strlen(tag);
    return seg.end - seg.start >= 4 + n && std::memcmp(s.data() + seg.start + 4, tag, n) == 0;
}

} // namespace

std::optional<JpegFrameInfo> readJpegFrameInfo(std::span<const uint8_t> s, std::string& why) {
    const auto segments = headerSegments(s, why);
    if (!segments)
        return std::nullopt;
    JpegFrameInfo info;
    bool frame = false;
    for (const Segment& seg : *segments) {
        const uint8_t* d = s.data() + seg.start + 4; // after FF, marker, length
        const size_t n = seg.end > seg.start + 4 ? seg.end - seg.start - 4 : 0;
        if (seg.marker == kApp0 && hasTag(s, seg, "JFIF"))
            info.jfif = true;
        if (seg.marker == kApp14 && hasTag(s, seg, "Adobe") && n >= 12)
            info.adobeTransform = d[11];
        if (isSof(seg.marker) && !frame) {
            if (n < 6) {
                why = "the JPEG frame header is too short";
                return std::nullopt;
            }
            info.baseline = seg.marker == 0xC0;
            info.precision = d[0];
            info.height = int32_t(d[1]) << 8 | d[2];
            info.width = int32_t(d[3]) << 8 | d[4];
            info.components = d[5];
            if (n < 6 + size_t(info.components) * 3 || info.components == 0) {
                why = "the JPEG frame header lists more components than it holds";
                return std::nullopt;
            }
            info.lumaH = d[7] >> 4;
            info.lumaV = d[7] & 0x0F;
            frame = true;
        }
    }
    if (!frame) {
        why = "the JPEG stream has no frame header (SOF)";
        return std::nullopt;
    }
    return info;
}

std::vector<uint8_t> mergeJpegTables(std::span<const uint8_t> tables,
                                     std::span<const uint8_t> tile) {
    if (!startsWithSoi(tile))
        throw Error(ErrorKind::Corrupt, {}, "a JPEG tile does not start with an SOI marker");
    if (tables.empty())
        return {tile.begin(), tile.end()};
    // The tables stream is SOI, table segments, EOI; keep what lies between.
    size_t end = tables.size();
    if (!startsWithSoi(tables) || end < 4)
        throw Error(ErrorKind::Corrupt, {}, "the TIFF's JPEGTables are not a JPEG stream");
    if (tables[end - 2] == 0xFF && tables[end - 1] == kEoi)
        end -= 2;
    std::vector<uint8_t> out;
    out.reserve(tile.size() + end);
    out.insert(out.end(), tile.begin(), tile.begin() + 2);
    out.insert(out.end(), tables.begin() + 2, tables.begin() + std::ptrdiff_t(end));
    out.insert(out.end(), tile.begin() + 2, tile.end());
    return out;
}

std::vector<uint8_t> withAdobeRgbMarker(std::span<const uint8_t> stream) {
    std::string why;
    const auto segments = headerSegments(stream, why);
    if (!segments)
        throw Error(ErrorKind::Corrupt, {}, why);
    // APP14 "Adobe": version 100, flags 0, 0, transform 0 (no colour conversion).
    static constexpr uint8_t kAdobeRgb[] = {0xFF, kApp14, 0x00, 0x0E, 'A',  'd',  'o',  'b',
                                            'e',  0x00,   0x64, 0x00, 0x00, 0x00, 0x00, 0x00};
    std::vector<uint8_t> out;
    out.reserve(stream.size() + sizeof kAdobeRgb);
    out.insert(out.end(), stream.begin(), stream.begin() + 2);
    out.insert(out.end(), std::begin(kAdobeRgb), std::end(kAdobeRgb));
    size_t copied = 2;
    for (const Segment& seg : *segments) {
        const bool drop = (seg.marker == kApp0 && hasTag(stream, seg, "JFIF")) ||
                          (seg.marker == kApp14 && hasTag(stream, seg, "Adobe"));
        if (!drop || seg.end == seg.start)
            continue;
        out.insert(out.end(), stream.begin() + std::ptrdiff_t(copied),
                   stream.begin() + std::ptrdiff_t(seg.start));
        copied = seg.end;
    }
    out.insert(out.end(), stream.begin() + std::ptrdiff_t(copied), stream.end());
    return out;
}

} // namespace lamina
