// Streaming, measured as the child process's peak RSS, not guessed: the synthetic writer
// writes a 60000 x 60000 slide (10.8 GB of raw RGB), and the large-region export copies the
// whole of it into a new pyramid, each with a small, bounded amount of memory.

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace lamina;
using lamina::test::TempDir;

TEST(SynthMemory, SixtyThousandSquareSlideIsWrittenAndExportedWithBoundedMemory) {
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

    // The large-region export of the whole slide at full resolution (one test: the slide takes
    // two minutes to write in the debug build).
    const std::string exported = (dir / "export.tif").string();
    const auto e = test::runProcess({test::laminaCliPath(), "export", out, "--region",
                                     "0,0,60000,60000", "--mpp", "0.25", "-o", exported});
    ASSERT_EQ(e.exitCode, 0) << e.err;
    std::cout << "export 60000x60000: peak RSS " << e.peakRssKiB / 1024 << " MiB in " << e.seconds
              << " s\n";
    // A few tiles per worker, plus OpenSlide's own tile cache (32 MiB by default).
    EXPECT_LT(e.peakRssKiB, 256 * 1024);
    const auto os = test::openWithOpenSlide(exported);
    ASSERT_TRUE(os && !openslide_get_error(os.get()));
    int64_t w = 0, h = 0;
    openslide_get_level0_dimensions(os.get(), &w, &h);
    EXPECT_EQ(w, 60000);
    EXPECT_EQ(h, 60000);
    EXPECT_STREQ(openslide_get_property_value(os.get(), "openslide.mpp-x"), "0.25");
    EXPECT_STREQ(openslide_get_property_value(os.get(), "openslide.mpp-y"), "0.25");
}
