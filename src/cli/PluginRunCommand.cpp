#include "PluginRunCommand.h"

#include "CliOptions.h"

#include <lamina/annotation/AnnotationStore.h>
#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>
#include <lamina/pluginhost/OverlayStore.h>
#include <lamina/pluginhost/PluginJob.h>
#include <lamina/pluginhost/PluginOutput.h>
#include <lamina/pluginhost/PluginRasterFile.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/pluginhost/PluginRun.h>
#include <lamina/pluginhost/SlideForPlugin.h>
#include <lamina/pluginhost/SlideStores.h>

#include <QStandardPaths>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace lamina::cli {
namespace {

[[noreturn]] void usage(const std::string& why) {
    throw Error(ErrorKind::InvalidArgument, "plugin run", why);
}

// Runs to the end; throws lamina::Error(Corrupt) when the run failed. Its text names the plugin
// by id, the tile and the plugin's own cause (e.g. the model file it cannot read), not the
// plugin's library: what the user can act on (`plugins list` says where the library is).
std::vector<PluginTileOutcome> runToEnd(const PluginEntry& entry,
                                        const std::shared_ptr<const PluginSlide>& slide,
                                        PluginRunRequest request) {
    PluginRun run(entry, slide, std::move(request));
    if (run.wait() != PluginRun::State::Finished)
        throw Error(ErrorKind::Corrupt, {}, run.error());
    return run.outcomes();
}

} // namespace

void PluginRunCommand::saveWithTheSlide(const PluginDescription& plugin,
                                        const QVariantMap& parameters, const QString& target,
                                        const std::vector<PluginTileOutcome>& outcomes,
                                        const SlideForPlugin& slide) const {
    // Where the viewer keeps this slide's annotations (beside the slide, or the data folder),
    // and their results folder beside them.
    const std::filesystem::path data =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation).toStdString();
    const AnnotationStore annotations =
        annotationStoreFor(annotationLocationFor(slide.source(), data), data);
    OverlayStore store(OverlayStore::folderBeside(annotations.path()));
    OverlayManifest m;
    m.id = store.newId(plugin.id);
    m.plugin = plugin;
    m.target = target;
    m.parameters = parameters;
    m.measurements = runMeasurements(plugin, outcomes);
    AnnotationDocument detections = featuresAsAnnotations(plugin, outcomes);
    if (!detections.layers.empty())
        detections.layers.front().name =
            (plugin.name + QStringLiteral(" — ") + target).toStdString();
    store.save(m, mosaicRasters(outcomes), &detections, slide.micronsPerPixel());
    std::cout << "saved with the slide: " << (store.folder() / m.id.toStdString()).string()
              << ".json\n";
}

CLI::App* PluginRunCommand::configure(CLI::App& app) {
    auto* sub = commandGroup(app, "plugin", "Run an overlay (analysis) plugin")
                    .add_subcommand("run", "Run a plugin on a slide and write its results");
    sub->add_option("id", id_, "Plugin id (`plugins list`)")->required();
    sub->add_option("slide", slidePath_, "Slide file or DICOMweb address")->required();
    sub->add_option("--region", region_, "X,Y,W,H in level-0 pixels (default: whole slide)");
    sub->add_flag("--tissue", tissue_, "Run on the tissue found by tissue-detection");
    sub->add_option("--annotation", annotationId_,
                    "Run inside this area annotation (id, with --annotations)");
    sub->add_option("--annotations", annotationsPath_, "Annotation file for --annotation");
    addParamOption(sub, params_);
    addThreadsOption(sub, threads_, "Worker threads");
    sub->add_option("-o,--output", output_,
                    "Output: .geojson (vector results) or .tif (the raster, 32-bit float)");
    sub->add_flag("--save", save_,
                  "Save the results with the slide's annotations, where the viewer shows them "
                  "when the slide is opened (alone or with -o)");
    return sub;
}

int PluginRunCommand::run() {
    if (int(!region_.empty()) + int(tissue_) + int(!annotationId_.empty()) > 1)
        usage("give one of --region, --tissue or --annotation");
    if (annotationId_.empty() != annotationsPath_.empty())
        usage("--annotation ID and --annotations FILE go together");
    if (output_.empty() && !save_)
        usage("give -o FILE, --save, or both");
    const std::string extension = std::filesystem::path(output_).extension().string();
    const bool raster = extension == ".tif" || extension == ".tiff";
    if (!output_.empty() && extension != ".geojson" && !raster)
        usage("the output must be .geojson (vector results) or .tif (the raster)");
    const std::map<std::string, std::string> given = parseParams(params_);
    PluginRegistry registry;
    registry.discover();
    const PluginEntry& entry = registry.find(QString::fromStdString(id_));
    PluginRunRequest base;
    base.parameters = entry.description.resolveParameters(given);
    base.threads = threadCountOrDefault(threads_);
    std::shared_ptr<const SlideSource> source = FormatRegistry::standard().open(slidePath_);
    const auto slide = std::make_shared<const SlideForPlugin>(source);
    base.width = double(source->dimensions().width);
    base.height = double(source->dimensions().height);
    if (!region_.empty() && (std::sscanf(region_.c_str(), "%lf,%lf,%lf,%lf", &base.x, &base.y,
                                         &base.width, &base.height) != 4 ||
                             !(base.width > 0) || !(base.height > 0)))
        usage("--region must be X,Y,W,H with a positive width and height");

    std::vector<PluginRunRequest> requests;
    QString target = region_.empty() ? QStringLiteral("whole slide")
                                     : QStringLiteral("region ") + QString::fromStdString(region_);
    if (!annotationId_.empty()) {
        target = QStringLiteral("annotation ") + QString::fromStdString(annotationId_);
        // The annotation's outline bounds the run (areas only: a point or line has none).
        const AnnotationDocument annotations = readAnnotationFile(annotationsPath_);
        const auto where = annotations.find(annotationId_);
        if (!where)
            throw Error(ErrorKind::InvalidArgument, annotationsPath_,
                        "no annotation with id " + annotationId_);
        const Annotation& a = annotations.layers[where->layer].annotations[where->index];
        requests.push_back(
            requestInside(base, a.geometry, annotationsPath_ + ": annotation " + annotationId_));
    } else if (tissue_) {
        target = QStringLiteral("whole tissue");
        const PluginEntry& tissue = registry.find(QStringLiteral("tissue-detection"));
        PluginRunRequest find = base;
        find.parameters = tissue.description.resolveParameters({});
        requests = requestsPerTissuePiece(base, runToEnd(tissue, slide, find));
        if (requests.empty())
            std::cerr << "lamina-cli: " << slidePath_ << ": no tissue found\n";
    } else {
        requests.push_back(base);
    }
    std::vector<PluginTileOutcome> all;
    for (const PluginRunRequest& r : requests) {
        auto outcomes = runToEnd(entry, slide, r);
        all.insert(all.end(), outcomes.begin(), outcomes.end());
    }
    if (save_)
        saveWithTheSlide(entry.description, base.parameters, target, all, *slide);
    if (output_.empty()) {
        // --save alone: the results went beside the annotations.
    } else if (raster) {
        const auto mosaic = mosaicRasters(all);
        if (!mosaic)
            throw Error(ErrorKind::InvalidArgument, output_,
                        id_ + " returned no raster: write its features to a .geojson instead");
        writeRasterTiff(*mosaic, entry.description, slide->micronsPerPixel(), output_);
        std::cout << "raster: " << mosaic->width << " x " << mosaic->height << " at "
                  << mosaic->level0PixelsPerPixel << " level-0 px per pixel\n";
    } else {
        const AnnotationDocument doc = featuresAsAnnotations(entry.description, all);
        replaceFile(output_, [&](const std::filesystem::path& temporary) {
            std::ofstream out(temporary, std::ios::binary);
            out << QuPathGeoJson::serialize(doc);
            if (!out.flush())
                throw Error(ErrorKind::Io, output_, "cannot write the results");
        });
        std::cout << "features: " << doc.layers.front().annotations.size() << '\n';
    }
    for (const auto& [name, value] : runMeasurements(entry.description, all))
        std::cout << name << ": " << value << '\n';
    return 0;
}

} // namespace lamina::cli
