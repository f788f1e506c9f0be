#pragma once
// Geometry helpers for plugins and the host (header-only): whether a level-0 point lies inside
// a region's outline.
// Thread-safety: pure functions.

#include <utility>
#include <vector>

namespace lamina {

// Even-odd rule. An outline of fewer than 3 points means "no outline": everything is inside.
inline bool insideOutline(const std::vector<std::pair<double, double>>& outline, double x,
                          double y) {
    if (outline.size() < 3)
        return true;
    bool in = false;
    for (size_t i = 0, j = outline.size() - 1; i < outline.size(); j = i++) {
        const auto [xi, yi] = outline[i];
        const auto [xj, yj] = outline[j];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            in = !in;
    }
    return in;
}

} // namespace lamina
