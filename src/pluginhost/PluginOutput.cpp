#include <lamina/pluginhost/PluginOutput.h>

#include <cstdio>

namespace lamina {

AnnotationDocument featuresAsAnnotations(const PluginDescription& plugin,
                                         const std::vector<PluginTileOutcome>& outcomes) {
    AnnotationDocument doc = AnnotationDocument::withDefaults();
    AnnotationLayer& layer = doc.layers.front();
    layer.name = (plugin.name + QStringLiteral(" ") + plugin.version).toStdString();
    for (const PluginTileOutcome& o : outcomes) {
        if (!o.result)
            continue;
        for (const PluginFeature& f : o.result->features) {
            Annotation a;
            a.id = Annotation::newId();
            a.geometry.kind =
                f.shape == PluginFeature::Shape::Point ? ShapeKind::Point : ShapeKind::Polygon;
            for (const auto& [x, y] : f.points)
                a.geometry.points.push_back({x, y});
            if (!f.className.empty()) {
                doc.ensureClass(f.className);
                a.className = f.className;
            }
            char score[48];
            std::snprintf(score, sizeof score, "\"score\":%.4g", f.score);
            a.foreign.properties = score;
            layer.annotations.push_back(std::move(a));
        }
    }
    return doc;
}

std::map<std::string, double> summedMeasurements(const std::vector<PluginTileOutcome>& outcomes) {
    std::map<std::string, double> sums;
    for (const PluginTileOutcome& o : outcomes)
        if (o.result)
            for (const auto& [name, value] : o.result->measurements)
                sums[name] += value;
    return sums;
}

std::map<std::string, double> withRatios(const PluginDescription& plugin,
                                         std::map<std::string, double> sums) {
    for (const PluginRatio& r : plugin.ratios) {
        const auto n = sums.find(r.numerator.toStdString());
        const auto d = sums.find(r.denominator.toStdString());
        if (n != sums.end() && d != sums.end() && d->second != 0)
            sums[r.name.toStdString()] = r.scale * n->second / d->second;
    }
    return sums;
}

std::map<std::string, double> runMeasurements(const PluginDescription& plugin,
                                              const std::vector<PluginTileOutcome>& outcomes) {
    return withRatios(plugin, summedMeasurements(outcomes));
}

} // namespace lamina
