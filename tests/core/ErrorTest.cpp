#include <lamina/core/Error.h>

#include <gtest/gtest.h>

using namespace lamina;

TEST(Error, MessageNamesTheFileAndTheCause) {
    const Error e(ErrorKind::Corrupt, "/slides/a.svs", "tile 3 is truncated");
    EXPECT_STREQ(e.what(), "/slides/a.svs: tile 3 is truncated");
    EXPECT_EQ(e.file(), "/slides/a.svs");
    EXPECT_EQ(e.cause(), "tile 3 is truncated");
    EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
}

TEST(Error, MessageWithoutFileIsJustTheCause) {
    const Error e(ErrorKind::InvalidArgument, "", "bad level");
    EXPECT_STREQ(e.what(), "bad level");
}

TEST(Error, EveryKindHasAName) {
    for (auto kind : {ErrorKind::NotFound, ErrorKind::Io, ErrorKind::UnsupportedFormat,
                      ErrorKind::Corrupt, ErrorKind::InvalidArgument, ErrorKind::Cancelled})
        EXPECT_STRNE(toString(kind), "error");
}
