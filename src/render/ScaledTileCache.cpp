#include <lamina/render/ScaledTileCache.h>

namespace lamina {

QImage ScaledTileCache::find(const TileKey& key, QSize size) {
    const auto it = entries_.find(Key{key, size.width(), size.height()});
    if (it == entries_.end())
        return {};
    lru_.splice(lru_.begin(), lru_, it->second.lru);
    return it->second.image;
}

QImage ScaledTileCache::scaled(const TileKey& key, const QImage& source, QSize size) {
    const Key k{key, size.width(), size.height()};
    if (QImage cached = find(key, size); !cached.isNull())
        return cached;
    // Always a deep copy: the source's pixels may be freed once the tile leaves the TileCache
    // (scaled() would share them when the size is unchanged). Qt's smooth scaling averages
    // the covered area when shrinking, 2.5x faster than core's scaleArea, and stays on this
    // thread for tile-sized images.
    QImage image = size == source.size()
                       ? source.copy()
                       : source.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const auto cost = size_t(image.sizeInBytes());
    lru_.push_front(k);
    entries_.emplace(k, Entry{image, lru_.begin()});
    bytes_ += cost;
    while (bytes_ > budget_ && lru_.size() > 1) {
        const auto victim = entries_.find(lru_.back());
        bytes_ -= size_t(victim->second.image.sizeInBytes());
        entries_.erase(victim);
        lru_.pop_back();
    }
    return image;
}

void ScaledTileCache::clear() {
    entries_.clear();
    lru_.clear();
    bytes_ = 0;
}

} // namespace lamina
