#pragma once
// One entry point for annotation files, whatever their format: QuPath GeoJSON, ASAP XML or
// Aperio ImageScope XML (read only), recognised by content (a file starting with '<' is XML;
// regions with vertices make it ImageScope's), so a misnamed file still opens.
// Thread-safety: stateless functions.

#include <lamina/annotation/AnnotationDocument.h>

#include <filesystem>
#include <optional>
#include <string>

namespace lamina {

enum class AnnotationFormat { GeoJson, AsapXml };

// "geojson"/".geojson"/".json" or "asap"/".xml" -> format; nullopt when unknown.
std::optional<AnnotationFormat> annotationFormatNamed(const std::string& nameOrExtension);

// Throws lamina::Error (NotFound, Io, Corrupt) naming the file.
AnnotationDocument readAnnotationFile(const std::filesystem::path& path);

// The document in `format`; `lost` (optional) receives what the format cannot hold.
std::string serializeAnnotations(const AnnotationDocument& document, AnnotationFormat format,
                                 std::string* lost = nullptr);

// Writes the document to `path` in `format`, atomically (as autosave does). Returns what the
// format could not hold ("" = nothing). Throws lamina::Error(Io) naming the file.
std::string writeAnnotationFile(const AnnotationDocument& document,
                                const std::filesystem::path& path, AnnotationFormat format);

} // namespace lamina
