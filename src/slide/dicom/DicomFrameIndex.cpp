#include <lamina/core/Error.h>
#include <lamina/slide/dicom/detail/DicomFrameIndex.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

namespace lamina {
namespace {

constexpr uint32_t kUndefined = 0xFFFFFFFF;
constexpr uint32_t tagOf(uint16_t group, uint16_t element) {
    return (uint32_t(group) << 16) | element;
}
constexpr uint32_t kItem = tagOf(0xFFFE, 0xE000);
constexpr uint32_t kItemDelimiter = tagOf(0xFFFE, 0xE00D);
constexpr uint32_t kSequenceDelimiter = tagOf(0xFFFE, 0xE0DD);
constexpr uint32_t kPixelData = tagOf(0x7FE0, 0x0010);
constexpr int kMaxNesting = 64; // sequences within sequences: beyond this the file is hostile

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

// Little-endian reads at a position, every one checked against the file's size.
class Reader {
public:
    explicit Reader(const std::filesystem::path& path) : path_(path.string()) {
        file_.reset(std::fopen(path_.c_str(), "rb"));
        if (!file_)
            throw Error(ErrorKind::Io, path_, "cannot open: " + std::string(std::strerror(errno)));
        ::fseeko(file_.get(), 0, SEEK_END);
        size_ = uint64_t(::ftello(file_.get()));
    }
    uint64_t size() const { return size_; }
    [[noreturn]] void corrupt(uint64_t at, const std::string& what) const {
        throw Error(ErrorKind::Corrupt, path_,
                    what + " at byte " + std::to_string(at) + " (file of " + std::to_string(size_) +
                        " bytes)");
    }
    void read(uint64_t at, void* into, size_t n) const {
        if (at > size_ || n > size_ - at)
            corrupt(at, "the file ends inside an element");
        if (::fseeko(file_.get(), off_t(at), SEEK_SET) != 0 ||
            std::fread(into, 1, n, file_.get()) != n)
            corrupt(at, "cannot read");
    }
    uint16_t u16(uint64_t at) const {
        uint8_t b[2];
        read(at, b, 2);
        return uint16_t(b[0] | (b[1] << 8));
    }
    uint32_t u32(uint64_t at) const {
        uint8_t b[4];
        read(at, b, 4);
        return uint32_t(b[0]) | (uint32_t(b[1]) << 8) | (uint32_t(b[2]) << 16) |
               (uint32_t(b[3]) << 24);
    }
    uint32_t tag(uint64_t at) const { return (uint32_t(u16(at)) << 16) | u16(at + 2); }

private:
    std::string path_;
    std::unique_ptr<std::FILE, FileCloser> file_;
    uint64_t size_ = 0;
};

bool hasLongLength(const char vr[2]) {
    static constexpr std::array<const char*, 13> kLong = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ",
                                                          "UC", "UN", "UR", "UT", "SV", "UV"};
    for (const char* v : kLong)
        if (vr[0] == v[0] && vr[1] == v[1])
            return true;
    return false;
}

struct Header {
    uint32_t tag;
    uint32_t length;
    bool sequence;  // SQ, or undefined length (must be walked as items)
    uint64_t value; // offset of the value
};

class Walker {
public:
    Walker(const Reader& r, bool explicitVr) : r_(r), explicit_(explicitVr) {}

    Header header(uint64_t at) const {
        Header h{r_.tag(at), 0, false, 0};
        if ((h.tag >> 16) == 0xFFFE) { // item and delimiters: no VR in any syntax
            h.length = r_.u32(at + 4);
            h.value = at + 8;
            return h;
        }
        if (explicit_ && (h.tag >> 16) != 0xFFFE) {
            char vr[2];
            r_.read(at + 4, vr, 2);
            if (hasLongLength(vr)) {
                h.length = r_.u32(at + 8);
                h.value = at + 12;
            } else {
                h.length = r_.u16(at + 6);
                h.value = at + 8;
            }
            h.sequence = (vr[0] == 'S' && vr[1] == 'Q') || h.length == kUndefined;
        } else {
            h.length = r_.u32(at + 4);
            h.value = at + 8;
            h.sequence = h.length == kUndefined;
        }
        return h;
    }

    // The offset just after the element at `at` (walking into undefined-length sequences).
    uint64_t skip(uint64_t at, int depth) const {
        const Header h = header(at);
        if (h.length != kUndefined)
            return checkedEnd(h.value, h.length);
        if (depth > kMaxNesting)
            r_.corrupt(at, "sequences nested too deeply");
        // Items until the sequence delimiter; each item until its delimiter when undefined.
        uint64_t pos = h.value;
        for (;;) {
            const Header item = header(pos);
            if (item.tag == kSequenceDelimiter)
                return item.value;
            if (item.tag != kItem)
                r_.corrupt(pos, "expected an item in a sequence");
            if (item.length != kUndefined) {
                pos = checkedEnd(item.value, item.length);
                continue;
            }
            pos = item.value;
            for (;;) {
                if (r_.tag(pos) == kItemDelimiter) {
                    pos += 8;
                    break;
                }
                pos = skip(pos, depth + 1);
            }
        }
    }

    uint64_t checkedEnd(uint64_t value, uint64_t length) const {
        if (value > r_.size() || length > r_.size() - value)
            r_.corrupt(value, "an element is longer than the file");
        return value + length;
    }

private:
    const Reader& r_;
    bool explicit_;
};

} // namespace

DicomFrameIndex DicomFrameIndex::build(const std::filesystem::path& path, bool explicitVr,
                                       uint64_t numberOfFrames, uint64_t frameBytes,
                                       const std::vector<uint64_t>& extendedOffsets,
                                       const std::vector<uint64_t>& extendedLengths) {
    const Reader r(path);
    char magic[4];
    r.read(128, magic, 4);
    if (std::memcmp(magic, "DICM", 4) != 0)
        r.corrupt(128, "no DICM prefix");
    // The file meta group is explicit VR little endian; its length comes first.
    const Walker meta(r, true);
    uint64_t pos = 132;
    const Header groupLength = meta.header(pos);
    if (groupLength.tag != tagOf(0x0002, 0x0000) || groupLength.length != 4)
        r.corrupt(pos, "no file meta group length");
    pos = meta.checkedEnd(groupLength.value + 4, r.u32(groupLength.value));
    const Walker data(r, explicitVr);
    while (pos < r.size()) {
        const Header h = data.header(pos);
        if (h.tag == kPixelData) {
            DicomFrameIndex index;
            if (h.length != kUndefined) { // native
                if (frameBytes == 0 || numberOfFrames == 0 ||
                    frameBytes > h.length / numberOfFrames)
                    r.corrupt(pos, "the pixel data is shorter than its frames");
                data.checkedEnd(h.value, h.length);
                for (uint64_t i = 0; i < numberOfFrames; ++i)
                    index.frames.push_back({{h.value + i * frameBytes, frameBytes}});
                return index;
            }
            index.encapsulated = true;
            // Basic Offset Table item, then fragments until the sequence delimiter.
            uint64_t at = h.value;
            const Header table = data.header(at);
            if (table.tag != kItem || table.length == kUndefined)
                r.corrupt(at, "no Basic Offset Table item");
            std::vector<uint64_t> basic;
            if (table.length % 4 != 0 || table.length / 4 > numberOfFrames)
                r.corrupt(at, "a malformed Basic Offset Table");
            for (uint64_t i = 0; i < table.length / 4; ++i)
                basic.push_back(r.u32(table.value + 4 * i));
            at = data.checkedEnd(table.value, table.length);
            const uint64_t firstFragment = at;
            std::vector<Span> fragments;
            std::vector<uint64_t> relative; // fragment item offsets from the first one
            std::vector<bool> startsImage;  // JPEG SOI at the fragment's start
            for (;;) {
                const Header item = data.header(at);
                if (item.tag == kSequenceDelimiter)
                    break;
                if (item.tag != kItem || item.length == kUndefined)
                    r.corrupt(at, "expected a pixel data fragment");
                data.checkedEnd(item.value, item.length);
                fragments.push_back({item.value, item.length});
                relative.push_back(at - firstFragment);
                startsImage.push_back(item.length >= 2 && r.u16(item.value) == 0xD8FF);
                at = item.value + item.length;
                if (fragments.size() > (uint64_t(1) << 26))
                    r.corrupt(at, "too many fragments");
            }
            if (fragments.empty())
                r.corrupt(h.value, "encapsulated pixel data without fragments");
            const auto groupBy = [&](const std::vector<uint64_t>& starts) {
                // Fragments whose item offset is at or after start[i] and before start[i+1].
                size_t f = 0;
                for (size_t i = 0; i < starts.size(); ++i) {
                    std::vector<Span> frame;
                    const uint64_t end = i + 1 < starts.size()
                                             ? starts[i + 1]
                                             : std::numeric_limits<uint64_t>::max();
                    while (f < fragments.size() && relative[f] < starts[i])
                        ++f;
                    while (f < fragments.size() && relative[f] < end)
                        frame.push_back(fragments[f++]);
                    if (frame.empty())
                        r.corrupt(h.value, "an offset table points at no fragment");
                    index.frames.push_back(std::move(frame));
                }
            };
            if (!extendedOffsets.empty()) { // Extended Offset Table: exact ranges
                if (extendedOffsets.size() != numberOfFrames ||
                    extendedLengths.size() != numberOfFrames)
                    r.corrupt(h.value, "the Extended Offset Table does not match the frames");
                for (size_t i = 0; i < extendedOffsets.size(); ++i) {
                    const uint64_t item = firstFragment + extendedOffsets[i];
                    const Header fragment = data.header(item);
                    if (fragment.tag != kItem || extendedLengths[i] > fragment.length)
                        r.corrupt(item, "the Extended Offset Table points outside a fragment");
                    index.frames.push_back({{fragment.value, extendedLengths[i]}});
                }
            } else if (fragments.size() == numberOfFrames) {
                for (const auto& f : fragments)
                    index.frames.push_back({f});
            } else if (numberOfFrames == 1) {
                index.frames.push_back(fragments);
            } else if (basic.size() == numberOfFrames) {
                groupBy(basic);
            } else {
                std::vector<uint64_t> starts; // a frame begins where a JPEG image begins
                for (size_t f = 0; f < fragments.size(); ++f)
                    if (startsImage[f])
                        starts.push_back(relative[f]);
                if (starts.size() != numberOfFrames)
                    r.corrupt(h.value, "cannot tell which fragments make which frame (" +
                                           std::to_string(fragments.size()) + " fragments, " +
                                           std::to_string(numberOfFrames) + " frames)");
                groupBy(starts);
            }
            return index;
        }
        if ((h.tag >> 16) == 0xFFFE)
            r.corrupt(pos, "an item outside a sequence");
        pos = data.skip(pos, 0);
    }
    r.corrupt(pos, "no Pixel Data element");
}

} // namespace lamina
