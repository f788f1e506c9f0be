#include "BenchSoakCommand.h"

#include "BenchStatistics.h"
#include "CliOptions.h"
#include "LoaderWakeups.h"
#include "SoakVerdict.h"

#include <lamina/core/Error.h>
#include <lamina/core/ProcessResources.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/pluginhost/PluginRun.h>
#include <lamina/pluginhost/SlideForPlugin.h>
#include <lamina/render/RasterOverlay.h>
#include <lamina/render/SlideViewRenderer.h>
#include <lamina/render/ViewScale.h>
#include <lamina/slide/FormatRegistry.h>

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <utility>

namespace lamina::cli {
namespace {

// What a pane of the viewer holds for one open slide.
struct SoakTab {
    std::string path;
    std::shared_ptr<const SlideSource> slide;
    std::unique_ptr<SlideViewRenderer> renderer;
    std::optional<RasterOverlay> overlay; // the last plugin run's raster
    Camera camera;
    double closest = 1, widest = 1; // downsample bounds: 2x past 40x .. the whole slide
};

// A view can never wait this long for a tile in a healthy session; past it the soak stops
// and says the view hung, rather than hanging itself.
constexpr std::chrono::seconds kActionLimit{60};
// Each view's ScaledTileCache (SlideViewRenderer.h) may hold this much.
constexpr uint64_t kShrunkTilesPerView = uint64_t(64) << 20;
// Fonts, Qt, OpenSlide's and the decoders' own state, the frame: not budgeted anywhere.
// Under AddressSanitizer, add its quarantine of freed memory (256 MiB) and shadow memory:
// the memory checks still catch a leak of gigabytes, not one of megabytes.
#if defined(__SANITIZE_ADDRESS__)
constexpr uint64_t kFixedAllowance = uint64_t(160 + 1024) << 20;
constexpr uint64_t kSanitizerCreep = uint64_t(384) << 20;
#else
constexpr uint64_t kFixedAllowance = uint64_t(160) << 20;
constexpr uint64_t kSanitizerCreep = 0;
#endif

} // namespace

CLI::App* BenchSoakCommand::configure(CLI::App& app) {
    auto* sub = benchGroup(app).add_subcommand(
        "soak", "An hour-equivalent of pans, zooms, tab switches and plugin runs; checks for "
                "leaks of memory, threads, files and processes");
    sub->add_option("slides", slidePaths_, "Slide files, one tab each")->required();
    sub->add_option("--actions", actions_, "Actions in the script (one a second for an hour)")
        ->capture_default_str()
        ->check(CLI::Range(size_t(40), size_t(1) << 24));
    sub->add_option("--plugin-id", plugin_, "Plugin run every --plugin-every actions; \"\" = none")
        ->capture_default_str();
    addParamOption(sub, params_);
    sub->add_option("--plugin-every", pluginEvery_, "Actions between plugin runs")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    sub->add_option("--reopen-every", reopenEvery_, "Actions between closing and reopening a tab")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    sub->add_option("--cache-mib", cacheMib_, "Tile cache budget")
        ->capture_default_str()
        ->check(CLI::Range(uint64_t(16), uint64_t(1) << 20));
    addViewportOption(sub, viewport_);
    addThreadsOption(sub, threads_, "Loader and plugin threads");
    sub->add_flag("--json", json_, "Print JSON");
    return sub;
}

int BenchSoakCommand::run() {
    const auto [vw, vh] = parseViewport(viewport_);
    const QSizeF viewport(vw, vh);
    const size_t threads = threadCountOrDefault(threads_);
    // The warm-up must have done everything once: filled the cache, run a plugin (its worker
    // pooled), reopened a tab. After it, nothing may grow.
    const size_t warmup =
        std::max({actions_ / 4, plugin_.empty() ? 0 : pluginEvery_ + 1, reopenEvery_ + 1});
    if (warmup > actions_ / 2)
        throw Error(ErrorKind::InvalidArgument, "bench soak",
                    "--actions must be at least twice --plugin-every and --reopen-every (the "
                    "first quarter warms up, the rest is judged)");

    PluginRegistry registry;
    const PluginEntry* plugin = nullptr;
    QVariantMap pluginParameters;
    if (!plugin_.empty()) {
        registry.discover();
        plugin = &registry.find(QString::fromStdString(plugin_));
        pluginParameters = plugin->description.resolveParameters(parseParams(params_));
    }

    QImage frame(vw, vh, QImage::Format_ARGB32_Premultiplied);
    frame.fill(Qt::transparent);
    TileCache cache(cacheMib_ << 20);
    LoaderWakeups wakeups;
    TileLoader loader(cache, threads, wakeups.callback());

    std::vector<SoakTab> tabs(slidePaths_.size());
    const auto open = [&](SoakTab& tab) {
        tab.slide = FormatRegistry::standard().open(tab.path);
        tab.renderer = std::make_unique<SlideViewRenderer>(tab.slide, cache, loader);
        tab.camera = Camera{};
        tab.camera.fit(tab.slide->dimensions(), viewport);
        tab.widest = tab.camera.downsample;
        tab.closest = downsampleForMagnification(tab.slide->metadata(), 40).value_or(1.0) / 2;
        tab.closest = std::min(tab.closest, tab.widest);
    };
    const auto close = [&](SoakTab& tab) { // as Workspace::releaseSlide does
        const uint64_t id = tab.slide->id().hash();
        tab.renderer.reset();
        tab.overlay.reset();
        tab.slide.reset();
        loader.dropSlide(id);
        cache.removeSlide(id);
    };
    for (size_t i = 0; i < tabs.size(); ++i) {
        tabs[i].path = slidePaths_[i];
        open(tabs[i]);
    }
    const uint64_t startResident = residentBytesOf(0);

    std::vector<double> frameMs, sharpMs;
    size_t pluginRuns = 0, pluginTiles = 0, reopens = 0, tabSwitches = 0;
    const auto paint = [&](const SoakTab& tab) {
        const auto start = BenchClock::now();
        QPainter painter(&frame);
        tab.renderer->paint(painter, tab.camera, viewport, QColor(58, 60, 64));
        if (tab.overlay)
            tab.overlay->paint(painter, tab.camera, viewport);
        painter.end();
        frameMs.push_back(msSince(start));
    };
    const auto showSharp = [&](SoakTab& tab, size_t action) {
        const auto start = BenchClock::now();
        paint(tab); // the frame right after the move, coarser tiles standing in
        tab.renderer->requestTiles(tab.camera, viewport);
        // As SlideView does: whenever tiles arrived, tell the renderer and draw a frame
        // (drawing keeps the visible tiles recently used in the cache), until one is sharp.
        bool first = true;
        if (!wakeups.waitUntil(
                loader,
                [&] {
                    if (!std::exchange(first, false)) {
                        tab.renderer->tilesArrived(tab.camera, viewport);
                        paint(tab);
                    }
                    return tab.renderer->isSharp(tab.camera, viewport);
                },
                kActionLimit)) {
            QPainter painter(&frame);
            const ViewRenderStats stats = tab.renderer->paint(painter, tab.camera, viewport);
            const TileLoaderStats loading = loader.stats();
            throw Error(ErrorKind::Io, tab.path,
                        "the view was not sharp " + std::to_string(kActionLimit.count()) +
                            " s after action " + std::to_string(action) + " of the soak (" +
                            std::to_string(stats.tilesMissing) + " of " +
                            std::to_string(stats.tilesWanted) + " visible tiles missing, " +
                            std::to_string(loading.queued) + " queued, " +
                            std::to_string(loading.running) + " being read)");
        }
        paint(tab); // the sharp frame
        sharpMs.push_back(msSince(start));
    };
    const auto runPlugin = [&](SoakTab& tab) {
        const QRectF visible = tab.camera.visibleSlideRect(viewport).intersected(QRectF(
            0, 0, double(tab.slide->dimensions().width), double(tab.slide->dimensions().height)));
        PluginRunRequest request;
        request.x = visible.x();
        request.y = visible.y();
        request.width = visible.width();
        request.height = visible.height();
        request.parameters = pluginParameters;
        request.threads = threads;
        PluginRun run(*plugin, std::make_shared<const SlideForPlugin>(tab.slide), request);
        if (run.wait() != PluginRun::State::Finished)
            throw Error(ErrorKind::InvalidArgument, plugin_, run.error());
        tab.overlay.reset(); // a new run replaces the overlay, as in the Analysis dock
        for (const PluginTileOutcome& o : run.outcomes())
            if (o.result && o.result->raster) {
                if (!tab.overlay)
                    tab.overlay.emplace(o.result->raster->kind);
                tab.overlay->addTile(*o.result->raster);
            }
        ++pluginRuns;
        pluginTiles += run.tileCount();
    };

    std::vector<SoakSample> samples;
    const size_t sampleEvery = std::max<size_t>(1, actions_ / 100);
    uint64_t cacheBytesAtWarmup = 0;
    std::mt19937 random(20261207); // the same script every run
    std::uniform_real_distribution<double> unit(0, 1);
    size_t active = 0;
    const auto soakStart = BenchClock::now();
    showSharp(tabs[active], 0);
    for (size_t action = 1; action <= actions_; ++action) {
        SoakTab* tab = &tabs[active];
        if (action % reopenEvery_ == 0) { // close the tab and open its slide again
            close(*tab);
            open(*tab);
            ++reopens;
        } else if (plugin && action % pluginEvery_ == 0) {
            runPlugin(*tab);
        } else {
            const double pick = unit(random);
            Camera& camera = tab->camera;
            const Size dims = tab->slide->dimensions();
            if (pick < 0.60) { // pan one screen in one of eight directions
                const double angle = std::floor(unit(random) * 8) * M_PI / 4;
                camera.panByScreen(QPointF(std::cos(angle) * vw, std::sin(angle) * vh));
            } else if (pick < 0.75) { // a zoom step around the centre, in or out
                camera.zoomAround(unit(random) < 0.5 ? 2.0 : 0.5, QPointF(vw / 2.0, vh / 2.0),
                                  viewport);
            } else if (pick < 0.85) { // jump somewhere, at some zoom
                camera.center = {unit(random) * double(dims.width),
                                 unit(random) * double(dims.height)};
                camera.downsample =
                    tab->closest * std::pow(tab->widest / tab->closest, unit(random));
            } else if (pick < 0.90) {
                camera.rotation = std::fmod(camera.rotation + 90, 360);
            } else if (tabs.size() > 1) {
                tab->renderer->withdrawRequests(); // as a hidden SlideView does
                active =
                    (active + 1 + size_t(unit(random) * double(tabs.size() - 1))) % tabs.size();
                tab = &tabs[active];
                ++tabSwitches;
            }
            tab->camera.downsample = std::clamp(tab->camera.downsample, tab->closest, tab->widest);
            tab->camera.center.x = std::clamp(tab->camera.center.x, 0.0, double(dims.width));
            tab->camera.center.y = std::clamp(tab->camera.center.y, 0.0, double(dims.height));
        }
        showSharp(*tab, action);
        if (action == warmup)
            cacheBytesAtWarmup = cache.stats().bytes;
        if (action % sampleEvery == 0 || action == actions_) {
            uint64_t budgeted = cache.stats().bytes;
            for (const SoakTab& t : tabs)
                budgeted += t.renderer->shrunkTileBytes();
            samples.push_back({action, sampleProcessResources(), budgeted});
        }
    }
    const double soakSeconds = msSince(soakStart) / 1000;

    const uint64_t budget = cacheMib_ << 20;
    SoakLimits limits;
    limits.warmupActions = warmup;
    limits.startResident = startResident;
    limits.memoryAllowance = budget + kShrunkTilesPerView * tabs.size() + kFixedAllowance;
    // Allocator noise: a tenth of the budget, at least 32 MiB.
    limits.creepAllowance = std::max<uint64_t>(budget / 10, uint64_t(32) << 20) + kSanitizerCreep;
    const std::vector<std::string> findings = soakFindings(samples, limits);

    const auto mib = [](uint64_t bytes) { return double(bytes) / (1 << 20); };
    const size_t half = frameMs.size() / 2;
    const std::vector<double> earlyFrames(frameMs.begin(), frameMs.begin() + long(half));
    const std::vector<double> lateFrames(frameMs.begin() + long(half), frameMs.end());
    const auto loaderStats = loader.stats();
    nlohmann::ordered_json j;
    j["slides"] = slidePaths_;
    j["viewport"] = viewport_;
    j["threads"] = threads;
    j["actions"] = actions_;
    j["warmup_actions"] = warmup;
    j["seconds"] = soakSeconds;
    j["plugin"] = plugin_;
    j["plugin_runs"] = pluginRuns;
    j["plugin_tiles"] = pluginTiles;
    j["reopens"] = reopens;
    j["tab_switches"] = tabSwitches;
    j["tiles_loaded"] = loaderStats.loaded;
    j["tiles_failed"] = loaderStats.failed;
    j["action_until_sharp"] = summary(sharpMs);
    j["frame_render_first_half"] = summary(earlyFrames);
    j["frame_render_second_half"] = summary(lateFrames);
    j["cache_budget_mib"] = double(cacheMib_);
    j["cache_mib_at_warmup"] = mib(cacheBytesAtWarmup);
    j["resident_mib_at_start"] = mib(startResident);
    j["resident_mib_bound"] = mib(limits.startResident + limits.memoryAllowance);
    const ProcessResources& first = samples.front().resources;
    const ProcessResources& last = samples.back().resources;
    uint64_t peak = 0;
    nlohmann::json series = nlohmann::json::array();
    for (const SoakSample& s : samples) {
        peak = std::max(peak, s.resources.residentBytes);
        series.push_back({{"action", s.action},
                          {"resident_mib", mib(s.resources.residentBytes)},
                          {"cached_mib", mib(s.budgetedBytes)},
                          {"threads", s.resources.threads},
                          {"open_files", s.resources.openFiles},
                          {"children", s.resources.childProcesses},
                          {"zombies", s.resources.zombieChildren}});
    }
    j["resident_mib_peak"] = mib(peak);
    j["resident_mib_end"] = mib(last.residentBytes);
    j["threads_first_last"] = {first.threads, last.threads};
    j["open_files_first_last"] = {first.openFiles, last.openFiles};
    j["children_first_last"] = {first.childProcesses, last.childProcesses};
    j["findings"] = findings;
    j["samples"] = series;
    if (json_) {
        std::cout << j.dump(2) << '\n';
    } else {
        std::cout << "soak: " << actions_ << " actions over " << tabs.size() << " tabs in "
                  << soakSeconds << " s (" << pluginRuns << " plugin runs, " << reopens
                  << " reopens, " << tabSwitches << " tab switches, " << loaderStats.loaded
                  << " tiles)\n"
                  << "action until sharp p50 " << percentile(sharpMs, 0.5) << " ms, p95 "
                  << percentile(sharpMs, 0.95) << " ms; frame p95 first half "
                  << percentile(earlyFrames, 0.95) << " ms, second half "
                  << percentile(lateFrames, 0.95) << " ms\n"
                  << "resident " << mib(startResident) << " MiB at start, peak " << mib(peak)
                  << " MiB, end " << mib(last.residentBytes) << " MiB (bound "
                  << mib(limits.startResident + limits.memoryAllowance) << " MiB; cache "
                  << cacheMib_ << " MiB, " << mib(cacheBytesAtWarmup) << " MiB at warm-up)\n"
                  << "threads " << first.threads << " -> " << last.threads << ", open files "
                  << first.openFiles << " -> " << last.openFiles << ", child processes "
                  << first.childProcesses << " -> " << last.childProcesses << "\n";
    }
    for (SoakTab& tab : tabs)
        close(tab);
    for (const std::string& f : findings)
        std::cerr << "lamina-cli: bench soak: " << f << '\n';
    return findings.empty() ? 0 : 1;
}

} // namespace lamina::cli
