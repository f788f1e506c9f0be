#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>
#include <lamina/core/ThreadPool.h>
#include <lamina/render/AnnotationPainter.h>
#include <lamina/render/Camera.h>
#include <lamina/render/ViewScale.h>
#include <lamina/render/export/PyramidExport.h>
#include <lamina/render/export/RegionSampling.h>
#include <lamina/slide/writer/PyramidTiffWriter.h>

#include <fmt/format.h>

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

class PyramidWriter {
public:
    PyramidWriter(const SlideSource& slide, const PyramidExportOptions& o)
        : slide_(slide), opt_(o), pool_(size_t(std::max(0, o.threads))) {
        planLevels();
        format_.codec = isMask() ? TiffTileCodec::Deflate : TiffTileCodec::Jpeg;
        format_.samplesPerPixel = isMask() ? 1 : 3;
        format_.bigTiff = report_.bigTiff;
        format_.software = "Lamina";
        if (opt_.annotations) {
            index_.emplace(*opt_.annotations);
            assignClassValues();
        }
    }

    // Writes to `partial`; errors name `output`, the file the user asked for.
    PyramidExportReport write(const fs::path& partial, const fs::path& output) {
        output_ = output.string();
        PyramidTiffWriter tiff(partial, output_, plan_, format_);
        const uint64_t total = plan_.tileCount();
        uint64_t done = 0;
        report_.tiles = total;
        // Enough tiles per batch to keep every worker busy, few enough to bound memory.
        const size_t batch = std::max<size_t>(8, pool_.threadCount() * 4);
        for (size_t level = 0; level < plan_.levels.size(); ++level) {
            const PyramidLevelPlan& l = plan_.levels[level];
            tiff.beginLevel(level, description(level),
                            report_.micronsPerPixel
                                ? std::optional(*report_.micronsPerPixel * l.downsample)
                                : std::nullopt);
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
                    tiff.writeTile(uint32_t(first + i), std::move(tiles[i]));
                done += n;
                if (opt_.progress && !opt_.progress(double(done) / double(total)))
                    throw Error(ErrorKind::Cancelled, output_, "export cancelled");
            }
            tiff.finishLevel();
        }
        tiff.close();
        return report_;
    }

private:
    bool isMask() const { return opt_.content == Content::LabelMask; }

    // Levels 4x apart down to 1024 pixels. A plan level's downsample is relative to the
    // export's level 0; tile areas need it in slide pixels (see levelDownsample).
    void planLevels() {
        const double ds = opt_.downsample;
        const int64_t w = std::max<int64_t>(1, std::llround(opt_.region.width() / ds));
        const int64_t h = std::max<int64_t>(1, std::llround(opt_.region.height() / ds));
        plan_ = PyramidPlan::make(w, h, opt_.tileSize, 4, 1024);
        for (const auto& l : plan_.levels)
            report_.levels.push_back({l.width, l.height});
        report_.bigTiff = plan_.needsBigTiff(isMask() ? 1 : 3);
        report_.micronsPerPixel = micronsPerScreenPixel(slide_.metadata(), ds);
    }

    // Level-0 slide pixels per pixel of plan level `l`.
    double levelDownsample(const PyramidLevelPlan& l) const {
        return l.downsample * opt_.downsample;
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
        const PyramidLevelPlan& l = plan_.levels[level];
        if (isMask()) {
            std::string text = "Lamina label mask " + std::to_string(l.width) + "x" +
                               std::to_string(l.height) + "\n0 = (none)";
            for (const auto& [value, name] : report_.classValues)
                text +=
                    "\n" + std::to_string(value) + " = " + (name.empty() ? "(unclassified)" : name);
            return text;
        }
        AperioDescription aperio;
        aperio.software += " (Lamina region export)";
        aperio.baseWidth = plan_.levels[0].width;
        aperio.baseHeight = plan_.levels[0].height;
        aperio.tileSize = opt_.tileSize;
        aperio.codec = "JPEG/RGB Q=" + std::to_string(opt_.quality);
        // fmt, not snprintf: readers expect "0.25" whatever the C locale of the writer.
        if (const auto mag = magnificationAt(slide_.metadata(), opt_.downsample))
            aperio.fields.emplace_back("AppMag", fmt::format("{:g}", *mag));
        if (report_.micronsPerPixel)
            aperio.fields.emplace_back("MPP", fmt::format("{:.6f}", *report_.micronsPerPixel));
        if (slide_.metadata().mppUserEntered) // not the scanner's: readers should know
            aperio.fields.emplace_back("Lamina MPP Source", "entered by the user");
        aperio.fields.emplace_back("Lamina Source Region",
                                   fmt::format("{:.0f},{:.0f} {:.0f}x{:.0f} at {:.4g}",
                                               opt_.region.left(), opt_.region.top(),
                                               opt_.region.width(), opt_.region.height(),
                                               opt_.downsample));
        return aperio.forLevel(l, level == 0);
    }

    // The level-0 rectangle covered by a whole tile (edge tiles reach past the region).
    QRectF tileArea(const PyramidLevelPlan& l, int64_t col, int64_t row) const {
        const double side = double(opt_.tileSize) * levelDownsample(l);
        return {opt_.region.left() + double(col) * side, opt_.region.top() + double(row) * side,
                side, side};
    }

    Camera tileCamera(const PyramidLevelPlan& l, const QRectF& area) const {
        Camera camera;
        camera.downsample = levelDownsample(l);
        camera.center = {area.center().x(), area.center().y()};
        return camera;
    }

    Bytes produceTile(const PyramidLevelPlan& l, int64_t col, int64_t row) const {
        return isMask() ? maskTile(l, col, row) : imageTile(l, col, row);
    }

    Bytes imageTile(const PyramidLevelPlan& l, int64_t col, int64_t row) const {
        const int t = opt_.tileSize;
        // The part of the tile inside the export (the rest is padding, left white).
        const auto w = int32_t(std::min<int64_t>(t, l.width - col * t));
        const auto h = int32_t(std::min<int64_t>(t, l.height - row * t));
        const QRectF area = tileArea(l, col, row);
        const QRectF inside(area.topLeft(), QSizeF(w * levelDownsample(l), h * levelDownsample(l)));
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
                                         QSizeF(t, t), {.index = &*index_});
            }
        }
        const QImage rgb = tile.convertToFormat(QImage::Format_RGB888);
        return PyramidTiffWriter::encodeTile(format_, opt_.quality, rgb.constBits(), t,
                                             size_t(rgb.bytesPerLine()));
    }

    Bytes maskTile(const PyramidLevelPlan& l, int64_t col, int64_t row) const {
        const int t = opt_.tileSize;
        const QRectF area = tileArea(l, col, row);
        QImage tile(t, t, QImage::Format_Grayscale8);
        tile.fill(0);
        const auto w = std::min<int64_t>(t, l.width - col * t);
        const auto h = std::min<int64_t>(t, l.height - row * t);
        const auto& document = *opt_.annotations;
        const auto hits = index_->intersecting({area.left(), area.top(),
                                                area.left() + double(w) * levelDownsample(l),
                                                area.top() + double(h) * levelDownsample(l)});
        if (!hits.empty()) {
            QPainter painter(&tile);
            painter.setRenderHint(QPainter::Antialiasing, false); // one class per pixel
            painter.setClipRect(0, 0, int(w), int(h));
            painter.setPen(Qt::NoPen);
            // level-0 -> tile pixels
            painter.setTransform(QTransform()
                                     .scale(1 / levelDownsample(l), 1 / levelDownsample(l))
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
        return PyramidTiffWriter::encodeTile(format_, opt_.quality, tile.constBits(), t,
                                             size_t(tile.bytesPerLine()));
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

    const SlideSource& slide_;
    const PyramidExportOptions& opt_;
    ThreadPool pool_;
    PyramidPlan plan_;
    PyramidTiffWriter::Format format_;
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
