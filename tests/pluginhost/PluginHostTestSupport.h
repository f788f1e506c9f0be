#pragma once
// Shared by the plugin host's tests: a registry over the build tree's and the test plugins,
// requests, and slides drawn in memory with known content (stain mixtures, nuclei) so a
// plugin's result can be checked against what was drawn.

#include "TestSupport.h"

#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>
#include <lamina/plugin/PluginGeometry.h>
#include <lamina/pluginhost/PluginJob.h>
#include <lamina/pluginhost/PluginOutput.h>
#include <lamina/pluginhost/PluginRasterFile.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/pluginhost/PluginResultCache.h>
#include <lamina/pluginhost/PluginRun.h>
#include <lamina/pluginhost/SlideForPlugin.h>
#include <lamina/render/RasterOverlay.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/synthetic/TissuePattern.h>

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPainter>

#include <array>
#include <chrono>
#include <cmath>
#include <fstream>
#include <future>
#include <random>
#include <thread>
#include <tuple>

namespace lamina::pluginhost_test {

// Registry over the build tree's plugins and the test plugins.
inline const PluginRegistry& registry() {
    static const PluginRegistry* r = [] {
        auto* reg = new PluginRegistry;
        reg->discover(
            {QStringLiteral(LAMINA_BUILD_PLUGIN_DIR), QStringLiteral(LAMINA_TEST_PLUGIN_DIR)});
        return reg;
    }();
    return *r;
}

inline const PluginEntry* entryFor(const QString& idOrFilePart) {
    for (const PluginEntry& e : registry().plugins())
        if (e.description.id == idOrFilePart || e.file.contains(idOrFilePart))
            return &e;
    return nullptr;
}

inline std::shared_ptr<const SlideForPlugin> slideOf(const std::filesystem::path& path) {
    return std::make_shared<const SlideForPlugin>(FormatRegistry::standard().open(path.string()));
}

inline PluginRunRequest request(double x, double y, double w, double h, const QString& mode,
                                double tile = 512) {
    PluginRunRequest r;
    r.x = x, r.y = y, r.width = w, r.height = h;
    r.parameters = entryFor(QStringLiteral("test-behaviour"))
                       ->description.resolveParameters(
                           {{"mode", mode.toStdString()}, {"tile", std::to_string(tile)}});
    r.threads = 2;
    return r;
}

inline ErrorKind kindOf(const std::function<void()>& f, std::string* what = nullptr) {
    try {
        f();
    } catch (const Error& e) {
        if (what)
            *what = e.what();
        return e.kind();
    }
    ADD_FAILURE() << "no lamina::Error";
    return ErrorKind::Io;
}

// The colour of one stain at a density, as Beer-Lambert has it: 255 * 10^-(density * unit OD).
inline uint32_t stainColour(std::array<double, 3> v, double density) {
    const double n = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    uint32_t c = 0xff000000u;
    for (int i = 0; i < 3; ++i)
        c |= uint32_t(std::lround(255 * std::pow(10.0, -density * v[size_t(i)] / n)))
             << (16 - 8 * i);
    return c;
}

// A square one-level slide (0.5 µm/px unless told) drawn by a function: region(x, y, w, h, scale)
// gives w x h pixels from level-0 (x, y), each `scale` level-0 pixels wide (sampled at its centre).
class DrawnSlide : public PluginSlide {
public:
    explicit DrawnSlide(int64_t side, double mpp = 0.5) : side_(side), mpp_(mpp) {}
    int levelCount() const override { return 1; }
    int64_t levelWidth(int) const override { return side_; }
    int64_t levelHeight(int) const override { return side_; }
    double levelDownsample(int) const override { return 1; }
    std::optional<double> micronsPerPixel() const override { return mpp_; }
    std::string slideId() const override { return "drawn"; }
    PluginImage readRegion(int, int64_t x, int64_t y, int w, int h) const override {
        return region(double(x), double(y), w, h, 1);
    }
    PluginImage readRegionAt(double mpp, double x, double y, double w, double h) const override {
        const double scale = mpp / mpp_;
        return region(x, y, int(std::lround(w / scale)), int(std::lround(h / scale)), scale);
    }

protected:
    virtual PluginImage region(double x, double y, int w, int h, double scale) const = 0;
    // w x h pixels from level-0 (x, y), each the colour `at` gives for its centre.
    static PluginImage sampled(double x, double y, int w, int h, double scale,
                               const std::function<uint32_t(double, double)>& at) {
        PluginImage image;
        image.width = w;
        image.height = h;
        for (int row = 0; row < h; ++row)
            for (int col = 0; col < w; ++col)
                image.pixels.push_back(at(x + (col + 0.5) * scale, y + (row + 0.5) * scale));
        return image;
    }
    int64_t side_;
    double mpp_;
};

// 1000 x 1000, one flat colour on the left half, another on the right.
class HalvesSlide : public DrawnSlide {
public:
    HalvesSlide(uint32_t left, uint32_t right) : DrawnSlide(1000), left_(left), right_(right) {}

private:
    PluginImage region(double x, double y, int w, int h, double scale) const override {
        return sampled(x, y, w, h, scale, [this](double sx, double sy) {
            return sx < 0 || sy < 0 || sx >= 1000 || sy >= 1000 ? 0u : sx < 500 ? left_ : right_;
        });
    }
    uint32_t left_, right_;
};

constexpr std::array<double, 3> kHaematoxylin{0.650, 0.704, 0.286};
constexpr std::array<double, 3> kEosin{0.072, 0.990, 0.105};
constexpr std::array<double, 3> kDab{0.268, 0.570, 0.776};

// Runs stain-separation on the whole HalvesSlide; the run's raster and measurements.
inline std::pair<PluginRaster, std::map<std::string, double>>
separate(const std::shared_ptr<const PluginSlide>& slide,
         const std::map<std::string, std::string>& parameters, std::string* error = nullptr) {
    const PluginEntry& e = registry().find(QStringLiteral("stain-separation"));
    PluginRunRequest r;
    r.width = r.height = 1000;
    r.parameters = e.description.resolveParameters(parameters);
    PluginRun run(e, slide, r);
    if (run.wait() != PluginRun::State::Finished) {
        if (error)
            *error = run.error();
        return {};
    }
    return {*mosaicRasters(run.outcomes()), runMeasurements(e.description, run.outcomes())};
}

// A 2000 x 2000 slide at 0.5 µm/px: white glass with haematoxylin-stained discs ("nuclei",
// density 0.9) of 8 µm diameter, on a jittered grid, plus pairs of touching discs.
class NucleiSlide : public DrawnSlide {
public:
    NucleiSlide() : DrawnSlide(2000) {
        std::mt19937 random(11);
        std::uniform_real_distribution<double> jitter(-15, 15);
        for (int row = 0; row < 12; ++row)
            for (int col = 0; col < 12; ++col) {
                const double x = 100 + col * 150 + jitter(random);
                const double y = 100 + row * 150 + jitter(random);
                centres.push_back({x, y});
                if ((row + col) % 7 == 0) // a touching neighbour (overlapping by 1 pixel)
                    centres.push_back({x + 15, y});
            }
    }
    std::vector<std::pair<double, double>> centres; // level-0 pixels
    static constexpr double kRadius = 8;            // level-0 pixels (4 µm)

private:
    PluginImage region(double x0, double y0, int w, int h, double scale) const override {
        static const uint32_t nucleus = stainColour(kHaematoxylin, 0.9);
        PluginImage image;
        image.width = w;
        image.height = h;
        image.pixels.assign(size_t(w) * size_t(h), 0xfff3f3f1u);
        for (const auto& [cx, cy] : centres)
            for (int row = std::max(0, int((cy - kRadius - y0) / scale));
                 row < std::min(h, int((cy + kRadius - y0) / scale) + 2); ++row)
                for (int col = std::max(0, int((cx - kRadius - x0) / scale));
                     col < std::min(w, int((cx + kRadius - x0) / scale) + 2); ++col) {
                    const double px = x0 + (col + 0.5) * scale, py = y0 + (row + 0.5) * scale;
                    if (std::hypot(px - cx, py - cy) <= kRadius)
                        image.pixels[size_t(row) * size_t(w) + size_t(col)] = nucleus;
                }
        return image;
    }
};

} // namespace lamina::pluginhost_test
