#pragma once
// The versions of the slide-reading libraries Lamina runs with (Help › About,
// `lamina-cli --version`). Thread-safety: pure functions.

#include <string>
#include <utility>
#include <vector>

namespace lamina {

// {"OpenSlide", "3.4.1"}, {"libtiff", "4.5.0"}, {"DCMTK", "3.6.7"}: the loaded libraries'
// versions where they can say (OpenSlide, libtiff), else the built-against one (DCMTK).
std::vector<std::pair<std::string, std::string>> slideLibraryVersions();

} // namespace lamina
