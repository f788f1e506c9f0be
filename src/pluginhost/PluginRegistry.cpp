#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/pluginhost/PluginWorker.h>
#include <lamina/pluginhost/PluginWorkerPool.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLibrary>
#include <QPluginLoader>
#include <QStandardPaths>

#include <future>

namespace lamina {

PluginRegistry::PluginRegistry(PluginIsolation isolation) : isolation_(isolation) {}

PluginIsolation PluginRegistry::isolationFromEnvironment() {
    return qEnvironmentVariable("LAMINA_PLUGINS_IN_PROCESS") == QLatin1String("1")
               ? PluginIsolation::InProcess
               : PluginIsolation::WorkerProcess;
}

// QPluginLoader's destructor does not unload: plugins stay loaded (see the header).
PluginRegistry::~PluginRegistry() = default;

QStringList PluginRegistry::defaultFolders() {
    QStringList folders;
    const QString exeDir =
        QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    if (!exeDir.isEmpty())
        folders << QDir(exeDir).filePath(QStringLiteral("../lib/lamina/plugins"));
#ifdef LAMINA_BUILD_PLUGIN_DIR
    folders << QStringLiteral(LAMINA_BUILD_PLUGIN_DIR);
#endif
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (!data.isEmpty())
        folders << QDir(data).filePath(QStringLiteral("Lamina/plugins"));
    const QString extra = qEnvironmentVariable("LAMINA_PLUGIN_PATH");
    for (const QString& f : extra.split(QLatin1Char(':'), Qt::SkipEmptyParts))
        folders << f;
    return folders;
}

void PluginRegistry::discover(const QStringList& folders) {
    const size_t first = entries_.size();
    for (const QString& folder : folders) {
        const QDir dir(folder);
        if (!dir.exists())
            continue;
        // Anyone could plant code in a folder every user may write to: none of it is loaded.
        if (QFileInfo(folder).permissions() & QFileDevice::WriteOther) {
            logger().warn("plugin folder {} is writable by every user: its plugins are not loaded",
                          QDir::cleanPath(folder).toStdString());
            continue;
        }
        for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
            const QString file = QDir::cleanPath(dir.absoluteFilePath(name));
            if (!QLibrary::isLibrary(file) ||
                std::any_of(entries_.begin(), entries_.end(),
                            [&](const PluginEntry& e) { return e.file == file; }))
                continue;
            PluginEntry entry;
            entry.file = file;
            auto loader = std::make_unique<QPluginLoader>(file);
            // The metadata is read without running the plugin's code.
            const QJsonObject meta = loader->metaData();
            try {
                if (QFileInfo(file).permissions() & QFileDevice::WriteOther)
                    throw Error(ErrorKind::InvalidArgument, file.toStdString(),
                                "the plugin file is writable by every user; not loaded");
                if (meta.isEmpty())
                    throw Error(ErrorKind::InvalidArgument, file.toStdString(),
                                "not a Qt plugin (no plugin metadata)");
                if (meta.value(QStringLiteral("IID")).toString() !=
                    QLatin1String(LAMINA_OVERLAY_PLUGIN_IID))
                    throw Error(ErrorKind::InvalidArgument, file.toStdString(),
                                "not a Lamina overlay plugin of this SDK (interface " +
                                    meta.value(QStringLiteral("IID")).toString().toStdString() +
                                    ", expected " LAMINA_OVERLAY_PLUGIN_IID ")");
                entry.description =
                    PluginDescription::parse(meta.value(QStringLiteral("MetaData")).toObject());
                if (entry.description.sdkVersion != kPluginSdkVersion)
                    throw Error(ErrorKind::InvalidArgument, file.toStdString(),
                                "built for plugin SDK " +
                                    std::to_string(entry.description.sdkVersion) +
                                    ", this Lamina has SDK " + std::to_string(kPluginSdkVersion));
                if (std::any_of(entries_.begin(), entries_.end(), [&](const PluginEntry& e) {
                        return e.available() && e.description.id == entry.description.id;
                    }))
                    throw Error(ErrorKind::InvalidArgument, file.toStdString(),
                                "id \"" + entry.description.id.toStdString() +
                                    "\" is already taken by another plugin");
            } catch (const Error& e) {
                entry.unavailableReason = QString::fromStdString(e.cause());
                // Listed with the reason (`plugins list`, the Plugins panel); not a warning on
                // every start.
                logger().info("plugin {} unavailable: {}", file.toStdString(), e.cause());
            }
            entries_.push_back(std::move(entry));
            loaders_.push_back(std::move(loader)); // one per entry, in step with entries_
        }
    }
    loadPlugins(first);
}

void PluginRegistry::loadPlugins(size_t first) {
    const auto unavailable = [](PluginEntry& entry, const std::string& why) {
        entry.unavailableReason = QString::fromStdString(why);
        logger().info("plugin {} unavailable: {}", entry.file.toStdString(), why);
    };
    if (isolation_ == PluginIsolation::InProcess) {
        for (size_t i = first; i < entries_.size(); ++i) {
            PluginEntry& entry = entries_[i];
            if (!entry.available())
                continue;
            QPluginLoader& l = *loaders_[i];
            QObject* instance = l.instance();
            if (!instance)
                unavailable(entry, "does not load: " + l.errorString().toStdString());
            else if (!(entry.inProcess = qobject_cast<OverlayPlugin*>(instance)))
                unavailable(entry, "does not implement lamina::OverlayPlugin");
        }
        return;
    }
    // Each plugin loads once in a worker of its own, all at once: a plugin that crashes while
    // loading is listed unavailable with the crash.
    std::vector<std::pair<size_t, std::future<std::string>>> checks;
    for (size_t i = first; i < entries_.size(); ++i)
        if (entries_[i].available())
            checks.emplace_back(i, std::async(std::launch::async, [file = entries_[i].file] {
                                    try {
                                        // Loaded and ready: kept for the first run.
                                        PluginWorkerPool::shared().giveBack(
                                            std::make_unique<PluginWorker>(file));
                                    } catch (const Error& e) {
                                        return e.cause();
                                    }
                                    return std::string();
                                }));
    for (auto& [i, check] : checks)
        if (std::string why = check.get(); !why.empty())
            unavailable(entries_[i], why);
}

const PluginEntry& PluginRegistry::find(const QString& id) const {
    const PluginEntry* unavailable = nullptr;
    for (const PluginEntry& e : entries_) {
        if (e.description.id != id)
            continue;
        if (e.available())
            return e;
        unavailable = &e;
    }
    if (unavailable)
        throw Error(ErrorKind::UnsupportedFormat, id.toStdString(),
                    "the plugin is unavailable: " + unavailable->unavailableReason.toStdString());
    std::string known;
    for (const PluginEntry& e : entries_)
        if (e.available())
            known += (known.empty() ? "" : ", ") + e.description.id.toStdString();
    throw Error(ErrorKind::NotFound, id.toStdString(),
                "no such plugin (available: " + (known.empty() ? "none" : known) + ")");
}

} // namespace lamina
