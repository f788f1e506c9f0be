#pragma once
// A slide whose levels are tiled TIFF directories read directly (see TiffSlideBackend).
// Tile offsets, byte counts and JPEG tables of every level are read once at open. A JPEG or
// JPEG 2000 tile read is one pread on a shared descriptor plus one decode, so reads from many
// threads never contend; tiles libtiff decodes itself (LZW, deflate, none) go through a pool
// of libtiff handles, one per concurrent reader. Regions that do not start on a level pixel,
// and associated images, are served by the OpenSlide handle opened beside it, so results
// always equal OpenSlide's — except on levels OpenSlide does not know (SubIFD levels), whose
// regions start at the level pixel below the asked position. Tiles the file marks as absent (offset
// or byte count 0, as in sparse scans) read as transparent, which the viewer draws as the slide's
// background; the first one is logged. Damaged tiles throw lamina::Error (Corrupt) naming the tile.
// Thread-safety: every read may run concurrently.

#include <lamina/slide/SlideSource.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <vector>

namespace lamina {

class TiffHandlePool;

enum class TiffTileCodec {
    Jpeg,          // TIFF compression 7, decoded by libjpeg-turbo
    Jpeg2000Rgb,   // Aperio 33005, decoded by OpenJPEG
    Jpeg2000YCbCr, // Aperio 33003, decoded by OpenJPEG + YCbCr conversion
    Libtiff,       // none / LZW / deflate / PackBits, decoded by libtiff (8-bit RGB)
};

struct TiffLevelLayout {
    uint64_t directoryOffset = 0; // the level's IFD (main chain or SubIFD)
    TiffTileCodec codec = TiffTileCodec::Jpeg;
    int32_t tileWidth = 0, tileHeight = 0;
    int64_t tilesAcross = 0, tilesDown = 0;
    bool rgbPhotometric = false; // JPEG data is RGB (Aperio), not YCbCr
    std::vector<uint64_t> offsets, byteCounts;
    std::vector<uint8_t> jpegTables; // empty when tiles are complete JPEG streams
};

class TiffSlideSource : public SlideSource {
public:
    // `levels` may extend past the OpenSlide handle's levels (SubIFD levels).
    TiffSlideSource(SlideMetadata metadata, std::vector<TiffLevelLayout> levels,
                    const std::filesystem::path& path, int fd,
                    std::unique_ptr<SlideSource> openslide);
    ~TiffSlideSource() override;

    // JPEG and JPEG 2000 levels: tiles as stored (JPEGTables merged into each JPEG tile).
    std::optional<StoredTileFormat> storedTileFormat(int level) const override;
    std::optional<std::vector<uint8_t>> readStoredTile(int level, int64_t col,
                                                       int64_t row) const override;

protected:
    RgbaImage doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                           int32_t height) const override;
    RgbaImage doReadTile(int level, int64_t col, int64_t row) const override;
    RgbaImage doReadAssociated(const std::string& name) const override;

private:
    // Decodes tile (col, row) of `level`, clipped to the level, into `out` at (dx, dy).
    void decodeTileInto(int level, int64_t col, int64_t row, RgbaImage& out, int32_t dx,
                        int32_t dy) const;
    // Decodes the whole stored tile (tileWidth x tileHeight) at `dst`, rows `stride` apart.
    // Returns "" or the reason it failed.
    std::string decodeWholeTile(const TiffLevelLayout& l, size_t index, uint32_t* dst,
                                size_t stride) const;
    void readRawTile(uint64_t offset, uint64_t count, std::vector<uint8_t>& bytes,
                     const std::string& what) const;

    std::vector<TiffLevelLayout> layout_;
    int fd_;
    std::unique_ptr<TiffHandlePool> libtiffHandles_;
    std::unique_ptr<SlideSource> openslide_;
    mutable std::atomic<bool> missingTileLogged_{false};
};

} // namespace lamina
