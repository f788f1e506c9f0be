#pragma once
// Tiles already shrunk to the size they are drawn at. Between pyramid levels a view draws its
// tiles smaller than stored (up to 4x on Aperio slides); resampling every tile on every frame
// is what made 4K frames slow (bilinear over 8 million device pixels). Here each tile is
// area-averaged once per on-screen size and then blitted 1:1 while the zoom stays — the usual
// case: pathologists pan far more than they zoom. (The renderer does not shrink while the
// zoom changes from frame to frame: that work would be thrown away.) Only shrinking is cached
// (enlarged tiles would cost more memory than they save time); entries are dropped least recently
// used past a byte budget, and all at once when the zoom changes for good. Thread-safety: none; one
// per view, used by the thread that paints it.

#include <lamina/cache/TileKey.h>

#include <QImage>
#include <QSize>

#include <cstddef>
#include <list>
#include <unordered_map>

namespace lamina {

class ScaledTileCache {
public:
    explicit ScaledTileCache(size_t budgetBytes) : budget_(budgetBytes) {}

    // Tile `key`, whose pixels `source` shows (possibly without owning them), resized to
    // `size` device pixels (not larger than the source), made on first use; the result owns
    // its pixels and keeps the source's format. Implicitly shared: cheap to return.
    QImage scaled(const TileKey& key, const QImage& source, QSize size);
    // The shrunk tile when it was made before (and marks it recently used), else a null image.
    QImage find(const TileKey& key, QSize size);

    void clear();
    size_t bytes() const { return bytes_; }
    size_t entries() const { return entries_.size(); }

private:
    struct Key {
        TileKey tile;
        int width, height;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const noexcept {
            return TileKeyHash()(k.tile) ^ (size_t(k.width) * 0x9e3779b9u + size_t(k.height));
        }
    };
    struct Entry {
        QImage image;
        std::list<Key>::iterator lru;
    };

    size_t budget_;
    size_t bytes_ = 0;
    std::list<Key> lru_; // most recently used first
    std::unordered_map<Key, Entry, KeyHash> entries_;
};

} // namespace lamina
