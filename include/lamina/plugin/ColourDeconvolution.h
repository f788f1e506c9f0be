#pragma once
// Colour deconvolution after Ruifrok & Johnston (Anal. Quant. Cytol. Histol. 2001), header-only
// for plugins: a pixel's optical density OD = -log10(I / 255) per RGB channel is the sum of the
// stains' unit OD vectors weighted by their densities; densities = OD x inverse(stain matrix),
// the matrix holding two stains and, as third row, their cross product.
// Thread-safety: value types and pure functions.

#include <lamina/plugin/PluginImage.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace lamina {

using StainVector = std::array<double, 3>; // R, G, B optical density

// Ruifrok & Johnston's published vectors.
inline constexpr StainVector kHaematoxylinOd{0.650, 0.704, 0.286};
inline constexpr StainVector kEosinOd{0.072, 0.990, 0.105};
inline constexpr StainVector kDabOd{0.268, 0.570, 0.776};

class ColourDeconvolution {
public:
    // Nothing when a vector is zero or negative or the two are parallel.
    static std::optional<ColourDeconvolution> forStains(StainVector first, StainVector second) {
        if (!normalise(first, false) || !normalise(second, false))
            return std::nullopt;
        StainVector third{first[1] * second[2] - first[2] * second[1],
                          first[2] * second[0] - first[0] * second[2],
                          first[0] * second[1] - first[1] * second[0]};
        if (!normalise(third, true)) // the residual may point anywhere
            return std::nullopt;
        const std::array<StainVector, 3> m{first, second, third};
        const double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
                           m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                           m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        if (std::abs(det) < 1e-9)
            return std::nullopt;
        ColourDeconvolution c;
        for (int r = 0; r < 3; ++r) // inverse = adjugate / determinant
            for (int col = 0; col < 3; ++col) {
                const int r1 = (col + 1) % 3, r2 = (col + 2) % 3;
                const int c1 = (r + 1) % 3, c2 = (r + 2) % 3;
                c.inverse_[size_t(r)][size_t(col)] =
                    (m[size_t(r1)][size_t(c1)] * m[size_t(r2)][size_t(c2)] -
                     m[size_t(r1)][size_t(c2)] * m[size_t(r2)][size_t(c1)]) /
                    det;
            }
        return c;
    }

    // Densities of the first stain, the second and the residual (clamped at 0) of a pixel;
    // `totalOd` receives the summed optical density.
    std::array<double, 3> densities(uint32_t pixel, double* totalOd = nullptr) const {
        const double od[3] = {opticalDensity(PluginImage::red(pixel)),
                              opticalDensity(PluginImage::green(pixel)),
                              opticalDensity(PluginImage::blue(pixel))};
        if (totalOd)
            *totalOd = od[0] + od[1] + od[2];
        std::array<double, 3> d{};
        for (size_t s = 0; s < 3; ++s)
            d[s] = std::max(0.0, od[0] * inverse_[0][s] + od[1] * inverse_[1][s] +
                                     od[2] * inverse_[2][s]);
        return d;
    }

    static double opticalDensity(uint8_t value) {
        return -std::log10(std::max(1, int(value)) / 255.0);
    }

private:
    static bool normalise(StainVector& v, bool mayBeNegative) {
        const double length = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (!(length > 1e-6) || (!mayBeNegative && (v[0] < 0 || v[1] < 0 || v[2] < 0)))
            return false;
        for (double& x : v)
            x /= length;
        return true;
    }
    std::array<StainVector, 3> inverse_{};
};

} // namespace lamina
