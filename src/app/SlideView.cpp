#include "SlideView.h"

#include "Workspace.h"
#include "annotation/AnnotationSession.h"
#include "overlay/OverlayStack.h"

#include <lamina/render/AnnotationPainter.h>
#include <lamina/render/ViewScale.h>

#include <QGestureEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPinchGesture>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace lamina {
namespace {

constexpr double kMinDownsampleFactor = 1.0 / 8; // zoom in to 8 screen pixels per slide pixel
constexpr double kKineticFriction = 4.0;         // 1/s: velocity decays as exp(-k t)
constexpr double kKineticStopSpeed = 40.0;       // device px/s
constexpr double kKineticStartSpeed = 300.0;     // device px/s

} // namespace

SlideView::SlideView(std::shared_ptr<const SlideSource> slide, Workspace& workspace,
                     QWidget* parent)
    : QWidget(parent), workspace_(workspace),
      renderer_(std::make_unique<SlideViewRenderer>(std::move(slide), workspace.cache(),
                                                    workspace.loader())) {
    workspace_.acquireSlide(renderer_->slide().id().hash());
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    grabGesture(Qt::PinchGesture);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    setCursor(Qt::OpenHandCursor);
    kinetic_.setInterval(16);
    connect(&kinetic_, &QTimer::timeout, this, &SlideView::kineticStep);
    connect(&workspace_, &Workspace::tilesArrived, this, [this](const std::vector<TileKey>& keys) {
        const uint64_t mine = renderer_->slide().id().hash();
        if (std::any_of(keys.begin(), keys.end(),
                        [mine](const TileKey& k) { return k.slide == mine; })) {
            if (isVisible())
                renderer_->tilesArrived(camera_, viewportDevicePixels());
            update();
        }
    });
}

SlideView::~SlideView() {
    const uint64_t slide = renderer_->slide().id().hash();
    renderer_.reset(); // withdraw this view's tile requests first
    workspace_.releaseSlide(slide);
}

QSizeF SlideView::viewportDevicePixels() const {
    return QSizeF(size()) * devicePixelRatioF();
}

void SlideView::setCamera(const Camera& camera) {
    camera_ = camera;
    autoFit_ = false;
    cameraMoved();
}

void SlideView::userMovedCamera() {
    autoFit_ = false;
    cameraMoved();
}

void SlideView::cameraMoved() {
    // Keep the zoom within sensible limits: 8 device pixels per level-0 pixel at most, and
    // the whole slide no smaller than a quarter of the view.
    const Size dims = slide().dimensions();
    Camera fitted = camera_; // Camera::fit knows about rotation
    fitted.fit(dims, viewportDevicePixels());
    camera_.downsample = std::clamp(camera_.downsample, kMinDownsampleFactor,
                                    std::max(kMinDownsampleFactor, fitted.downsample * 4));
    camera_.center.x = std::clamp(camera_.center.x, 0.0, double(dims.width));
    camera_.center.y = std::clamp(camera_.center.y, 0.0, double(dims.height));
    renderer_->requestTiles(camera_, viewportDevicePixels());
    update();
    emit cameraChanged();
}

std::optional<double> SlideView::magnification() const {
    return magnificationAt(slide().metadata(), camera_.downsample);
}

bool SlideView::setMagnification(double magnification) {
    const auto downsample = downsampleForMagnification(slide().metadata(), magnification);
    if (!downsample)
        return false;
    camera_.downsample = *downsample;
    userMovedCamera();
    return true;
}

Scale SlideView::scale() const {
    return scaleOf(slide().metadata());
}

void SlideView::fitToWindow() {
    camera_.fit(slide().dimensions(), viewportDevicePixels());
    cameraMoved(); // fitting keeps autoFit_ as it is: an explicit fit is not a user move
}

void SlideView::zoomBy(double factor) {
    const QSizeF vp = viewportDevicePixels();
    camera_.zoomAround(factor, QPointF(vp.width() / 2, vp.height() / 2), vp);
    userMovedCamera();
}

void SlideView::rotateBy(double degrees) {
    setRotation(camera_.rotation + degrees);
}

void SlideView::setRotation(double degrees) {
    camera_.rotation = std::fmod(std::fmod(degrees, 360.0) + 360.0, 360.0);
    if (autoFit_)
        fitToWindow();
    else
        cameraMoved();
}

void SlideView::centerOn(QPointF slidePoint) {
    camera_.center = {slidePoint.x(), slidePoint.y()};
    userMovedCamera();
}

void SlideView::showSlideRect(QRectF rect) {
    const QSizeF vp = viewportDevicePixels();
    camera_.center = {rect.center().x(), rect.center().y()};
    const double fill = 0.8;
    const double fitDownsample =
        std::max(rect.width() / (vp.width() * fill), rect.height() / (vp.height() * fill));
    const auto native = downsampleForMagnification(slide().metadata(), 40.0);
    camera_.downsample = std::max(fitDownsample, native ? *native : 1.0);
    userMovedCamera();
}

bool SlideView::isSharp() const {
    return renderer_->isSharp(camera_, viewportDevicePixels());
}

void SlideView::showEvent(QShowEvent*) {
    if (autoFit_)
        fitToWindow();
    else
        renderer_->requestTiles(camera_, viewportDevicePixels()); // withdrawn when hidden
}

void SlideView::hideEvent(QHideEvent*) {
    // A tab in the background asks for nothing: its tiles would compete with the shown
    // view's at the same urgency and could push them out of the cache.
    renderer_->withdrawRequests();
}

void SlideView::resizeEvent(QResizeEvent*) {
    // Until the user moves the view, it keeps fitting the slide as the window is laid out.
    if (autoFit_)
        fitToWindow();
    else
        cameraMoved();
}

void SlideView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    // Draw in device pixels so tiles map 1:1 onto a high-DPI screen. The renderer fills the
    // background itself, only where tiles leave it visible.
    painter.scale(1.0 / devicePixelRatioF(), 1.0 / devicePixelRatioF());
    lastStats_ = renderer_->paint(painter, camera_, viewportDevicePixels(), QColor(58, 60, 64));
    if (session_) // analysis overlays over the tissue, under the annotations
        session_->overlays().paint(painter, camera_, viewportDevicePixels());
    const Scale scale = this->scale();
    if (session_)
        AnnotationPainter::paint(
            painter, session_->document(), camera_, viewportDevicePixels(),
            {.isSelected = session_->selection().empty()
                               ? AnnotationPainter::IsSelected{}
                               : [this](const std::string& id) { return session_->isSelected(id); },
             .index = &session_->index(),
             .lineLengths = &scale});
    if (tool_ && session_)
        tool_->paintPreview(painter, camera_, viewportDevicePixels(), scale, *session_);
    painter.resetTransform();
    drawOverlays(painter);
    emit frameRendered();
}

void SlideView::drawOverlays(QPainter& painter) {
    painter.setRenderHint(QPainter::Antialiasing, true);
    const SlideMetadata& meta = slide().metadata();
    const double dpr = devicePixelRatioF();
    QFont font = painter.font();
    font.setPointSizeF(std::max(9.0, font.pointSizeF()));
    font.setBold(true);
    painter.setFont(font);
    const QFontMetrics metrics(font);

    auto badge = [&](const QRect& box) {
        QPainterPath path;
        path.addRoundedRect(QRectF(box), 6, 6);
        painter.fillPath(path, QColor(20, 22, 26, 190));
    };

    // Magnification, top-left.
    const auto mag = magnification();
    const QString magText =
        mag ? QString::fromStdString(formatMagnification(*mag)) : tr("no scale");
    const QRect magBox(12, 12, metrics.horizontalAdvance(magText) + 20, metrics.height() + 10);
    badge(magBox);
    painter.setPen(Qt::white);
    painter.drawText(magBox, Qt::AlignCenter, magText);

    // Tiles that could not be read (a broken file, an archive out of reach): say why, top
    // centre, in red, and how to try again; the placeholders alone do not tell a user why.
    if (lastStats_.failed > 0) {
        QFont plain = font;
        plain.setBold(false);
        const QFontMetrics plainMetrics(plain);
        const QString why = plainMetrics.elidedText(QString::fromStdString(lastStats_.firstFailure),
                                                    Qt::ElideMiddle, std::max(200, width() - 260));
        const QString title =
            lastStats_.failed == 1
                ? tr("A tile could not be read — F5 to retry")
                : tr("%1 tiles could not be read — F5 to retry").arg(lastStats_.failed);
        const int boxWidth =
            std::max(metrics.horizontalAdvance(title), plainMetrics.horizontalAdvance(why)) + 28;
        const QRect box((width() - boxWidth) / 2, 12, boxWidth,
                        metrics.height() + plainMetrics.height() + 18);
        QPainterPath path;
        path.addRoundedRect(QRectF(box), 6, 6);
        painter.fillPath(path, QColor(150, 24, 24, 225));
        painter.setPen(Qt::white);
        painter.drawText(box.adjusted(14, 6, -14, 0), Qt::AlignTop | Qt::AlignHCenter, title);
        painter.setFont(plain);
        painter.drawText(box.adjusted(14, 0, -14, -6), Qt::AlignBottom | Qt::AlignHCenter, why);
        painter.setFont(font);
    }

    // Scale bar, bottom-left: its length in device pixels is exact for the current zoom.
    const auto umPerPixel = micronsPerScreenPixel(meta, camera_.downsample);
    const double unitsPerDevicePixel = umPerPixel ? *umPerPixel : camera_.downsample;
    const ScaleBar bar = chooseScaleBar(unitsPerDevicePixel, bool(umPerPixel), 180.0 * dpr);
    if (bar.screenPixels > 0) {
        const double barLogical = bar.screenPixels / dpr;
        const QString label = QString::fromStdString(bar.label);
        const int boxWidth =
            int(std::max<double>(barLogical, metrics.horizontalAdvance(label))) + 24;
        const QRect box(12, height() - 12 - (metrics.height() + 26), boxWidth,
                        metrics.height() + 26);
        badge(box);
        const QPointF start(box.left() + 12, box.bottom() - 10);
        painter.setPen(QPen(Qt::white, 3, Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(start, start + QPointF(barLogical, 0));
        painter.setPen(QPen(Qt::white, 2));
        painter.drawLine(start + QPointF(0, -6), start + QPointF(0, 2));
        painter.drawLine(start + QPointF(barLogical, -6), start + QPointF(barLogical, 2));
        painter.drawText(QRect(box.left() + 12, box.top() + 4, boxWidth - 24, metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, label);
    }
}

void SlideView::setSlide(std::shared_ptr<const SlideSource> slide) {
    const uint64_t previous = renderer_->slide().id().hash();
    auto next = std::make_unique<SlideViewRenderer>(std::move(slide), workspace_.cache(),
                                                    workspace_.loader());
    workspace_.acquireSlide(next->slide().id().hash()); // before the release: may be the same
    renderer_ = std::move(next); // the old renderer withdraws its tile requests
    workspace_.releaseSlide(previous);
    cameraMoved();
}

void SlideView::retryFailedTiles() {
    workspace_.loader().clearFailures(slide().id().hash());
    update();
}

ToolContext SlideView::toolContext(Qt::KeyboardModifiers modifiers) {
    return {*session_, scale(), camera_.downsample, [this] { update(); }, modifiers};
}

QPointF SlideView::slidePointAt(QPointF logical) const {
    return camera_.toSlide(toDevice(logical), viewportDevicePixels());
}

void SlideView::setAnnotationSession(std::shared_ptr<AnnotationSession> session) {
    session_ = std::move(session);
    if (session_) {
        connect(session_.get(), &AnnotationSession::changed, this, qOverload<>(&QWidget::update));
        connect(session_.get(), &AnnotationSession::selectionChanged, this,
                qOverload<>(&QWidget::update));
        connect(&session_->overlays(), &OverlayStack::changed, this, qOverload<>(&QWidget::update));
    }
    update();
}

void SlideView::setTool(AnnotationTool* tool) {
    if (tool_)
        tool_->cancel();
    tool_ = tool;
    setCursor(tool_ ? Qt::CrossCursor : Qt::ArrowCursor);
    update();
}

void SlideView::deleteSelection() {
    if (!session_)
        return;
    if (tool_) {
        QKeyEvent del(QEvent::KeyPress, Qt::Key_Delete, Qt::NoModifier);
        auto context = toolContext(Qt::NoModifier);
        if (tool_->key(context, &del))
            return;
    }
    const size_t removed = session_->removeAnnotations(session_->selection());
    if (removed < session_->selection().size())
        emit statusMessage(tr("Locked annotations were kept"));
}

void SlideView::mousePressEvent(QMouseEvent* e) {
    kinetic_.stop();
    if (tool_ && session_ && e->button() == Qt::LeftButton) {
        auto context = toolContext(e->modifiers());
        tool_->press(context, slidePointAt(e->position()), 1);
        return;
    }
    // The middle button pans whatever the tool, so drawing never needs a tool switch to move.
    if (e->button() == Qt::LeftButton || e->button() == Qt::MiddleButton) {
        dragLast_ = toDevice(e->position());
        dragClock_.start();
        velocity_ = {};
        setCursor(Qt::ClosedHandCursor);
    } else if (e->button() == Qt::RightButton) {
        // Free rotation: the angle of the cursor around the view centre.
        const QPointF c = QPointF(width() / 2.0, height() / 2.0);
        const QPointF d = e->position() - c;
        rotateDragStartAngle_ = std::atan2(d.y(), d.x()) * 180.0 / M_PI;
        rotateDragStartRotation_ = camera_.rotation;
    }
}

void SlideView::mouseMoveEvent(QMouseEvent* e) {
    const QPointF device = toDevice(e->position());
    if (tool_ && session_ && !dragLast_) {
        auto context = toolContext(e->modifiers());
        tool_->move(context, slidePointAt(e->position()));
    }
    if (dragLast_) {
        const QPointF delta = device - *dragLast_;
        const double dt = std::max(1e-3, dragClock_.restart() / 1000.0);
        velocity_ = 0.6 * velocity_ + 0.4 * (delta / dt); // smoothed
        camera_.panByScreen(delta);
        dragLast_ = device;
        userMovedCamera();
    } else if (rotateDragStartAngle_) {
        const QPointF d = e->position() - QPointF(width() / 2.0, height() / 2.0);
        const double angle = std::atan2(d.y(), d.x()) * 180.0 / M_PI;
        setRotation(rotateDragStartRotation_ + angle - *rotateDragStartAngle_);
    }
    const QPointF slidePoint = camera_.toSlide(device, viewportDevicePixels());
    emit cursorMoved(slidePoint);
}

void SlideView::mouseReleaseEvent(QMouseEvent* e) {
    if (tool_ && session_ && e->button() == Qt::LeftButton) {
        auto context = toolContext(e->modifiers());
        tool_->release(context, slidePointAt(e->position()));
        return;
    }
    if ((e->button() == Qt::LeftButton || e->button() == Qt::MiddleButton) && dragLast_) {
        dragLast_.reset();
        setCursor(tool_ ? Qt::CrossCursor : Qt::OpenHandCursor);
        // A flick glides on and slows down; a slow release stops at once.
        const bool recent = dragClock_.elapsed() < 80;
        if (recent && std::hypot(velocity_.x(), velocity_.y()) > kKineticStartSpeed) {
            kineticClock_.start();
            kinetic_.start();
        }
    } else if (e->button() == Qt::RightButton) {
        rotateDragStartAngle_.reset();
    }
}

void SlideView::kineticStep() {
    const double dt = std::max(1e-3, kineticClock_.restart() / 1000.0);
    velocity_ *= std::exp(-kKineticFriction * dt);
    if (std::hypot(velocity_.x(), velocity_.y()) < kKineticStopSpeed) {
        kinetic_.stop();
        return;
    }
    camera_.panByScreen(velocity_ * dt);
    cameraMoved();
}

void SlideView::mouseDoubleClickEvent(QMouseEvent* e) {
    if (tool_ && session_ && e->button() == Qt::LeftButton) {
        auto context = toolContext(e->modifiers());
        tool_->press(context, slidePointAt(e->position()), 2);
        return;
    }
    if (e->button() != Qt::LeftButton)
        return;
    camera_.zoomAround(2.0, toDevice(e->position()), viewportDevicePixels());
    userMovedCamera();
}

void SlideView::wheelEvent(QWheelEvent* e) {
    kinetic_.stop();
    const double steps = e->angleDelta().y() / 120.0; // one notch = 120
    if (steps == 0)
        return;
    camera_.zoomAround(std::pow(1.25, steps), toDevice(e->position()), viewportDevicePixels());
    userMovedCamera();
    e->accept();
}

bool SlideView::event(QEvent* e) {
    // Touch screens: Qt's pinch gesture, anchored between the fingers.
    if (e->type() == QEvent::Gesture) {
        auto* gestures = static_cast<QGestureEvent*>(e);
        if (auto* pinch = static_cast<QPinchGesture*>(gestures->gesture(Qt::PinchGesture))) {
            if ((pinch->changeFlags() & QPinchGesture::ScaleFactorChanged) &&
                pinch->scaleFactor() > 0) {
                const QPointF anchor = mapFromGlobal(pinch->centerPoint());
                camera_.zoomAround(pinch->scaleFactor(), toDevice(anchor), viewportDevicePixels());
                userMovedCamera();
            }
            gestures->accept(pinch);
            return true;
        }
    }
    // Touchpads (macOS, and X11/Wayland with XInput 2.4 / libinput): native zoom gestures.
    if (e->type() == QEvent::NativeGesture) {
        auto* g = static_cast<QNativeGestureEvent*>(e);
        if (g->gestureType() == Qt::ZoomNativeGesture) {
            camera_.zoomAround(1.0 + g->value(), toDevice(g->position()), viewportDevicePixels());
            userMovedCamera();
            return true;
        }
    }
    return QWidget::event(e);
}

void SlideView::keyPressEvent(QKeyEvent* e) {
    if (tool_ && session_) {
        auto context = toolContext(e->modifiers());
        if (tool_->key(context, e))
            return;
    }
    const QSizeF vp = viewportDevicePixels();
    const double stepX = vp.width() / 4, stepY = vp.height() / 4;
    switch (e->key()) {
    case Qt::Key_Left:
        camera_.panByScreen({stepX, 0});
        break;
    case Qt::Key_Right:
        camera_.panByScreen({-stepX, 0});
        break;
    case Qt::Key_Up:
        camera_.panByScreen({0, stepY});
        break;
    case Qt::Key_Down:
        camera_.panByScreen({0, -stepY});
        break;
    default:
        QWidget::keyPressEvent(e);
        return;
    }
    userMovedCamera();
}

void SlideView::leaveEvent(QEvent*) {
    emit cursorMoved(std::nullopt);
}

} // namespace lamina
