#pragma once
// What the export dialogs (snapshot, large region, report) work from: the slide, its
// annotations, and the areas a pathologist means by "this" — the view as displayed, the
// selected annotations with a margin, or the whole slide. Built by the main window from the
// current view when a dialog opens; the annotations are copied, so a dialog (or an export on
// a worker thread) never sees the document change under it.
// Coordinates: level-0 pixels; downsamples in level-0 pixels per output pixel.
// Thread-safety: value type; the slide is shared and thread-safe.

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/render/Camera.h>
#include <lamina/slide/SlideSource.h>

#include <QRectF>
#include <QString>

class QPainter;

#include <functional>
#include <memory>
#include <optional>

namespace lamina {

class SlideView;

struct ExportContext {
    enum class Area { View, Selection, WholeSlide };

    std::shared_ptr<const SlideSource> slide;
    QString slideName; // the file name, for captions and reports
    std::shared_ptr<const AnnotationDocument> annotations; // null: the slide has none
    QRectF viewRect;                                       // what the view shows, unrotated
    double viewDownsample = 1;
    std::optional<QRectF> selectionBounds; // bounds of the selected annotations
    // The visible analysis overlays as they were when the dialog opened (copies), painted into
    // snapshots and reports; empty when there are none. Safe from any thread (serialized).
    std::function<void(QPainter&, const Camera&, QSizeF)> overlays;

    // From the view: its slide, a copy of its annotations, its visible rect and selection.
    static ExportContext fromView(const SlideView& view, const QString& slideName);

    bool has(Area area) const { return area != Area::Selection || selectionBounds.has_value(); }
    // The level-0 rectangle of an area; the selection gets a margin of 10 % of its larger side,
    // at least 32 output pixels at `downsample` (the CLI's --annotation framing).
    QRectF rect(Area area, double downsample) const;
};

// Where reports and exports go unless the user picks a place: the folder last written to,
// else the slide's own folder when it is a writable local file, else the user's Documents.
QString defaultOutputFolder(const SlideSource& slide);

} // namespace lamina
