#include "overlay/OverlayStack.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/pluginhost/OverlayStore.h>
#include <lamina/pluginhost/PluginJob.h>
#include <lamina/pluginhost/PluginOutput.h>
#include <lamina/pluginhost/PluginRasterFile.h>
#include <lamina/pluginhost/SlideForPlugin.h>
#include <lamina/render/AnnotationPainter.h>
#include <lamina/slide/SlideSource.h>

#include <algorithm>

namespace lamina {
namespace {

// What the store keeps of an overlay (everything but its pixels and detections).
OverlayManifest manifestOf(const PluginOverlay& o) {
    OverlayManifest m;
    m.id = o.id;
    m.plugin = o.plugin;
    m.target = o.target;
    m.parameters = o.parameters;
    m.state = o.state;
    m.error = o.error;
    m.measurements = o.measurements();
    m.visible = o.visible;
    m.opacity = o.raster.opacity();
    m.colourMap = RasterOverlay::name(o.raster.colourMap());
    m.fadeLowValues = o.raster.fadesLowValues();
    if (o.outlineColour)
        m.outlineColour = QColor(*o.outlineColour).name();
    m.hasRaster = !o.raster.empty();
    m.hasDetections = o.detectionCount() > 0;
    return m;
}

} // namespace

OverlayStack::OverlayStack(std::filesystem::path folder, QObject* parent)
    : QObject(parent), store_(std::move(folder)) {
    load();
}

OverlayStack::~OverlayStack() {
    // Jobs call post() until their thread ends: end them before the queue goes.
    for (auto& o : overlays_)
        o->job.reset();
}

std::shared_ptr<PluginResultCache> OverlayStack::sharedCache() {
    static const auto cache = std::make_shared<PluginResultCache>();
    return cache;
}

QString OverlayStack::newId(const QString& pluginId) const {
    return store_.newId(pluginId, [this](const QString& id) {
        return std::any_of(overlays_.begin(), overlays_.end(),
                           [&](const auto& o) { return o->id == id; });
    });
}

PluginOverlay& OverlayStack::start(const PluginEntry& entry,
                                   std::shared_ptr<const SlideSource> slide,
                                   std::vector<PluginRunRequest> requests, const QString& target,
                                   const PluginEntry* tissueDetector) {
    auto overlay = std::make_unique<PluginOverlay>();
    overlay->id = newId(entry.description.id);
    overlay->target = target;
    overlay->plugin = entry.description;
    overlay->serial = nextSerial_++;
    overlay->slideMicronsPerPixel = slide->metadata().mppX;
    overlay->detections.layers.front().name = overlay->title().toStdString();
    if (!requests.empty())
        overlay->parameters = requests.front().parameters;
    for (PluginRunRequest& r : requests)
        r.cache = sharedCache();
    const uint64_t serial = overlay->serial;
    overlay->job = std::make_unique<PluginJob>(
        entry, std::make_shared<const SlideForPlugin>(std::move(slide)), std::move(requests),
        [this, serial](const PluginTileOutcome& tile) {
            post(Event{serial, tile, {}, {}});
        },
        [this, serial](PluginRun::State state, const std::string& error) {
            post(Event{serial, std::nullopt, state, error});
        },
        tissueDetector);
    overlays_.push_back(std::move(overlay));
    emit changed();
    return *overlays_.back();
}

void OverlayStack::post(Event event) {
    std::lock_guard lock(queueMutex_);
    queue_.push_back(std::move(event));
    if (!drainPosted_) {
        drainPosted_ = true;
        QMetaObject::invokeMethod(this, &OverlayStack::drain, Qt::QueuedConnection);
    }
}

std::optional<size_t> OverlayStack::indexOf(uint64_t serial) const {
    for (size_t i = 0; i < overlays_.size(); ++i)
        if (overlays_[i]->serial == serial)
            return i;
    return std::nullopt;
}

PluginOverlay* OverlayStack::bySerial(uint64_t serial, size_t* index) {
    const auto i = indexOf(serial);
    if (i && index)
        *index = *i;
    return i ? overlays_[*i].get() : nullptr;
}

void OverlayStack::drain() {
    std::vector<Event> events;
    {
        std::lock_guard lock(queueMutex_);
        events.swap(queue_);
        drainPosted_ = false;
    }
    std::vector<size_t> ended;
    for (Event& e : events) {
        size_t index = 0;
        PluginOverlay* o = bySerial(e.serial, &index);
        if (!o) // removed meanwhile
            continue;
        if (e.tile) {
            const PluginResult& r = *e.tile->result;
            try {
                if (r.raster) {
                    if (o->raster.empty() && o->raster.kind() != r.raster->kind)
                        o->raster = RasterOverlay(r.raster->kind);
                    o->raster.addTile(*r.raster);
                }
            } catch (const Error& error) { // a plugin mixing kinds: show what fits
                logger().warn("overlay {}: {}", o->id.toStdString(), error.what());
            }
            if (!r.features.empty()) {
                // The features alone (not a copy of the raster) become annotations.
                std::vector<PluginTileOutcome> features(1);
                features[0].result.emplace().features = std::move(e.tile->result->features);
                AnnotationDocument found = featuresAsAnnotations(o->plugin, features);
                for (const AnnotationClass& c : found.classes)
                    o->detections.ensureClass(c.name);
                auto& into = o->detections.layers.front().annotations;
                auto& from = found.layers.front().annotations;
                into.insert(into.end(), std::make_move_iterator(from.begin()),
                            std::make_move_iterator(from.end()));
                o->detectionIndex.reset();
            }
            for (const auto& [name, value] : r.measurements) // (r's features moved out above)
                o->sums[name] += value;
            if (e.tile->fromCache)
                ++o->cachedTiles;
        } else {
            o->state = e.end;
            o->error = QString::fromStdString(e.error);
            ended.push_back(index);
        }
        if (o->job) {
            o->tilesDone = o->job->tilesDone();
            o->tileCount = o->job->tileCount();
        }
    }
    for (size_t i : ended) {
        PluginOverlay& o = *overlays_[i];
        o.job.reset(); // its thread has ended (the end is its last act)
        save(o);
    }
    emit changed();
    for (size_t i : ended)
        emit jobEnded(i);
}

void OverlayStack::cancel(size_t i) {
    if (PluginOverlay& o = at(i); o.job)
        o.job->cancel();
}

void OverlayStack::remove(size_t i) {
    std::unique_ptr<PluginOverlay> gone = std::move(overlays_.at(i));
    overlays_.erase(overlays_.begin() + std::ptrdiff_t(i));
    gone->job.reset(); // cancels and waits at most the grace period
    store_.remove(gone->id);
    emit changed();
}

void OverlayStack::setVisible(size_t i, bool visible) {
    PluginOverlay& o = at(i);
    o.visible = visible; // paint() and snapshotPainter() skip hidden overlays
    saveManifest(o);
    emit changed();
}

void OverlayStack::setOpacity(size_t i, double opacity) {
    PluginOverlay& o = at(i);
    o.raster.setOpacity(opacity);
    for (AnnotationLayer& l : o.detections.layers)
        l.opacity = o.raster.opacity();
    saveManifest(o);
    emit changed();
}

void OverlayStack::setColourMap(size_t i, ColourMap map) {
    PluginOverlay& o = at(i);
    o.raster.setColourMap(map);
    saveManifest(o);
    emit changed();
}

void OverlayStack::setOutlineColour(size_t i, std::optional<QRgb> colour) {
    PluginOverlay& o = at(i);
    o.outlineColour = colour;
    saveManifest(o);
    emit changed();
}

void OverlayStack::setFadeLowValues(size_t i, bool fade) {
    PluginOverlay& o = at(i);
    o.raster.setFadeLowValues(fade);
    saveManifest(o);
    emit changed();
}

void OverlayStack::paint(QPainter& painter, const Camera& camera, QSizeF viewport) const {
    for (const auto& o : overlays_) {
        if (!o->visible)
            continue;
        o->raster.paint(painter, camera, viewport);
        if (o->detectionCount() > 0) {
            if (!o->detectionIndex)
                o->detectionIndex = std::make_unique<AnnotationIndex>(o->detections);
            AnnotationPainter::paint(
                painter, o->detections, camera, viewport,
                {.index = o->detectionIndex.get(), .colour = o->outlineColour, .halo = true});
        }
    }
}

std::function<void(QPainter&, const Camera&, QSizeF)> OverlayStack::snapshotPainter() const {
    struct Copy {
        std::optional<RasterOverlay> raster;
        std::optional<AnnotationDocument> detections;
        std::optional<QRgb> outlineColour;
    };
    auto copies = std::make_shared<std::vector<Copy>>();
    for (const auto& o : overlays_) {
        if (!o->visible)
            continue;
        Copy c;
        if (!o->raster.empty())
            c.raster = o->raster;
        if (o->detectionCount() > 0)
            c.detections = o->detections;
        c.outlineColour = o->outlineColour;
        copies->push_back(std::move(c));
    }
    if (copies->empty())
        return {};
    // RasterOverlay caches its coloured chunks while painting: one painter at a time.
    auto mutex = std::make_shared<std::mutex>();
    return [copies, mutex](QPainter& painter, const Camera& camera, QSizeF size) {
        std::lock_guard lock(*mutex);
        for (Copy& c : *copies) {
            if (c.raster)
                c.raster->paint(painter, camera, size);
            if (c.detections)
                AnnotationPainter::paint(painter, *c.detections, camera, size,
                                         {.colour = c.outlineColour, .halo = true});
        }
    };
}

// --- saving and loading ------------------------------------------------------------------

void OverlayStack::saveManifest(const PluginOverlay& o) {
    if (o.state == PluginOverlay::State::Running)
        return; // a running overlay is saved when it ends
    try {
        store_.saveManifest(manifestOf(o));
    } catch (const Error& e) {
        logger().warn("{}", e.what());
    }
}

void OverlayStack::save(PluginOverlay& o) {
    if (o.raster.empty() && o.detectionCount() == 0)
        return; // nothing worth keeping (a run that failed at once)
    try {
        store_.save(manifestOf(o), mosaicRasters(o.raster.tiles()),
                    o.detectionCount() > 0 ? &o.detections : nullptr, o.slideMicronsPerPixel);
    } catch (const std::exception& e) {
        logger().warn("cannot save the result of {}: {}", o.id.toStdString(), e.what());
        o.saveError = QString::fromStdString(e.what());
    }
}

void OverlayStack::load() {
    OverlayStore::Loaded loaded = store_.load();
    for (const QString& error : loaded.errors)
        logger().warn("overlay not loaded: {}", error.toStdString());
    loadErrors_ = std::move(loaded.errors);
    for (SavedOverlay& saved : loaded.overlays) {
        const OverlayManifest& m = saved.manifest;
        auto o = std::make_unique<PluginOverlay>();
        o->id = m.id;
        o->serial = nextSerial_++;
        o->plugin = m.plugin;
        o->target = m.target;
        o->parameters = m.parameters;
        o->state = m.state;
        o->error = m.error;
        o->sums = m.measurements;
        if (saved.raster) {
            o->raster = RasterOverlay(saved.raster->kind);
            o->raster.addTile(*saved.raster);
        }
        if (m.hasDetections) // else the empty default layer, as for a new run
            o->detections = std::move(saved.detections); // not indexed yet
        o->visible = m.visible;
        o->raster.setOpacity(m.opacity);
        o->raster.setFadeLowValues(m.fadeLowValues);
        if (const auto map = RasterOverlay::fromName(m.colourMap))
            o->raster.setColourMap(*map);
        if (const QColor outline(m.outlineColour); outline.isValid())
            o->outlineColour = outline.rgb();
        for (AnnotationLayer& l : o->detections.layers)
            l.opacity = o->raster.opacity();
        overlays_.push_back(std::move(o));
    }
}

} // namespace lamina
