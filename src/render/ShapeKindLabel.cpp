#include <lamina/render/ShapeKindLabel.h>

#include <QCoreApplication>

namespace lamina {

QString shapeKindLabel(ShapeKind kind) {
    switch (kind) {
    case ShapeKind::Point:
        return QCoreApplication::translate("ShapeKind", "point");
    case ShapeKind::MultiPoint:
        return QCoreApplication::translate("ShapeKind", "points");
    case ShapeKind::Line:
        return QCoreApplication::translate("ShapeKind", "line");
    case ShapeKind::Polyline:
        return QCoreApplication::translate("ShapeKind", "polyline");
    case ShapeKind::Rectangle:
        return QCoreApplication::translate("ShapeKind", "rectangle");
    case ShapeKind::Ellipse:
        return QCoreApplication::translate("ShapeKind", "ellipse");
    case ShapeKind::Polygon:
        return QCoreApplication::translate("ShapeKind", "polygon");
    }
    return QString::fromStdString(shapeKindName(kind));
}

} // namespace lamina
