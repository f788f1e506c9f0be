#include "PluginsListCommand.h"

#include <lamina/pluginhost/PluginRegistry.h>

#include <iostream>
#include <nlohmann/json.hpp>

namespace lamina::cli {
namespace {

const char* typeName(PluginParameter::Type t) {
    switch (t) {
    case PluginParameter::Type::Number:
        return "number";
    case PluginParameter::Type::Integer:
        return "integer";
    case PluginParameter::Type::Choice:
        return "choice";
    case PluginParameter::Type::Boolean:
        return "bool";
    case PluginParameter::Type::FilePath:
        return "file";
    case PluginParameter::Type::Text:
        return "text";
    }
    return "?";
}

} // namespace

CLI::App* PluginsListCommand::configure(CLI::App& app) {
    auto* sub = commandGroup(app, "plugins", "Overlay (analysis) plugins")
                    .add_subcommand("list", "List the plugins found, available or not");
    sub->add_flag("--json", json_, "Print JSON instead of text");
    return sub;
}

int PluginsListCommand::run() {
    PluginRegistry registry;
    registry.discover();
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const PluginEntry& e : registry.plugins()) {
        const PluginDescription& d = e.description;
        nlohmann::ordered_json parameters = nlohmann::ordered_json::array();
        for (const PluginParameter& p : d.parameters) {
            nlohmann::ordered_json j = {{"name", p.name.toStdString()},
                                        {"label", p.label.toStdString()},
                                        {"type", typeName(p.type)},
                                        {"default", p.defaultValue.toString().toStdString()}};
            if (p.minimum)
                j["min"] = *p.minimum;
            if (p.maximum)
                j["max"] = *p.maximum;
            if (!p.choices.isEmpty()) {
                j["choices"] = nlohmann::ordered_json::array();
                for (const QString& c : p.choices)
                    j["choices"].push_back(c.toStdString());
            }
            parameters.push_back(std::move(j));
        }
        list.push_back({{"id", d.id.toStdString()},
                        {"name", d.name.toStdString()},
                        {"version", d.version.toStdString()},
                        {"sdk_version", d.sdkVersion},
                        {"available", e.available()},
                        {"unavailable_reason", e.unavailableReason.toStdString()},
                        {"file", e.file.toStdString()},
                        {"description", d.description.toStdString()},
                        {"parameters", std::move(parameters)}});
    }
    if (json_) {
        std::cout << list.dump(2) << '\n';
        return 0;
    }
    if (list.empty())
        std::cout << "no plugins found (folders: "
                  << PluginRegistry::defaultFolders().join(QStringLiteral(", ")).toStdString()
                  << ")\n";
    for (const auto& p : list) {
        std::cout << p["id"].get<std::string>() << "  " << p["name"].get<std::string>() << ' '
                  << p["version"].get<std::string>();
        if (!p["available"].get<bool>())
            std::cout << "  UNAVAILABLE: " << p["unavailable_reason"].get<std::string>();
        std::cout << "\n    " << p["description"].get<std::string>() << '\n';
        for (const auto& q : p["parameters"])
            std::cout << "    --param " << q["name"].get<std::string>() << "=…  ("
                      << q["type"].get<std::string>() << ", default "
                      << q["default"].get<std::string>() << ") " << q["label"].get<std::string>()
                      << '\n';
    }
    return 0;
}

} // namespace lamina::cli
