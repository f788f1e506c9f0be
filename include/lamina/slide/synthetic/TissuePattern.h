#pragma once
// A procedural H&E-like picture for synthetic slides: white background, a few pink tissue
// sections with fibrous stroma, pale lumina, and purple nuclei. Deterministic for a seed.
// Works in LEVEL-0 pixels; lower pyramid levels are made by downsampling its output.
// Thread-safety: immutable after construction; render() may run concurrently.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lamina {

struct Rgb8 {
    uint8_t r = 0, g = 0, b = 0;
    friend bool operator==(const Rgb8&, const Rgb8&) = default;
};

class TissuePattern {
public:
    // width, height: level-0 size of the slide; mpp: µm per level-0 pixel (sets nucleus size).
    TissuePattern(int64_t width, int64_t height, uint64_t seed, double mpp);

    // The uniform colour of glass without tissue.
    static constexpr Rgb8 kBackground{243, 243, 241};

    // Renders level-0 pixels [x0, x0+w) x [y0, y0+h) as packed RGB rows `stride` bytes apart.
    // Returns true when every pixel is background (callers reuse one encoded tile for those).
    bool render(int64_t x0, int64_t y0, int32_t w, int32_t h, uint8_t* rgb, size_t stride) const;

private:
    // Coarse fields sampled every kCell level-0 pixels, bilinearly interpolated per pixel.
    static constexpr int kCell = 64;
    struct FieldSample {
        float tissue;  // > kTissueThreshold means tissue
        float lumen;   // > kLumenThreshold means a pale lumen inside tissue
        float density; // nucleus density, 0..1
    };
    static constexpr float kTissueThreshold = 0.5f;
    static constexpr float kLumenThreshold = 0.66f;

    FieldSample sampleField(double x, double y) const;
    bool tileIsBackground(int64_t x0, int64_t y0, int32_t w, int32_t h) const;
    void drawNuclei(int64_t x0, int64_t y0, int32_t w, int32_t h, uint8_t* rgb, size_t stride,
                    const std::vector<float>& tissueAlpha) const;
    float texture(int64_t x, int64_t y) const;

    int64_t width_;
    int64_t height_;
    uint64_t seed_;
    double nucleusScale_; // level-0 pixels per "reference" pixel at 0.25 µm/px
    int64_t fieldCols_;
    int64_t fieldRows_;
    std::vector<FieldSample> field_;
    static constexpr int kTextureSize = 256; // periodic fibre/chromatin texture
    std::vector<float> texture_;
};

} // namespace lamina
