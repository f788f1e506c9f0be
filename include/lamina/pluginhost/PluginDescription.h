#pragma once
// What a plugin's metadata says (the JSON file of its Q_PLUGIN_METADATA), checked before the
// plugin's code is ever run: id, name, version, SDK version, description and parameters.
// parse() refuses missing or malformed fields with a message naming them; the registry then
// lists the plugin as unavailable with that reason.
// Thread-safety: value types.

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lamina {

struct PluginParameter {
    enum class Type { Number, Integer, Choice, Boolean, FilePath, Text };
    QString name;  // key in the parameter map
    QString label; // for the UI (defaults to name)
    Type type = Type::Number;
    std::optional<double> minimum, maximum; // Number / Integer
    QStringList choices;                    // Choice
    QVariant defaultValue;                  // may be null for FilePath (then required)
    QString help;
    // "enabledWhen": {"threshold": "fixed"}: the field is only editable while that choice (or
    // bool) parameter has one of these values (the form greys it out otherwise).
    QString enabledWhenParameter;
    QStringList enabledWhenValues;
};

// A measurement the host derives from two summed ones (e.g. a percentage of area):
// scale * numerator / denominator, reported when the denominator is not zero.
struct PluginRatio {
    QString name, numerator, denominator;
    double scale = 1;
};

struct PluginDescription {
    QString id, name, version, description;
    int sdkVersion = 0;
    std::vector<PluginParameter> parameters;
    std::vector<PluginRatio> ratios; // "ratios" in the metadata

    // Reads the "MetaData" object. Throws lamina::Error(InvalidArgument) naming the field.
    static PluginDescription parse(const QJsonObject& metaData);

    // The full parameter map for a run: defaults, overridden by `given` (text values as typed
    // on a command line or in a form). Throws lamina::Error(InvalidArgument) naming the
    // parameter and the rule it breaks (unknown name, not a number, out of range, not a
    // listed choice, no such file).
    QVariantMap resolveParameters(const std::map<std::string, std::string>& given) const;
};

} // namespace lamina
