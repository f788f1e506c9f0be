#pragma once
// A test plugin whose good metadata passes every check but whose code aborts the moment it is
// loaded (its constructor): discovery must list it unavailable with the crash, in a worker
// process, without running it in the host. Built into a folder of its own, so that tests
// loading plugins in process never load it.

#include "InertPlugin.h"

#include <QObject>

#include <cstdlib>

namespace lamina::test {

class CrashOnLoadPlugin : public QObject, public InertPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "crash-on-load.json")
    Q_INTERFACES(lamina::OverlayPlugin)

public:
    CrashOnLoadPlugin() { std::abort(); }
};

} // namespace lamina::test
