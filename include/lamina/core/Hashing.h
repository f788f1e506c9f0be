#pragma once
// Lamina's one non-cryptographic hash: FNV-1a, 64 bit. Used for cache keys (slide ids, the
// DICOMweb disk cache's file names) and the annotation store's digest of a slide; never for
// anything an attacker must not be able to collide.
// Thread-safety: pure function.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lamina {

inline constexpr uint64_t kFnv1a64Seed = 0xcbf29ce484222325ull;

// FNV-1a over `size` bytes, continuing from `seed` (so several pieces hash as one).
uint64_t fnv1a64(const void* data, size_t size, uint64_t seed = kFnv1a64Seed);
inline uint64_t fnv1a64(std::string_view text, uint64_t seed = kFnv1a64Seed) {
    return fnv1a64(text.data(), text.size(), seed);
}

} // namespace lamina
