#include "CorruptSlideCorpus.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <functional>
#include <optional>
#include <random>

namespace lamina::test {
namespace {

uint64_t get(const std::vector<char>& b, size_t at, int size) {
    uint64_t v = 0;
    for (int i = size - 1; i >= 0; --i)
        v = v << 8 | uint8_t(b[at + size_t(i)]);
    return v;
}

void put(std::vector<char>& b, size_t at, int size, uint64_t v) {
    for (int i = 0; i < size && at + size_t(i) < b.size(); ++i, v >>= 8)
        b[at + size_t(i)] = char(v & 0xff);
}

struct TiffEntry {
    uint16_t tag = 0, type = 0;
    uint64_t count = 0;
    size_t at = 0;      // of the entry
    size_t valueAt = 0; // of its value(s): inline or at the offset
};

struct TiffDirectory {
    size_t at = 0;     // of its entry count
    size_t nextAt = 0; // of its next-directory pointer
    std::vector<TiffEntry> entries;
};

// The directories of a little-endian TIFF / BigTIFF, or nothing when it is not one.
std::optional<std::pair<bool, std::vector<TiffDirectory>>>
tiffDirectories(const std::vector<char>& b) {
    if (b.size() < 16 || b[0] != 'I' || b[1] != 'I')
        return std::nullopt;
    const uint64_t magic = get(b, 2, 2);
    if (magic != 42 && magic != 43)
        return std::nullopt;
    const bool big = magic == 43;
    const int word = big ? 8 : 4, countSize = big ? 8 : 2, entrySize = big ? 20 : 12;
    std::vector<TiffDirectory> dirs;
    uint64_t next = get(b, big ? 8 : 4, word);
    while (next != 0 && next + size_t(countSize) <= b.size() && dirs.size() < 64) {
        TiffDirectory d;
        d.at = size_t(next);
        const uint64_t n = get(b, d.at, countSize);
        if (d.at + countSize + n * entrySize + word > b.size())
            break;
        for (uint64_t i = 0; i < n; ++i) {
            TiffEntry e;
            e.at = d.at + size_t(countSize) + size_t(i * entrySize);
            e.tag = uint16_t(get(b, e.at, 2));
            e.type = uint16_t(get(b, e.at + 2, 2));
            e.count = get(b, e.at + 4, word);
            static const int typeSize[] = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8};
            const int size = e.type < 19 ? typeSize[e.type] : 1;
            const size_t valueAt = e.at + 4 + size_t(word);
            e.valueAt = e.count * size <= uint64_t(word) ? valueAt : size_t(get(b, valueAt, word));
            d.entries.push_back(e);
        }
        d.nextAt = d.at + size_t(countSize) + size_t(n * entrySize);
        next = get(b, d.nextAt, word);
        if (std::any_of(dirs.begin(), dirs.end(),
                        [&](const TiffDirectory& x) { return x.at == next; }))
            break;
        dirs.push_back(std::move(d));
    }
    return std::pair{big, dirs};
}

// Where DICOM element (group, element) starts (its tag), searched as little-endian bytes.
std::vector<size_t> dicomTags(const std::vector<char>& b, uint16_t group, uint16_t element) {
    std::vector<size_t> found;
    const char tag[4] = {char(group & 0xff), char(group >> 8), char(element & 0xff),
                         char(element >> 8)};
    for (auto it = b.begin(); (it = std::search(it, b.end(), tag, tag + 4)) != b.end(); ++it)
        found.push_back(size_t(it - b.begin()));
    return found;
}

bool isExplicitVr(const std::vector<char>& b, size_t tagAt) {
    return tagAt + 6 <= b.size() && std::isupper(uint8_t(b[tagAt + 4])) &&
           std::isupper(uint8_t(b[tagAt + 5]));
}

} // namespace

std::vector<DamagedVariant> damagedVariants(const std::vector<char>& original, size_t atLeast) {
    std::vector<DamagedVariant> out;
    const auto variant = [&](std::string name,
                             const std::function<void(std::vector<char>&)>& damage) {
        DamagedVariant v{std::move(name), original};
        damage(v.bytes);
        out.push_back(std::move(v));
    };
    std::mt19937_64 random(original.size() * 2654435761u);
    const auto flips = [&](const std::string& what, size_t from, size_t to, int variants) {
        to = std::min(to, original.size());
        if (from >= to)
            return;
        for (int i = 0; i < variants; ++i)
            variant(what + "-flips-" + std::to_string(i), [&](std::vector<char>& b) {
                for (int f = 0; f < 1 + i % 8; ++f) {
                    const size_t at = from + random() % (to - from);
                    b[at] = char(b[at] ^ char(1u << (random() % 8)));
                }
            });
    };

    // Truncations: log-spaced over the file, and just around every structure found below.
    std::vector<size_t> cuts;
    for (int i = 0; i < 40; ++i)
        cuts.push_back(size_t(std::pow(double(original.size()), double(i) / 40.0)));
    const auto tiff = tiffDirectories(original);
    if (tiff)
        for (const TiffDirectory& d : tiff->second)
            for (size_t at : {d.at, d.at + 1, d.nextAt, d.nextAt + 4})
                cuts.push_back(at);
    for (size_t at : dicomTags(original, 0x7FE0, 0x0010))
        for (size_t delta : {0, 4, 8, 12, 16, 24})
            cuts.push_back(at + delta);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    for (size_t cut : cuts)
        if (cut < original.size())
            variant("truncated-" + std::to_string(cut),
                    [&](std::vector<char>& b) { b.resize(cut); });

    if (tiff) {
        const bool big = tiff->first;
        const int word = big ? 8 : 4;
        const auto& dirs = tiff->second;
        for (size_t di = 0; di < dirs.size() && di < 6; ++di) {
            const TiffDirectory& d = dirs[di];
            const std::string ifd = "ifd" + std::to_string(di) + "-";
            const auto setTag = [&](uint16_t tag, const std::string& what, uint64_t value) {
                for (const TiffEntry& e : d.entries)
                    if (e.tag == tag)
                        variant(ifd + what, [&](std::vector<char>& b) {
                            const int size = e.type == 3 ? 2 : e.type == 16 ? 8 : 4;
                            put(b, e.valueAt, size, value);
                        });
            };
            for (const auto& [value, label] : {std::pair<uint64_t, const char*>{0, "0"},
                                               {uint64_t(1) << 31, "2^31"},
                                               {0xFFFFFFFFu, "2^32-1"}}) {
                setTag(256, std::string("width-") + label, value);
                setTag(257, std::string("length-") + label, value);
                setTag(322, std::string("tile-width-") + label, value);
                setTag(323, std::string("tile-length-") + label, value);
                setTag(325, std::string("first-tile-bytes-") + label, value);
            }
            setTag(324, "first-tile-past-the-end", original.size() + 1000);
            setTag(324, "first-tile-in-the-header", 2);
            setTag(273, "first-strip-past-the-end", original.size() + 1000);
            setTag(277, "samples-0", 0);
            setTag(277, "samples-255", 255);
            setTag(258, "bits-0", 0);
            setTag(258, "bits-64", 64);
            setTag(259, "compression-9999", 9999);
            setTag(259, "compression-jpeg2000-33005", 33005);
            setTag(347, "jpeg-tables-past-the-end", original.size() + 10);
            for (const TiffEntry& e : d.entries)
                if (e.tag == 324 || e.tag == 325) { // the whole offset / byte-count table
                    variant(ifd + std::to_string(e.tag) + "-count-2^31", [&](std::vector<char>& b) {
                        put(b, e.at + 4, word, uint64_t(1) << 31);
                    });
                    flips(ifd + std::to_string(e.tag) + "-table", e.valueAt,
                          e.valueAt + size_t(e.count) * size_t(word), 4);
                }
            variant(ifd + "next-is-itself",
                    [&](std::vector<char>& b) { put(b, d.nextAt, word, d.at); });
            variant(ifd + "next-is-the-first",
                    [&](std::vector<char>& b) { put(b, d.nextAt, word, dirs.front().at); });
            variant(ifd + "next-past-the-end",
                    [&](std::vector<char>& b) { put(b, d.nextAt, word, original.size() + 8); });
            variant(ifd + "entry-count-huge", [&](std::vector<char>& b) {
                put(b, d.at, big ? 8 : 2, big ? (uint64_t(1) << 40) : 0xFFFF);
            });
            flips(ifd + "entries", d.at, d.nextAt + size_t(word), 6);
            // The first tile's stream: its markers are in the first few hundred bytes.
            for (const TiffEntry& e : d.entries)
                if (e.tag == 324 && e.valueAt + size_t(word) <= original.size()) {
                    const size_t tile =
                        size_t(get(original, e.valueAt, e.count == 1 ? word : word));
                    flips(ifd + "first-tile-markers", tile, tile + 600, 6);
                }
        }
    }

    // DICOM: image attributes (US or IS values), element lengths, pixel data items.
    if (original.size() > 132 && std::memcmp(original.data() + 128, "DICM", 4) == 0) {
        const struct {
            uint16_t group, element;
            const char* name;
        } attributes[] = {{0x0028, 0x0010, "rows"},           {0x0028, 0x0011, "columns"},
                          {0x0048, 0x0006, "matrix-columns"}, {0x0048, 0x0007, "matrix-rows"},
                          {0x0028, 0x0008, "frames"},         {0x0028, 0x0100, "bits-allocated"},
                          {0x0028, 0x0002, "samples"},        {0x0002, 0x0010, "transfer-syntax"},
                          {0x7FE0, 0x0010, "pixel-data"},     {0x7FE0, 0x0001, "offsets"}};
        for (const auto& a : attributes)
            for (size_t at : dicomTags(original, a.group, a.element)) {
                const bool explicitVr = isExplicitVr(original, at);
                const bool longLength =
                    explicitVr && (std::string(original.data() + at + 4, 2) == "OB" ||
                                   std::string(original.data() + at + 4, 2) == "OW" ||
                                   std::string(original.data() + at + 4, 2) == "SQ" ||
                                   std::string(original.data() + at + 4, 2) == "OV" ||
                                   std::string(original.data() + at + 4, 2) == "UN");
                const size_t lengthAt = explicitVr ? (longLength ? at + 8 : at + 6) : at + 4;
                const int lengthSize = explicitVr && !longLength ? 2 : 4;
                const size_t valueAt = lengthAt + size_t(lengthSize);
                const std::string base = std::string(a.name) + "@" + std::to_string(at) + "-";
                variant(base + "value-0", [&](std::vector<char>& b) { put(b, valueAt, 2, 0); });
                variant(base + "value-ffff",
                        [&](std::vector<char>& b) { put(b, valueAt, 2, 0xFFFF); });
                variant(base + "value-digits", [&](std::vector<char>& b) {
                    for (size_t i = 0; i < 8 && valueAt + i < b.size(); ++i)
                        b[valueAt + i] = '9';
                });
                variant(base + "length-huge", [&](std::vector<char>& b) {
                    put(b, lengthAt, lengthSize, lengthSize == 2 ? 0xFFFF : 0x7FFFFFF0);
                });
                variant(base + "length-odd", [&](std::vector<char>& b) {
                    put(b, lengthAt, lengthSize, get(b, lengthAt, lengthSize) | 1);
                });
                if (a.element == 0x0010 && a.group == 0x7FE0) { // the first items' lengths
                    for (size_t item = valueAt; item < valueAt + 64 && item + 8 <= original.size();
                         ++item)
                        if (get(original, item, 4) == 0xE000FFFEu) {
                            variant(
                                base + "item@" + std::to_string(item) + "-huge",
                                [&](std::vector<char>& b) { put(b, item + 4, 4, 0xFFFFFFF0u); });
                            variant(base + "item@" + std::to_string(item) + "-zero",
                                    [&](std::vector<char>& b) { put(b, item + 4, 4, 0); });
                        }
                    flips(base + "items", valueAt, valueAt + 256, 10);
                }
            }
        flips("dicom-header", 128, std::min<size_t>(original.size(), 2048), 30);
    }

    // Bit flips over the whole file, the head and the tail, until there are enough variants.
    const size_t span = std::min<size_t>(original.size(), 4096);
    for (int round = 0; out.size() < atLeast; ++round) {
        flips("anywhere-" + std::to_string(round), 0, original.size(), 10);
        flips("head-" + std::to_string(round), 0, span, 10);
        flips("tail-" + std::to_string(round), original.size() - span, original.size(), 10);
    }
    return out;
}

} // namespace lamina::test
