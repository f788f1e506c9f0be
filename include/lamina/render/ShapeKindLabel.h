#pragma once
// A shape kind as people read it, in the UI's language ("polygone" in French; context
// "ShapeKind"): tables, undo steps, the PDF report. Files keep shapeKindName()'s English
// keywords. Thread-safety: pure function (reads the installed translators).

#include <lamina/annotation/AnnotationGeometry.h>

#include <QString>

namespace lamina {

QString shapeKindLabel(ShapeKind kind);

} // namespace lamina
