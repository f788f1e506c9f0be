#pragma once
// A raster laid over the slide — a plugin's heatmap, probability map or label mask — shown
// through a colour map at an opacity. It is made of tiles of float values, each with its own
// place and scale (origin in LEVEL-0 pixels, level-0 pixels per raster cell), as they arrive
// from a run; large rasters (a saved result read back) are cut into chunks so that only the
// part on screen is drawn. Each tile is coloured once into an image (again when the colour
// map or the value range changes); painting draws the tiles that meet the view, scaled
// without smoothing so that each cell covers exactly its level-0 square at any zoom or
// rotation (crisp label edges; a cell is never shifted by filtering). Zoomed out so far that
// cells are smaller than half a screen pixel, a copy averaged down by a power of two is drawn
// instead, so the map does not turn into speckle.
// NaN cells ("not analysed") are transparent, and so is label 0 (background) of a label map.
// Continuous values map linearly from valueRange() onto the colour map: by default from the
// 1st to the 99th percentile of the values seen so far (a few extreme cells would otherwise
// squeeze everything else into one colour); values beyond are clamped; when all are equal,
// they are shown at the top of the map. While a run adds tiles, tiles are coloured again only
// when that range moved by more than 2 % of its span.
// Thread-safety: GUI thread (or one thread at a time); not shared.

#include <lamina/plugin/PluginResult.h>
#include <lamina/render/Camera.h>

#include <QImage>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

class QPainter;

namespace lamina {

enum class ColourMap { Viridis, Inferno, Greys, Labels };

class RasterOverlay {
public:
    explicit RasterOverlay(PluginRaster::Kind kind = PluginRaster::Kind::Continuous);

    // Adds a tile (values copied). Throws lamina::Error(InvalidArgument) when its kind differs
    // from the overlay's or its size does not match its values.
    void addTile(const PluginRaster& raster);
    const std::vector<PluginRaster>& tiles() const { return tiles_; }
    PluginRaster::Kind kind() const { return kind_; }
    bool empty() const { return tiles_.empty(); }
    QRectF bounds() const; // level-0 pixels

    // The finite values seen so far, lowest and highest (nothing before the first one), and
    // the range mapped onto the colour map: the one set, else the 1st..99th percentile.
    std::optional<std::pair<double, double>> valuesSeen() const { return seen_; }
    std::pair<double, double> valueRange() const;
    void setValueRange(std::optional<std::pair<double, double>> range);

    ColourMap colourMap() const { return colourMap_; }
    void setColourMap(ColourMap map);
    // Continuous maps: the lowest 30 % of the range fades to transparent, so a heatmap shows
    // where the values are high and leaves the tissue visible elsewhere (on by default).
    bool fadesLowValues() const { return fadeLow_; }
    void setFadeLowValues(bool fade);
    double opacity() const { return opacity_; }
    void setOpacity(double opacity); // clamped to 0..1

    // The value of the cell under a level-0 point (the last tile holding it), if any.
    std::optional<float> valueAt(double x, double y) const;

    // `painter`'s transform maps device pixels of the viewport to the paint device.
    void paint(QPainter& painter, const Camera& camera, QSizeF viewport) const;

    // The colour map's colour at t in 0..1 (Labels: at label index round(t)); opaque.
    static QRgb colourAt(ColourMap map, double t);
    // A horizontal colour bar, for legends.
    static QImage colourBar(ColourMap map, QSize size);
    static QString name(ColourMap map);
    static std::optional<ColourMap> fromName(const QString& name);
    static QStringList continuousMapNames(); // for a chooser

private:
    struct Chunk {
        size_t tile;       // index into tiles_
        QImage image;      // coloured, premultiplied ARGB
        bool stale = true; // colour map or range changed since it was coloured
        QImage reduced;    // `image` averaged down by `reducedBy` (zoomed far out)
        int reducedBy = 0;
    };
    void colour(Chunk& chunk) const;

    PluginRaster::Kind kind_;
    std::vector<PluginRaster> tiles_;
    mutable std::vector<Chunk> chunks_; // one per tile
    std::optional<std::pair<double, double>> seen_, fixedRange_;
    mutable std::optional<std::pair<double, double>> percentiles_; // 1st, 99th; empty = stale
    mutable std::pair<double, double> colouredWith_{0,
                                                    0}; // the range the chunks were coloured with
    ColourMap colourMap_;
    double opacity_ = 0.6;
    bool fadeLow_ = true;
};

} // namespace lamina
