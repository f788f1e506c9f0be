#include <lamina/core/Hashing.h>

#include <gtest/gtest.h>

#include <string>

namespace lamina {

// The published FNV-1a 64 test vectors: a change of constants would rename every cached
// DICOMweb frame and every annotation digest.
TEST(Hashing, Fnv1a64MatchesThePublishedTestVectors) {
    EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ull);
    EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cull);
    EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ull);
}

TEST(Hashing, PiecesHashAsTheirConcatenation) {
    const std::string whole = "dicom:1.2.3/4.5.6";
    EXPECT_EQ(fnv1a64(whole.substr(6), fnv1a64(whole.substr(0, 6))), fnv1a64(whole));
    EXPECT_NE(fnv1a64("ab"), fnv1a64("ba"));
}

} // namespace lamina
