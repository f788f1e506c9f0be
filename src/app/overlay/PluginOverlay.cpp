#include "overlay/PluginOverlay.h"

#include <lamina/pluginhost/PluginJob.h>
#include <lamina/pluginhost/PluginOutput.h>

#include <QCoreApplication>

namespace lamina {

PluginOverlay::PluginOverlay() : detections(AnnotationDocument::withDefaults()) {}

PluginOverlay::~PluginOverlay() = default; // the job (if any) cancels and joins

size_t PluginOverlay::detectionCount() const {
    size_t n = 0;
    for (const AnnotationLayer& l : detections.layers)
        n += l.annotations.size();
    return n;
}

std::map<std::string, double> PluginOverlay::measurements() const {
    return withRatios(plugin, sums);
}

QString PluginOverlay::title() const {
    // The id ends with the run's number for this plugin on this slide: "stain-separation-2".
    const QString number = id.section('-', -1);
    return number.toInt() > 1 ? QStringLiteral("%1 %2 — %3").arg(plugin.name, number, target)
                              : QStringLiteral("%1 — %2").arg(plugin.name, target);
}

QString PluginOverlay::stateText() const {
    switch (state) {
    case State::Running:
        return QCoreApplication::translate("PluginOverlay", "running %1/%2")
            .arg(tilesDone)
            .arg(tileCount);
    case State::Finished:
        return QCoreApplication::translate("PluginOverlay", "done");
    case State::Failed:
        return QCoreApplication::translate("PluginOverlay", "failed");
    case State::Cancelled:
        return QCoreApplication::translate("PluginOverlay", "cancelled");
    }
    return {};
}

} // namespace lamina
