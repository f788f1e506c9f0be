#include "dicom/DicomSlideSource.h"

#include <lamina/codec/Jpeg2000TileDecoder.h>
#include <lamina/codec/JpegTileDecoder.h>
#include <lamina/core/Error.h>
#include <lamina/core/ImageScaling.h>
#include <lamina/core/Log.h>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace lamina {
namespace {

bool isVolume(const DicomInstance& d) {
    return d.role == "VOLUME" || d.role.empty();
}

uint8_t clamp8(double v) {
    return uint8_t(std::clamp(std::lround(v), 0L, 255L));
}

// A pyramid's key: optical path identifier and focal plane (µm, rounded to 1 nm so that
// values written as text compare equal).
struct LayerKey {
    std::string opticalPath;
    double focalPlaneUm = 0;
    bool operator==(const LayerKey&) const = default;
};

LayerKey keyOf(const DicomInstance& d, const DicomInstance::FrameLayer& layer) {
    return {d.opticalPathIds[layer.opticalPath], std::round(layer.focalPlaneUm * 1000) / 1000};
}

// Calls f(frame, layer) for every frame of a volume instance that belongs to a pyramid.
template <typename F>
void forEachFrame(const DicomInstance& d, F&& f) {
    for (int64_t frame = 0; frame < d.numberOfFrames; ++frame) {
        const DicomInstance::FrameLayer layer = d.layerOf(frame);
        if (d.sparse || layer.place >= 0)
            f(frame, layer);
    }
}

} // namespace

DicomSlideSource::DicomSlideSource(std::string location, std::vector<DicomInstance> instances,
                                   const std::string& backend)
    : DicomSlideSource(
          plan(location, std::make_shared<const std::vector<DicomInstance>>(std::move(instances)),
               backend, std::nullopt)) {}

DicomSlideSource::DicomSlideSource(const std::string& location,
                                   std::shared_ptr<const std::vector<DicomInstance>> instances,
                                   const std::string& backend, size_t pyramid)
    : DicomSlideSource(plan(location, std::move(instances), backend, pyramid)) {}

DicomSlideSource::DicomSlideSource(Plan p)
    : SlideSource(std::move(p.meta)), instances_(std::move(p.instances)),
      levels_(std::move(p.levels)), associated_(std::move(p.associated)),
      warnings_(std::move(p.warnings)), pyramids_(std::move(p.pyramids)),
      shownPyramid_(p.shownPyramid) {
    for (int level = 0; level < levelCount(); ++level)
        storedFormats_.push_back(findStoredTileFormat(level));
}

std::unique_ptr<SlideSource> DicomSlideSource::withPyramid(size_t index) const {
    if (index >= pyramids_.size())
        return SlideSource::withPyramid(index); // throws
    std::unique_ptr<DicomSlideSource> other(
        new DicomSlideSource(location(), instances_, metadata().backend, index));
    other->setCanonicalLocation(metadata().canonicalLocation);
    return other;
}

DicomSlideSource::Plan
DicomSlideSource::plan(const std::string& location,
                       std::shared_ptr<const std::vector<DicomInstance>> shared,
                       const std::string& backend, std::optional<size_t> pyramid) {
    Plan p;
    p.instances = std::move(shared);
    const std::vector<DicomInstance>& instances = *p.instances;
    // The base: a volume instance of the largest pixel matrix (level 0), whatever order the
    // files or the archive's metadata list them in.
    auto first = instances.end();
    for (auto it = instances.begin(); it != instances.end(); ++it)
        if (isVolume(*it) &&
            (first == instances.end() ||
             it->totalWidth * it->totalHeight > first->totalWidth * first->totalHeight))
            first = it;
    if (first == instances.end())
        throw Error(ErrorKind::Corrupt, location,
                    "the DICOM series has no pyramid level (no VOLUME instance)");

    // Pyramids: the (optical path, focal plane) pairs of level 0's frames; optical paths in
    // the order the base instance lists them, then focal planes from low to high.
    std::vector<LayerKey> layers;
    for (const DicomInstance& d : instances)
        if (isVolume(d) && d.totalWidth == first->totalWidth && d.totalHeight == first->totalHeight)
            forEachFrame(d, [&](int64_t, const DicomInstance::FrameLayer& layer) {
                const LayerKey key = keyOf(d, layer);
                if (std::find(layers.begin(), layers.end(), key) == layers.end())
                    layers.push_back(key);
            });
    const auto pathRank = [&](const std::string& id) {
        const auto& ids = first->opticalPathIds;
        return std::find(ids.begin(), ids.end(), id) - ids.begin();
    };
    std::sort(layers.begin(), layers.end(), [&](const LayerKey& a, const LayerKey& b) {
        const auto ra = pathRank(a.opticalPath), rb = pathRank(b.opticalPath);
        if (ra != rb)
            return ra < rb;
        if (a.opticalPath != b.opticalPath)
            return a.opticalPath < b.opticalPath;
        return a.focalPlaneUm < b.focalPlaneUm;
    });
    if (layers.empty()) // frames past every stacked plane: reported by the level below
        layers.push_back({first->opticalPathIds[first->sharedOpticalPath], first->zOffsetUm});
    // Shown by default: the first optical path the base lists, at its middle focal plane (a
    // z-stack is usually scanned around the nominal focus).
    const auto planesOfFirstPath =
        std::count_if(layers.begin(), layers.end(),
                      [&](const LayerKey& k) { return k.opticalPath == layers[0].opticalPath; });
    const auto defaultPyramid = size_t(planesOfFirstPath - 1) / 2;
    const size_t shown = pyramid.value_or(defaultPyramid);
    if (shown >= layers.size())
        throw Error(ErrorKind::InvalidArgument, location, "no pyramid " + std::to_string(shown));
    for (const LayerKey& key : layers)
        p.pyramids.push_back({key.opticalPath, key.focalPlaneUm});
    p.shownPyramid = shown;
    const LayerKey chosen = layers[shown];

    // Levels: the sizes with frames of the chosen optical path, largest first. A level
    // without the chosen focal plane takes the nearest plane it has (low levels are often
    // written for the nominal plane only; focus does not show at that scale).
    std::vector<std::pair<int64_t, int64_t>> sizes;
    for (const DicomInstance& d : instances) {
        if (!isVolume(d) || std::find(sizes.begin(), sizes.end(),
                                      std::pair(d.totalWidth, d.totalHeight)) != sizes.end())
            continue;
        bool hasPath = false;
        forEachFrame(d, [&](int64_t, const DicomInstance::FrameLayer& layer) {
            hasPath = hasPath || d.opticalPathIds[layer.opticalPath] == chosen.opticalPath;
        });
        if (hasPath)
            sizes.emplace_back(d.totalWidth, d.totalHeight);
    }
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    SlideMetadata meta;
    meta.location = location;
    meta.backend = backend;
    meta.vendor = "dicom";
    for (const auto& [width, height] : sizes) {
        LevelInfo info;
        info.width = width;
        info.height = height;
        info.downsample = double(sizes[0].first) / double(width);
        // The focal plane nearest the chosen one among this level's planes of the path.
        std::optional<double> plane;
        for (const DicomInstance& d : instances)
            if (isVolume(d) && d.totalWidth == width && d.totalHeight == height)
                forEachFrame(d, [&](int64_t, const DicomInstance::FrameLayer& layer) {
                    const LayerKey key = keyOf(d, layer);
                    if (key.opticalPath == chosen.opticalPath &&
                        (!plane || std::abs(key.focalPlaneUm - chosen.focalPlaneUm) <
                                       std::abs(*plane - chosen.focalPlaneUm)))
                        plane = key.focalPlaneUm;
                });
        const LayerKey wanted{chosen.opticalPath, plane.value_or(chosen.focalPlaneUm)};
        Level level;
        for (size_t i = 0; i < instances.size(); ++i) {
            const DicomInstance& d = instances[i];
            if (!isVolume(d) || d.totalWidth != width || d.totalHeight != height)
                continue;
            bool holdsWanted = false;
            forEachFrame(d, [&](int64_t, const DicomInstance::FrameLayer& layer) {
                holdsWanted = holdsWanted || keyOf(d, layer) == wanted;
            });
            if (!holdsWanted)
                continue;
            if (info.tileWidth == 0) {
                info.tileWidth = d.frameWidth;
                info.tileHeight = d.frameHeight;
                // The tile table is dense: a damaged pixel matrix (960 M rows over 25 frames)
                // must not allocate gigabytes. A real level fills at least 1/256 of its grid.
                int64_t frames = 0;
                for (const DicomInstance& other : instances)
                    if (isVolume(other) && other.totalWidth == width && other.totalHeight == height)
                        frames += other.numberOfFrames;
                const int64_t cells = info.tilesAcross() * info.tilesDown();
                if (cells > std::min<int64_t>(int64_t(1) << 24,
                                              std::max<int64_t>(int64_t(1) << 20, 256 * frames)))
                    throw Error(ErrorKind::Corrupt, d.path.string(),
                                "a pixel matrix of " + std::to_string(width) + " x " +
                                    std::to_string(height) + " (" + std::to_string(cells) +
                                    " tiles) for " + std::to_string(frames) + " frames");
                level.tiles.resize(size_t(cells));
            } else if (d.frameWidth != info.tileWidth || d.frameHeight != info.tileHeight) {
                p.warnings.push_back(d.path.string() +
                                     ": a second tile size in one level, ignored");
                continue;
            }
            forEachFrame(d, [&](int64_t f, const DicomInstance::FrameLayer& layer) {
                if (!(keyOf(d, layer) == wanted))
                    return;
                int64_t col, row;
                if (d.sparse) {
                    const auto [x, y] = d.framePositions[size_t(f)];
                    if (x < 0 || y < 0 || x % info.tileWidth || y % info.tileHeight)
                        return; // off the tile grid: not a tile of this pyramid
                    col = x / info.tileWidth;
                    row = y / info.tileHeight;
                } else {
                    col = layer.place % info.tilesAcross();
                    row = layer.place / info.tilesAcross();
                }
                if (col < info.tilesAcross() && row < info.tilesDown())
                    level.tiles[size_t(row * info.tilesAcross() + col)] = {int32_t(i), f};
            });
        }
        meta.levels.push_back(info);
        p.levels.push_back(std::move(level));
    }
    for (size_t i = 0; i < instances.size(); ++i) {
        const std::string& role = instances[i].role;
        const char* name = role == "LABEL"       ? "label"
                           : role == "OVERVIEW"  ? "macro"
                           : role == "THUMBNAIL" ? "thumbnail"
                                                 : nullptr;
        if (name && !p.associated.count(name)) {
            p.associated[name] = i;
            meta.associatedImages.push_back(name);
        }
    }
    const DicomInstance& base = *first;
    if (base.spacingColumnMm && base.spacingRowMm) {
        meta.mppX = *base.spacingColumnMm * 1000;
        meta.mppY = *base.spacingRowMm * 1000;
    }
    meta.objectivePower = base.objectivePower;
    meta.iccProfile = base.iccProfile;
    meta.properties = base.properties;
    for (const auto& [name, value] : meta.properties)
        if (isPatientProperty(name))
            meta.privateProperties.insert(name);
    if (!base.transferSyntax.empty()) // DICOMweb metadata does not say it; frames do
        meta.properties["dicom.TransferSyntaxUID"] = base.transferSyntax;
    // The default pyramid keeps the series' id (what annotations and reports were keyed on
    // before a choice existed); another pyramid's tiles must not be cached under it.
    std::string id = "dicom:" + base.studyUid + "/" + base.seriesUid;
    if (shown != defaultPyramid)
        id += "#path=" + chosen.opticalPath +
              "&z=" + fmt::format("{:f}", chosen.focalPlaneUm); // the same id in every locale
    meta.id = SlideId::fromText(id);
    if (p.pyramids.size() > 1)
        meta.properties["lamina.pyramid"] = p.pyramids[shown].label();
    for (const auto& d : instances)
        for (const auto& w : d.warnings)
            if (std::find(p.warnings.begin(), p.warnings.end(), w) == p.warnings.end())
                p.warnings.push_back(w);
    for (const auto& w : p.warnings)
        logger().warn("{}: {}", location, w);
    p.meta = std::move(meta);
    return p;
}

std::vector<DicomSlideSource::FrameBytes>
DicomSlideSource::fetchFrames(const DicomInstance& d, const std::vector<int64_t>& frames) const {
    std::vector<FrameBytes> out;
    out.reserve(frames.size());
    for (const int64_t f : frames)
        out.push_back({d.readFrame(f), d.transferSyntax});
    return out;
}

RgbaImage DicomSlideSource::decodeFrame(const DicomInstance& d, int64_t frame,
                                        const FrameBytes& stored) const {
    const std::vector<uint8_t>& bytes = stored.bytes;
    const int32_t w = d.frameWidth, h = d.frameHeight;
    RgbaImage out(w, h, UninitializedPixels{});
    const std::string& ts = stored.transferSyntax;
    std::string failure;
    if (ts == "1.2.840.10008.1.2.4.50") {
        failure = JpegTileDecoder::forThisThread().decode({}, bytes, d.photometric == "RGB", w, h,
                                                          out.data(), size_t(w));
    } else if (ts == "1.2.840.10008.1.2.4.90" || ts == "1.2.840.10008.1.2.4.91") {
        // YBR_ICT / YBR_RCT: the codestream's own colour transform gives RGB. Only YBR_FULL
        // means components converted before coding (YBR_FULL_422 is not valid here; see read()).
        const bool ycbcr = d.photometric == "YBR_FULL";
        failure = Jpeg2000TileDecoder::decode(bytes,
                                              ycbcr ? Jpeg2000TileDecoder::Components::YCbCr
                                                    : Jpeg2000TileDecoder::Components::Rgb,
                                              w, h, out.data(), size_t(w));
    } else { // native 8-bit
        const size_t plane = size_t(w) * size_t(h);
        if (bytes.size() < plane * size_t(d.samplesPerPixel))
            throw Error(ErrorKind::Corrupt, d.path.string(),
                        "frame " + std::to_string(frame) + " is shorter than its pixels");
        const bool grey = d.samplesPerPixel == 1;
        const bool ybr = d.photometric.rfind("YBR_FULL", 0) == 0;
        for (size_t i = 0; i < plane; ++i) {
            uint8_t c[3];
            for (int k = 0; k < 3; ++k) {
                const size_t at = grey                         ? i
                                  : d.planarConfiguration == 1 ? size_t(k) * plane + i
                                                               : i * 3 + size_t(k);
                c[k] = bytes[at];
            }
            if (grey && d.photometric == "MONOCHROME1")
                c[0] = uint8_t(255 - c[0]);
            if (grey)
                c[1] = c[2] = c[0];
            else if (ybr) {
                const double y = c[0], cb = c[1] - 128.0, cr = c[2] - 128.0;
                c[0] = clamp8(y + 1.402 * cr);
                c[1] = clamp8(y - 0.344136 * cb - 0.714136 * cr);
                c[2] = clamp8(y + 1.772 * cb);
            }
            out.data()[i] = opaqueRgb(c[0], c[1], c[2]);
        }
    }
    if (!failure.empty())
        throw Error(ErrorKind::Corrupt, d.path.string(),
                    "frame " + std::to_string(frame) + " cannot be decoded: " + failure);
    return out;
}

DicomSlideSource::FrameRef DicomSlideSource::frameOf(int level, TileIndex tile) const {
    const LevelInfo& info = metadata().levels[size_t(level)];
    return levels_[size_t(level)].tiles[size_t(tile.row * info.tilesAcross() + tile.col)];
}

RgbaImage DicomSlideSource::tileFromFrame(int level, TileIndex tile, const RgbaImage& frame) const {
    const LevelInfo& info = metadata().levels[size_t(level)];
    const auto w =
        int32_t(std::min<int64_t>(info.tileWidth, info.width - tile.col * info.tileWidth));
    const auto h =
        int32_t(std::min<int64_t>(info.tileHeight, info.height - tile.row * info.tileHeight));
    if (frame.width() == w && frame.height() == h)
        return frame;
    return frame.copy(0, 0, w, h);
}

std::optional<StoredTileFormat> DicomSlideSource::storedTileFormat(int level) const {
    if (level < 0 || size_t(level) >= storedFormats_.size())
        return std::nullopt;
    return storedFormats_[size_t(level)];
}

std::optional<StoredTileFormat> DicomSlideSource::findStoredTileFormat(int level) const {
    const LevelInfo& info = metadata().levels[size_t(level)];
    std::optional<StoredTileFormat> format;
    std::string syntax, photometric;
    for (const FrameRef& ref : levels_[size_t(level)].tiles) {
        if (ref.instance < 0)
            continue; // a gap: read as transparent
        const DicomInstance& d = (*instances_)[size_t(ref.instance)];
        if (format && d.transferSyntax == syntax && d.photometric == photometric)
            continue;
        if (format || d.samplesPerPixel != 3 || d.frameWidth != info.tileWidth ||
            d.frameHeight != info.tileHeight)
            return std::nullopt; // instances that differ: decode
        syntax = d.transferSyntax;
        photometric = d.photometric;
        if (syntax == "1.2.840.10008.1.2.4.50")
            format = StoredTileFormat{StoredTileCodec::Jpeg, photometric != "RGB", d.frameWidth,
                                      d.frameHeight};
        else if (syntax == "1.2.840.10008.1.2.4.90" || syntax == "1.2.840.10008.1.2.4.91")
            format = StoredTileFormat{StoredTileCodec::Jpeg2000, photometric == "YBR_FULL",
                                      d.frameWidth, d.frameHeight};
        else
            return std::nullopt;
    }
    return format;
}

std::optional<std::vector<uint8_t>> DicomSlideSource::readStoredTile(int level, int64_t col,
                                                                     int64_t row) const {
    if (!storedTileFormat(level))
        return std::nullopt;
    const LevelInfo& info = metadata().levels[size_t(level)];
    if (col < 0 || row < 0 || col >= info.tilesAcross() || row >= info.tilesDown())
        throw Error(ErrorKind::InvalidArgument, location(), "no such tile");
    const FrameRef ref = frameOf(level, {col, row});
    if (ref.instance < 0)
        return std::nullopt;
    const DicomInstance& d = (*instances_)[size_t(ref.instance)];
    std::vector<FrameBytes> fetched = fetchFrames(d, {ref.frame});
    if (fetched.size() != 1 || fetched[0].transferSyntax != d.transferSyntax)
        return std::nullopt; // transcoded by the archive: not the stored bytes
    return std::move(fetched[0].bytes);
}

RgbaImage DicomSlideSource::doReadTile(int level, int64_t col, int64_t row) const {
    auto results = doReadTiles(level, {{col, row}});
    if (!results[0].tile)
        std::rethrow_exception(results[0].exception);
    return std::move(*results[0].tile);
}

std::vector<TileReadResult>
DicomSlideSource::doReadTiles(int level, const std::vector<TileIndex>& tiles) const {
    // Frames grouped by instance so that a remote source fetches each group in few requests.
    std::vector<TileReadResult> results(tiles.size());
    std::map<int32_t, std::vector<size_t>> byInstance; // instance -> indices into tiles
    for (size_t i = 0; i < tiles.size(); ++i) {
        const FrameRef ref = frameOf(level, tiles[i]);
        if (ref.instance < 0) // no frame: transparent (TILED_SPARSE gaps)
            results[i].tile = tileFromFrame(level, tiles[i],
                                            RgbaImage(metadata().levels[size_t(level)].tileWidth,
                                                      metadata().levels[size_t(level)].tileHeight));
        else
            byInstance[ref.instance].push_back(i);
    }
    for (const auto& [instance, indices] : byInstance) {
        const DicomInstance& d = (*instances_)[size_t(instance)];
        std::vector<int64_t> frames;
        for (const size_t i : indices)
            frames.push_back(frameOf(level, tiles[i]).frame);
        std::vector<FrameBytes> fetched;
        try {
            fetched = fetchFrames(d, frames);
        } catch (const std::exception& e) {
            for (const size_t i : indices)
                results[i] = TileReadResult::failed(e);
            continue;
        }
        for (size_t k = 0; k < indices.size() && k < fetched.size(); ++k) {
            try {
                results[indices[k]].tile =
                    tileFromFrame(level, tiles[indices[k]], decodeFrame(d, frames[k], fetched[k]));
            } catch (const std::exception& e) {
                results[indices[k]] = TileReadResult::failed(e);
            }
        }
    }
    return results;
}

RgbaImage DicomSlideSource::doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                                         int32_t height) const {
    const LevelInfo& info = metadata().levels[size_t(level)];
    const double ds = info.downsample;
    const auto left = int64_t(std::floor(double(x) / ds)),
               top = int64_t(std::floor(double(y) / ds));
    RgbaImage out(width, height); // transparent outside the slide
    const int64_t col0 = std::max<int64_t>(0, left >= 0 ? left / info.tileWidth : 0);
    const int64_t row0 = std::max<int64_t>(0, top >= 0 ? top / info.tileHeight : 0);
    const int64_t col1 = std::min(info.tilesAcross() - 1, (left + width - 1) / info.tileWidth);
    const int64_t row1 = std::min(info.tilesDown() - 1, (top + height - 1) / info.tileHeight);
    std::vector<TileIndex> tiles;
    for (int64_t row = row0; row <= row1; ++row)
        for (int64_t col = col0; col <= col1; ++col)
            tiles.push_back({col, row});
    if (tiles.empty())
        return out;
    // One batch: a remote source brings the whole region in a few requests.
    auto results = doReadTiles(level, tiles);
    for (size_t i = 0; i < tiles.size(); ++i) {
        if (!results[i].tile)
            std::rethrow_exception(results[i].exception);
        out.blit(*results[i].tile, int32_t(tiles[i].col * info.tileWidth - left),
                 int32_t(tiles[i].row * info.tileHeight - top));
    }
    return out;
}

RgbaImage DicomSlideSource::doReadAssociated(const std::string& name) const {
    const DicomInstance& d = (*instances_)[associated_.at(name)];
    // A single-frame image, or a tiled one assembled from its frames (TILED_FULL order).
    if (d.numberOfFrames == 1 && d.totalWidth <= d.frameWidth && d.totalHeight <= d.frameHeight) {
        RgbaImage frame = decodeFrame(d, 0, fetchFrames(d, {0}).front());
        return frame.copy(0, 0, int32_t(d.totalWidth), int32_t(d.totalHeight));
    }
    if (d.totalWidth * d.totalHeight > RgbaImage::kMaxPixels)
        throw Error(ErrorKind::Corrupt, d.path.string(), "the associated image is too large");
    RgbaImage out(int32_t(d.totalWidth), int32_t(d.totalHeight));
    const int64_t across = (d.totalWidth + d.frameWidth - 1) / d.frameWidth;
    std::vector<int64_t> frames(size_t(d.numberOfFrames));
    for (int64_t f = 0; f < d.numberOfFrames; ++f)
        frames[size_t(f)] = f;
    const std::vector<FrameBytes> fetched = fetchFrames(d, frames);
    for (int64_t f = 0; f < d.numberOfFrames; ++f) {
        const auto [x, y] = d.sparse ? d.framePositions[size_t(f)]
                                     : std::pair<int64_t, int64_t>((f % across) * d.frameWidth,
                                                                   (f / across) * d.frameHeight);
        out.blit(decodeFrame(d, f, fetched[size_t(f)]), int32_t(x), int32_t(y));
    }
    return out;
}

} // namespace lamina
