#include "OnnxMetadata.h"

#include <cstdint>
#include <fstream>
#include <stdexcept>

namespace lamina {
namespace {

constexpr uint64_t kMetadataProps = 14;      // ModelProto.metadata_props
constexpr uint64_t kMaxEntryBytes = 1 << 20; // a key/value pair larger than this is refused

class Reader {
public:
    Reader(std::istream& in, const std::string& path, uint64_t end)
        : in_(in), path_(path), end_(end) {}

    uint64_t position() {
        const auto at = in_.tellg();
        if (!in_ || at < 0)
            fail("it ends inside a field");
        return uint64_t(at);
    }
    bool atEnd() { return position() >= end_; }

    uint64_t varint() {
        uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const int byte = in_.get();
            if (byte == EOF)
                fail("it ends inside a number");
            value |= uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        fail("a number longer than 10 bytes");
        return 0;
    }
    uint64_t length(uint64_t limit) {
        const uint64_t n = varint();
        if (n > limit - std::min(limit, position()))
            fail("a field runs past the end of the file");
        return n;
    }
    std::string bytes(uint64_t n) {
        std::string s(n, '\0');
        if (!in_.read(s.data(), std::streamsize(n)))
            fail("it ends inside a text");
        return s;
    }
    void skip(uint64_t n) { in_.seekg(std::streamoff(n), std::ios::cur); }
    // Skips a field of this wire type (the tag is read).
    void skipField(uint64_t wireType, uint64_t limit) {
        switch (wireType) {
        case 0:
            varint();
            return;
        case 1:
            return skip(8);
        case 2:
            return skip(length(limit));
        case 5:
            return skip(4);
        default:
            fail("unknown protobuf wire type " + std::to_string(wireType));
        }
    }
    [[noreturn]] void fail(const std::string& why) {
        throw std::runtime_error(path_ + ": not an ONNX model (" + why + ")");
    }

private:
    std::istream& in_;
    const std::string& path_;
    uint64_t end_;
};

} // namespace

std::map<std::string, std::string> readOnnxMetadata(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        throw std::runtime_error(path + ": cannot be read");
    const auto end = uint64_t(in.tellg());
    in.seekg(0);
    Reader r(in, path, end);
    std::map<std::string, std::string> metadata;
    while (!r.atEnd()) {
        const uint64_t tag = r.varint();
        const uint64_t field = tag >> 3, wireType = tag & 7;
        if (field == 0)
            r.fail("field number 0");
        if (field != kMetadataProps || wireType != 2) {
            r.skipField(wireType, end);
            if (r.position() > end)
                r.fail("a field runs past the end of the file");
            continue;
        }
        // StringStringEntryProto { string key = 1; string value = 2; }
        const uint64_t entryBytes = r.length(end);
        if (entryBytes > kMaxEntryBytes)
            r.fail("a metadata entry larger than 1 MiB");
        const uint64_t entryEnd = r.position() + entryBytes;
        std::string key, value;
        while (r.position() < entryEnd) {
            const uint64_t inner = r.varint();
            if ((inner & 7) == 2 && ((inner >> 3) == 1 || (inner >> 3) == 2)) {
                const uint64_t n = r.length(entryEnd);
                ((inner >> 3) == 1 ? key : value) = r.bytes(n);
            } else
                r.skipField(inner & 7, entryEnd);
        }
        if (r.position() != entryEnd)
            r.fail("a metadata entry overruns its length");
        metadata[key] = value;
    }
    return metadata;
}

} // namespace lamina
