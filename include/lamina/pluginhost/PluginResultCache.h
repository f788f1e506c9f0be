#pragma once
// Finished tiles of plugin runs, kept so that running the same analysis again (the same
// plugin and version, the same parameters, on the same slide and region) costs nothing:
// PluginRun takes a tile's result from here instead of calling the plugin, and stores what
// the plugin returns. The key is the run's identity (plugin id and version, the resolved
// parameters in canonical JSON, the slide id — which differs per focal plane — and the
// region's outline) plus the tile's level-0 rectangle; everything is compared exactly, so two
// runs never share a tile unless every one of those is equal.
// A byte budget bounds it; the least recently used tiles go first. Results are shared
// immutable values, so a tile handed out stays valid after it is evicted.
// Thread-safety: every member may be called from any thread.

#include <lamina/plugin/OverlayPlugin.h>

#include <QString>
#include <QVariantMap>

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lamina {

class PluginResultCache {
public:
    static constexpr uint64_t kDefaultBudgetBytes = uint64_t(256) << 20;
    explicit PluginResultCache(uint64_t budgetBytes = kDefaultBudgetBytes);

    // What identifies a run's tiles: compute once per run.
    static std::string runIdentity(const QString& pluginId, const QString& pluginVersion,
                                   const QVariantMap& parameters, const std::string& slideId,
                                   const std::vector<std::pair<double, double>>& outline);

    std::shared_ptr<const PluginResult> find(const std::string& runIdentity,
                                             const PluginTile& tile);
    void insert(const std::string& runIdentity, const PluginTile& tile,
                std::shared_ptr<const PluginResult> result);

    size_t size() const;
    uint64_t bytes() const;
    uint64_t hits() const;
    void clear();

private:
    struct Key {
        std::string run;
        double x = 0, y = 0, width = 0, height = 0; // level-0 pixels
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const;
    };
    struct Entry {
        Key key;
        std::shared_ptr<const PluginResult> result;
        uint64_t bytes = 0;
    };
    static Key keyOf(const std::string& run, const PluginTile& tile);
    void evict(); // under mutex_

    mutable std::mutex mutex_;
    uint64_t budget_, bytes_ = 0, hits_ = 0;
    std::list<Entry> recent_; // most recently used first
    std::unordered_map<Key, std::list<Entry>::iterator, KeyHash> index_;
};

} // namespace lamina
