#include "dialogs/ExportContext.h"

#include "AppSettings.h"
#include "SlideLocation.h"
#include "SlideView.h"
#include "annotation/AnnotationSession.h"
#include "overlay/OverlayStack.h"

#include <lamina/render/export/SnapshotRenderer.h>

#include <QFileInfo>
#include <QStandardPaths>

namespace lamina {

ExportContext ExportContext::fromView(const SlideView& view, const QString& slideName) {
    ExportContext c;
    c.slide = view.slidePtr();
    c.slideName = slideName;
    const Size dims = c.slide->dimensions();
    const QRectF whole(0, 0, double(dims.width), double(dims.height));
    c.viewRect = view.camera().visibleSlideRect(view.viewportDevicePixels()).intersected(whole);
    c.viewDownsample = view.camera().downsample;
    if (const AnnotationSession* session = view.annotationSession()) {
        c.annotations = std::make_shared<const AnnotationDocument>(session->document());
        for (const auto& id : session->selection()) {
            const auto at = c.annotations->find(id);
            if (!at)
                continue;
            const auto b =
                c.annotations->layers[at->layer].annotations[at->index].geometry.bounds();
            const QRectF r(QPointF(b.minX, b.minY), QPointF(b.maxX, b.maxY));
            c.selectionBounds = c.selectionBounds ? c.selectionBounds->united(r) : r;
        }
        c.overlays = session->overlays().snapshotPainter();
    }
    return c;
}

QRectF ExportContext::rect(Area area, double downsample) const {
    const Size dims = slide->dimensions();
    switch (area) {
    case Area::View:
        return viewRect;
    case Area::WholeSlide:
        return QRectF(0, 0, double(dims.width), double(dims.height));
    case Area::Selection: {
        return framedWithMargin(selectionBounds.value_or(viewRect), downsample);
    }
    }
    return viewRect;
}

QString defaultOutputFolder(const SlideSource& slide) {
    if (const QString last = AppSettings::lastExportFolder();
        !last.isEmpty() && QFileInfo(last).isDir() && QFileInfo(last).isWritable())
        return last;
    const QFileInfo file(QString::fromStdString(slide.location()));
    if (!isArchiveAddress(file.filePath()) && file.exists()) {
        const QFileInfo folder(file.isDir() ? file.absoluteFilePath() : file.absolutePath());
        if (folder.isWritable())
            return folder.absoluteFilePath();
    }
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

} // namespace lamina
