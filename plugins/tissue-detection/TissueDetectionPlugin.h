#pragma once
// Tissue detection, a plugin Lamina ships: reads the region at low resolution (parameter
// "resolution", µm/px), keeps pixels whose colour saturation is above an Otsu (or fixed)
// threshold — glass is grey-white, stained tissue is coloured — smooths the mask with a
// closing and an opening of "smoothing" µm, and returns each piece larger than "min_area"
// mm² as a "Tissue" polygon (level-0 pixels; holes are not kept), with the total area
// ("tissue_area_mm2", or "tissue_area_px" without a scale).
// Thread-safety: process() keeps no state; it may run on several regions at once.

#include <lamina/plugin/OverlayPlugin.h>

#include <QObject>

namespace lamina {

class TissueDetectionPlugin : public QObject, public OverlayPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "tissue-detection.json")
    Q_INTERFACES(lamina::OverlayPlugin)

public:
    double tileSizeLevel0(const PluginSlide& slide, const QVariantMap& parameters) const override;
    PluginResult process(const PluginSlide& slide, const PluginTile& tile,
                         const QVariantMap& parameters,
                         const PluginContext& context) const override;
};

} // namespace lamina
