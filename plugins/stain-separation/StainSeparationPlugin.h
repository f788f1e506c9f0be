#pragma once
// Stain separation, a plugin Lamina ships: colour deconvolution after Ruifrok & Johnston
// (Anal. Quant. Cytol. Histol. 2001). Each pixel's optical density OD = -log10(I / 255) per
// RGB channel is the sum of the stains' unit OD vectors weighted by their densities; the
// densities are OD times the inverse of the stain matrix (two stains given, the third row their
// cross product). The vectors are parameters ("R,G,B"), normalised here, so a lab can use its
// own. Output per tile: the chosen stain's density as a raster at "resolution" µm/px, and the
// stained area (total OD above "stained_od") and, for H-DAB, the DAB-positive area (DAB
// density above "dab_threshold") in mm², inside the region's outline only; the metadata asks
// the host for their ratio, "dab_positive_percent".
// Thread-safety: process() keeps no state.

#include <lamina/plugin/OverlayPlugin.h>

#include <QObject>

#include <array>

namespace lamina {

class StainSeparationPlugin : public QObject, public OverlayPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "stain-separation.json")
    Q_INTERFACES(lamina::OverlayPlugin)

public:
    double tileSizeLevel0(const PluginSlide& slide, const QVariantMap& parameters) const override;
    PluginResult process(const PluginSlide& slide, const PluginTile& tile,
                         const QVariantMap& parameters,
                         const PluginContext& context) const override;

    // The inverse stain matrix for the parameters: densities = OD (row) x inverse. Throws
    // std::invalid_argument for a malformed or degenerate vector.
    static std::array<std::array<double, 3>, 3> inverseStainMatrix(const QVariantMap& parameters);
};

} // namespace lamina
