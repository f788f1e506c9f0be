#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/render/AnnotationPainter.h>
#include <lamina/render/ViewScale.h>

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

namespace lamina {
namespace {

// Above this many shapes on screen, antialiasing costs more than it shows.
constexpr size_t kAntialiasingLimit = 4000;
// Shapes smaller than this (device pixels) are drawn as a square of this size.
constexpr double kTinyShape = 3;

// Maps to device pixels into `out`, dropping vertices within `minStep` device pixels of the
// last kept one (the last vertex is always kept, so outlines close where they should).
void mapInto(QPolygonF& out, const std::vector<PointD>& points, const QTransform& toScreen,
             double minStep = 0) {
    out.clear();
    for (size_t i = 0; i < points.size(); ++i) {
        const QPointF p = toScreen.map(QPointF(points[i].x, points[i].y));
        if (minStep > 0 && !out.isEmpty() && i + 1 < points.size() &&
            std::abs(p.x() - out.back().x()) < minStep &&
            std::abs(p.y() - out.back().y()) < minStep)
            continue;
        out << p;
    }
}

// Colours by class name, looked up once per frame instead of once per shape.
class Palette {
public:
    Palette(const AnnotationDocument& document, std::optional<QRgb> override)
        : override_(override) {
        for (const AnnotationClass& c : document.classes)
            byClass_.emplace(c.name, QRgb(c.rgb) | 0xff000000u);
    }
    QRgb of(const Annotation& a) const {
        if (override_)
            return *override_ | 0xff000000u;
        if (a.rgb)
            return QRgb(*a.rgb) | 0xff000000u;
        const auto it = byClass_.find(a.className);
        return it != byClass_.end() ? it->second : QRgb(kUnclassifiedRgb) | 0xff000000u;
    }

private:
    std::unordered_map<std::string, QRgb> byClass_;
    std::optional<QRgb> override_;
};

// Shapes too small to show their outline, gathered per (opacity, colour) and drawn as
// square dots in one call each; a device pixel already dotted is not dotted again, so a
// zoomed-out view of 100 000 cells costs a few thousand points, not 100 000 rectangles.
class TinyShapes {
public:
    explicit TinyShapes(QSizeF viewport)
        : width_(int(std::ceil(viewport.width()))), height_(int(std::ceil(viewport.height()))) {}

    void add(QPointF centre, double opacity, QRgb colour) {
        const int x = int(centre.x()), y = int(centre.y());
        if (x < 0 || y < 0 || x >= width_ || y >= height_)
            return;
        if (dotted_.empty()) // only frames with tiny shapes pay for the map
            dotted_.assign(size_t(width_) * size_t(height_), false);
        auto cell = dotted_.begin() + std::ptrdiff_t(size_t(y) * size_t(width_) + size_t(x));
        if (*cell)
            return;
        *cell = true;
        batches_[{opacity, colour}] << centre;
    }

    void draw(QPainter& painter) const {
        painter.setRenderHint(QPainter::Antialiasing, false);
        for (const auto& [key, points] : batches_) {
            painter.setOpacity(key.first);
            painter.setPen(
                QPen(QColor::fromRgb(key.second), kTinyShape, Qt::SolidLine, Qt::SquareCap));
            painter.drawPoints(points);
        }
    }

private:
    int width_, height_;
    std::vector<bool> dotted_; // one flag per device pixel of the viewport
    std::map<std::pair<double, QRgb>, QPolygonF> batches_;
};

// Draws one shape after another, changing the painter's pen and brush only when they
// differ from the previous shape's (state changes cost more than small shapes).
class Painting {
public:
    Painting(QPainter& painter, const AnnotationDocument& document, QTransform toScreen,
             double downsample, const AnnotationPainter::Options& options, TinyShapes& tiny)
        : painter_(painter), palette_(document, options.colour), toScreen_(toScreen),
          downsample_(downsample), isSelected_(options.isSelected), halo_(options.halo),
          tiny_(tiny) {}

    void draw(const Annotation& a, const AnnotationGeometry::Bounds& b, double opacity) {
        const bool selected = isSelected_ && isSelected_(a.id);
        const AnnotationGeometry& g = a.geometry;
        const bool isPoint = g.kind == ShapeKind::Point || g.kind == ShapeKind::MultiPoint;
        const QRgb colour = palette_.of(a);
        if (!isPoint && std::max(b.maxX - b.minX, b.maxY - b.minY) / downsample_ < kTinyShape) {
            tiny_.add(toScreen_.map(QPointF((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)), opacity,
                      selected ? qRgb(255, 255, 255) : colour);
            return;
        }
        if (opacity != opacity_)
            painter_.setOpacity(opacity_ = opacity);
        switch (g.kind) {
        case ShapeKind::Point:
        case ShapeKind::MultiPoint:
            // A white ring keeps dots visible on purple nuclei and dark stains.
            use(selected ? qRgb(255, 220, 0) : qRgb(255, 255, 255), 1.5, colour);
            mapInto(scratch_, g.points, toScreen_);
            for (const QPointF& p : scratch_)
                painter_.drawEllipse(p, 5, 5);
            break;
        case ShapeKind::Line:
        case ShapeKind::Polyline:
            use(selected ? qRgb(255, 255, 255) : colour, selected ? 3.0 : 2.0, std::nullopt);
            mapInto(scratch_, g.points, toScreen_, 1.0);
            outlined([&] { painter_.drawPolyline(scratch_); });
            break;
        case ShapeKind::Rectangle:
        case ShapeKind::Ellipse:
        case ShapeKind::Polygon: {
            use(selected ? qRgb(255, 255, 255) : colour, selected ? 3.0 : 2.0,
                qRgba(qRed(colour), qGreen(colour), qBlue(colour), selected ? 70 : 40));
            if (g.kind == ShapeKind::Polygon)
                mapInto(scratch_, g.points, toScreen_, 1.0);
            else
                mapInto(scratch_, g.outline(), toScreen_, 1.0);
            if (g.kind != ShapeKind::Polygon || g.holes.empty()) {
                outlined([&] { painter_.drawPolygon(scratch_); }); // cheaper than a path
                break;
            }
            QPainterPath path;
            path.setFillRule(Qt::OddEvenFill); // holes cut out
            path.addPolygon(scratch_);
            path.closeSubpath();
            for (const auto& hole : g.holes) {
                mapInto(scratch_, hole, toScreen_, 1.0);
                path.addPolygon(scratch_);
                path.closeSubpath();
            }
            outlined([&] { painter_.drawPath(path); });
            break;
        }
        }
    }

private:
    // Draws with the current pen, over a wider dark line first when halos are on. The pen
    // and brush cached by use() are restored.
    template <typename Draw>
    void outlined(const Draw& draw) {
        if (halo_) {
            const QPen pen = painter_.pen();
            const QBrush brush = painter_.brush();
            QPen dark(QColor(0, 0, 0, 170), pen.widthF() + 2.5);
            dark.setCosmetic(true);
            painter_.setPen(dark);
            painter_.setBrush(Qt::NoBrush);
            draw();
            painter_.setPen(pen);
            painter_.setBrush(brush);
        }
        draw();
    }

    // Pen colour and width (cosmetic: device pixels) and fill (none when nullopt).
    void use(QRgb pen, double width, std::optional<QRgb> fill) {
        if (pen != pen_ || width != width_) {
            QPen p{QColor::fromRgba(pen), width};
            p.setCosmetic(true);
            painter_.setPen(p);
            pen_ = pen;
            width_ = width;
        }
        if (fill != fill_) {
            if (fill)
                painter_.setBrush(QColor::fromRgba(*fill));
            else
                painter_.setBrush(Qt::NoBrush);
            fill_ = fill;
        }
    }

    QPainter& painter_;
    Palette palette_;
    QTransform toScreen_;
    double downsample_;
    const AnnotationPainter::IsSelected& isSelected_;
    bool halo_; // a dark line under each outline
    TinyShapes& tiny_;
    QPolygonF scratch_; // reused: no allocation per shape
    double opacity_ = -1;
    QRgb pen_ = 0;
    double width_ = -1;
    std::optional<QRgb> fill_ = qRgba(0, 0, 0, 1); // matches no real fill: set on first use
};

bool meets(const AnnotationGeometry::Bounds& b, const AnnotationGeometry::Bounds& area) {
    return b.maxX >= area.minX && b.minX <= area.maxX && b.maxY >= area.minY && b.minY <= area.maxY;
}

} // namespace

QColor AnnotationPainter::colourOf(const AnnotationDocument& document, const Annotation& a) {
    if (a.rgb)
        return QColor::fromRgb(QRgb(*a.rgb));
    if (const AnnotationClass* c = document.findClass(a.className))
        return QColor::fromRgb(QRgb(c->rgb));
    return QColor::fromRgb(QRgb(kUnclassifiedRgb));
}

void AnnotationPainter::drawMeasurementLabel(QPainter& painter, QPointF at, const QString& text) {
    painter.save();
    QFont font = painter.font();
    font.setBold(true);
    // Views paint in device pixels (scaled by 1 / device pixel ratio): keep the text's size.
    if (const QPaintDevice* device = painter.device(); device && font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * device->devicePixelRatioF());
    painter.setFont(font);
    const QRectF box = QFontMetricsF(font).boundingRect(text).adjusted(-6, -3, 6, 3);
    const QRectF placed = box.translated(at + QPointF(14, -10) - box.topLeft());
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(20, 22, 26, 200));
    painter.drawRoundedRect(placed, 5, 5);
    painter.setPen(Qt::white);
    painter.drawText(placed, Qt::AlignCenter, text);
    painter.restore();
}

void AnnotationPainter::paint(QPainter& painter, const AnnotationDocument& document,
                              const Camera& camera, QSizeF viewport, const Options& options) {
    const AnnotationIndex* index = options.index;
    const QRectF visible = camera.visibleSlideRect(viewport);
    const double slack = 8 * camera.downsample; // pen width and point dots, in level-0 pixels
    const AnnotationGeometry::Bounds area{visible.left() - slack, visible.top() - slack,
                                          visible.right() + slack, visible.bottom() + slack};
    // Who is on screen, in drawing order, with their bounds.
    struct Shown {
        const Annotation* annotation;
        AnnotationGeometry::Bounds bounds;
        size_t layer;
    };
    std::vector<Shown> shown;
    // The index pays off when the view holds a small part of the shapes; zoomed out over
    // most of them, a pass over its cached bounds beats sorting a huge query result.
    const auto all = index ? index->totalBounds() : AnnotationGeometry::Bounds{};
    const double viewShare =
        index && all.maxX > all.minX && all.maxY > all.minY
            ? std::max(0.0, std::min(area.maxX, all.maxX) - std::max(area.minX, all.minX)) *
                  std::max(0.0, std::min(area.maxY, all.maxY) - std::max(area.minY, all.minY)) /
                  ((all.maxX - all.minX) * (all.maxY - all.minY))
            : 1.0;
    if (index && viewShare < 0.25) {
        for (const auto& where : index->intersecting(area))
            if (document.layers[where.layer].visible)
                shown.push_back({&document.layers[where.layer].annotations[where.index],
                                 index->boundsOf(where), where.layer});
    } else if (index) {
        for (size_t l = 0; l < document.layers.size(); ++l)
            if (document.layers[l].visible)
                for (size_t i = 0; i < document.layers[l].annotations.size(); ++i)
                    if (const auto& bounds = index->boundsOf({l, i}); meets(bounds, area))
                        shown.push_back({&document.layers[l].annotations[i], bounds, l});
    } else {
        for (size_t l = 0; l < document.layers.size(); ++l)
            if (document.layers[l].visible)
                for (const Annotation& a : document.layers[l].annotations)
                    if (const auto b = a.geometry.bounds(); meets(b, area))
                        shown.push_back({&a, b, l});
    }
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, shown.size() <= kAntialiasingLimit);
    TinyShapes tiny(viewport);
    Painting painting(painter, document, camera.slideToScreen(viewport), camera.downsample, options,
                      tiny);
    for (const Shown& s : shown) {
        const double opacity = document.layers[s.layer].opacity;
        if (opacity > 0)
            painting.draw(*s.annotation, s.bounds, opacity);
    }
    tiny.draw(painter);
    if (const Scale* lineLengths = options.lineLengths) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        const QTransform toScreen = camera.slideToScreen(viewport);
        for (const Shown& s : shown) {
            const Annotation& a = *s.annotation;
            if (a.geometry.kind != ShapeKind::Line || a.geometry.points.size() < 2 ||
                document.layers[s.layer].opacity <= 0)
                continue;
            const ShapeMeasurements m = measure(a.geometry, *lineLengths);
            const PointD& end = a.geometry.points.back();
            drawMeasurementLabel(painter, toScreen.map(QPointF(end.x, end.y)),
                                 formatLength(m.length, m.hasMicrons));
        }
    }
    painter.restore();
}

} // namespace lamina
