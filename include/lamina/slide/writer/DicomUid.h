#pragma once
// DICOM UIDs under the UUID-derived root 2.25 (PS3.5 B.2): no registered organisation root is
// needed. A random UID is a UUID version 4; a derived UID is a UUID version 8 built from a
// digest of its seed, so converting the same slide the same way twice names the same series
// and instances (a failed upload can be retried: the archive already holds what it got).
// Thread-safety: pure functions (randomDicomUid uses a thread-local generator).

#include <string>
#include <string_view>

namespace lamina {

std::string randomDicomUid();
std::string derivedDicomUid(std::string_view seed);

} // namespace lamina
