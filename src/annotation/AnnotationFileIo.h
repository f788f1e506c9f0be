#pragma once
// Private to lamina_annotation: how annotation files are read and written. Every file
// (autosave, export, convert) is written the same way — a temporary file in the target's
// folder, flushed to disk, renamed over the target — so a crash leaves the old file or the
// new one, never half of one. Reading takes the whole file in one read (a 70 MB GeoJSON is
// parsed from memory).
// Thread-safety: stateless; concurrent writes to one target are the caller's business.

#include <filesystem>
#include <string>

namespace lamina {

// The whole file. Throws lamina::Error (NotFound, Io) naming `path`.
std::string readWholeFile(const std::filesystem::path& path);

// Throws lamina::Error(Io) naming `target` when it cannot be written.
void writeAtomically(const std::filesystem::path& target, const std::string& bytes);

} // namespace lamina
