#include <lamina/core/Error.h>
#include <lamina/render/RasterOverlay.h>

#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace lamina {
namespace {

constexpr int kChunkCells = 512;   // cells per side of one drawn image
constexpr double kFadeBelow = 0.3; // fraction of the range that fades in

struct Stop {
    double t;
    int r, g, b;
};
// Matplotlib's viridis and inferno (perceptually uniform; viridis is readable with colour
// blindness), sampled at nine points and interpolated linearly.
constexpr std::array<Stop, 9> kViridis{{{0.0, 68, 1, 84},
                                        {0.125, 71, 44, 122},
                                        {0.25, 59, 81, 139},
                                        {0.375, 44, 113, 142},
                                        {0.5, 33, 144, 141},
                                        {0.625, 39, 173, 129},
                                        {0.75, 92, 200, 99},
                                        {0.875, 170, 220, 50},
                                        {1.0, 253, 231, 37}}};
constexpr std::array<Stop, 9> kInferno{{{0.0, 0, 0, 4},
                                        {0.125, 31, 12, 72},
                                        {0.25, 85, 15, 109},
                                        {0.375, 136, 34, 106},
                                        {0.5, 186, 54, 85},
                                        {0.625, 227, 89, 51},
                                        {0.75, 249, 140, 10},
                                        {0.875, 249, 201, 50},
                                        {1.0, 252, 255, 164}}};
// Label colours (Tableau 10), from label 1; label 0 is background.
constexpr std::array<QRgb, 10> kLabels{0xff1f77b4, 0xffff7f0e, 0xff2ca02c, 0xffd62728, 0xff9467bd,
                                       0xff8c564b, 0xffe377c2, 0xff7f7f7f, 0xffbcbd22, 0xff17becf};

template <size_t N>
QRgb interpolate(const std::array<Stop, N>& stops, double t) {
    t = std::clamp(t, 0.0, 1.0);
    size_t i = 1;
    while (i + 1 < N && stops[i].t < t)
        ++i;
    const Stop& a = stops[i - 1];
    const Stop& b = stops[i];
    const double f = (t - a.t) / (b.t - a.t);
    auto mix = [f](int x, int y) { return int(std::lround(x + (y - x) * f)); };
    return qRgb(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b));
}

} // namespace

RasterOverlay::RasterOverlay(PluginRaster::Kind kind)
    : kind_(kind),
      colourMap_(kind == PluginRaster::Kind::Labels ? ColourMap::Labels : ColourMap::Viridis) {}

void RasterOverlay::addTile(const PluginRaster& raster) {
    if (raster.kind != kind_)
        throw Error(ErrorKind::InvalidArgument, "raster overlay",
                    "a tile of another kind (labels and continuous values mixed)");
    if (raster.width <= 0 || raster.height <= 0 ||
        raster.values.size() != size_t(raster.width) * size_t(raster.height))
        throw Error(ErrorKind::InvalidArgument, "raster overlay",
                    "a tile whose size does not match its values");
    // Large rasters are cut into chunks, so that painting skips what is off screen.
    for (int top = 0; top < raster.height; top += kChunkCells)
        for (int left = 0; left < raster.width; left += kChunkCells) {
            PluginRaster chunk;
            chunk.kind = raster.kind;
            chunk.width = std::min(kChunkCells, raster.width - left);
            chunk.height = std::min(kChunkCells, raster.height - top);
            chunk.level0PixelsPerPixel = raster.level0PixelsPerPixel;
            chunk.originX = raster.originX + left * raster.level0PixelsPerPixel;
            chunk.originY = raster.originY + top * raster.level0PixelsPerPixel;
            chunk.values.reserve(size_t(chunk.width) * size_t(chunk.height));
            bool any = false;
            for (int row = 0; row < chunk.height; ++row) {
                const float* line =
                    raster.values.data() + size_t(top + row) * size_t(raster.width) + size_t(left);
                for (int col = 0; col < chunk.width; ++col) {
                    const float v = line[col];
                    chunk.values.push_back(v);
                    if (!std::isfinite(v))
                        continue;
                    any = true;
                    if (!seen_) {
                        seen_ = std::pair{double(v), double(v)};
                    } else {
                        seen_->first = std::min(seen_->first, double(v));
                        seen_->second = std::max(seen_->second, double(v));
                    }
                }
            }
            if (!any) // nothing analysed here (a saved mosaic's empty corner)
                continue;
            tiles_.push_back(std::move(chunk));
            chunks_.push_back(Chunk{tiles_.size() - 1, {}, true, {}, 0});
        }
    percentiles_.reset(); // recomputed on the next paint
}

QRectF RasterOverlay::bounds() const {
    QRectF all;
    for (const PluginRaster& t : tiles_)
        all |= QRectF(t.originX, t.originY, t.width * t.level0PixelsPerPixel,
                      t.height * t.level0PixelsPerPixel);
    return all;
}

std::pair<double, double> RasterOverlay::valueRange() const {
    if (fixedRange_)
        return *fixedRange_;
    if (!seen_)
        return {0.0, 1.0};
    if (!percentiles_) {
        // From a sample of at most ~200 000 values, evenly strided over all the cells.
        size_t count = 0;
        for (const PluginRaster& t : tiles_)
            count += t.values.size();
        const size_t stride = std::max<size_t>(1, count / 200'000);
        std::vector<float> sample;
        sample.reserve(count / stride + 1);
        // Visits only the sampled cells: this runs after every batch of tiles during a run.
        size_t skip = 0; // cells to skip at the start of the next tile
        for (const PluginRaster& t : tiles_) {
            size_t k = skip;
            for (; k < t.values.size(); k += stride)
                if (std::isfinite(t.values[k]))
                    sample.push_back(t.values[k]);
            skip = k - t.values.size();
        }
        if (sample.empty())
            return *seen_;
        const auto at = [&](double q) {
            const auto k = sample.begin() + std::lround(q * double(sample.size() - 1));
            std::nth_element(sample.begin(), k, sample.end());
            return double(*k);
        };
        percentiles_ = std::pair{at(0.01), at(0.99)};
        if (!(percentiles_->second > percentiles_->first))
            percentiles_ = seen_; // (nearly) constant: the whole range
    }
    return *percentiles_;
}

void RasterOverlay::setValueRange(std::optional<std::pair<double, double>> range) {
    fixedRange_ = range; // paint() sees the new range and recolours
}

void RasterOverlay::setColourMap(ColourMap map) {
    if (map == colourMap_)
        return;
    colourMap_ = map;
    for (Chunk& c : chunks_)
        c.stale = true;
}

void RasterOverlay::setFadeLowValues(bool fade) {
    if (fade == fadeLow_)
        return;
    fadeLow_ = fade;
    for (Chunk& c : chunks_)
        c.stale = true;
}

void RasterOverlay::setOpacity(double opacity) {
    opacity_ = std::clamp(opacity, 0.0, 1.0);
}

std::optional<float> RasterOverlay::valueAt(double x, double y) const {
    for (auto t = tiles_.rbegin(); t != tiles_.rend(); ++t) {
        const double col = std::floor((x - t->originX) / t->level0PixelsPerPixel);
        const double row = std::floor((y - t->originY) / t->level0PixelsPerPixel);
        if (col >= 0 && row >= 0 && col < t->width && row < t->height) {
            const float v = t->values[size_t(row) * size_t(t->width) + size_t(col)];
            if (std::isfinite(v))
                return v;
        }
    }
    return std::nullopt;
}

void RasterOverlay::colour(Chunk& chunk) const {
    const PluginRaster& tile = tiles_[chunk.tile];
    if (chunk.image.isNull())
        chunk.image = QImage(tile.width, tile.height, QImage::Format_ARGB32_Premultiplied);
    // The range all chunks share (paint() decides when it changes; see colouredWith_).
    const auto [low, high] = kind_ == PluginRaster::Kind::Continuous ? colouredWith_ : valueRange();
    const double span = high - low;
    for (int row = 0; row < tile.height; ++row) {
        auto* out = reinterpret_cast<QRgb*>(chunk.image.scanLine(row));
        const float* in = tile.values.data() + size_t(row) * size_t(tile.width);
        for (int col = 0; col < tile.width; ++col) {
            const float v = in[col];
            if (!std::isfinite(v) || (colourMap_ == ColourMap::Labels && std::lround(v) == 0))
                out[col] = 0;
            else if (colourMap_ == ColourMap::Labels)
                out[col] = colourAt(colourMap_, v);
            else {
                // All values equal (a constant map): shown at the top of the colour map.
                const double t =
                    span > 0 ? std::clamp((v - low) / span, 0.0, 1.0) : (v >= low ? 1.0 : 0.0);
                const QRgb c = colourAt(colourMap_, t);
                const int alpha =
                    fadeLow_ ? int(std::lround(255 * std::min(1.0, t / kFadeBelow))) : 255;
                out[col] = qRgba(qRed(c) * alpha / 255, qGreen(c) * alpha / 255,
                                 qBlue(c) * alpha / 255, alpha); // premultiplied
            }
        }
    }
    chunk.stale = false;
    chunk.reduced = QImage(); // made again from the new colours when needed
}

void RasterOverlay::paint(QPainter& painter, const Camera& camera, QSizeF viewport) const {
    if (opacity_ <= 0 || tiles_.empty())
        return;
    if (kind_ == PluginRaster::Kind::Continuous) {
        const auto [low, high] = valueRange();
        const double tolerance = 0.02 * std::max(high - low, 1e-12);
        if (std::abs(low - colouredWith_.first) > tolerance ||
            std::abs(high - colouredWith_.second) > tolerance) {
            for (Chunk& c : chunks_)
                c.stale = true;
            colouredWith_ = {low, high};
        }
    }
    const QRectF visibleRect = camera.visibleSlideRect(viewport);
    const QTransform slideToScreen = camera.slideToScreen(viewport);
    painter.save();
    painter.setOpacity(painter.opacity() * opacity_);
    // Nearest-neighbour: a cell is a sharp square exactly where it lies on the slide.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    const QTransform base = painter.transform();
    for (Chunk& chunk : chunks_) {
        const PluginRaster& t = tiles_[chunk.tile];
        const double s = t.level0PixelsPerPixel;
        if (!QRectF(t.originX, t.originY, t.width * s, t.height * s).intersects(visibleRect))
            continue;
        if (chunk.stale)
            colour(chunk);
        // Cells per device pixel, rounded down to a power of two: 1 = draw the cells as they are.
        int by = 1;
        while (by < 256 && s * by * 2 <= camera.downsample && by * 2 <= std::min(t.width, t.height))
            by *= 2;
        if (by == 1) {
            // raster cell (u, v) -> level-0 (origin + s*u, ...) -> viewport device pixels.
            const QTransform cellToScreen =
                QTransform(s, 0, 0, s, t.originX, t.originY) * slideToScreen;
            // Only the cells on screen (zoomed in, a chunk is far larger than the view).
            const QRect cells = cellToScreen.inverted()
                                    .mapRect(QRectF(QPointF(0, 0), viewport))
                                    .toAlignedRect()
                                    .adjusted(-1, -1, 1, 1)
                                    .intersected(chunk.image.rect());
            if (cells.isEmpty())
                continue;
            painter.setTransform(cellToScreen * base);
            painter.drawImage(QRectF(cells), chunk.image, QRectF(cells));
            continue;
        }
        if (chunk.reducedBy != by || chunk.reduced.isNull()) {
            chunk.reduced = chunk.image.scaled((t.width + by - 1) / by, (t.height + by - 1) / by,
                                               Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            chunk.reducedBy = by;
        }
        const double sx = s * t.width / chunk.reduced.width();
        const double sy = s * t.height / chunk.reduced.height();
        painter.setTransform(QTransform(sx, 0, 0, sy, t.originX, t.originY) * slideToScreen * base);
        painter.drawImage(QPointF(0, 0), chunk.reduced);
    }
    painter.restore();
}

QRgb RasterOverlay::colourAt(ColourMap map, double t) {
    switch (map) {
    case ColourMap::Viridis:
        return interpolate(kViridis, t);
    case ColourMap::Inferno:
        return interpolate(kInferno, t);
    case ColourMap::Greys: {
        const int g = int(std::lround(255 * std::clamp(t, 0.0, 1.0)));
        return qRgb(g, g, g);
    }
    case ColourMap::Labels: {
        const long label = std::lround(t);
        return label <= 0 ? qRgb(0, 0, 0) : kLabels[size_t(label - 1) % kLabels.size()];
    }
    }
    return qRgb(0, 0, 0);
}

QImage RasterOverlay::colourBar(ColourMap map, QSize size) {
    QImage bar(size, QImage::Format_ARGB32_Premultiplied);
    for (int x = 0; x < size.width(); ++x) {
        const double t = map == ColourMap::Labels
                             ? 1 + std::floor(x * double(kLabels.size()) / size.width())
                             : (x + 0.5) / size.width();
        const QRgb c = colourAt(map, t); // opaque: premultiplied as is
        for (int y = 0; y < size.height(); ++y)
            bar.setPixel(x, y, c);
    }
    return bar;
}

QString RasterOverlay::name(ColourMap map) {
    switch (map) {
    case ColourMap::Viridis:
        return QStringLiteral("viridis");
    case ColourMap::Inferno:
        return QStringLiteral("inferno");
    case ColourMap::Greys:
        return QStringLiteral("greys");
    case ColourMap::Labels:
        return QStringLiteral("labels");
    }
    return {};
}

std::optional<ColourMap> RasterOverlay::fromName(const QString& name) {
    for (ColourMap m :
         {ColourMap::Viridis, ColourMap::Inferno, ColourMap::Greys, ColourMap::Labels})
        if (RasterOverlay::name(m) == name)
            return m;
    return std::nullopt;
}

QStringList RasterOverlay::continuousMapNames() {
    return {name(ColourMap::Viridis), name(ColourMap::Inferno), name(ColourMap::Greys)};
}

} // namespace lamina
