#include <lamina/core/Hashing.h>
#include <lamina/slide/writer/DicomUid.h>

#include <algorithm>
#include <random>

namespace lamina {
namespace {

__extension__ typedef unsigned __int128 Uint128; // GCC and Clang

// "2.25." and the 128-bit value in decimal (at most 39 digits: the UID stays under 64 chars).
std::string uidFromUuid(Uint128 value) {
    std::string digits;
    do {
        digits.push_back(char('0' + int(value % 10)));
        value /= 10;
    } while (value != 0);
    std::reverse(digits.begin(), digits.end());
    return "2.25." + digits;
}

// Sets the UUID version nibble and the RFC 4122 variant bits.
Uint128 asUuid(uint64_t high, uint64_t low, unsigned version) {
    high = (high & ~(uint64_t(0xF) << 12)) | (uint64_t(version) << 12);
    low = (low & ~(uint64_t(0x3) << 62)) | (uint64_t(0x2) << 62);
    return Uint128(high) << 64 | low;
}

} // namespace

std::string randomDicomUid() {
    thread_local std::mt19937_64 generator{[] {
        std::random_device device;
        return (uint64_t(device()) << 32) ^ device();
    }()};
    const uint64_t high = generator(), low = generator();
    return uidFromUuid(asUuid(high, low, 4));
}

std::string derivedDicomUid(std::string_view seed) {
    // Two FNV-1a digests of the seed, each started from a different state; uniqueness, not
    // secrecy, is what a UID needs.
    const uint64_t high = fnv1a64(seed, fnv1a64("lamina.uid.high"));
    const uint64_t low = fnv1a64(seed, fnv1a64("lamina.uid.low"));
    return uidFromUuid(asUuid(high, low, 8));
}

} // namespace lamina
