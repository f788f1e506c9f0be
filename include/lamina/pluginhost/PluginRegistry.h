#pragma once
// Finds and loads overlay plugins. Folders searched, in order: the installation's
// (<prefix>/lib/lamina/plugins beside bin/), the build tree's (when running from it), the
// user's (<data>/Lamina/plugins, e.g. ~/.local/share/Lamina/plugins) and every folder of
// LAMINA_PLUGIN_PATH (':'-separated). A plugin whose metadata is missing or malformed, whose
// SDK version differs from kPluginSdkVersion, that does not load (missing symbols, wrong
// interface) or whose id is already taken is listed as unavailable with the reason; Lamina
// goes on. A folder or a plugin file that every user may write to is refused (a warning for a
// folder, the reason for a file): anyone could have planted code there.
// Isolation: by default no plugin code runs in this process. Discovery reads the metadata
// without running the plugin, then checks that each plugin loads in a worker process
// (PluginWorker, all at once), and every run starts a worker of its own: a plugin that crashes
// at load or during a run cannot take the caller down. With PluginIsolation::InProcess
// (LAMINA_PLUGINS_IN_PROCESS=1: for measuring the difference, or debugging a plugin) plugins
// are loaded here and stay loaded for the life of the process.
// Thread-safety: discover() on one thread; afterwards the list is read-only.

#include <lamina/plugin/OverlayPlugin.h>
#include <lamina/pluginhost/PluginDescription.h>

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QPluginLoader;

namespace lamina {

enum class PluginIsolation {
    WorkerProcess, // each run in a lamina-plugin-worker process
    InProcess,     // loaded into this process
};

struct PluginEntry {
    QString file;                  // the shared library
    PluginDescription description; // id empty when the metadata could not be read
    // The plugin loaded into this process (PluginIsolation::InProcess only); null otherwise:
    // runs then start a worker process for `file`.
    const OverlayPlugin* inProcess{};
    QString unavailableReason; // empty when available
    bool available() const { return unavailableReason.isEmpty() && !description.id.isEmpty(); }
};

class PluginRegistry {
public:
    explicit PluginRegistry(PluginIsolation isolation = isolationFromEnvironment());
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry&) = delete;
    PluginRegistry& operator=(const PluginRegistry&) = delete;

    static QStringList defaultFolders();
    // InProcess when LAMINA_PLUGINS_IN_PROCESS=1, else WorkerProcess.
    static PluginIsolation isolationFromEnvironment();
    PluginIsolation isolation() const { return isolation_; }
    // Loads every plugin library of `folders` (non-recursive; files that are not libraries
    // are ignored). Can be called again: plugins already seen are kept.
    void discover(const QStringList& folders = defaultFolders());

    const std::vector<PluginEntry>& plugins() const { return entries_; }
    // The available plugin with this id. Throws lamina::Error: NotFound (naming the ids
    // known), or UnsupportedFormat with the reason when it exists but is unavailable.
    const PluginEntry& find(const QString& id) const;

private:
    // Loads the plugins of `entries_` from `first` on that passed the metadata checks: here, or
    // in worker processes (in parallel) for the load check alone.
    void loadPlugins(size_t first);

    PluginIsolation isolation_;
    std::vector<PluginEntry> entries_;
    std::vector<std::unique_ptr<QPluginLoader>> loaders_;
};

} // namespace lamina
