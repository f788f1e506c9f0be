#pragma once
// SlideSource: one opened whole-slide image, whatever its format or backend.
//
// Coordinates: level 0 is full resolution. readRegion() takes the top-left corner in LEVEL-0
// pixels and the size in pixels OF THE REQUESTED LEVEL (OpenSlide's convention). Pixels come
// back as premultiplied ARGB (see RgbaImage); areas outside the slide are transparent (0).
//
// Thread-safety: after construction a SlideSource is immutable; every const method, including
// readRegion/readTile/readAssociated, may be called concurrently from many threads. Backends
// must guarantee this (OpenSlide does; others use per-thread handles or positional reads).

#include <lamina/core/Error.h>
#include <lamina/core/Geometry.h>
#include <lamina/core/RgbaImage.h>
#include <lamina/slide/SlideId.h>

#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace lamina {

struct LevelInfo {
    int64_t width = 0;     // level pixels
    int64_t height = 0;    // level pixels
    double downsample = 1; // level-0 pixels per level pixel
    int32_t tileWidth = 0; // native tile size; backends without tiles report a virtual 256
    int32_t tileHeight = 0;

    int64_t tilesAcross() const { return (width + tileWidth - 1) / tileWidth; }
    int64_t tilesDown() const { return (height + tileHeight - 1) / tileHeight; }
};

// A tile of a level's native grid.
struct TileIndex {
    int64_t col = 0;
    int64_t row = 0;
};

// One tile of a batch read: the pixels, or why they could not be read.
struct TileReadResult {
    std::optional<RgbaImage> tile;
    std::string error;            // set when tile is empty: the exception's what()
    std::exception_ptr exception; // the exception itself, to rethrow as it was
    std::string cause;            // the error without its location (lamina::Error::cause)

    // Call from a catch block (keeps the current exception).
    static TileReadResult failed(const std::exception& e) {
        const auto* error = dynamic_cast<const Error*>(&e);
        return {std::nullopt, e.what(), std::current_exception(),
                error ? error->cause() : std::string(e.what())};
    }
};

// One of several images of the same tissue that a slide may hold, each a full pyramid: a
// DICOM series can hold a z-stack (focal planes) and several optical paths (e.g. brightfield
// and fluorescence channels). A slide shows one at a time.
struct SlidePyramid {
    std::string opticalPath;            // the format's identifier; "" when it has none
    std::optional<double> focalPlaneUm; // Z offset of the focal plane (µm), when known
    // For menus and logs: "optical path 2, focal plane +1.5 µm".
    std::string label() const;
};

// How a level's tiles are stored when a writer can copy them as they are (no decoding, no
// generation loss): complete JPEG or JPEG 2000 streams of tileWidth x tileHeight pixels
// (edge tiles padded, as TIFF and DICOM TILED_FULL store them).
enum class StoredTileCodec { Jpeg, Jpeg2000 };
struct StoredTileFormat {
    StoredTileCodec codec = StoredTileCodec::Jpeg;
    // The coded components are YCbCr (the usual JPEG; Aperio 33003 JPEG 2000, DICOM YBR_FULL),
    // not RGB (Aperio's RGB JPEG; JPEG 2000 whose codestream applies its own colour transform).
    bool ycbcrComponents = true;
    int32_t tileWidth = 0, tileHeight = 0;
};

// Everything a backend knows about a slide before reading pixels.
struct SlideMetadata {
    std::string location; // file path or URL, as given by the user
    // The location that names this same slide however it was opened, when the backend knows
    // one (a DICOM series opened from one of its files is its folder's slide when opening
    // the folder shows that series); empty: `location` itself. Recent lists and annotations
    // use it, so one slide is one entry and one annotation file.
    std::string canonicalLocation;
    std::string backend; // which backend opened it ("openslide", "tiff", "dicom", ...)
    std::string vendor;  // OpenSlide-compatible vendor name ("aperio", "generic-tiff", ...)
    std::vector<LevelInfo> levels;
    std::optional<double> mppX; // µm per level-0 pixel
    std::optional<double> mppY;
    std::optional<double> objectivePower;
    // mppX/mppY were entered by the user (PixelSizeOverride), not read from the file:
    // measurements, captions, exports and reports say so.
    bool mppUserEntered = false;
    std::map<std::string, std::string> properties; // all key/value properties
    // Names of the properties that may identify the patient (filled by the backend: DICOM's
    // patient, accession and container attributes); viewers hide their values like the label.
    std::set<std::string> privateProperties;
    bool isPrivate(const std::string& property) const {
        return privateProperties.contains(property);
    }
    std::vector<std::string> associatedImages; // "label", "macro", "thumbnail", ...
    // The ICC colour profile of the pixels, when the format gives one (DICOM's optical path);
    // empty otherwise. Exposed for export and colour management; the viewer does not apply
    // it yet.
    std::vector<uint8_t> iccProfile;
    SlideId id;
};

class SlideSource {
public:
    explicit SlideSource(SlideMetadata metadata);
    virtual ~SlideSource();
    SlideSource(const SlideSource&) = delete;
    SlideSource& operator=(const SlideSource&) = delete;

    const SlideMetadata& metadata() const { return meta_; }
    const std::string& location() const { return meta_.location; }
    const SlideId& id() const { return meta_.id; }
    int levelCount() const { return int(meta_.levels.size()); }
    const LevelInfo& level(int index) const; // throws InvalidArgument when out of range
    Size dimensions() const { return {meta_.levels[0].width, meta_.levels[0].height}; }

    // The finest level whose downsample is <= the given one (level 0 for anything <= 1).
    int bestLevelForDownsample(double downsample) const;

    // Reads width x height pixels of `level` whose top-left corner is (x, y) in level-0
    // pixels. Parts outside the slide are transparent. Throws lamina::Error: InvalidArgument
    // for a bad level, a negative size or more than RgbaImage::kMaxPixels; Corrupt or Io when
    // the backend fails.
    RgbaImage readRegion(int level, int64_t x, int64_t y, int32_t width, int32_t height) const;

    // Reads tile (col, row) of `level` on the level's native tile grid. Edge tiles are clipped
    // to the level (so they can be smaller than tileWidth x tileHeight).
    RgbaImage readTile(int level, int64_t col, int64_t row) const;

    // Reads several tiles of one level at once; result i is tile i or the reason it failed
    // (a failed tile does not fail the others). Remote backends fetch them in few requests;
    // others read them one by one. Throws InvalidArgument for a bad level or tile.
    std::vector<TileReadResult> readTiles(int level, const std::vector<TileIndex>& tiles) const;
    // How many tiles a loader should hand readTiles() at once: 1 for local files (reading
    // tile by tile keeps the most urgent tile first), more for remote archives where a
    // request's round trip costs more than its bytes.
    virtual int preferredTileBatch() const { return 1; }

    // Whether the tiles of `level` can be had as stored (readStoredTile), and how they are
    // coded; nullopt (the default) when the backend decodes them some other way.
    virtual std::optional<StoredTileFormat> storedTileFormat(int level) const;
    // The stored stream of tile (col, row) of `level`, complete (a TIFF's shared JPEGTables
    // merged in), when storedTileFormat(level) is set; nullopt for a tile stored otherwise or
    // not at all (read it with readTile: absent tiles are transparent). Throws lamina::Error
    // (Io, Corrupt) like readTile.
    virtual std::optional<std::vector<uint8_t>> readStoredTile(int level, int64_t col,
                                                               int64_t row) const;

    // Reads a whole associated image by name. Throws InvalidArgument for an unknown name.
    RgbaImage readAssociated(const std::string& name) const;

    // The pyramids this slide can show (empty or one: nothing to choose) and the index of
    // the one it shows.
    virtual std::vector<SlidePyramid> pyramids() const { return {}; }
    virtual size_t shownPyramid() const { return 0; }
    // The same slide showing pyramid `index` of pyramids(): a new source sharing what it can,
    // with the same location (annotations stay with the slide) but its own id unless it is
    // the default pyramid (tiles of different planes are cached apart). Cheap: no file or
    // network access. Throws InvalidArgument for an index out of range.
    virtual std::unique_ptr<SlideSource> withPyramid(size_t index) const;

protected:
    // For backends, before the source is shared (metadata is immutable afterwards).
    void setCanonicalLocation(std::string location) {
        meta_.canonicalLocation = std::move(location);
    }

    // Backends implement these; arguments are already validated (level exists, size > 0 and
    // within limits; the tile exists; the associated name is listed).
    virtual RgbaImage doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                                   int32_t height) const = 0;
    virtual RgbaImage doReadAssociated(const std::string& name) const = 0;
    // Default: readRegion on the tile's rectangle. Tiled backends override with a direct read.
    virtual RgbaImage doReadTile(int level, int64_t col, int64_t row) const;
    // Default: doReadTile one by one, each failure kept with its tile.
    virtual std::vector<TileReadResult> doReadTiles(int level,
                                                    const std::vector<TileIndex>& tiles) const;

private:
    SlideMetadata meta_;
};

} // namespace lamina
