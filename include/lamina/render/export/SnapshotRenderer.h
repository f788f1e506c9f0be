#pragma once
// A snapshot for a report: a rectangle of the slide rendered at a chosen resolution, with
// the analysis overlays and annotations burned in, a scale bar drawn at its exact pixel length, and
// a caption band below the image (slide name, magnification, µm per pixel, date — never the label
// image or its text, which can identify the patient).
//
// Pixels come from the finest pyramid level not finer than needed, area-averaged down to
// the output; at downsample 1 they are exactly readRegion's. Up-scaling (a downsample below
// 1) is refused unless asked for. Bounded: at most 16384 output pixels per side and 2^28
// source pixels read; larger regions belong to the large-region export.
// Coordinates: the region in level-0 pixels; the downsample in level-0 pixels per output
// pixel. Thread-safety: stateless; may run on any thread (QImage and QPainter on a QImage
// are thread-safe when not shared).

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/render/Camera.h>
#include <lamina/render/ViewScale.h>
#include <lamina/slide/SlideSource.h>

#include <QDate>
#include <QImage>
#include <QRectF>

class QPainter;

#include <functional>
#include <optional>
#include <string>

namespace lamina {

struct SnapshotOptions {
    QRectF region;         // level-0 pixels
    double downsample = 1; // level-0 pixels per output pixel
    bool allowUpscale = false;
    const AnnotationDocument* annotations = nullptr; // visible layers are drawn; null: none
    // Analysis overlays, drawn over the slide and under the annotations, on the rendering
    // thread: `camera` maps level-0 pixels onto the output image of `size` pixels.
    std::function<void(QPainter& painter, const Camera& camera, QSizeF size)> overlays;
    bool scaleBar = true;
    bool caption = true;
    std::string slideName; // for the caption, e.g. the file name
    // Replaces the computed caption (a preview drawn smaller states the final scale).
    std::optional<std::string> captionText;
    QDate date = QDate::currentDate();
};

struct Snapshot {
    QImage image;    // ARGB32 premultiplied; the caption band below the slide image
    QRect slideArea; // where the slide pixels are in `image` (0, 0, width, height)
    int level = 0;   // pyramid level the pixels came from
    std::optional<double> micronsPerPixel; // of the output (nullopt: the slide has no MPP)
    std::optional<ScaleBar> scaleBar;      // as drawn, when drawn
    std::string caption;                   // as drawn, when drawn
};

// Throws lamina::Error(InvalidArgument) naming the slide for a region outside the slide,
// a bad downsample, a refused up-scale or a too large output; Corrupt/Io from the backend.
Snapshot renderSnapshot(const SlideSource& slide, const SnapshotOptions& options);

// Text (the scale bar's label, the caption) needs a QGuiApplication for its fonts. Tools
// without a window call this first: it creates one on the offscreen platform (no display)
// unless the process already has one. Call it from the main thread.
void ensureTextRendering();

// The frame around annotations for a snapshot or export: their level-0 bounds plus a margin
// of 10 % of the larger side, at least 32 output pixels at `downsample` (a point gets a small
// square around it).
QRectF framedWithMargin(const QRectF& bounds, double downsample);

// The caption text for these options: "name · 10× · 1.00 µm/px · 2026-11-28".
std::string snapshotCaption(const SlideSource& slide, const SnapshotOptions& options);

} // namespace lamina
