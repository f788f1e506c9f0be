#pragma once
// A slide whose levels are JPEG-tiled TIFF directories read directly (see TiffSlideBackend).
// Tile offsets, byte counts and JPEG tables of every level are read once at open; a tile read
// is one pread on a shared descriptor plus one decode, so reads from many threads never
// contend. Regions that do not start on a level pixel, and associated images, are served by
// the OpenSlide handle opened beside it, so results always equal OpenSlide's.
// Thread-safety: every read may run concurrently.

#include <lamina/slide/SlideSource.h>

#include <memory>
#include <vector>

namespace lamina {

struct TiffLevelLayout {
    uint16_t directory = 0;
    int32_t tileWidth = 0, tileHeight = 0;
    int64_t tilesAcross = 0, tilesDown = 0;
    bool rgbPhotometric = false; // JPEG data is RGB (Aperio), not YCbCr
    std::vector<uint64_t> offsets, byteCounts;
    std::vector<uint8_t> jpegTables; // empty when tiles are complete JPEG streams
};

class TiffSlideSource : public SlideSource {
public:
    TiffSlideSource(SlideMetadata metadata, std::vector<TiffLevelLayout> levels, int fd,
                    std::unique_ptr<SlideSource> openslide);
    ~TiffSlideSource() override;

protected:
    RgbaImage doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                           int32_t height) const override;
    RgbaImage doReadTile(int level, int64_t col, int64_t row) const override;
    RgbaImage doReadAssociated(const std::string& name) const override;

private:
    // Decodes tile (col, row) of `level`, clipped to the level, into `out` at (dx, dy).
    void decodeTileInto(int level, int64_t col, int64_t row, RgbaImage& out, int32_t dx,
                        int32_t dy) const;

    std::vector<TiffLevelLayout> layout_;
    int fd_;
    std::unique_ptr<SlideSource> openslide_;
};

} // namespace lamina
