#include <lamina/pluginhost/PluginResultCache.h>

#include <QJsonDocument>
#include <QJsonObject>

#include <cstring>
#include <functional>

namespace lamina {
namespace {

// An estimate of what a result holds in memory.
uint64_t footprint(const PluginResult& r) {
    uint64_t bytes = sizeof(PluginResult);
    if (r.raster)
        bytes += r.raster->values.size() * sizeof(float);
    for (const PluginFeature& f : r.features)
        bytes += sizeof(PluginFeature) + f.className.size() +
                 f.points.size() * sizeof(std::pair<double, double>);
    for (const auto& [name, value] : r.measurements)
        bytes += name.size() + sizeof(value) + 32;
    return bytes;
}

} // namespace

PluginResultCache::PluginResultCache(uint64_t budgetBytes) : budget_(budgetBytes) {}

std::string PluginResultCache::runIdentity(const QString& pluginId, const QString& pluginVersion,
                                           const QVariantMap& parameters,
                                           const std::string& slideId,
                                           const std::vector<std::pair<double, double>>& outline) {
    // QJsonObject sorts its keys: the same parameters always give the same text.
    std::string id = pluginId.toStdString() + '\n' + pluginVersion.toStdString() + '\n' +
                     QJsonDocument(QJsonObject::fromVariantMap(parameters))
                         .toJson(QJsonDocument::Compact)
                         .toStdString() +
                     '\n' + slideId + '\n';
    // The outline's exact coordinates, as bytes (it is compared, not hashed).
    for (const auto& [x, y] : outline) {
        char bytes[2 * sizeof(double)];
        std::memcpy(bytes, &x, sizeof x);
        std::memcpy(bytes + sizeof x, &y, sizeof y);
        id.append(bytes, sizeof bytes);
    }
    return id;
}

size_t PluginResultCache::KeyHash::operator()(const Key& k) const {
    size_t h = std::hash<std::string>{}(k.run);
    for (double v : {k.x, k.y, k.width, k.height})
        h = h * 1000003u ^ std::hash<double>{}(v);
    return h;
}

PluginResultCache::Key PluginResultCache::keyOf(const std::string& run, const PluginTile& tile) {
    return Key{run, tile.x, tile.y, tile.width, tile.height};
}

std::shared_ptr<const PluginResult> PluginResultCache::find(const std::string& runIdentity,
                                                            const PluginTile& tile) {
    std::lock_guard lock(mutex_);
    const auto it = index_.find(keyOf(runIdentity, tile));
    if (it == index_.end())
        return nullptr;
    recent_.splice(recent_.begin(), recent_, it->second);
    ++hits_;
    return it->second->result;
}

void PluginResultCache::insert(const std::string& runIdentity, const PluginTile& tile,
                               std::shared_ptr<const PluginResult> result) {
    if (!result)
        return;
    Entry entry{keyOf(runIdentity, tile), std::move(result), 0};
    entry.bytes = footprint(*entry.result) + entry.key.run.size() + sizeof(Entry);
    std::lock_guard lock(mutex_);
    if (const auto it = index_.find(entry.key); it != index_.end()) {
        bytes_ -= it->second->bytes;
        recent_.erase(it->second);
        index_.erase(it);
    }
    if (entry.bytes > budget_)
        return; // would evict everything and still not fit
    bytes_ += entry.bytes;
    recent_.push_front(std::move(entry));
    index_.emplace(recent_.front().key, recent_.begin());
    evict();
}

void PluginResultCache::evict() {
    while (bytes_ > budget_ && !recent_.empty()) {
        bytes_ -= recent_.back().bytes;
        index_.erase(recent_.back().key);
        recent_.pop_back();
    }
}

size_t PluginResultCache::size() const {
    std::lock_guard lock(mutex_);
    return recent_.size();
}

uint64_t PluginResultCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

uint64_t PluginResultCache::hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
}

void PluginResultCache::clear() {
    std::lock_guard lock(mutex_);
    recent_.clear();
    index_.clear();
    bytes_ = 0;
}

} // namespace lamina
