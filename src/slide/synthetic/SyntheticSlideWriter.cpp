#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>
#include <lamina/core/ImageScaling.h>
#include <lamina/core/Log.h>
#include <lamina/core/ThreadPool.h>
#include <lamina/slide/synthetic/GridPattern.h>
#include <lamina/slide/synthetic/SyntheticSlideWriter.h>
#include <lamina/slide/synthetic/TissuePattern.h>
#include <lamina/slide/writer/PyramidTiffWriter.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

namespace lamina {
namespace fs = std::filesystem;
namespace {

using Bytes = std::vector<unsigned char>;

// A packed RGB image (3 bytes per pixel, no padding between rows).
struct RgbImage {
    int32_t width = 0, height = 0;
    std::vector<uint8_t> pixels;

    RgbImage() = default;
    RgbImage(int32_t w, int32_t h, Rgb8 fill) : width(w), height(h), pixels(size_t(w) * h * 3) {
        for (size_t i = 0; i < pixels.size(); i += 3) {
            pixels[i] = fill.r;
            pixels[i + 1] = fill.g;
            pixels[i + 2] = fill.b;
        }
    }
    uint8_t* at(int32_t x, int32_t y) { return pixels.data() + (size_t(y) * width + x) * 3; }
};

RgbaImage toRgba(const RgbImage& src) {
    RgbaImage out(src.width, src.height);
    for (int32_t y = 0; y < src.height; ++y)
        for (int32_t x = 0; x < src.width; ++x) {
            const uint8_t* p = src.pixels.data() + (size_t(y) * src.width + x) * 3;
            out.setPixel(x, y, opaqueRgb(p[0], p[1], p[2]));
        }
    return out;
}

RgbImage toRgb(const RgbaImage& src) {
    RgbImage out(src.width(), src.height(), {0, 0, 0});
    for (int32_t y = 0; y < src.height(); ++y)
        for (int32_t x = 0; x < src.width(); ++x) {
            const uint32_t p = src.pixel(x, y);
            uint8_t* o = out.at(x, y);
            o[0] = redOf(p);
            o[1] = greenOf(p);
            o[2] = blueOf(p);
        }
    return out;
}

RgbImage scaled(const RgbImage& src, int32_t width, int32_t height) {
    return toRgb(scaleArea(toRgba(src), width, height));
}

// Compressed tiles of the lower levels wait here until their TIFF directory is written.
class TileSpool {
public:
    TileSpool() : file_(std::tmpfile()) {
        if (!file_)
            throw Error(ErrorKind::Io, {}, "cannot create a temporary spool file");
    }
    ~TileSpool() { std::fclose(file_); }
    TileSpool(const TileSpool&) = delete;
    TileSpool& operator=(const TileSpool&) = delete;

    struct Entry {
        uint64_t offset = 0, size = 0;
    };
    Entry append(const Bytes& bytes) {
        Entry e{end_, bytes.size()};
        if (std::fseek(file_, long(end_), SEEK_SET) != 0 ||
            std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
            throw Error(ErrorKind::Io, {},
                        std::string("writing the temporary spool file failed: ") +
                            std::strerror(errno));
        end_ += bytes.size();
        return e;
    }
    Bytes read(const Entry& e) {
        Bytes bytes(e.size);
        if (std::fseek(file_, long(e.offset), SEEK_SET) != 0 ||
            std::fread(bytes.data(), 1, e.size, file_) != e.size)
            throw Error(ErrorKind::Io, {}, "reading the temporary spool file failed");
        return bytes;
    }

private:
    std::FILE* file_;
    uint64_t end_ = 0;
};

// One pyramid level being produced, one row of tiles at a time.
struct LevelState : PyramidLevelPlan {
    int64_t tileRow = 0;                   // the tile row being filled
    std::vector<uint8_t> rowBuffer;        // (across * tile) x tile RGB pixels, padded with glass
    std::vector<TileSpool::Entry> spooled; // lower levels: where each tile's bytes are
};

class Writer {
public:
    Writer(const SyntheticSlideOptions& o, const std::function<void(double)>& progress)
        : opt_(o), progress_(progress), pool_(size_t(std::max(0, o.threads))),
          // Levels until the longer side is below 1024 (GridPattern numbers at most 16).
          plan_(PyramidPlan::make(o.width, o.height, o.tileSize, o.levelStep, 1023,
                                  GridPattern::kMaxLevel + 1)) {
        for (const PyramidLevelPlan& l : plan_.levels) {
            LevelState& state = levels_.emplace_back();
            static_cast<PyramidLevelPlan&>(state) = l;
            resetRowBuffer(state);
        }
        totalTiles_ = plan_.tileCount();
        if (opt_.pattern == SyntheticSlideOptions::Pattern::Tissue)
            tissue_ = std::make_unique<TissuePattern>(opt_.width, opt_.height, opt_.seed,
                                                      opt_.mpp > 0 ? opt_.mpp : 0.25);
        format_.codec = tiffCodec(opt_.compression);
        format_.bigTiff =
            opt_.bigTiff == SyntheticSlideOptions::BigTiff::Yes ||
            (opt_.bigTiff == SyntheticSlideOptions::BigTiff::Auto && plan_.needsBigTiff(3));
        report_.bigTiff = format_.bigTiff;
        description_.baseWidth = opt_.width;
        description_.baseHeight = opt_.height;
        description_.tileSize = opt_.tileSize;
        description_.codec = codecDescription();
        // fmt, not snprintf: the C locale may use a decimal comma once Qt set it.
        // mpp / objectivePower 0: the slide states no scale (as some real scans do).
        description_.fields = {
            {"AppMag", opt_.objectivePower > 0 ? fmt::format("{:g}", opt_.objectivePower) : ""},
            {"MPP", opt_.mpp > 0 ? fmt::format("{:.4f}", opt_.mpp) : ""},
            {"ScanScope ID", "LAMINA-SYNTH"},
            {"Filename", opt_.output.stem().string()},
            {"Lamina Pattern",
             opt_.pattern == SyntheticSlideOptions::Pattern::Grid ? "grid" : "tissue"},
            {"Lamina Seed", std::to_string(opt_.seed)}};
        for (const auto& l : levels_)
            report_.levels.push_back({l.width, l.height});
        report_.tiles = totalTiles_;
    }

    SyntheticSlideReport write(const fs::path& target) {
        PyramidTiffWriter tiff(target, opt_.output.string(), plan_, format_);
        tiff_ = &tiff;
        tiff.beginLevel(0, description_.forLevel(plan_.levels[0], true));
        if (tissue_) {
            for (int64_t row = 0; row < levels_[0].down; ++row)
                produceTileRow(0, /*render=*/true);
        } else {
            for (size_t level = 0; level < levels_.size(); ++level)
                for (int64_t row = 0; row < levels_[level].down; ++row)
                    produceTileRow(level, true);
        }
        tiff.finishLevel();
        writeThumbnail(tiff);
        for (size_t level = 1; level < levels_.size(); ++level)
            writeSpooledLevel(tiff, level);
        const RgbImage label = makeLabel();
        writeAssociated(tiff, label, "label", /*jpeg=*/false);
        writeAssociated(tiff, makeMacro(label), "macro", /*jpeg=*/true);
        tiff_ = nullptr;
        tiff.close();
        return report_;
    }

private:
    size_t rowStride(const LevelState& l) const { return size_t(l.across) * opt_.tileSize * 3; }

    void resetRowBuffer(LevelState& l) {
        l.rowBuffer.resize(rowStride(l) * size_t(opt_.tileSize));
        const Rgb8 bg = TissuePattern::kBackground;
        for (size_t i = 0; i < l.rowBuffer.size(); i += 3) {
            l.rowBuffer[i] = bg.r;
            l.rowBuffer[i + 1] = bg.g;
            l.rowBuffer[i + 2] = bg.b;
        }
    }

    // The codec words Aperio puts in its ImageDescription (informational only).
    std::string codecDescription() const {
        using C = SyntheticSlideOptions::Compression;
        const std::string q = " Q=" + std::to_string(opt_.quality);
        switch (opt_.compression) {
        case C::Jpeg:
            return "JPEG/RGB" + q;
        case C::Jpeg2000:
            return "J2K/KDU" + q;
        case C::Jpeg2000YCbCr:
            return "J2K/YUV16" + q;
        case C::Lzw:
            return "LZW";
        case C::Deflate:
            return "Deflate";
        case C::None:
            return "Raw";
        }
        return {};
    }

    static TiffTileCodec tiffCodec(SyntheticSlideOptions::Compression c) {
        using C = SyntheticSlideOptions::Compression;
        switch (c) {
        case C::Jpeg:
            return TiffTileCodec::Jpeg;
        case C::Jpeg2000:
            return TiffTileCodec::Jpeg2000Rgb;
        case C::Jpeg2000YCbCr:
            return TiffTileCodec::Jpeg2000YCbCr;
        case C::Lzw:
            return TiffTileCodec::Lzw;
        case C::Deflate:
            return TiffTileCodec::Deflate;
        case C::None:
            break;
        }
        return TiffTileCodec::None;
    }

    // One tile (tileSize² RGB at `rgb`, rows `stride` bytes apart) as writeTile takes it.
    Bytes encodeTile(const uint8_t* rgb, size_t stride) const {
        return PyramidTiffWriter::encodeTile(format_, opt_.quality, rgb, opt_.tileSize, stride);
    }

    bool isUniformBackground(const uint8_t* rgb, size_t stride) const {
        const Rgb8 bg = TissuePattern::kBackground;
        for (int32_t y = 0; y < opt_.tileSize; ++y) {
            const uint8_t* p = rgb + size_t(y) * stride;
            for (int32_t x = 0; x < opt_.tileSize; ++x, p += 3)
                if (p[0] != bg.r || p[1] != bg.g || p[2] != bg.b)
                    return false;
        }
        return true;
    }

    const Bytes& backgroundTile() {
        std::call_once(backgroundOnce_, [this] {
            RgbImage glass(opt_.tileSize, opt_.tileSize, TissuePattern::kBackground);
            backgroundTile_ = encodeTile(glass.pixels.data(), size_t(opt_.tileSize) * 3);
        });
        return backgroundTile_;
    }

    // Renders (if asked) and encodes one row of tiles of `level` in parallel, stores them,
    // then feeds the next level (tissue pattern: lower levels are downsampled from this one).
    void produceTileRow(size_t level, bool render) {
        LevelState& l = levels_[level];
        const size_t stride = rowStride(l);
        const int32_t t = opt_.tileSize;
        std::vector<Bytes> encoded(size_t(l.across));
        std::vector<char> background(size_t(l.across), 0);
        pool_.parallelFor(size_t(l.across), [&](size_t col) {
            uint8_t* origin = l.rowBuffer.data() + col * size_t(t) * 3;
            bool allGlass = false;
            if (render && tissue_)
                allGlass = tissue_->render(int64_t(col) * t, l.tileRow * t, t, t, origin, stride);
            else if (render)
                GridPattern::render({int(level), int64_t(col), l.tileRow}, t, origin, stride);
            if (!render && tissue_)
                allGlass = isUniformBackground(origin, stride);
            background[col] = allGlass;
            if (!allGlass)
                encoded[col] = encodeTile(origin, stride);
        });
        for (size_t col = 0; col < size_t(l.across); ++col) {
            const Bytes& bytes = background[col] ? backgroundTile() : encoded[col];
            report_.backgroundTiles += background[col] ? 1 : 0;
            const auto index = uint32_t(l.tileRow * l.across + int64_t(col));
            if (level == 0) {
                tiff_->writeTile(index, bytes);
            } else {
                if (l.spooled.empty())
                    l.spooled.resize(size_t(l.across * l.down));
                l.spooled[index] = spool_.append(bytes);
            }
        }
        if (level + 1 == levels_.size())
            keepCoarsestRows(l);
        if (tissue_ && level + 1 < levels_.size())
            feedNextLevel(level);
        ++l.tileRow;
        // A rendered row is overwritten whole next time; a fed one may be fed only in part
        // (the last row of a level), so it must start again from glass.
        if (!render)
            resetRowBuffer(l);
        tilesDone_ += uint64_t(l.across);
        if (progress_)
            progress_(double(tilesDone_) / double(totalTiles_));
    }

    // Box-filters the row just produced at `level` into its place in the next level's row
    // buffer; when that row of tiles is complete, it is produced in turn.
    void feedNextLevel(size_t level) {
        LevelState& src = levels_[level];
        LevelState& dst = levels_[level + 1];
        const int32_t s = opt_.levelStep;
        const int32_t t = opt_.tileSize;
        const int32_t outRows = t / s;
        const int32_t firstOutRow = int32_t((src.tileRow % s) * outRows);
        const size_t srcStride = rowStride(src), dstStride = rowStride(dst);
        const int64_t srcPixelsAcross = src.across * t;
        const int64_t dstPixelsAcross = dst.across * t;
        const Rgb8 bg = TissuePattern::kBackground;
        pool_.parallelFor(size_t(outRows), [&](size_t r) {
            uint8_t* out = dst.rowBuffer.data() + (size_t(firstOutRow) + r) * dstStride;
            for (int64_t x = 0; x < dstPixelsAcross; ++x) {
                unsigned sum[3] = {0, 0, 0};
                for (int32_t dy = 0; dy < s; ++dy) {
                    const uint8_t* in = src.rowBuffer.data() + (r * s + size_t(dy)) * srcStride;
                    for (int32_t dx = 0; dx < s; ++dx) {
                        const int64_t sx = x * s + dx;
                        if (sx < srcPixelsAcross) {
                            sum[0] += in[sx * 3];
                            sum[1] += in[sx * 3 + 1];
                            sum[2] += in[sx * 3 + 2];
                        } else {
                            sum[0] += bg.r;
                            sum[1] += bg.g;
                            sum[2] += bg.b;
                        }
                    }
                }
                const unsigned n = unsigned(s * s);
                out[x * 3] = uint8_t((sum[0] + n / 2) / n);
                out[x * 3 + 1] = uint8_t((sum[1] + n / 2) / n);
                out[x * 3 + 2] = uint8_t((sum[2] + n / 2) / n);
            }
        });
        const bool lastSourceRow = src.tileRow == src.down - 1;
        if ((src.tileRow + 1) % s == 0 || lastSourceRow)
            produceTileRow(level + 1, false);
    }

    void keepCoarsestRows(const LevelState& l) {
        if (coarsest_.pixels.empty())
            coarsest_ = RgbImage(int32_t(l.width), int32_t(l.height), TissuePattern::kBackground);
        const int64_t top = l.tileRow * opt_.tileSize;
        const auto rows = int32_t(std::min<int64_t>(opt_.tileSize, l.height - top));
        for (int32_t y = 0; y < rows; ++y)
            std::copy_n(l.rowBuffer.data() + size_t(y) * rowStride(l), size_t(l.width) * 3,
                        coarsest_.at(0, int32_t(top + y)));
    }

    void writeSpooledLevel(PyramidTiffWriter& tiff, size_t level) {
        tiff.beginLevel(level, description_.forLevel(plan_.levels[level], false));
        const LevelState& l = levels_[level];
        for (size_t index = 0; index < l.spooled.size(); ++index)
            tiff.writeTile(uint32_t(index), spool_.read(l.spooled[index]));
        tiff.finishLevel();
    }

    // An associated image in one strip: JPEG (complete stream) or LZW-compressed RGB.
    void writeAssociated(PyramidTiffWriter& tiff, const RgbImage& image, const std::string& name,
                         bool jpeg) {
        tiff.writeStrippedImage(image.pixels.data(), image.width, image.height,
                                description_.forAssociated(name, image.width, image.height), jpeg,
                                /*reducedImage=*/name != "thumbnail");
    }

    void writeThumbnail(PyramidTiffWriter& tiff) {
        const double fit = std::min(1.0, 768.0 / std::max(coarsest_.width, coarsest_.height));
        const auto w = std::max(1, int32_t(std::lround(coarsest_.width * fit)));
        const auto h = std::max(1, int32_t(std::lround(coarsest_.height * fit)));
        writeAssociated(tiff, scaled(coarsest_, w, h), "thumbnail", true);
    }

    // A paper label with a bar code and a 2D matrix code (patterns only: no identity).
    RgbImage makeLabel() const {
        RgbImage label(400, 400, {250, 250, 246});
        uint64_t state = opt_.seed * 0x9e3779b97f4a7c15ull + 17;
        auto next = [&state] {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            return state;
        };
        auto fillRect = [&](int x0, int y0, int w, int h, Rgb8 c) {
            for (int y = y0; y < y0 + h; ++y)
                for (int x = x0; x < x0 + w; ++x) {
                    uint8_t* p = label.at(x, y);
                    p[0] = c.r;
                    p[1] = c.g;
                    p[2] = c.b;
                }
        };
        const Rgb8 ink{20, 20, 30};
        for (int x = 40; x < 360;) { // bar code
            const int bar = 2 + int(next() % 5), gap = 2 + int(next() % 4);
            fillRect(x, 40, std::min(bar, 360 - x), 110, ink);
            x += bar + gap;
        }
        for (int cy = 0; cy < 14; ++cy) // matrix code
            for (int cx = 0; cx < 14; ++cx)
                if (cx == 0 || cy == 13 || (next() & 1))
                    fillRect(60 + cx * 10, 190 + cy * 10, 10, 10, ink);
        fillRect(240, 200, 120, 12, {40, 60, 160}); // handwriting-like strokes
        fillRect(240, 230, 90, 12, {40, 60, 160});
        fillRect(240, 260, 110, 12, {40, 60, 160});
        return label;
    }

    // The whole glass slide at low resolution: label on the left, tissue on the right.
    RgbImage makeMacro(const RgbImage& label) const {
        RgbImage macro(1280, 431, {226, 229, 233});
        const RgbImage smallLabel = scaled(label, 360, 360);
        for (int y = 0; y < smallLabel.height; ++y)
            std::copy_n(smallLabel.pixels.data() + size_t(y) * smallLabel.width * 3,
                        size_t(smallLabel.width) * 3, macro.at(20, 35 + y));
        const double fit =
            std::min(860.0 / coarsest_.width, 400.0 / coarsest_.height); // right-hand area
        const auto w = std::max(1, int32_t(coarsest_.width * fit));
        const auto h = std::max(1, int32_t(coarsest_.height * fit));
        const RgbImage tissue = scaled(coarsest_, w, h);
        const int left = 400 + (860 - w) / 2, top = (431 - h) / 2;
        for (int y = 0; y < h; ++y)
            std::copy_n(tissue.pixels.data() + size_t(y) * w * 3, size_t(w) * 3,
                        macro.at(left, top + y));
        return macro;
    }

    const SyntheticSlideOptions& opt_;
    std::function<void(double)> progress_;
    ThreadPool pool_;
    PyramidPlan plan_;
    PyramidTiffWriter::Format format_;
    AperioDescription description_;
    std::unique_ptr<TissuePattern> tissue_;
    std::vector<LevelState> levels_;
    TileSpool spool_;
    PyramidTiffWriter* tiff_ = nullptr;
    RgbImage coarsest_;
    std::once_flag backgroundOnce_;
    Bytes backgroundTile_;
    uint64_t tilesDone_ = 0, totalTiles_ = 0;
    SyntheticSlideReport report_;
};

void validate(const SyntheticSlideOptions& o) {
    auto fail = [&](const std::string& what) {
        throw Error(ErrorKind::InvalidArgument, o.output.string(), what);
    };
    if (o.output.empty())
        fail("no output file given");
    if (o.width < 1 || o.height < 1 || o.width > 4'000'000 || o.height > 4'000'000)
        fail("--width and --height must be between 1 and 4000000 pixels");
    if (o.tileSize < 16 || o.tileSize > 4096 || o.tileSize % 16 != 0)
        fail("--tile must be a multiple of 16 between 16 and 4096");
    if (o.quality < 1 || o.quality > 100)
        fail("--quality must be between 1 and 100");
    if (o.levelStep != 2 && o.levelStep != 4)
        fail("--level-step must be 2 or 4");
    if (!(o.mpp >= 0 && o.mpp < 1000))
        fail("--mpp must be a positive number of µm per pixel (0: none stated)");
    if (!(o.objectivePower >= 0 && o.objectivePower <= 200))
        fail("--magnification must be between 0 and 200");
    if (o.threads < 0 || o.threads > 256)
        fail("--threads must be between 0 and 256");
    if (o.pattern == SyntheticSlideOptions::Pattern::Grid) {
        const int64_t tiles = (std::max(o.width, o.height) + o.tileSize - 1) / o.tileSize;
        if (tiles > GridPattern::kMaxIndex)
            fail("the grid pattern encodes at most 65535 tiles per side");
    }
}

constexpr std::pair<SyntheticSlideOptions::Compression, const char*> kCompressionNames[] = {
    {SyntheticSlideOptions::Compression::Jpeg, "jpeg"},
    {SyntheticSlideOptions::Compression::Jpeg2000, "jp2k"},
    {SyntheticSlideOptions::Compression::Jpeg2000YCbCr, "jp2k-ycbcr"},
    {SyntheticSlideOptions::Compression::Lzw, "lzw"},
    {SyntheticSlideOptions::Compression::Deflate, "deflate"},
    {SyntheticSlideOptions::Compression::None, "none"},
};

} // namespace

SyntheticSlideOptions::Compression parseCompression(const std::string& word) {
    for (const auto& [compression, name] : kCompressionNames)
        if (word == name)
            return compression;
    throw Error(ErrorKind::InvalidArgument, {},
                "--compression must be jpeg, jp2k, jp2k-ycbcr, lzw, deflate or none, not '" + word +
                    "'");
}

std::string compressionName(SyntheticSlideOptions::Compression compression) {
    for (const auto& [c, name] : kCompressionNames)
        if (c == compression)
            return name;
    return "?";
}

SyntheticSlideReport writeSyntheticSlide(const SyntheticSlideOptions& options,
                                         const std::function<void(double)>& progress) {
    validate(options);
    SyntheticSlideReport report;
    // Written beside the target, then renamed, so a reader never sees half a slide.
    replaceFile(options.output, [&](const fs::path& temporary) {
        Writer writer(options, progress);
        report = writer.write(temporary);
    });
    report.fileBytes = fs::file_size(options.output);
    return report;
}

} // namespace lamina
