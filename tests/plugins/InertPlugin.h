#pragma once
// The body of the test plugins that must never run (refused from their metadata alone): it
// analyses nothing. Each such plugin derives it with its own metadata file.

#include <lamina/plugin/OverlayPlugin.h>

namespace lamina::test {

class InertPlugin : public OverlayPlugin {
public:
    double tileSizeLevel0(const PluginSlide&, const QVariantMap&) const override { return 0; }
    PluginResult process(const PluginSlide&, const PluginTile&, const QVariantMap&,
                         const PluginContext&) const override {
        return {};
    }
};

} // namespace lamina::test
