#include "BenchViewCommand.h"

#include "BenchStatistics.h"
#include "CliOptions.h"
#include "LoaderWakeups.h"

#include <lamina/core/Error.h>
#include <lamina/core/ThreadPool.h>
#include <lamina/render/SlideViewRenderer.h>
#include <lamina/render/ViewScale.h>
#include <lamina/slide/FormatRegistry.h>

#include <openslide.h>
#include <sys/resource.h>

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

namespace lamina::cli {

using Clock = BenchClock;

CLI::App* BenchViewCommand::configure(CLI::App& app) {
    auto* sub =
        benchGroup(app).add_subcommand("view", "Viewer script: open, fit, jumps, pans, zoom out");
    sub->add_option("slide", slidePath_, "Slide file")->required();
    addViewportOption(sub, viewport_);
    addThreadsOption(sub, threads_, "Loader threads");
    sub->add_flag("--json", json_, "Print JSON");
    return sub;
}

int BenchViewCommand::run() {
    const auto [vw, vh] = parseViewport(viewport_);
    const QSizeF viewport(vw, vh);
    const size_t threads = threadCountOrDefault(threads_);

    // Untimed: the frame's first fill faults in 33 MB of fresh pages (about 100 ms on this VM);
    // the app's window backing store has been touched long before a slide opens.
    QImage frame(vw, vh, QImage::Format_ARGB32_Premultiplied);
    frame.fill(Qt::transparent);
    const auto openStart = Clock::now();
    std::shared_ptr<const SlideSource> slide = FormatRegistry::standard().open(slidePath_);
    const double openMs = msSince(openStart);
    TileCache cache;
    LoaderWakeups wakeups;
    TileLoader loader(cache, threads, wakeups.callback());
    SlideViewRenderer renderer(slide, cache, loader);
    std::vector<double> frameMs;

    auto renderFrame = [&](const Camera& camera) {
        const auto start = Clock::now();
        QPainter painter(&frame); // the background is the renderer's job, as in SlideView
        const ViewRenderStats stats = renderer.paint(painter, camera, viewport, QColor(58, 60, 64));
        painter.end();
        return std::pair{stats, msSince(start)};
    };
    // Requests the view's tiles and waits until a frame is sharp; returns the elapsed ms.
    // Also notes when the frame first had no blank area (coarser tiles standing in).
    double waitedMs = 0, lastCompleteMs = 0;
    uint64_t wantedAtMove = 0, cachedAtMove = 0; // visible tiles, and those already cached
    auto showSharp = [&](const Camera& camera) {
        const auto start = Clock::now();
        const ViewRenderStats atMove = renderFrame(camera).first; // the frame right after a move
        wantedAtMove += uint64_t(atMove.tilesWanted);
        cachedAtMove += uint64_t(atMove.tilesDrawn);
        renderer.requestTiles(camera, viewport);
        bool complete = false;
        wakeups.waitUntil(loader, [&] {
            if (!complete && renderer.isComplete(camera, viewport)) {
                complete = true;
                lastCompleteMs = msSince(start);
            }
            return renderer.isSharp(camera, viewport);
        });
        renderFrame(camera); // the first sharp frame
        const double ms = msSince(start);
        waitedMs += ms;
        for (int i = 0; i < 5; ++i) // warm frames: everything cached
            frameMs.push_back(renderFrame(camera).second);
        return ms;
    };

    const Size dims = slide->dimensions();
    Camera camera;
    camera.fit(dims, viewport);
    const double firstFrameMs = openMs + showSharp(camera);
    const double firstCompleteMs = openMs + lastCompleteMs;

    const double ds40 = downsampleForMagnification(slide->metadata(), 40).value_or(1.0);
    const double places[5][2] = {{0.3, 0.3}, {0.7, 0.4}, {0.5, 0.5}, {0.35, 0.7}, {0.65, 0.65}};
    std::vector<double> jumpMs, panMs, zoomOutMs;
    for (const auto& p : places) {
        camera = Camera{{p[0] * double(dims.width), p[1] * double(dims.height)}, ds40, 0};
        jumpMs.push_back(showSharp(camera));
    }
    // Twenty one-screen pans at 40x, snaking right then down.
    camera = Camera{{0.2 * double(dims.width), 0.3 * double(dims.height)}, ds40, 0};
    for (int i = 0; i < 20; ++i) {
        if (i % 5 == 4)
            camera.center.y += viewport.height() * ds40;
        else
            camera.center.x += (i / 5 % 2 ? -1 : 1) * viewport.width() * ds40;
        camera.center.x = std::clamp(camera.center.x, 0.0, double(dims.width));
        camera.center.y = std::clamp(camera.center.y, 0.0, double(dims.height));
        panMs.push_back(showSharp(camera));
    }
    for (double m : {20.0, 10.0, 5.0, 2.5, 1.25}) {
        camera.downsample = downsampleForMagnification(slide->metadata(), m).value_or(40.0 / m);
        zoomOutMs.push_back(showSharp(camera));
    }
    const auto loaderStats = loader.stats();
    const auto cacheStats = cache.stats();
    const double tilesPerSecond = waitedMs > 0 ? double(loaderStats.loaded) / (waitedMs / 1000) : 0;

    // The peer: the same number of tiles through plain openslide_read_region, same threads.
    // None when OpenSlide cannot open the slide (DICOM): no number rather than a false 0.
    std::optional<double> openslideTilesPerSecond;
    openslide_t* osr = openslide_open(slidePath_.c_str());
    if (osr && !openslide_get_error(osr)) {
        const int level = 0;
        const LevelInfo& l = slide->level(level);
        const uint64_t count = std::max<uint64_t>(64, std::min<uint64_t>(loaderStats.loaded, 2000));
        std::atomic<uint64_t> next{0};
        const auto start = Clock::now();
        std::vector<std::thread> workers;
        for (size_t t = 0; t < threads; ++t)
            workers.emplace_back([&] {
                std::vector<uint32_t> buffer(size_t(l.tileWidth) * l.tileHeight);
                for (uint64_t i; (i = next++) < count;) {
                    // A deterministic walk over level-0 tiles, row by row from the centre.
                    const int64_t across = l.tilesAcross();
                    const int64_t col = (across / 4 + int64_t(i) % (across / 2 + 1)) % across;
                    const int64_t row =
                        (l.tilesDown() / 4 + int64_t(i) / (across / 2 + 1)) % l.tilesDown();
                    openslide_read_region(osr, buffer.data(), col * l.tileWidth, row * l.tileHeight,
                                          level, l.tileWidth, l.tileHeight);
                }
            });
        for (auto& w : workers)
            w.join();
        openslideTilesPerSecond = double(count) / (msSince(start) / 1000);
    }
    if (osr)
        openslide_close(osr);

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    nlohmann::ordered_json j;
    j["slide"] = slidePath_;
    j["viewport"] = viewport_;
    j["threads"] = threads;
    j["first_full_frame_ms"] = firstFrameMs; // = sharp
    j["first_complete_frame_ms"] = firstCompleteMs;
    j["open_ms"] = openMs;
    j["jump_to_40x_sharp"] = summary(jumpMs);
    j["pan_one_screen_sharp"] = summary(panMs);
    j["zoom_out_step_sharp"] = summary(zoomOutMs);
    j["frame_render_warm"] = summary(frameMs);
    j["tiles_loaded"] = loaderStats.loaded;
    j["tiles_cancelled"] = loaderStats.cancelled;
    j["tiles_per_s"] = tilesPerSecond;
    if (openslideTilesPerSecond)
        j["openslide_read_region_tiles_per_s"] = *openslideTilesPerSecond;
    else
        j["openslide_read_region_tiles_per_s"] = nullptr;
    const double hitRate = wantedAtMove ? double(cachedAtMove) / double(wantedAtMove) : 0.0;
    j["cache_hit_rate"] = hitRate; // visible tiles already cached when the view moved
    j["cache_budget_mib"] = double(cacheStats.budgetBytes) / (1 << 20);
    j["peak_rss_mib"] = double(usage.ru_maxrss) / 1024;
    if (json_) {
        std::cout << j.dump(2) << '\n';
        return 0;
    }
    std::cout << "slide " << slidePath_ << ", viewport " << viewport_ << ", " << threads
              << " threads\n"
              << "first full frame     " << firstFrameMs << " ms sharp, " << firstCompleteMs
              << " ms without blank areas (open " << openMs << " ms)\n";
    auto line = [](const char* name, const std::vector<double>& ms) {
        std::cout << name << " p50 " << percentile(ms, 0.5) << " ms, p95 " << percentile(ms, 0.95)
                  << " ms (" << ms.size() << ")\n";
    };
    line("jump to 40x sharp   ", jumpMs);
    line("pan one screen sharp", panMs);
    line("zoom-out step sharp ", zoomOutMs);
    line("frame render (warm) ", frameMs);
    std::cout << "tiles loaded " << loaderStats.loaded << " (" << loaderStats.cancelled
              << " cancelled), " << tilesPerSecond << " tiles/s while waiting\n"
              << "openslide_read_region "
              << (openslideTilesPerSecond ? std::to_string(*openslideTilesPerSecond) + " tiles/s"
                                          : std::string("n/a (OpenSlide cannot open the slide)"))
              << " (same threads)\n"
              << "cache hit rate " << hitRate
              << " (visible tiles cached when the view moved), budget "
              << cacheStats.budgetBytes / (1 << 20) << " MiB, peak RSS " << usage.ru_maxrss / 1024
              << " MiB\n";
    return 0;
}

} // namespace lamina::cli
