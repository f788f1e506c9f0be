#pragma once
// A run's results in Lamina's own forms: the vector features as an annotation document (one
// layer named after the plugin, one annotation per feature with its class, the score kept as
// a "score" property) that the viewer imports as an editable layer and QuPath reads, and the
// measurements summed over the tiles (plugins report extensive quantities: counts, areas;
// ratios such as percentages are declared in the metadata and derived from the sums).
// Thread-safety: stateless functions.

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/pluginhost/PluginDescription.h>
#include <lamina/pluginhost/PluginRun.h>

#include <map>
#include <string>
#include <vector>

namespace lamina {

AnnotationDocument featuresAsAnnotations(const PluginDescription& plugin,
                                         const std::vector<PluginTileOutcome>& outcomes);

std::map<std::string, double> summedMeasurements(const std::vector<PluginTileOutcome>& outcomes);
// Sums plus the ratios the plugin's metadata declares (those whose denominator is not 0).
std::map<std::string, double> withRatios(const PluginDescription& plugin,
                                         std::map<std::string, double> sums);
// The summed measurements plus the ratios the plugin's metadata declares.
std::map<std::string, double> runMeasurements(const PluginDescription& plugin,
                                              const std::vector<PluginTileOutcome>& outcomes);

} // namespace lamina
