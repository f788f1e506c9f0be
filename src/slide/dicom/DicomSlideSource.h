#pragma once
// A DICOM whole-slide image: the instances of one series as one slide.
// VOLUME instances are the pyramid levels (grouped by total pixel matrix size, so a level split
// over several files — concatenations, or OrthancWSIDicomizer's size-limited instances —
// is one level); LABEL, OVERVIEW and THUMBNAIL instances are the associated images "label",
// "macro" and "thumbnail". Tiles are the DICOM frames: TILED_FULL in frame order, TILED_SPARSE
// by their plane positions; a tile no frame covers is transparent. Frames are read on demand
// (positional reads) and decoded with the same JPEG / JPEG 2000 decoders as TIFF tiles.
// A series may hold several pyramids — focal planes of a z-stack, optical paths — told apart
// frame by frame (TILED_SPARSE: per-frame ZOffset and OpticalPathIdentification; TILED_FULL:
// planes, then paths, stacked in frame order); the slide shows one (default: the base's
// first optical path at its middle focal plane) and withPyramid() gives another; a level
// lacking the chosen plane uses its nearest one.
// The slide id is "dicom:STUDY/SERIES" (default pyramid), so annotations and reports key on
// the UIDs.
// Thread-safety: immutable after construction; reads may run concurrently.

#include <lamina/slide/SlideSource.h>
#include <lamina/slide/dicom/DicomInstance.h>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace lamina {

class DicomSlideSource : public SlideSource {
public:
    // `instances`: one series (throws lamina::Error(Corrupt) when it has no VOLUME instance).
    // `backend` names who reads the frames ("dicom" for files, "dicomweb").
    DicomSlideSource(std::string location, std::vector<DicomInstance> instances,
                     const std::string& backend = "dicom");

    // Names the slide as its folder when that opens the same series (DicomBackend).
    using SlideSource::setCanonicalLocation;

    // The warnings of non-conformant but readable files (also logged once at open).
    const std::vector<std::string>& warnings() const { return warnings_; }

    // JPEG and JPEG 2000 levels whose tiles are all frames of one transfer syntax and colour.
    std::optional<StoredTileFormat> storedTileFormat(int level) const override;
    // The frame as stored; nullopt when the archive sent it in another transfer syntax.
    std::optional<std::vector<uint8_t>> readStoredTile(int level, int64_t col,
                                                       int64_t row) const override;

    std::vector<SlidePyramid> pyramids() const override { return pyramids_; }
    size_t shownPyramid() const override { return shownPyramid_; }
    std::unique_ptr<SlideSource> withPyramid(size_t index) const override;

protected:
    using FrameBytes = DicomFrame;
    // Fetches frames (0-based) of one instance, in the order asked. The default reads the
    // local file (positional reads); the DICOMweb source asks its archive, several frames per
    // request. Throws lamina::Error.
    virtual std::vector<FrameBytes> fetchFrames(const DicomInstance& instance,
                                                const std::vector<int64_t>& frames) const;
    const std::vector<DicomInstance>& instances() const { return *instances_; }
    // Another pyramid of the same instances (shared, not copied).
    DicomSlideSource(const std::string& location,
                     std::shared_ptr<const std::vector<DicomInstance>> instances,
                     const std::string& backend, size_t pyramid);
    const std::shared_ptr<const std::vector<DicomInstance>>& sharedInstances() const {
        return instances_;
    }

    std::vector<TileReadResult> doReadTiles(int level,
                                            const std::vector<TileIndex>& tiles) const override;
    RgbaImage doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                           int32_t height) const override;
    RgbaImage doReadAssociated(const std::string& name) const override;
    RgbaImage doReadTile(int level, int64_t col, int64_t row) const override;

private:
    struct FrameRef {
        int32_t instance = -1; // index into instances_; -1: no frame covers this tile
        int64_t frame = 0;
    };
    struct Level {
        std::vector<FrameRef> tiles; // row-major, tilesAcross x tilesDown
    };
    // Everything worked out from the instances before the SlideSource exists.
    struct Plan {
        SlideMetadata meta;
        std::shared_ptr<const std::vector<DicomInstance>> instances;
        std::vector<Level> levels;
        std::map<std::string, size_t> associated; // name -> instance
        std::vector<std::string> warnings;
        std::vector<SlidePyramid> pyramids;
        size_t shownPyramid = 0;
    };
    // `pyramid`: index into the pyramids found; nothing = the default one.
    static Plan plan(const std::string& location,
                     std::shared_ptr<const std::vector<DicomInstance>> instances,
                     const std::string& backend, std::optional<size_t> pyramid);
    explicit DicomSlideSource(Plan plan);
    RgbaImage decodeFrame(const DicomInstance& instance, int64_t frame,
                          const FrameBytes& bytes) const;
    // The tile's pixels from its frame, clipped at the level's edge.
    RgbaImage tileFromFrame(int level, TileIndex tile, const RgbaImage& frame) const;
    FrameRef frameOf(int level, TileIndex tile) const;
    std::optional<StoredTileFormat> findStoredTileFormat(int level) const;

    std::shared_ptr<const std::vector<DicomInstance>> instances_; // shared by all pyramids
    std::vector<Level> levels_;
    std::map<std::string, size_t> associated_; // name -> instance
    std::vector<std::string> warnings_;
    std::vector<SlidePyramid> pyramids_;
    size_t shownPyramid_ = 0;
    std::vector<std::optional<StoredTileFormat>> storedFormats_; // per level, from the instances
};

} // namespace lamina
