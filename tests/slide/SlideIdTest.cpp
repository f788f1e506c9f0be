#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/core/Hashing.h>
#include <lamina/slide/SlideId.h>

#include <gtest/gtest.h>

#include <fstream>

using namespace lamina;
using lamina::test::TempDir;

TEST(SlideId, SameFileGivesTheSameId) {
    TempDir dir;
    std::ofstream(dir / "a.bin") << "content";
    EXPECT_EQ(SlideId::forFile(dir / "a.bin"), SlideId::forFile(dir / "a.bin"));
    EXPECT_EQ(SlideId::forFile(dir / "a.bin").hash(), SlideId::forFile(dir / "a.bin").hash());
}

TEST(SlideId, DifferentContentOrPathGivesAnotherId) {
    TempDir dir;
    std::ofstream(dir / "a.bin") << "content A";
    std::ofstream(dir / "b.bin") << "content A";
    const SlideId a = SlideId::forFile(dir / "a.bin");
    EXPECT_NE(a, SlideId::forFile(dir / "b.bin")); // same bytes, other path
    std::ofstream(dir / "a.bin") << "content B";   // same size, replaced in place
    EXPECT_NE(a, SlideId::forFile(dir / "a.bin"));
}

TEST(SlideId, MissingFileIsAnError) {
    TempDir dir;
    EXPECT_THROW(SlideId::forFile(dir / "missing"), Error);
}

TEST(SlideId, TextIdsHashTheirText) {
    const SlideId a = SlideId::fromText("dicom:1.2.3/4.5.6");
    EXPECT_EQ(a.text(), "dicom:1.2.3/4.5.6");
    EXPECT_EQ(a.hash(), fnv1a64("dicom:1.2.3/4.5.6", 17));
    EXPECT_TRUE(SlideId().isNull());
}
