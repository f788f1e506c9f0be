#pragma once
// Writes an RgbaImage to PNG, JPEG or TIFF (chosen by the file extension) atomically: the
// file appears complete or not at all (QSaveFile writes a temporary and renames it).
// Thread-safety: independent calls may run concurrently.

#include <lamina/core/RgbaImage.h>

#include <string>

class QImage;

namespace lamina {

// Throws lamina::Error (InvalidArgument for an unknown extension, Io when writing fails).
void writeImageFile(const RgbaImage& image, const std::string& path, int jpegQuality = 90);
// The same for a premultiplied ARGB32 QImage.
void writeImageFile(const QImage& image, const std::string& path, int jpegQuality = 90);

} // namespace lamina
