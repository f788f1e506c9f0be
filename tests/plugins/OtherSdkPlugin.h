#pragma once
// A test plugin whose metadata claims another SDK version (99): the host must refuse it
// without running its code.

#include "InertPlugin.h"

#include <QObject>

namespace lamina::test {

class OtherSdkPlugin : public QObject, public InertPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "other-sdk.json")
    Q_INTERFACES(lamina::OverlayPlugin)
};

} // namespace lamina::test
