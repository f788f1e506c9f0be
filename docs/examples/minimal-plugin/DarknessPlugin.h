#pragma once
// The SDK's minimal example: a heatmap of how dark the slide is (1 = black, 0 = white glass),
// one value per "resolution" µm, computed tile by tile.

#include <lamina/plugin/OverlayPlugin.h>

#include <QObject>

class DarknessPlugin : public QObject, public lamina::OverlayPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "darkness.json")
    Q_INTERFACES(lamina::OverlayPlugin)

public:
    double tileSizeLevel0(const lamina::PluginSlide& slide,
                          const QVariantMap& parameters) const override;
    lamina::PluginResult process(const lamina::PluginSlide& slide, const lamina::PluginTile& tile,
                                 const QVariantMap& parameters,
                                 const lamina::PluginContext& context) const override;
};
