#pragma once
// A test plugin whose metadata lacks its version: listed as unavailable, naming the field.

#include "InertPlugin.h"

#include <QObject>

namespace lamina::test {

class BadMetadataPlugin : public QObject, public InertPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "bad-metadata.json")
    Q_INTERFACES(lamina::OverlayPlugin)
};

} // namespace lamina::test
