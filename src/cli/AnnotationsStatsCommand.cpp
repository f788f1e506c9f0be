#include "AnnotationsStatsCommand.h"

#include <lamina/annotation/Measurements.h>
#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/slide/FormatRegistry.h>

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

namespace lamina::cli {

CLI::App* AnnotationsStatsCommand::configure(CLI::App& app) {
    auto* sub = annotationsGroup(app).add_subcommand(
        "stats", "Counts, areas and lengths per class (µm with --slide and its MPP)");
    sub->add_option("input", input_, "Annotation file (QuPath GeoJSON or ASAP XML)")->required();
    sub->add_option("--slide", slide_, "The slide, for its µm per pixel");
    sub->add_flag("--json", json_, "Print JSON");
    return sub;
}

int AnnotationsStatsCommand::run() {
    const AnnotationDocument document = readAnnotationFile(input_);
    Scale scale;
    if (!slide_.empty()) {
        const auto slide = FormatRegistry::standard().open(slide_);
        scale = {slide->metadata().mppX, slide->metadata().mppY};
    }
    const auto totals = totalsByClass(document, scale);
    const bool um = scale.hasMicrons();
    if (json_) {
        nlohmann::ordered_json j;
        j["file"] = input_;
        j["units"] = um ? "um" : "px";
        j["annotations"] = document.annotationCount();
        nlohmann::ordered_json classes = nlohmann::ordered_json::object();
        for (const auto& [name, t] : totals)
            classes[name.empty() ? "(unclassified)" : name] = {
                {"annotations", t.annotations},
                {"points", t.points},
                {um ? "area_um2" : "area_px2", t.area},
                {um ? "length_um" : "length_px", t.length}};
        j["classes"] = std::move(classes);
        std::cout << j.dump(2) << '\n';
        return 0;
    }
    std::cout << input_ << ": " << document.annotationCount() << " annotations in "
              << document.layers.size() << " layers"
              << (um ? "" : " (no µm per pixel: areas in px², lengths in px)") << '\n';
    for (const auto& [name, t] : totals) {
        std::cout << "  " << std::left << std::setw(20) << (name.empty() ? "(unclassified)" : name)
                  << std::right << std::setw(6) << t.annotations << " annotations";
        if (t.points)
            std::cout << ", " << t.points << " points";
        if (t.area > 0)
            std::cout << ", area " << (um ? t.area / 1e6 : t.area) << (um ? " mm²" : " px²");
        if (t.length > 0)
            std::cout << ", length " << t.length << (um ? " µm" : " px");
        std::cout << '\n';
    }
    return 0;
}

} // namespace lamina::cli
