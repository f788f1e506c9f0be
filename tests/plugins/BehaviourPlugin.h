#pragma once
// A test plugin that misbehaves on request (parameter "mode"), so the host's defences can be
// tested: "ok" returns a point at each tile's centre and a 4 x 4 raster; "throw" throws;
// "wrong-size" returns a raster with too few values; "nan" a raster holding NaN; "bad-score" a
// feature scored 7; "hang" never returns and ignores cancel; "slow" sleeps in small steps
// until cancelled; "segfault", "abort" and "exit" end the process as their names say; "leak"
// allocates and touches memory without end; "huge-read" asks the slide for 2^40 pixels.
// The crashing modes only misbehave on the tile at index "crash_tile" (default: all).
// Tiles are "tile" level-0 pixels wide.

#include <lamina/plugin/OverlayPlugin.h>

#include <QObject>

namespace lamina::test {

class BehaviourPlugin : public QObject, public OverlayPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "behaviour.json")
    Q_INTERFACES(lamina::OverlayPlugin)

public:
    double tileSizeLevel0(const PluginSlide& slide, const QVariantMap& parameters) const override;
    PluginResult process(const PluginSlide& slide, const PluginTile& tile,
                         const QVariantMap& parameters,
                         const PluginContext& context) const override;
};

} // namespace lamina::test
