#include "InfoCommand.h"

#include <iostream>

namespace lamina::cli {
namespace {

nlohmann::ordered_json optionalNumber(const std::optional<double>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

} // namespace

CLI::App* InfoCommand::configure(CLI::App& app) {
    auto* sub = app.add_subcommand("info", "Print a slide's geometry, scale and properties");
    sub->add_option("slide", slidePath_, "Slide file")->required();
    sub->add_flag("--json", json_, "Print JSON instead of text");
    addPyramidOption(sub, pyramid_);
    return sub;
}

nlohmann::ordered_json InfoCommand::toJson(const SlideSource& slide) {
    const SlideMetadata& m = slide.metadata();
    nlohmann::ordered_json j;
    j["path"] = m.location;
    j["vendor"] = m.vendor;
    j["backend"] = m.backend;
    j["width"] = m.levels[0].width;
    j["height"] = m.levels[0].height;
    auto& levels = j["levels"] = nlohmann::ordered_json::array();
    for (const auto& l : m.levels)
        levels.push_back({{"width", l.width},
                          {"height", l.height},
                          {"downsample", l.downsample},
                          {"tile_width", l.tileWidth},
                          {"tile_height", l.tileHeight}});
    j["mpp_x"] = optionalNumber(m.mppX);
    j["mpp_y"] = optionalNumber(m.mppY);
    j["objective_power"] = optionalNumber(m.objectivePower);
    j["associated"] = m.associatedImages;
    j["icc_profile_bytes"] = m.iccProfile.size();
    auto& pyramids = j["pyramids"] = nlohmann::ordered_json::array();
    for (const SlidePyramid& p : slide.pyramids())
        pyramids.push_back({{"optical_path", p.opticalPath},
                            {"focal_plane_um", optionalNumber(p.focalPlaneUm)},
                            {"label", p.label()}});
    j["shown_pyramid"] = slide.shownPyramid();
    auto& props = j["properties"] = nlohmann::ordered_json::object();
    for (const auto& [key, value] : m.properties)
        props[key] = value;
    j["slide_id"] = m.id.text();
    return j;
}

int InfoCommand::run() {
    const auto slide = openSlide(slidePath_, pyramid_);
    if (json_) {
        // Invalid UTF-8 in vendor properties is replaced rather than failing the whole dump.
        std::cout << toJson(*slide).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << '\n';
        return 0;
    }
    const SlideMetadata& m = slide->metadata();
    std::cout << "path:            " << m.location << '\n'
              << "vendor:          " << m.vendor << " (backend: " << m.backend << ")\n"
              << "dimensions:      " << m.levels[0].width << " x " << m.levels[0].height << '\n';
    std::cout << "microns/pixel:   ";
    if (m.mppX && m.mppY)
        std::cout << *m.mppX << " x " << *m.mppY << '\n';
    else
        std::cout << "unknown (measurements will be in pixels)\n";
    std::cout << "objective power: "
              << (m.objectivePower ? std::to_string(*m.objectivePower) : "unknown") << '\n';
    for (size_t i = 0; i < m.levels.size(); ++i) {
        const auto& l = m.levels[i];
        std::cout << "level " << i << ":         " << l.width << " x " << l.height
                  << "  downsample " << l.downsample << "  tiles " << l.tileWidth << " x "
                  << l.tileHeight << '\n';
    }
    std::cout << "icc profile:     "
              << (m.iccProfile.empty() ? std::string("none")
                                       : std::to_string(m.iccProfile.size()) + " bytes")
              << '\n';
    const auto pyramids = slide->pyramids();
    if (pyramids.size() > 1) {
        std::cout << "pyramids:        " << pyramids.size() << " (--pyramid N shows another)\n";
        for (size_t i = 0; i < pyramids.size(); ++i)
            std::cout << (i == slide->shownPyramid() ? "  * " : "    ") << i << ": "
                      << pyramids[i].label() << '\n';
    }
    std::cout << "associated:      ";
    for (const auto& name : m.associatedImages)
        std::cout << name << ' ';
    std::cout << "\nslide id:        " << m.id.text() << '\n'
              << "properties:      " << m.properties.size() << " (use --json to list them)\n";
    return 0;
}

} // namespace lamina::cli
