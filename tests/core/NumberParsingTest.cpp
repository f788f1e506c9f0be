#include <lamina/core/NumberParsing.h>

#include <gtest/gtest.h>

#include <clocale>

using namespace lamina;

TEST(NumberParsing, ParsesPlainDecimals) {
    EXPECT_DOUBLE_EQ(*parseDouble("0.499"), 0.499);
    EXPECT_DOUBLE_EQ(*parseDouble(" 40 "), 40.0);
    EXPECT_DOUBLE_EQ(*parseDouble("+2.5e-1"), 0.25);
    EXPECT_EQ(*parseInt("-12"), -12);
}

TEST(NumberParsing, RejectsGarbageAndNonFiniteValues) {
    EXPECT_FALSE(parseDouble(""));
    EXPECT_FALSE(parseDouble("0,5"));
    EXPECT_FALSE(parseDouble("12abc"));
    EXPECT_FALSE(parseDouble("nan"));
    EXPECT_FALSE(parseDouble("inf"));
    EXPECT_FALSE(parseDouble("1e999"));
    EXPECT_FALSE(parseInt("1.5"));
    EXPECT_FALSE(parseInt("99999999999999999999999"));
}

TEST(NumberParsing, IgnoresTheProcessLocale) {
    // A French desktop uses a decimal comma; slide properties always use a point.
    const char* previous = std::setlocale(LC_NUMERIC, nullptr);
    const std::string saved = previous ? previous : "C";
    if (!std::setlocale(LC_NUMERIC, "fr_FR.UTF-8") && !std::setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        GTEST_SKIP() << "no comma-decimal locale installed";
    EXPECT_DOUBLE_EQ(*parseDouble("0.2527"), 0.2527);
    std::setlocale(LC_NUMERIC, saved.c_str());
}
