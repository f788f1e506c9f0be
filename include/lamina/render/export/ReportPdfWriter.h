#pragma once
// A Report as a printable PDF sheet (A4, QPdfWriter + QTextDocument): page 1 holds the slide's
// name and id, the date, the conclusion and every measurement; then one page per snapshot
// (image with its scale bar and caption band, its region, its measurements); a last page
// with the slide label only when the report carries it, under a warning that it may identify
// the patient. Written atomically (QSaveFile).
// Needs a QGuiApplication for fonts (ensureTextRendering() in tools without a window).
// Thread-safety: the thread that owns the QGuiApplication.

#include <lamina/render/export/Report.h>

#include <filesystem>

namespace lamina {

// Throws lamina::Error(Io) naming `path` when it cannot be written.
void writeReportPdf(const Report& report, const std::filesystem::path& path);

} // namespace lamina
