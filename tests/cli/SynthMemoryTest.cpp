// The synthetic writer streams: a 60000 x 60000 slide (10.8 GB of raw RGB) is written with a
// small, bounded amount of memory. Measured as the child process's peak RSS, not guessed.

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace lamina;
using lamina::test::TempDir;

TEST(SynthMemory, SixtyThousandSquareSlideUsesBoundedMemory) {
#if defined(__SANITIZE_ADDRESS__)
    GTEST_SKIP() << "AddressSanitizer's shadow memory and quarantine distort RSS; measured in "
                    "the plain test build";
#endif
    TempDir dir;
    const std::string out = (dir / "big.svs").string();
    const auto r = test::runProcess({test::laminaCliPath(), "synth", "-o", out, "--width", "60000",
                                     "--height", "60000", "--quiet"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::cout << "synth 60000x60000: peak RSS " << r.peakRssKiB / 1024 << " MiB in " << r.seconds
              << " s\n";
    // Raw level 0 alone would be 10 GiB; the writer keeps about three rows of tiles.
    EXPECT_LT(r.peakRssKiB, 400 * 1024);

    const auto info = test::runProcess({test::laminaCliPath(), "info", "--json", out});
    ASSERT_EQ(info.exitCode, 0) << info.err;
    const auto j = nlohmann::json::parse(info.out);
    EXPECT_EQ(j["width"], 60000);
    EXPECT_EQ(j["height"], 60000);
    EXPECT_EQ(j["levels"].size(), 4u); // 60000, 15000, 3750, 938
}
