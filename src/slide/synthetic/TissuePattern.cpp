#include <lamina/slide/synthetic/TissuePattern.h>

#include <algorithm>
#include <cmath>

namespace lamina {
namespace {

uint64_t mix(uint64_t x) { // splitmix64 finaliser: a good 64-bit hash
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

uint64_t hash3(uint64_t seed, int64_t a, int64_t b) {
    return mix(seed ^ mix(uint64_t(a) * 0x632be59bd9b4e019ull ^ mix(uint64_t(b))));
}

float unit(uint64_t h) {
    return float(h >> 40) / float(1 << 24);
} // [0, 1)

float smooth(float t) {
    return t * t * (3 - 2 * t);
}

// Value noise in [0, 1) on an integer lattice; `period` > 0 wraps the lattice.
float valueNoise(uint64_t seed, double x, double y, int64_t period = 0) {
    const double fx = std::floor(x), fy = std::floor(y);
    int64_t x0 = int64_t(fx), y0 = int64_t(fy);
    const float tx = smooth(float(x - fx)), ty = smooth(float(y - fy));
    int64_t x1 = x0 + 1, y1 = y0 + 1;
    if (period > 0) {
        x0 = ((x0 % period) + period) % period;
        y0 = ((y0 % period) + period) % period;
        x1 = (x0 + 1) % period;
        y1 = (y0 + 1) % period;
    }
    const float a = unit(hash3(seed, x0, y0)), b = unit(hash3(seed, x1, y0));
    const float c = unit(hash3(seed, x0, y1)), d = unit(hash3(seed, x1, y1));
    return (a + (b - a) * tx) + ((c + (d - c) * tx) - (a + (b - a) * tx)) * ty;
}

float fbm(uint64_t seed, double x, double y, int octaves) {
    float sum = 0, amplitude = 0.5f, norm = 0;
    for (int i = 0; i < octaves; ++i) {
        sum += amplitude * valueNoise(seed + uint64_t(i) * 7919, x, y);
        norm += amplitude;
        x *= 2.03;
        y *= 2.03;
        amplitude *= 0.5f;
    }
    return sum / norm;
}

uint8_t toByte(float v) {
    return uint8_t(std::clamp(v, 0.0f, 255.0f) + 0.5f);
}

struct RgbF {
    float r, g, b;
};

RgbF lerp(const RgbF& a, const RgbF& b, float t) {
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

// H&E palette.
constexpr RgbF kStromaLight{246, 204, 224};
constexpr RgbF kStromaDark{218, 128, 178};
constexpr RgbF kLumen{250, 236, 242};
constexpr RgbF kNucleusLight{120, 80, 170};
constexpr RgbF kNucleusDark{62, 32, 108};
constexpr RgbF kBackgroundF{TissuePattern::kBackground.r, TissuePattern::kBackground.g,
                            TissuePattern::kBackground.b};

} // namespace

TissuePattern::TissuePattern(int64_t width, int64_t height, uint64_t seed, double mpp)
    : width_(width), height_(height), seed_(mix(seed)),
      nucleusScale_(std::clamp(0.25 / (mpp > 0 ? mpp : 0.25), 0.05, 8.0)),
      fieldCols_(width / kCell + 2), fieldRows_(height / kCell + 2) {
    // Coarse fields, in slide-relative units so the tissue layout scales with the slide.
    const double extent = double(std::max(width, height));
    field_.resize(size_t(fieldCols_ * fieldRows_));
    for (int64_t row = 0; row < fieldRows_; ++row) {
        for (int64_t col = 0; col < fieldCols_; ++col) {
            const double x = double(col * kCell), y = double(row * kCell);
            const double u = x / extent, v = y / extent;
            const double dx = (x - width * 0.5) / (width * 0.5);
            const double dy = (y - height * 0.5) / (height * 0.5);
            const double r2 = dx * dx + dy * dy;
            FieldSample& s = field_[size_t(row * fieldCols_ + col)];
            s.tissue = fbm(seed_ + 1, u * 3.0, v * 3.0, 6) + 0.36f - 0.62f * float(r2);
            // Lumina and nucleus density vary on a scale of a few hundred µm whatever the size.
            const double local = 1.0 / (kCell * 40.0); // one noise cell per ~40 field cells
            s.lumen = fbm(seed_ + 2, x * local * 2.0, y * local * 2.0, 4);
            s.density =
                std::clamp(fbm(seed_ + 3, x * local, y * local, 3) * 1.6f - 0.3f, 0.0f, 1.0f);
        }
    }
    // A periodic texture: stretched for stroma fibres, isotropic for chromatin.
    texture_.resize(size_t(kTextureSize) * kTextureSize);
    for (int y = 0; y < kTextureSize; ++y)
        for (int x = 0; x < kTextureSize; ++x) {
            float sum = 0, amplitude = 0.5f, norm = 0;
            for (int octave = 0, period = 8; octave < 4; ++octave, period *= 2) {
                const double scale = double(period) / kTextureSize;
                sum += amplitude *
                       valueNoise(seed_ + 10 + uint64_t(octave), x * scale, y * scale, period);
                norm += amplitude;
                amplitude *= 0.5f;
            }
            texture_[size_t(y) * kTextureSize + x] = sum / norm;
        }
}

TissuePattern::FieldSample TissuePattern::sampleField(double x, double y) const {
    const double fx = std::clamp(x / kCell, 0.0, double(fieldCols_ - 1) - 1e-9);
    const double fy = std::clamp(y / kCell, 0.0, double(fieldRows_ - 1) - 1e-9);
    const auto c0 = int64_t(fx), r0 = int64_t(fy);
    const auto c1 = std::min(c0 + 1, fieldCols_ - 1), r1 = std::min(r0 + 1, fieldRows_ - 1);
    const float tx = float(fx - c0), ty = float(fy - r0);
    const auto& a = field_[size_t(r0 * fieldCols_ + c0)];
    const auto& b = field_[size_t(r0 * fieldCols_ + c1)];
    const auto& c = field_[size_t(r1 * fieldCols_ + c0)];
    const auto& d = field_[size_t(r1 * fieldCols_ + c1)];
    auto bilinear = [&](float FieldSample::*m) {
        const float top = a.*m + (b.*m - a.*m) * tx;
        const float bottom = c.*m + (d.*m - c.*m) * tx;
        return top + (bottom - top) * ty;
    };
    return {bilinear(&FieldSample::tissue), bilinear(&FieldSample::lumen),
            bilinear(&FieldSample::density)};
}

float TissuePattern::texture(int64_t x, int64_t y) const {
    const auto tx = size_t(x & (kTextureSize - 1)), ty = size_t(y & (kTextureSize - 1));
    return texture_[ty * kTextureSize + tx];
}

bool TissuePattern::tileIsBackground(int64_t x0, int64_t y0, int32_t w, int32_t h) const {
    // Edge roughness moves the boundary by at most kEdgeNoise; stay clear of it.
    constexpr float kMargin = 0.06f;
    const int64_t c0 = std::max<int64_t>(0, x0 / kCell - 1);
    const int64_t c1 = std::min(fieldCols_ - 1, (x0 + w) / kCell + 1);
    const int64_t r0 = std::max<int64_t>(0, y0 / kCell - 1);
    const int64_t r1 = std::min(fieldRows_ - 1, (y0 + h) / kCell + 1);
    if (x0 >= width_ || y0 >= height_)
        return true;
    for (int64_t r = r0; r <= r1; ++r)
        for (int64_t c = c0; c <= c1; ++c)
            if (field_[size_t(r * fieldCols_ + c)].tissue > kTissueThreshold - kMargin)
                return false;
    return true;
}

bool TissuePattern::render(int64_t x0, int64_t y0, int32_t w, int32_t h, uint8_t* rgb,
                           size_t stride) const {
    auto fillBackground = [&] {
        for (int32_t y = 0; y < h; ++y) {
            uint8_t* out = rgb + size_t(y) * stride;
            for (int32_t x = 0; x < w; ++x) {
                out[x * 3 + 0] = kBackground.r;
                out[x * 3 + 1] = kBackground.g;
                out[x * 3 + 2] = kBackground.b;
            }
        }
    };
    if (tileIsBackground(x0, y0, w, h)) {
        fillBackground();
        return true;
    }
    // Per-pixel tissue coverage, kept for the nucleus pass.
    std::vector<float> tissueAlpha(size_t(w) * size_t(h));
    for (int32_t y = 0; y < h; ++y) {
        uint8_t* out = rgb + size_t(y) * stride;
        const int64_t gy = y0 + y;
        for (int32_t x = 0; x < w; ++x) {
            const int64_t gx = x0 + x;
            float alpha = 0;
            RgbF colour = kBackgroundF;
            if (gx < width_ && gy < height_) {
                const FieldSample f = sampleField(double(gx), double(gy));
                // Ragged tissue edges and lumen borders from the texture.
                const float rough = (texture(gx / 3, gy / 3) - 0.5f) * 0.08f;
                alpha =
                    std::clamp((f.tissue + rough - kTissueThreshold) * 60.0f + 0.5f, 0.0f, 1.0f);
                if (alpha > 0) {
                    // Fibres: the texture stretched along a slowly turning direction.
                    const float fibre = texture(gx / 2 + gy / 7, gy / 9 - gx / 23);
                    const float grain = texture(gx, gy + 97);
                    RgbF tissue =
                        lerp(kStromaLight, kStromaDark,
                             std::clamp(fibre * 1.3f - 0.2f + (grain - 0.5f) * 0.25f, 0.0f, 1.0f));
                    const float lumen =
                        std::clamp((f.lumen + rough - kLumenThreshold) * 40.0f + 0.5f, 0.0f, 1.0f);
                    tissue = lerp(tissue, kLumen, lumen);
                    colour = lerp(kBackgroundF, tissue, alpha);
                    alpha *= 1.0f - lumen; // no nuclei in lumina
                }
            }
            tissueAlpha[size_t(y) * w + x] = alpha;
            out[x * 3 + 0] = toByte(colour.r);
            out[x * 3 + 1] = toByte(colour.g);
            out[x * 3 + 2] = toByte(colour.b);
        }
    }
    drawNuclei(x0, y0, w, h, rgb, stride, tissueAlpha);
    return false;
}

void TissuePattern::drawNuclei(int64_t x0, int64_t y0, int32_t w, int32_t h, uint8_t* rgb,
                               size_t stride, const std::vector<float>& tissueAlpha) const {
    // One candidate nucleus per cell of a jittered grid (about 9 µm apart).
    const double cellSize = 36.0 * nucleusScale_;
    const double maxRadius = 14.0 * nucleusScale_ + 2;
    const auto c0 = int64_t(std::floor((double(x0) - maxRadius) / cellSize)) - 1;
    const auto c1 = int64_t(std::floor((double(x0 + w) + maxRadius) / cellSize)) + 1;
    const auto r0 = int64_t(std::floor((double(y0) - maxRadius) / cellSize)) - 1;
    const auto r1 = int64_t(std::floor((double(y0 + h) + maxRadius) / cellSize)) + 1;
    for (int64_t cr = r0; cr <= r1; ++cr) {
        for (int64_t cc = c0; cc <= c1; ++cc) {
            const uint64_t hh = hash3(seed_ + 100, cc, cr);
            const double cx = (double(cc) + 0.15 + 0.7 * unit(mix(hh + 1))) * cellSize;
            const double cy = (double(cr) + 0.15 + 0.7 * unit(mix(hh + 2))) * cellSize;
            if (cx < 0 || cy < 0 || cx >= double(width_) || cy >= double(height_))
                continue;
            const FieldSample f = sampleField(cx, cy);
            const float presence = 0.08f + 0.9f * f.density * f.density;
            if (unit(hh) >= presence || f.tissue < kTissueThreshold + 0.01f ||
                f.lumen > kLumenThreshold - 0.02f)
                continue;
            const double rx = (6.0 + 7.0 * unit(mix(hh + 3))) * nucleusScale_;
            const double ry = rx * (0.55 + 0.45 * unit(mix(hh + 4)));
            const double angle = 3.14159265 * unit(mix(hh + 5));
            const double ca = std::cos(angle), sa = std::sin(angle);
            const float darkness = 0.35f + 0.65f * unit(mix(hh + 6));
            const auto px0 = std::max<int64_t>(x0, int64_t(std::floor(cx - rx - 1)));
            const auto px1 = std::min<int64_t>(x0 + w, int64_t(std::ceil(cx + rx + 1)));
            const auto py0 = std::max<int64_t>(y0, int64_t(std::floor(cy - rx - 1)));
            const auto py1 = std::min<int64_t>(y0 + h, int64_t(std::ceil(cy + rx + 1)));
            for (int64_t py = py0; py < py1; ++py) {
                uint8_t* out = rgb + size_t(py - y0) * stride;
                for (int64_t px = px0; px < px1; ++px) {
                    const double dx = double(px) + 0.5 - cx, dy = double(py) + 0.5 - cy;
                    const double u = (dx * ca + dy * sa) / rx, v = (-dx * sa + dy * ca) / ry;
                    const double d = std::sqrt(u * u + v * v); // 1 on the ellipse outline
                    // About 1.5 px of soft edge.
                    const float cover = std::clamp(float((1.0 - d) * rx / 1.5 + 0.5), 0.0f, 1.0f);
                    if (cover <= 0)
                        continue;
                    const float coverage =
                        cover * tissueAlpha[size_t(py - y0) * w + size_t(px - x0)];
                    const float chromatin = texture(px * 2 + 31, py * 2 + 17);
                    const RgbF nucleus =
                        lerp(kNucleusLight, kNucleusDark,
                             std::clamp(darkness + (chromatin - 0.5f) * 0.6f, 0.0f, 1.0f));
                    uint8_t* p = out + (px - x0) * 3;
                    const RgbF under{float(p[0]), float(p[1]), float(p[2])};
                    const RgbF mixed = lerp(under, nucleus, coverage * 0.92f);
                    p[0] = toByte(mixed.r);
                    p[1] = toByte(mixed.g);
                    p[2] = toByte(mixed.b);
                }
            }
        }
    }
}

} // namespace lamina
