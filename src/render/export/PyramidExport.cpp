#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>
#include <lamina/core/ThreadPool.h>
#include <lamina/render/AnnotationPainter.h>
#include <lamina/render/Camera.h>
#include <lamina/render/ViewScale.h>
#include <lamina/render/export/PyramidExport.h>
#include <lamina/render/export/RegionSampling.h>
#include <lamina/slide/TiffFile.h>
#include <lamina/slide/tiff/JpegTileEncoder.h>

#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace lamina {
namespace fs = std::filesystem;
namespace {

using Bytes = std::vector<unsigned char>;
using Content = PyramidExportOptions::Content;

struct LevelPlan {
    int64_t width, height, across, down;
    double downsample; // level-0 slide pixels per pixel of this level
};

class PyramidWriter {
public:
    PyramidWriter(const SlideSource& slide, const PyramidExportOptions& o)
        : slide_(slide), opt_(o), pool_(size_t(std::max(0, o.threads))) {
        planLevels();
        if (opt_.annotations) {
            index_.emplace(*opt_.annotations);
            assignClassValues();
        }
    }

    // Writes to `partial`; errors name `output`, the file the user asked for.
    PyramidExportReport write(const fs::path& partial, const fs::path& output) {
        output_ = output.string();
        TiffFile tiff(partial, report_.bigTiff ? "w8" : "w");
        uint64_t total = 0, done = 0;
        for (const auto& l : levels_)
            total += uint64_t(l.across * l.down);
        report_.tiles = total;
        // Enough tiles per batch to keep every worker busy, few enough to bound memory.
        const size_t batch = std::max<size_t>(8, pool_.threadCount() * 4);
        for (size_t level = 0; level < levels_.size(); ++level) {
            const LevelPlan& l = levels_[level];
            setDirectoryTags(tiff.get(), level);
            const auto count = uint64_t(l.across * l.down);
            for (uint64_t first = 0; first < count; first += batch) {
                const size_t n = size_t(std::min<uint64_t>(batch, count - first));
                std::vector<Bytes> tiles(n);
                pool_.parallelFor(n, [&](size_t i) {
                    const uint64_t index = first + i;
                    tiles[i] = produceTile(l, int64_t(index % uint64_t(l.across)),
                                           int64_t(index / uint64_t(l.across)));
                });
                for (size_t i = 0; i < n; ++i)
                    writeTile(tiff, uint32_t(first + i), tiles[i]);
                done += n;
                if (opt_.progress && !opt_.progress(double(done) / double(total)))
                    throw Error(ErrorKind::Cancelled, output_, "export cancelled");
            }
            if (!TIFFWriteDirectory(tiff.get()))
                throw Error(ErrorKind::Io, output_,
                            "writing a TIFF directory failed: " + tiff.lastError());
        }
        tiff.close();
        return report_;
    }

private:
    bool isMask() const { return opt_.content == Content::LabelMask; }

    void planLevels() {
        const double ds = opt_.downsample;
        int64_t w = std::max<int64_t>(1, std::llround(opt_.region.width() / ds));
        int64_t h = std::max<int64_t>(1, std::llround(opt_.region.height() / ds));
        double levelDs = ds;
        double raw = 0;
        for (;;) {
            const int64_t t = opt_.tileSize;
            levels_.push_back({w, h, (w + t - 1) / t, (h + t - 1) / t, levelDs});
            report_.levels.push_back({w, h});
            raw += double(levels_.back().across * t) * double(levels_.back().down * t) *
                   (isMask() ? 1 : 3);
            if (std::max(w, h) <= 1024)
                break;
            w = (w + 3) / 4;
            h = (h + 3) / 4;
            levelDs *= 4;
        }
        // Raw pixels that fit in 4 GiB certainly compress into a classic TIFF.
        report_.bigTiff = raw > 3.9 * 1024 * 1024 * 1024;
        report_.micronsPerPixel = micronsPerScreenPixel(slide_.metadata(), ds);
    }

    // Classes in the document's order get 1, 2, ...; unclassified areas the next value.
    void assignClassValues() {
        int value = 1;
        for (const auto& c : opt_.annotations->classes)
            classValue_[c.name] = value++;
        classValue_[""] = value;
        if (isMask() && value > 255)
            throw Error(ErrorKind::InvalidArgument, slide_.location(),
                        "a label mask holds at most 254 classes; the document has " +
                            std::to_string(value - 1));
        for (const auto& [name, v] : classValue_)
            report_.classValues.emplace_back(v, name);
        std::sort(report_.classValues.begin(), report_.classValues.end());
    }

    std::string description(size_t level) const {
        const LevelPlan& l = levels_[level];
        const std::string size = std::to_string(l.width) + "x" + std::to_string(l.height);
        if (isMask()) {
            std::string text = "Lamina label mask " + size + "\n0 = (none)";
            for (const auto& [value, name] : report_.classValues)
                text +=
                    "\n" + std::to_string(value) + " = " + (name.empty() ? "(unclassified)" : name);
            return text;
        }
        // OpenSlide's Aperio reader takes "key = value" fields after the first '|'.
        const LevelPlan& top = levels_[0];
        std::string text = "Aperio Image Library v12.0.0 (Lamina region export)\n" +
                           std::to_string(top.width) + "x" + std::to_string(top.height);
        if (level > 0)
            return text + " -> " + size;
        char region[160];
        std::snprintf(region, sizeof region, "%.0f,%.0f %.0fx%.0f at %.4g", opt_.region.left(),
                      opt_.region.top(), opt_.region.width(), opt_.region.height(),
                      opt_.downsample);
        text += std::string(" [0,0 ") + size + "] (" + std::to_string(opt_.tileSize) + "x" +
                std::to_string(opt_.tileSize) + ") JPEG/RGB Q=" + std::to_string(opt_.quality);
        if (const auto mag = magnificationAt(slide_.metadata(), opt_.downsample)) {
            char value[32];
            std::snprintf(value, sizeof value, "%g", *mag);
            text += std::string("|AppMag = ") + value;
        }
        if (report_.micronsPerPixel) {
            char value[32];
            std::snprintf(value, sizeof value, "%.6f", *report_.micronsPerPixel);
            text += std::string("|MPP = ") + value;
        }
        return text + "|Lamina Source Region = " + region;
    }

    void setDirectoryTags(TIFF* t, size_t level) const {
        const LevelPlan& l = levels_[level];
        TIFFSetField(t, TIFFTAG_SUBFILETYPE, level == 0 ? 0 : FILETYPE_REDUCEDIMAGE);
        TIFFSetField(t, TIFFTAG_IMAGEWIDTH, uint32_t(l.width));
        TIFFSetField(t, TIFFTAG_IMAGELENGTH, uint32_t(l.height));
        TIFFSetField(t, TIFFTAG_TILEWIDTH, uint32_t(opt_.tileSize));
        TIFFSetField(t, TIFFTAG_TILELENGTH, uint32_t(opt_.tileSize));
        if (isMask()) {
            TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
            TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
            TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
            TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
        } else {
            JpegTileEncoder::setTiffTags(t);
        }
        TIFFSetField(t, TIFFTAG_IMAGEDESCRIPTION, description(level).c_str());
        TIFFSetField(t, TIFFTAG_SOFTWARE, "Lamina");
        if (report_.micronsPerPixel) {
            const double micronsHere = *report_.micronsPerPixel * l.downsample / opt_.downsample;
            TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_CENTIMETER);
            TIFFSetField(t, TIFFTAG_XRESOLUTION, float(1e4 / micronsHere));
            TIFFSetField(t, TIFFTAG_YRESOLUTION, float(1e4 / micronsHere));
        }
    }

    // The level-0 rectangle covered by a whole tile (edge tiles reach past the region).
    QRectF tileArea(const LevelPlan& l, int64_t col, int64_t row) const {
        const double side = double(opt_.tileSize) * l.downsample;
        return {opt_.region.left() + double(col) * side, opt_.region.top() + double(row) * side,
                side, side};
    }

    Camera tileCamera(const LevelPlan& l, const QRectF& area) const {
        Camera camera;
        camera.downsample = l.downsample;
        camera.center = {area.center().x(), area.center().y()};
        return camera;
    }

    Bytes produceTile(const LevelPlan& l, int64_t col, int64_t row) const {
        return isMask() ? maskTile(l, col, row) : imageTile(l, col, row);
    }

    Bytes imageTile(const LevelPlan& l, int64_t col, int64_t row) const {
        const int t = opt_.tileSize;
        // The part of the tile inside the export (the rest is padding, left white).
        const auto w = int32_t(std::min<int64_t>(t, l.width - col * t));
        const auto h = int32_t(std::min<int64_t>(t, l.height - row * t));
        const QRectF area = tileArea(l, col, row);
        const QRectF inside(area.topLeft(), QSizeF(w * l.downsample, h * l.downsample));
        const RgbaImage pixels = sampleRegion(slide_, inside, w, h).pixels;
        QImage tile(t, t, QImage::Format_ARGB32_Premultiplied);
        tile.fill(Qt::white);
        {
            QPainter painter(&tile);
            painter.drawImage(0, 0,
                              QImage(reinterpret_cast<const uchar*>(pixels.data()), w, h,
                                     qsizetype(w) * 4, QImage::Format_ARGB32_Premultiplied));
            if (opt_.annotations) {
                painter.setClipRect(0, 0, w, h);
                AnnotationPainter::paint(painter, *opt_.annotations, tileCamera(l, area),
                                         QSizeF(t, t), {}, &*index_);
            }
        }
        const QImage rgb = tile.convertToFormat(QImage::Format_RGB888);
        return JpegTileEncoder::forThisThread().encode(rgb.constBits(), t, t,
                                                       size_t(rgb.bytesPerLine()), opt_.quality);
    }

    Bytes maskTile(const LevelPlan& l, int64_t col, int64_t row) const {
        const int t = opt_.tileSize;
        const QRectF area = tileArea(l, col, row);
        QImage tile(t, t, QImage::Format_Grayscale8);
        tile.fill(0);
        const auto w = std::min<int64_t>(t, l.width - col * t);
        const auto h = std::min<int64_t>(t, l.height - row * t);
        const auto& document = *opt_.annotations;
        const auto hits =
            index_->intersecting({area.left(), area.top(), area.left() + double(w) * l.downsample,
                                  area.top() + double(h) * l.downsample});
        if (!hits.empty()) {
            QPainter painter(&tile);
            painter.setRenderHint(QPainter::Antialiasing, false); // one class per pixel
            painter.setClipRect(0, 0, int(w), int(h));
            painter.setPen(Qt::NoPen);
            // level-0 -> tile pixels
            painter.setTransform(QTransform()
                                     .scale(1 / l.downsample, 1 / l.downsample)
                                     .translate(-area.left(), -area.top()));
            for (const auto& at : hits) {
                const AnnotationLayer& layer = document.layers[at.layer];
                const Annotation& a = layer.annotations[at.index];
                if (!layer.visible || !a.geometry.isArea())
                    continue;
                const auto found = classValue_.find(a.className);
                const int value = found != classValue_.end() ? found->second : classValue_.at("");
                painter.setBrush(QColor(value, value, value));
                painter.drawPath(areaPath(a.geometry));
            }
        }
        Bytes packed(size_t(t) * size_t(t));
        for (int y = 0; y < t; ++y)
            std::copy_n(tile.constScanLine(y), t, packed.data() + size_t(y) * size_t(t));
        return packed;
    }

    static QPainterPath areaPath(const AnnotationGeometry& geometry) {
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill); // holes cut out
        const auto addRing = [&path](const std::vector<PointD>& ring) {
            if (ring.empty())
                return;
            path.moveTo(ring[0].x, ring[0].y);
            for (size_t i = 1; i < ring.size(); ++i)
                path.lineTo(ring[i].x, ring[i].y);
            path.closeSubpath();
        };
        addRing(geometry.outline());
        for (const auto& hole : geometry.holes)
            addRing(hole);
        return path;
    }

    void writeTile(TiffFile& tiff, uint32_t index, Bytes& bytes) {
        // Image tiles are complete JPEG streams (raw); mask tiles are compressed by libtiff.
        const tmsize_t written =
            isMask() ? TIFFWriteEncodedTile(tiff.get(), index, bytes.data(), tmsize_t(bytes.size()))
                     : TIFFWriteRawTile(tiff.get(), index, bytes.data(), tmsize_t(bytes.size()));
        if (written < 0)
            throw Error(ErrorKind::Io, output_, "writing a tile failed: " + tiff.lastError());
    }

    const SlideSource& slide_;
    const PyramidExportOptions& opt_;
    ThreadPool pool_;
    std::vector<LevelPlan> levels_;
    std::optional<AnnotationIndex> index_;
    std::map<std::string, int> classValue_;
    PyramidExportReport report_;
    std::string output_;
};

void validate(const SlideSource& slide, const PyramidExportOptions& o) {
    const std::string& source = slide.location();
    const Size dims = slide.dimensions();
    const QRectF& r = o.region;
    if (!std::isfinite(o.downsample) || o.downsample <= 0)
        throw Error(ErrorKind::InvalidArgument, source, "the export resolution must be positive");
    if (o.downsample < 1 && !o.allowUpscale)
        throw Error(ErrorKind::InvalidArgument, source,
                    "the export would be enlarged beyond the slide's resolution (ask for "
                    "up-scaling explicitly)");
    const bool finite = std::isfinite(r.left()) && std::isfinite(r.top()) &&
                        std::isfinite(r.width()) && std::isfinite(r.height());
    if (!finite || r.isEmpty() || r.right() <= 0 || r.bottom() <= 0 ||
        r.left() >= double(dims.width) || r.top() >= double(dims.height))
        throw Error(ErrorKind::InvalidArgument, source,
                    "the export region is outside the slide (" + std::to_string(dims.width) +
                        " x " + std::to_string(dims.height) + " pixels)");
    if (r.width() / o.downsample > 4e6 || r.height() / o.downsample > 4e6)
        throw Error(ErrorKind::InvalidArgument, source,
                    "the export would be more than 4 000 000 pixels per side");
    if (o.tileSize < 16 || o.tileSize > 4096 || o.tileSize % 16 != 0)
        throw Error(ErrorKind::InvalidArgument, source,
                    "the tile size must be a multiple of 16 between 16 and 4096");
    const double tiles = std::ceil(r.width() / o.downsample / o.tileSize) *
                         std::ceil(r.height() / o.downsample / o.tileSize);
    if (tiles > 1e9) // TIFF tile indices are 32-bit
        throw Error(ErrorKind::InvalidArgument, source,
                    "the export would have more than a billion tiles: use larger tiles");
    if (o.quality < 1 || o.quality > 100)
        throw Error(ErrorKind::InvalidArgument, source, "the JPEG quality must be 1 to 100");
    if (o.content == Content::LabelMask && !o.annotations)
        throw Error(ErrorKind::InvalidArgument, source, "a label mask needs annotations");
}

} // namespace

PyramidExportReport exportPyramid(const SlideSource& slide, const PyramidExportOptions& options,
                                  const fs::path& output) {
    validate(slide, options);
    PyramidExportReport report;
    // Written beside the target, then renamed, so no reader ever sees half a pyramid.
    replaceFile(output, [&](const fs::path& temporary) {
        PyramidWriter writer(slide, options);
        report = writer.write(temporary, output);
    });
    report.fileBytes = fs::file_size(output);
    return report;
}

} // namespace lamina
