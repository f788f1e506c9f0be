// replaceFile: the target appears whole or not at all; a failed write leaves the old file and
// no temporary behind; a missing folder or a folder target is refused naming the target.

#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>

#include <gtest/gtest.h>

#include <fstream>

using namespace lamina;
namespace fs = std::filesystem;

namespace {
std::string contentOf(const fs::path& p) {
    std::ifstream in(p);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}
size_t filesIn(const fs::path& dir) {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
        ++n;
    return n;
}
} // namespace

TEST(FileReplacement, FailedWriteKeepsTheOldFileAndLeavesNoTemporary) {
    test::TempDir dir;
    const fs::path target = dir / "out.tif";
    std::ofstream(target) << "old";
    EXPECT_THROW(replaceFile(target,
                             [](const fs::path& temporary) {
                                 std::ofstream(temporary) << "half";
                                 throw Error(ErrorKind::Cancelled, {}, "cancelled");
                             }),
                 Error);
    EXPECT_EQ(contentOf(target), "old");
    EXPECT_EQ(filesIn(dir.path()), 1u);
    replaceFile(target, [](const fs::path& temporary) { std::ofstream(temporary) << "new"; });
    EXPECT_EQ(contentOf(target), "new");
    EXPECT_EQ(filesIn(dir.path()), 1u);
}

TEST(FileReplacement, MissingFolderOrFolderTargetIsRefusedNamingTheTarget) {
    test::TempDir dir;
    try {
        replaceFile(dir / "missing" / "x.tif", [](const fs::path&) {});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::NotFound);
        EXPECT_NE(std::string(e.what()).find("x.tif"), std::string::npos);
    }
    fs::create_directory(dir / "folder");
    EXPECT_THROW(replaceFile(dir / "folder", [](const fs::path&) {}), Error);
}
