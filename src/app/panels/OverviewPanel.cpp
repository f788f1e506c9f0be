#include "panels/OverviewPanel.h"

#include "SlideView.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/slide/SlideThumbnail.h>

#include <QMouseEvent>
#include <QPainter>

namespace lamina {

OverviewPanel::OverviewPanel(QWidget* parent) : QWidget(parent) {
    setMinimumSize(160, 120);
    setCursor(Qt::PointingHandCursor);
}

void OverviewPanel::setView(SlideView* view) {
    disconnect(cameraConnection_);
    disconnect(destroyedConnection_);
    view_ = view;
    thumbnail_ = {};
    if (view_) {
        try {
            // The pyramid's coarsest levels make this cheap; 512 px is sharp on high-DPI docks.
            const RgbaImage thumb = renderThumbnail(view_->slide(), 512);
            thumbnail_ =
                QImage(reinterpret_cast<const uchar*>(thumb.data()), thumb.width(), thumb.height(),
                       qsizetype(thumb.width()) * 4, QImage::Format_ARGB32_Premultiplied)
                    .copy();
        } catch (const Error& e) {
            logger().warn("overview: {}", e.what());
        }
        cameraConnection_ =
            connect(view_, &SlideView::cameraChanged, this, qOverload<>(&QWidget::update));
        destroyedConnection_ = connect(view_, &QObject::destroyed, this, [this] {
            view_ = nullptr;
            thumbnail_ = {};
            update();
        });
    }
    update();
}

QRectF OverviewPanel::imageRect() const {
    if (thumbnail_.isNull())
        return {};
    const QSizeF fitted =
        QSizeF(thumbnail_.size()).scaled(QSizeF(size()) - QSizeF(16, 16), Qt::KeepAspectRatio);
    return {QPointF((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted};
}

void OverviewPanel::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    if (!view_ || thumbnail_.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No slide"));
        return;
    }
    const QRectF target = imageRect();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.fillRect(target, Qt::white);
    painter.drawImage(target, thumbnail_);

    // The viewport's four corners, level-0 -> thumbnail coordinates: a rotated view is a
    // rotated outline.
    const Size dims = view_->slide().dimensions();
    const QSizeF vp = view_->viewportDevicePixels();
    const double sx = target.width() / double(dims.width);
    const double sy = target.height() / double(dims.height);
    QPolygonF outline;
    for (const QPointF corner : {QPointF(0, 0), QPointF(vp.width(), 0),
                                 QPointF(vp.width(), vp.height()), QPointF(0, vp.height())}) {
        const QPointF p = view_->camera().toSlide(corner, vp);
        outline << QPointF(target.left() + p.x() * sx, target.top() + p.y() * sy);
    }
    // A view showing most of the slide (at fit, or zoomed out past it) used to tint the whole
    // dock: its outline, larger than the thumbnail, was filled and not clipped. The outline
    // stays inside the thumbnail, and is only filled while it marks a part of the slide.
    const QRectF shown = outline.boundingRect() & target;
    const bool marksAPart = shown.width() * shown.height() < 0.5 * target.width() * target.height();
    painter.setClipRect(target.adjusted(-1, -1, 1, 1));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(QPen(QColor(0, 120, 215), 2));
    painter.setBrush(marksAPart ? QBrush(QColor(0, 120, 215, 40)) : QBrush(Qt::NoBrush));
    painter.drawPolygon(outline);
}

void OverviewPanel::navigateTo(QPointF widgetPoint) {
    if (!view_ || thumbnail_.isNull())
        return;
    const QRectF target = imageRect();
    const Size dims = view_->slide().dimensions();
    const double x = (widgetPoint.x() - target.left()) / target.width() * double(dims.width);
    const double y = (widgetPoint.y() - target.top()) / target.height() * double(dims.height);
    view_->centerOn(QPointF(x, y));
}

void OverviewPanel::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton)
        navigateTo(e->position());
}

void OverviewPanel::mouseMoveEvent(QMouseEvent* e) {
    if (e->buttons() & Qt::LeftButton)
        navigateTo(e->position());
}

} // namespace lamina
