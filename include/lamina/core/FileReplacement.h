#pragma once
// Writing a large file so that no reader ever sees half of it: the content is written under a
// hidden temporary name beside the target (same folder, so the rename is atomic), flushed to
// disk, then renamed over the target and the folder flushed, so that even a power loss leaves
// the old file or the whole new one under the final name. On any failure or cancel the
// temporary is removed and an existing target is left untouched. For files written by a
// library that wants a path (libtiff); small in-memory contents use QSaveFile instead.
//
// A process killed while writing (SIGKILL, a crash, a power loss) cannot remove its
// temporary: every writer sweeps the temporaries of dead processes from the folder it writes
// into (removeStaleTemporaries), so they do not pile up.
// Thread-safety: independent targets may be written concurrently.

#include <filesystem>
#include <functional>
#include <string_view>

namespace lamina {

// Checks the target (its folder exists, it is not a folder), calls `write(temporaryPath)`,
// then renames. Throws lamina::Error naming `target`: NotFound (no folder), Io (a folder, a
// failed rename); whatever `write` throws is rethrown after the cleanup.
void replaceFile(const std::filesystem::path& target,
                 const std::function<void(const std::filesystem::path& temporary)>& write);

// The hidden temporary beside `target` for this process: ".NAME.<kind>-<pid>" (kind
// "partial" for exports and DICOM series, "saving" for annotation files).
std::filesystem::path temporaryPathFor(const std::filesystem::path& target,
                                       std::string_view kind = "partial");

// Removes the temporaries (files or folders named as temporaryPathFor names them) in
// `folder` whose process is no longer running; a temporary of a live process is left alone.
// Returns how many were removed; never throws (a sweep must not fail a save).
size_t removeStaleTemporaries(const std::filesystem::path& folder);

// fsync of a file or folder; false when it failed (errno says why).
bool syncToDisk(const std::filesystem::path& path);

} // namespace lamina
