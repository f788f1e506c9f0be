#pragma once
// Nuclei detection, a plugin Lamina ships. Per tile, read with a margin of one largest
// nucleus so that nuclei on a border are seen whole: the haematoxylin density (the SDK's
// ColourDeconvolution, Ruifrok & Johnston's H&E vectors), a Gaussian smoothing, a threshold,
// an opening; touching nuclei are split by a watershed seeded at the maxima of the distance
// transform. A nucleus is kept when its equivalent diameter is within the parameters' range
// and its centre lies in the tile proper (so each is counted once) and inside the region's
// outline. Output: a point (or the outline) per nucleus, class "Nucleus"; measurements
// "nuclei" and "analysed_area_mm2", and from the metadata the ratio "nuclei_per_mm2".
// Thread-safety: process() keeps no state.

#include <lamina/plugin/OverlayPlugin.h>

#include <QObject>

namespace lamina {

class NucleiDetectionPlugin : public QObject, public OverlayPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "nuclei-detection.json")
    Q_INTERFACES(lamina::OverlayPlugin)

public:
    double tileSizeLevel0(const PluginSlide& slide, const QVariantMap& parameters) const override;
    PluginResult process(const PluginSlide& slide, const PluginTile& tile,
                         const QVariantMap& parameters,
                         const PluginContext& context) const override;
};

} // namespace lamina
