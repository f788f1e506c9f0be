#include "Workspace.h"

#include <QMetaObject>

namespace lamina {

Workspace::Workspace(uint64_t cacheBudgetBytes, size_t loaderThreads, QObject* parent)
    : QObject(parent), cache_(std::make_unique<TileCache>(cacheBudgetBytes)) {
    // Called on a loader thread: only post, never touch widgets there.
    loader_ = std::make_unique<TileLoader>(*cache_, loaderThreads, [this] {
        QMetaObject::invokeMethod(this, &Workspace::drainLoader, Qt::QueuedConnection);
    });
}

Workspace::~Workspace() {
    loader_.reset(); // stop workers before the cache they write into goes
}

void Workspace::acquireSlide(uint64_t slide) {
    ++slideUsers_[slide];
}

void Workspace::releaseSlide(uint64_t slide) {
    const auto it = slideUsers_.find(slide);
    if (it == slideUsers_.end() || --it->second > 0)
        return;
    slideUsers_.erase(it);
    loader_->dropSlide(slide); // first, so reads still running cannot re-add tiles
    cache_->removeSlide(slide);
}

void Workspace::drainLoader() {
    auto keys = loader_->drainFinished();
    if (!keys.empty())
        emit tilesArrived(keys);
}

} // namespace lamina
