#include <lamina/annotation/Annotation.h>

#include <cstdio>
#include <random>

namespace lamina {

std::string Annotation::newId() {
    // One generator per thread, seeded from the OS: ids must not repeat across sessions.
    thread_local std::mt19937_64 random{std::random_device{}() ^
                                        (uint64_t(std::random_device{}()) << 32)};
    const uint64_t hi = (random() & 0xffffffffffff0fffull) | 0x4000ull;             // version 4
    const uint64_t lo = (random() & 0x3fffffffffffffffull) | 0x8000000000000000ull; // variant 1
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", unsigned(hi >> 32),
                  unsigned((hi >> 16) & 0xffff), unsigned(hi & 0xffff), unsigned(lo >> 48),
                  static_cast<unsigned long long>(lo & 0xffffffffffffull));
    return text;
}

} // namespace lamina
