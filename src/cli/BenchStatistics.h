#pragma once
// Timing helpers shared by the `bench` commands: a steady clock, percentiles by linear
// interpolation between ranks, and the {p50, p95, count} summary they print.

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <vector>

namespace lamina::cli {

using BenchClock = std::chrono::steady_clock;

inline double msSince(BenchClock::time_point start) {
    return std::chrono::duration<double, std::milli>(BenchClock::now() - start).count();
}

inline double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const double rank = p * double(values.size() - 1);
    const auto lo = size_t(rank);
    const size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (values[hi] - values[lo]) * (rank - double(lo));
}

inline nlohmann::ordered_json summary(const std::vector<double>& ms) {
    return {
        {"p50_ms", percentile(ms, 0.5)}, {"p95_ms", percentile(ms, 0.95)}, {"count", ms.size()}};
}

} // namespace lamina::cli
