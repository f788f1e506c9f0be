#pragma once
// Writing a large file so that no reader ever sees half of it: the content is written under a
// hidden temporary name beside the target (same folder, so the rename is atomic), then
// renamed over the target; on any failure or cancel the temporary is removed and an existing
// target is left untouched. For files written by a library that wants a path (libtiff);
// small in-memory contents use QSaveFile instead.
// Thread-safety: independent targets may be written concurrently.

#include <filesystem>
#include <functional>

namespace lamina {

// Checks the target (its folder exists, it is not a folder), calls `write(temporaryPath)`,
// then renames. Throws lamina::Error naming `target`: NotFound (no folder), Io (a folder, a
// failed rename); whatever `write` throws is rethrown after the cleanup.
void replaceFile(const std::filesystem::path& target,
                 const std::function<void(const std::filesystem::path& temporary)>& write);

} // namespace lamina
