#pragma once
// Locale-independent number parsing. Qt applications switch the C locale to the user's
// (a French workstation uses a decimal comma), so strtod/atof would misread "0.499";
// std::from_chars never looks at the locale.
// Thread-safety: pure functions.

#include <cstdint>
#include <optional>
#include <string_view>

namespace lamina {

// The whole string (surrounding spaces allowed) must be a finite number.
std::optional<double> parseDouble(std::string_view text);
std::optional<int64_t> parseInt(std::string_view text);

} // namespace lamina
