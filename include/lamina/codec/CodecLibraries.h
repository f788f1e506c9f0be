#pragma once
// The versions of the codec libraries Lamina runs with (Help › About, `lamina-cli --version`).
// Thread-safety: pure functions.

#include <string>
#include <utility>
#include <vector>

namespace lamina {

// {"libjpeg-turbo", "2.1.5"}, {"OpenJPEG", "2.5.0"}: the built-against version for
// libjpeg-turbo (its API has no run-time query), the loaded library's for OpenJPEG.
std::vector<std::pair<std::string, std::string>> codecLibraryVersions();

} // namespace lamina
