#pragma once
// Finds and loads overlay plugins. Folders searched, in order: the installation's
// (<prefix>/lib/lamina/plugins beside bin/), the build tree's (when running from it), the
// user's (<data>/Lamina/plugins, e.g. ~/.local/share/Lamina/plugins) and every folder of
// LAMINA_PLUGIN_PATH (':'-separated). A plugin whose metadata is missing or malformed, whose
// SDK version differs from kPluginSdkVersion, that does not load (missing symbols, wrong
// interface) or whose id is already taken is listed as unavailable with the reason; Lamina
// goes on. Loaded plugins stay loaded for the life of the registry's process (a run that
// ignored cancel may still be using one).
// Thread-safety: discover() on one thread; afterwards the list is read-only.

#include <lamina/plugin/OverlayPlugin.h>
#include <lamina/pluginhost/PluginDescription.h>

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QPluginLoader;

namespace lamina {

struct PluginEntry {
    QString file;                  // the shared library
    PluginDescription description; // id empty when the metadata could not be read
    const OverlayPlugin* plugin{}; // null when unavailable
    QString unavailableReason;     // empty when available
    bool available() const { return plugin != nullptr; }
};

class PluginRegistry {
public:
    PluginRegistry();
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry&) = delete;
    PluginRegistry& operator=(const PluginRegistry&) = delete;

    static QStringList defaultFolders();
    // Loads every plugin library of `folders` (non-recursive; files that are not libraries
    // are ignored). Can be called again: plugins already seen are kept.
    void discover(const QStringList& folders = defaultFolders());

    const std::vector<PluginEntry>& plugins() const { return entries_; }
    // The available plugin with this id. Throws lamina::Error: NotFound (naming the ids
    // known), or UnsupportedFormat with the reason when it exists but is unavailable.
    const PluginEntry& find(const QString& id) const;

private:
    std::vector<PluginEntry> entries_;
    std::vector<std::unique_ptr<QPluginLoader>> loaders_;
};

} // namespace lamina
