#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/app/overlay/OverlayStack.h>
#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/pluginhost/PluginJob.h>
#include <lamina/pluginhost/PluginOutput.h>
#include <lamina/pluginhost/PluginRasterFile.h>
#include <lamina/pluginhost/SlideForPlugin.h>
#include <lamina/render/AnnotationPainter.h>
#include <lamina/slide/SlideSource.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace lamina {
namespace {

constexpr int kManifestVersion = 1;

QString stateName(PluginOverlay::State s) {
    switch (s) {
    case PluginOverlay::State::Running:
        return QStringLiteral("running");
    case PluginOverlay::State::Finished:
        return QStringLiteral("finished");
    case PluginOverlay::State::Failed:
        return QStringLiteral("failed");
    case PluginOverlay::State::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

PluginOverlay::State stateNamed(const QString& name) {
    for (auto s : {PluginOverlay::State::Finished, PluginOverlay::State::Failed,
                   PluginOverlay::State::Cancelled})
        if (stateName(s) == name)
            return s;
    // A run cannot go on after a restart: whatever was saved while running is partial.
    return PluginOverlay::State::Cancelled;
}

} // namespace

OverlayStack::OverlayStack(std::filesystem::path folder, QObject* parent)
    : QObject(parent), folder_(std::move(folder)) {
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
    for (int n = 1;; ++n) {
        const QString id = QStringLiteral("%1-%2").arg(pluginId).arg(n);
        const bool taken =
            std::any_of(overlays_.begin(), overlays_.end(),
                        [&](const auto& o) { return o->id == id; }) ||
            (!folder_.empty() && std::filesystem::exists(folder_ / (id.toStdString() + ".json")));
        if (!taken)
            return id;
    }
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
    if (!folder_.empty())
        for (const char* extension : {".json", ".tif", ".geojson"}) {
            std::error_code ignored;
            std::filesystem::remove(folder_ / (gone->id.toStdString() + extension), ignored);
        }
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
            AnnotationPainter::paint(painter, o->detections, camera, viewport, {},
                                     o->detectionIndex.get());
        }
    }
}

std::function<void(QPainter&, const Camera&, QSizeF)> OverlayStack::snapshotPainter() const {
    struct Copy {
        std::optional<RasterOverlay> raster;
        std::optional<AnnotationDocument> detections;
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
                AnnotationPainter::paint(painter, *c.detections, camera, size);
        }
    };
}

// --- saving and loading ------------------------------------------------------------------

void OverlayStack::saveManifest(const PluginOverlay& o) {
    if (folder_.empty() || o.state == PluginOverlay::State::Running)
        return; // a running overlay is saved when it ends
    QJsonObject plugin{{"id", o.plugin.id}, {"name", o.plugin.name}, {"version", o.plugin.version}};
    QJsonObject measurements;
    for (const auto& [name, value] : o.measurements())
        measurements.insert(QString::fromStdString(name), value);
    QJsonObject manifest{
        {"format", "lamina-overlay"},
        {"version", kManifestVersion},
        {"plugin", plugin},
        {"target", o.target},
        {"parameters", QJsonObject::fromVariantMap(o.parameters)},
        {"state", stateName(o.state)},
        {"error", o.error},
        {"measurements", measurements},
        {"visible", o.visible},
        {"opacity", o.raster.opacity()},
        {"colour_map", RasterOverlay::name(o.raster.colourMap())},
        {"fade_low_values", o.raster.fadesLowValues()},
        {"raster", o.raster.empty() ? QJsonValue() : QJsonValue(o.id + ".tif")},
        {"detections", o.detectionCount() ? QJsonValue(o.id + ".geojson") : QJsonValue()},
    };
    const QString path =
        QString::fromStdString((folder_ / (o.id.toStdString() + ".json")).string());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(manifest).toJson()) < 0 ||
        !file.commit())
        logger().warn("cannot save the overlay settings {}: {}", path.toStdString(),
                      file.errorString().toStdString());
}

void OverlayStack::save(PluginOverlay& o) {
    if (folder_.empty() || (o.raster.empty() && o.detectionCount() == 0))
        return; // nothing worth keeping (a run that failed at once)
    try {
        std::filesystem::create_directories(folder_);
        const std::filesystem::path stem = folder_ / o.id.toStdString();
        if (const auto mosaic = mosaicRasters(o.raster.tiles()))
            writeRasterTiff(*mosaic, o.plugin, o.slideMicronsPerPixel, stem.string() + ".tif");
        if (o.detectionCount() > 0)
            writeAnnotationFile(o.detections, stem.string() + ".geojson",
                                AnnotationFormat::GeoJson);
    } catch (const std::exception& e) {
        logger().warn("cannot save the result of {}: {}", o.id.toStdString(), e.what());
        o.saveError = QString::fromStdString(e.what());
        return;
    }
    saveManifest(o);
}

void OverlayStack::load() {
    std::error_code error;
    if (folder_.empty() || !std::filesystem::is_directory(folder_, error))
        return;
    std::vector<std::filesystem::path> manifests;
    for (const auto& entry : std::filesystem::directory_iterator(folder_, error))
        if (entry.path().extension() == ".json")
            manifests.push_back(entry.path());
    std::sort(manifests.begin(), manifests.end()); // a stable order between sessions
    for (const std::filesystem::path& path : manifests) {
        const QString name = QString::fromStdString(path.string());
        try {
            QFile file(name);
            if (!file.open(QIODevice::ReadOnly))
                throw Error(ErrorKind::Io, path.string(), file.errorString().toStdString());
            QJsonParseError parse{};
            const QJsonObject m = QJsonDocument::fromJson(file.read(1 << 20), &parse).object();
            if (parse.error != QJsonParseError::NoError || m.value("format") != "lamina-overlay")
                throw Error(ErrorKind::Corrupt, path.string(), "not a Lamina overlay description");
            if (m.value("version").toInt() != kManifestVersion)
                throw Error(ErrorKind::UnsupportedFormat, path.string(),
                            "overlay description version " +
                                std::to_string(m.value("version").toInt()) + " is not supported");
            auto o = std::make_unique<PluginOverlay>();
            o->id = QString::fromStdString(path.stem().string());
            o->serial = nextSerial_++;
            const QJsonObject plugin = m.value("plugin").toObject();
            o->plugin.id = plugin.value("id").toString();
            o->plugin.name = plugin.value("name").toString(o->plugin.id);
            o->plugin.version = plugin.value("version").toString();
            o->target = m.value("target").toString();
            o->parameters = m.value("parameters").toObject().toVariantMap();
            o->state = stateNamed(m.value("state").toString());
            o->error = m.value("error").toString();
            const QJsonObject measurements = m.value("measurements").toObject();
            for (auto it = measurements.begin(); it != measurements.end(); ++it)
                o->sums[it.key().toStdString()] = it.value().toDouble();
            if (const QString raster = m.value("raster").toString(); !raster.isEmpty()) {
                const PluginRaster r = readRasterTiff(folder_ / raster.toStdString());
                o->raster = RasterOverlay(r.kind);
                o->raster.addTile(r);
            }
            if (const QString found = m.value("detections").toString(); !found.isEmpty())
                o->detections =
                    readAnnotationFile(folder_ / found.toStdString()); // not indexed yet
            o->visible = m.value("visible").toBool(true);
            o->raster.setOpacity(m.value("opacity").toDouble(0.6));
            o->raster.setFadeLowValues(m.value("fade_low_values").toBool(true));
            if (const auto map = RasterOverlay::fromName(m.value("colour_map").toString()))
                o->raster.setColourMap(*map);
            for (AnnotationLayer& l : o->detections.layers)
                l.opacity = o->raster.opacity();
            overlays_.push_back(std::move(o));
        } catch (const std::exception& e) {
            logger().warn("overlay not loaded: {}", e.what());
            loadErrors_.push_back(QString::fromStdString(e.what()));
        }
    }
}

} // namespace lamina
