#pragma once
// The Lamina plugin SDK, version 1: everything a plugin may see. A plugin includes only the
// headers of include/lamina/plugin/ (and Qt Core); it never sees the viewer, its widgets, the
// tile cache or Lamina's other modules, so the host can change them freely.
//
// A plugin is a Qt plugin (QPluginLoader) implementing lamina::OverlayPlugin
// (OverlayPlugin.h) with Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "x.json"); the
// JSON file holds id, name, version, sdkVersion, description and parameters
// (docs/plugin-sdk.md). The host refuses a plugin whose sdkVersion differs from
// kPluginSdkVersion, listing it as unavailable with the reason.

namespace lamina {

inline constexpr int kPluginSdkVersion = 1;

} // namespace lamina

// The interface id, versioned with the SDK: a plugin built against another major version is
// not even offered to the host by QPluginLoader's interface check.
#define LAMINA_OVERLAY_PLUGIN_IID "org.lamina.OverlayPlugin/1"
