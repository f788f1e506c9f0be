#include "PluginRunCommand.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>
#include <lamina/pluginhost/PluginJob.h>
#include <lamina/pluginhost/PluginOutput.h>
#include <lamina/pluginhost/PluginRasterFile.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/pluginhost/PluginRun.h>
#include <lamina/pluginhost/SlideForPlugin.h>

#include <cstdio>
#include <fstream>
#include <iostream>

namespace lamina::cli {
namespace {

[[noreturn]] void usage(const std::string& why) {
    throw Error(ErrorKind::InvalidArgument, "plugin run", why);
}

// Runs to the end; throws lamina::Error(Corrupt) naming the plugin when the run failed.
std::vector<PluginTileOutcome> runToEnd(const PluginEntry& entry,
                                        const std::shared_ptr<const PluginSlide>& slide,
                                        PluginRunRequest request) {
    PluginRun run(entry, slide, std::move(request));
    if (run.wait() != PluginRun::State::Finished)
        throw Error(ErrorKind::Corrupt, entry.file.toStdString(), run.error());
    return run.outcomes();
}

} // namespace

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
    sub->add_option("--param", params_, "Plugin parameter NAME=VALUE (repeatable)");
    sub->add_option("--threads", threads_, "Worker threads (default: one per core)");
    sub->add_option("-o,--output", output_,
                    "Output: .geojson (vector results) or .tif (the raster, 32-bit float)")
        ->required();
    return sub;
}

int PluginRunCommand::run() {
    if (int(!region_.empty()) + int(tissue_) + int(!annotationId_.empty()) > 1)
        usage("give one of --region, --tissue or --annotation");
    if (annotationId_.empty() != annotationsPath_.empty())
        usage("--annotation ID and --annotations FILE go together");
    const std::string extension = std::filesystem::path(output_).extension().string();
    const bool raster = extension == ".tif" || extension == ".tiff";
    if (extension != ".geojson" && !raster)
        usage("the output must be .geojson (vector results) or .tif (the raster)");
    std::map<std::string, std::string> given;
    for (const std::string& p : params_) {
        const size_t eq = p.find('=');
        if (eq == std::string::npos || eq == 0)
            usage("--param must be NAME=VALUE, not \"" + p + "\"");
        given[p.substr(0, eq)] = p.substr(eq + 1);
    }
    PluginRegistry registry;
    registry.discover();
    const PluginEntry& entry = registry.find(QString::fromStdString(id_));
    PluginRunRequest base;
    base.parameters = entry.description.resolveParameters(given);
    base.threads = threads_;
    std::shared_ptr<const SlideSource> source = FormatRegistry::standard().open(slidePath_);
    const auto slide = std::make_shared<const SlideForPlugin>(source);
    base.width = double(source->dimensions().width);
    base.height = double(source->dimensions().height);
    if (!region_.empty() && (std::sscanf(region_.c_str(), "%lf,%lf,%lf,%lf", &base.x, &base.y,
                                         &base.width, &base.height) != 4 ||
                             !(base.width > 0) || !(base.height > 0)))
        usage("--region must be X,Y,W,H with a positive width and height");

    std::vector<PluginRunRequest> requests;
    if (!annotationId_.empty()) {
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
    if (raster) {
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
