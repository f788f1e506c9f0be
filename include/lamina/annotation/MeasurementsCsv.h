#pragma once
// Every annotation's measurements as CSV (RFC 4180), one row per annotation, for a
// spreadsheet or R/Python: id, name, class, layer, shape, area, perimeter, length, points and
// centroid. The header names the units (µm² / µm when the slide has MPP, else px² / px).
// Text cells that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed
// with ' so an annotation name cannot execute anything.
// Thread-safety: stateless functions.

#include <lamina/annotation/Measurements.h>

#include <filesystem>
#include <string>

namespace lamina {

std::string measurementsCsv(const AnnotationDocument& document, const Scale& scale);

// Writes it atomically (never a half-written file). Throws lamina::Error(Io) naming the file.
void writeMeasurementsCsv(const AnnotationDocument& document, const Scale& scale,
                          const std::filesystem::path& path);

} // namespace lamina
