#pragma once
// A slide shown with a pixel size the user entered (View › Pixel Size…) because its file
// states none (some TCGA JPEG 2000 scans, plain TIFFs). Wraps the slide: the same pixels, id
// and location, with mppX = mppY = the entered value and metadata().mppUserEntered set, so
// every measurement, snapshot caption, export and report says the scale is user-entered.
// Thread-safety: as the wrapped slide (immutable; reads are forwarded).

#include <lamina/slide/SlideSource.h>

#include <memory>

namespace lamina {

class PixelSizeOverride final : public SlideSource {
public:
    // Throws InvalidArgument naming the slide unless 0 < micronsPerPixel < 1000.
    PixelSizeOverride(std::shared_ptr<const SlideSource> slide, double micronsPerPixel);

    const std::shared_ptr<const SlideSource>& originalPtr() const { return slide_; }
    int preferredTileBatch() const override { return slide_->preferredTileBatch(); }
    std::vector<SlidePyramid> pyramids() const override { return slide_->pyramids(); }
    size_t shownPyramid() const override { return slide_->shownPyramid(); }
    std::unique_ptr<SlideSource> withPyramid(size_t index) const override;
    std::optional<StoredTileFormat> storedTileFormat(int level) const override {
        return slide_->storedTileFormat(level);
    }
    std::optional<std::vector<uint8_t>> readStoredTile(int level, int64_t col,
                                                       int64_t row) const override {
        return slide_->readStoredTile(level, col, row);
    }

protected:
    RgbaImage doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                           int32_t height) const override;
    RgbaImage doReadAssociated(const std::string& name) const override;
    RgbaImage doReadTile(int level, int64_t col, int64_t row) const override;
    std::vector<TileReadResult> doReadTiles(int level,
                                            const std::vector<TileIndex>& tiles) const override;

private:
    std::shared_ptr<const SlideSource> slide_;
    double micronsPerPixel_;
};

} // namespace lamina
