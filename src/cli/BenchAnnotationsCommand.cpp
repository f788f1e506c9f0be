#include "BenchAnnotationsCommand.h"

#include "BenchStatistics.h"
#include "CliOptions.h"

#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>
#include <lamina/render/AnnotationPainter.h>

#include <sys/resource.h>

#include <QImage>
#include <QPainter>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numbers>
#include <random>

namespace lamina::cli {
namespace {

double peakRssMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

// Cells: irregular polygons 16-48 px across (4-12 µm at 0.25 µm/px) around 200 cluster
// centres in a 100 000 x 80 000 px slide, so density varies as in tissue.
AnnotationDocument syntheticCells(int count, int vertices) {
    std::mt19937 random(42);
    std::uniform_real_distribution<double> across(0, 1), radius(8, 24), wobble(0.8, 1.2);
    std::normal_distribution<double> spread(0, 2500);
    std::vector<PointD> clusters;
    for (int i = 0; i < 200; ++i)
        clusters.push_back({5000 + 90000 * across(random), 5000 + 70000 * across(random)});
    const char* classes[] = {"Tumour", "Stroma", "Immune cells", "Necrosis"};
    AnnotationDocument doc = AnnotationDocument::withDefaults();
    doc.layers[0].annotations.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const PointD c = clusters[size_t(i) % clusters.size()];
        const double cx = c.x + spread(random), cy = c.y + spread(random), r = radius(random);
        Annotation a;
        a.id = Annotation::newId();
        a.className = classes[i % 4];
        a.geometry.kind = ShapeKind::Polygon;
        for (int v = 0; v < vertices; ++v) {
            const double t = 2 * std::numbers::pi * v / vertices;
            a.geometry.points.push_back(
                {std::round((cx + r * wobble(random) * std::cos(t)) * 10) / 10,
                 std::round((cy + r * wobble(random) * std::sin(t)) * 10) / 10});
        }
        doc.layers[0].annotations.push_back(std::move(a));
    }
    return doc;
}

} // namespace

CLI::App* BenchAnnotationsCommand::configure(CLI::App& app) {
    auto* sub = benchGroup(app).add_subcommand(
        "annotations", "Many annotations: open time, index build, frame render while panning");
    sub->add_option("--count", count_, "Synthetic polygons to write")->capture_default_str();
    sub->add_option("--vertices", vertices_, "Vertices per synthetic polygon")
        ->capture_default_str();
    sub->add_option("--file", file_, "Measure this annotation file instead");
    addViewportOption(sub, viewport_);
    sub->add_flag("--json", json_, "Print JSON");
    return sub;
}

int BenchAnnotationsCommand::run() {
    const auto [vw, vh] = parseViewport(viewport_);
    if (count_ < 1 || vertices_ < 3 || vertices_ > 10000)
        throw Error(ErrorKind::InvalidArgument, {},
                    "--count must be positive and --vertices between 3 and 10000");
    nlohmann::ordered_json out;

    std::filesystem::path path = file_;
    std::filesystem::path temporary;
    if (path.empty()) {
        temporary = std::filesystem::temp_directory_path() /
                    ("lamina-bench-annotations-" + std::to_string(::getpid()) + ".geojson");
        path = temporary;
        const auto start = BenchClock::now();
        writeAnnotationFile(syntheticCells(count_, vertices_), path, AnnotationFormat::GeoJson);
        out["written"] = {
            {"polygons", count_}, {"vertices_each", vertices_}, {"write_ms", msSince(start)}};
    }
    out["file_mib"] = double(std::filesystem::file_size(path)) / (1 << 20);

    // Open: read + parse, median of 3. Peer: nlohmann's DOM parse of the same bytes.
    std::vector<double> openMs, domMs;
    AnnotationDocument doc;
    for (int i = 0; i < 3; ++i) {
        doc = {}; // freeing the previous run's document is not part of opening
        const auto start = BenchClock::now();
        doc = readAnnotationFile(path);
        openMs.push_back(msSince(start));
        std::ifstream in(path, std::ios::binary);
        const std::string text{std::istreambuf_iterator<char>(in), {}};
        const auto domStart = BenchClock::now();
        const auto parsed = nlohmann::json::parse(text);
        domMs.push_back(msSince(domStart));
    }
    out["annotations"] = doc.annotationCount();
    out["open_ms_median"] = percentile(openMs, 0.5);
    out["peer_json_dom_parse_ms_median"] = percentile(domMs, 0.5);
    out["open_vs_dom_parse_ratio"] = percentile(openMs, 0.5) / percentile(domMs, 0.5);

    // Saving: what autosave does after each edit (serialize, then write atomically).
    std::vector<double> serializeMs, saveMs;
    const auto savedCopy = std::filesystem::path(path).replace_extension(".resaved.geojson");
    for (int i = 0; i < 3; ++i) {
        auto start = BenchClock::now();
        const std::string text = QuPathGeoJson::serialize(doc);
        serializeMs.push_back(msSince(start));
        start = BenchClock::now();
        writeAnnotationFile(doc, savedCopy, AnnotationFormat::GeoJson);
        saveMs.push_back(msSince(start));
    }
    std::filesystem::remove(savedCopy);
    out["serialize_ms_median"] = percentile(serializeMs, 0.5);
    out["save_ms_median"] = percentile(saveMs, 0.5);

    std::vector<double> indexMs;
    std::optional<AnnotationIndex> index;
    for (int i = 0; i < 3; ++i) {
        const auto start = BenchClock::now();
        index.emplace(doc);
        indexMs.push_back(msSince(start));
    }
    out["index_build_ms_median"] = percentile(indexMs, 0.5);

    // Frames: fit the annotated area, then 1 µm/px-ish and native, panning 30 steps of a
    // quarter screen at each zoom, through the densest cluster.
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    for (const auto& layer : doc.layers)
        for (const auto& a : layer.annotations) {
            const auto b = a.geometry.bounds();
            minX = std::min(minX, b.minX), minY = std::min(minY, b.minY);
            maxX = std::max(maxX, b.maxX), maxY = std::max(maxY, b.maxY);
        }
    const QSizeF viewport(vw, vh);
    QImage frame(vw, vh, QImage::Format_ARGB32_Premultiplied);
    const auto paintFrames = [&](const AnnotationIndex* withIndex) {
        nlohmann::ordered_json zooms;
        std::vector<double> all;
        Camera camera;
        camera.fit(Size{int64_t(maxX), int64_t(maxY)}, viewport);
        const double fitDownsample = camera.downsample;
        const std::pair<const char*, double> levels[] = {
            {"fit", fitDownsample}, {"4x_downsample", 4.0}, {"native", 1.0}};
        const auto& first = doc.layers.front().annotations.front().geometry.points.front();
        for (const auto& [name, downsample] : levels) {
            std::vector<double> ms;
            camera.downsample = downsample;
            camera.center =
                name == std::string("fit") ? PointD{(minX + maxX) / 2, (minY + maxY) / 2} : first;
            for (int step = 0; step < 30; ++step) {
                frame.fill(Qt::transparent);
                const auto start = BenchClock::now();
                QPainter painter(&frame);
                AnnotationPainter::paint(painter, doc, camera, viewport, {.index = withIndex});
                painter.end();
                ms.push_back(msSince(start));
                // A quarter screen at a time, turning back every 5 steps: the view stays
                // over the annotations, as a pathologist's does.
                const double direction = (step / 5) % 2 ? -1.0 : 1.0;
                camera.panByScreen({direction * vw / 4.0, (step % 2 ? 1 : -1) * vh / 8.0});
            }
            zooms[name] = summary(ms);
            all.insert(all.end(), ms.begin(), ms.end());
        }
        zooms["all"] = summary(all);
        return zooms;
    };
    out["frames_with_index"] = paintFrames(&*index);
    // Dragging one shape in the crowd: each step moves it, brings the index up to date (in
    // place, as the app does, or by a rebuild, as it did before) and paints around it.
    const auto dragFrames = [&](bool rebuild) {
        const AnnotationDocument::Location where{0, doc.layers[0].annotations.size() / 2};
        AnnotationGeometry& shape = doc.layers[0].annotations[where.index].geometry;
        const AnnotationGeometry original = shape;
        Camera camera;
        camera.downsample = 1;
        camera.center = shape.points.front();
        std::vector<double> ms;
        for (int step = 0; step < 30; ++step) {
            for (PointD& p : shape.points)
                p = {p.x + 3, p.y + 2};
            frame.fill(Qt::transparent);
            const auto start = BenchClock::now();
            if (rebuild)
                index.emplace(doc);
            else
                index->update(where, shape.bounds());
            QPainter painter(&frame);
            AnnotationPainter::paint(painter, doc, camera, viewport, {.index = &*index});
            painter.end();
            ms.push_back(msSince(start));
        }
        shape = original;
        index.emplace(doc);
        return summary(ms);
    };
    out["drag_frames_index_updated"] = dragFrames(false);
    out["drag_frames_index_rebuilt"] = dragFrames(true);
    out["frames_linear_scan"] = paintFrames(nullptr);
    out["peak_rss_mib"] = peakRssMiB();
    if (!temporary.empty())
        std::filesystem::remove(temporary);

    if (json_) {
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << "annotations        " << out["annotations"] << " (" << out["file_mib"] << " MiB)\n"
              << "open (median of 3) " << out["open_ms_median"] << " ms; bare JSON DOM parse "
              << out["peer_json_dom_parse_ms_median"] << " ms\n"
              << "save (autosave)    " << out["save_ms_median"] << " ms, of which serialize "
              << out["serialize_ms_median"] << " ms\n"
              << "index build        " << out["index_build_ms_median"] << " ms\n"
              << "frames (index)     " << out["frames_with_index"].dump() << "\n"
              << "frames (scan)      " << out["frames_linear_scan"].dump() << "\n"
              << "drag (update)      " << out["drag_frames_index_updated"].dump() << "\n"
              << "drag (rebuild)     " << out["drag_frames_index_rebuilt"].dump() << "\n"
              << "peak RSS           " << out["peak_rss_mib"] << " MiB\n";
    return 0;
}

} // namespace lamina::cli
