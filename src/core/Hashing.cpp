#include <lamina/core/Hashing.h>

namespace lamina {

uint64_t fnv1a64(const void* data, size_t size, uint64_t seed) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    uint64_t h = seed;
    for (size_t i = 0; i < size; ++i) {
        h ^= bytes[i];
        h *= 0x100000001b3ull; // the FNV 64-bit prime
    }
    return h;
}

} // namespace lamina
