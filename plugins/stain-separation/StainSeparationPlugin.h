#pragma once
// Stain separation, a plugin Lamina ships: colour deconvolution (the SDK's
// ColourDeconvolution, after Ruifrok & Johnston). The stain vectors are parameters ("R,G,B"
// optical densities), so a lab can use its own. Output per tile: the chosen stain's density as a
// raster at "resolution" µm/px, and the stained area (total OD above "stained_od") and, for H-DAB,
// the DAB-positive area (DAB density above "dab_threshold") in mm², inside the region's outline
// only; the metadata asks the host for their ratio, "dab_positive_percent". Thread-safety:
// process() keeps no state.

#include <lamina/plugin/ColourDeconvolution.h>
#include <lamina/plugin/OverlayPlugin.h>

#include <QObject>

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

    // The deconvolution for the parameters' stains. Throws std::invalid_argument for a
    // malformed or degenerate vector.
    static ColourDeconvolution deconvolution(const QVariantMap& parameters);
};

} // namespace lamina
