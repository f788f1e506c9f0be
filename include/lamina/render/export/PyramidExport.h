#pragma once
// Large-region export: a rectangle of the slide, at a chosen resolution and of any size, to a
// pyramidal tiled TIFF — either the image (JPEG tiles, annotation outlines optionally burned
// in) or a label mask of the annotations (one 8-bit value per class, deflate tiles) for
// machine learning.
//
// Streamed: every output tile of every level is read from the source pyramid at that level's
// resolution, independently of the others, so memory stays a few tiles per worker thread
// whatever the region size (no level is ever held whole, nothing is spooled). Levels are 4x
// apart down to 1024 pixels. The image file follows the Aperio SVS convention (MPP and AppMag
// in the ImageDescription, the only place OpenSlide 3.4 reads a scale from a TIFF) and also
// carries the resolution in XResolution/YResolution (pixels per cm) for generic TIFF readers.
// The file appears atomically (written beside the target, renamed at the end); a failure or a
// cancel leaves nothing behind.
//
// Coordinates: `region` in level-0 pixels; `downsample` in level-0 pixels per output pixel.
// Thread-safety: one call writes one file; it uses its own worker threads; `progress` is
// called on the calling thread.

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/slide/SlideSource.h>

#include <QRectF>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lamina {

struct PyramidExportOptions {
    enum class Content {
        Image,     // the slide's pixels (+ annotation outlines when `annotations` is set)
        LabelMask, // visible area annotations filled with their class's value; 0 = none
    };
    Content content = Content::Image;
    QRectF region;         // level-0 pixels
    double downsample = 1; // level-0 pixels per output pixel (level 0 of the export)
    bool allowUpscale = false;
    const AnnotationDocument* annotations = nullptr; // required for LabelMask
    int quality = 90;                                // JPEG quality of image tiles
    int tileSize = 512;                              // 16..4096, multiple of 16
    int threads = 0;                                 // 0 = all cores
    // Called after each batch of tiles with the fraction done (0..1); return false to cancel.
    std::function<bool(double)> progress;
};

struct PyramidExportReport {
    struct Level {
        int64_t width, height;
    };
    std::vector<Level> levels;
    uint64_t tiles = 0;
    uint64_t fileBytes = 0;
    bool bigTiff = false;
    std::optional<double> micronsPerPixel; // of the export's level 0
    // LabelMask: the value written for each class ("" = unclassified), 1-based.
    std::vector<std::pair<int, std::string>> classValues;
};

// Throws lamina::Error: InvalidArgument (names the slide) for a region outside the slide, a
// bad resolution or refused up-scale, more than 254 classes; Cancelled when `progress`
// returned false; Io (names the output) when it cannot be written; Corrupt/Io from the slide.
PyramidExportReport exportPyramid(const SlideSource& slide, const PyramidExportOptions& options,
                                  const std::filesystem::path& output);

} // namespace lamina
