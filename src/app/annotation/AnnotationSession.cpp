#include "annotation/AnnotationSession.h"

#include "BackgroundWork.h"
#include "annotation/AnnotationCommands.h"
#include "overlay/OverlayStack.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/pluginhost/OverlayStore.h>
#include <lamina/pluginhost/SlideStores.h>

namespace lamina {

AnnotationSession::AnnotationSession(const std::filesystem::path& slidePath,
                                     const std::filesystem::path& dataFolder,
                                     std::vector<AnnotationClass> newDocumentClasses,
                                     QObject* parent)
    : QObject(parent), store_(annotationStoreFor(slidePath.string(), dataFolder)) {
    try {
        const bool saved = std::filesystem::exists(store_.path());
        document_ = store_.load();
        if (!saved && !newDocumentClasses.empty())
            document_.classes = std::move(newDocumentClasses);
    } catch (const Error& e) {
        document_ = AnnotationDocument::withDefaults();
        loadError_ = QString::fromStdString(e.what());
        logger().error("{}", e.what());
    }
    storePath_ = store_.path();
    // Analysis results are kept beside the annotations: <store>.overlays/.
    overlays_ = std::make_unique<OverlayStack>(OverlayStore::folderBeside(storePath_), this);
    autosave_.setSingleShot(true);
    autosave_.setInterval(1000); // not restarted by later edits: saved within 1 s + write time
    connect(&autosave_, &QTimer::timeout, this, &AnnotationSession::saveNow);
}

AnnotationSession::~AnnotationSession() {
    overlays_.reset(); // cancels running analyses
    saveAndWait();
}

const std::string& AnnotationSession::selectedId() const {
    static const std::string none;
    return selection_.empty() ? none : selection_.back();
}

void AnnotationSession::setSelection(std::vector<std::string> ids) {
    std::unordered_set<std::string> unique;
    std::erase_if(ids,
                  [&](const std::string& id) { return id.empty() || !unique.insert(id).second; });
    if (ids == selection_)
        return;
    selection_ = std::move(ids);
    selected_ = std::move(unique);
    emit selectionChanged();
}

void AnnotationSession::select(const std::string& id) {
    setSelection(id.empty() ? std::vector<std::string>{} : std::vector<std::string>{id});
}

void AnnotationSession::selectAllVisible() {
    std::vector<std::string> all;
    for (const AnnotationLayer& layer : document_.layers)
        if (layer.visible)
            for (const Annotation& a : layer.annotations)
                all.push_back(a.id);
    setSelection(std::move(all));
}

const AnnotationIndex& AnnotationSession::index() const {
    if (!index_)
        index_.emplace(document_);
    return *index_;
}

size_t AnnotationSession::activeLayer() const {
    return document_.layers.empty() ? 0 : std::min(activeLayer_, document_.layers.size() - 1);
}

void AnnotationSession::setActiveLayer(size_t layer) {
    activeLayer_ = layer;
}

std::vector<std::string> AnnotationSession::changeable(std::vector<std::string> ids,
                                                       bool ignoringOwnLock) const {
    if (ids.size() == 1) { // the common case: no set needed
        const auto where = document_.find(ids.front());
        const bool ok =
            where && !document_.layers[where->layer].locked &&
            (ignoringOwnLock || !document_.layers[where->layer].annotations[where->index].locked);
        return ok ? ids : std::vector<std::string>{};
    }
    const std::unordered_set<std::string> wanted(ids.begin(), ids.end());
    std::unordered_set<std::string> ok;
    for (const AnnotationLayer& layer : document_.layers)
        if (!layer.locked)
            for (const Annotation& a : layer.annotations)
                if ((ignoringOwnLock || !a.locked) && wanted.contains(a.id))
                    ok.insert(a.id);
    std::erase_if(ids, [&](const std::string& id) { return !ok.contains(id); });
    return ids;
}

bool AnnotationSession::isEditable(const std::string& id) const {
    return !changeable({id}, false).empty();
}

void AnnotationSession::documentChanged() {
    index_.reset();
    afterChange();
}

void AnnotationSession::shapesChanged(const std::vector<AnnotationDocument::Location>& changed) {
    if (index_)
        for (const auto& where : changed)
            index_->update(
                where, document_.layers[where.layer].annotations[where.index].geometry.bounds());
    afterChange();
}

void AnnotationSession::afterChange() {
    dirty_ = true;
    if (!selection_.empty()) { // deselect what is gone (deleted, or its addition undone)
        std::unordered_set<std::string> present;
        for (const AnnotationLayer& layer : document_.layers)
            for (const Annotation& a : layer.annotations)
                if (selected_.contains(a.id))
                    present.insert(a.id);
        if (present.size() != selection_.size()) {
            auto kept = selection_;
            std::erase_if(kept, [&](const std::string& id) { return !present.contains(id); });
            setSelection(std::move(kept));
        }
    }
    if (!autosave_.isActive())
        autosave_.start();
    emit changed();
}

bool AnnotationSession::saveRunning() const {
    return saving_.valid() &&
           saving_.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
}

void AnnotationSession::saveNow() {
    autosave_.stop();
    if (saveRunning()) {
        saveAgain_ = true; // the next save starts when this one ends
        return;
    }
    if (!dirty_)
        return;
    dirty_ = false;
    // The worker gets its own copy: edits go on while it writes.
    // The session waits for this future before it goes (saveAndWait), so `this` outlives it.
    saving_ = runInBackground(
        this, [this, snapshot = document_] { return write(snapshot); },
        [this](const SaveOutcome& outcome) { saveFinished(outcome); });
}

AnnotationSession::SaveOutcome AnnotationSession::write(const AnnotationDocument& snapshot) {
    SaveOutcome outcome;
    try {
        const auto result = store_.save(snapshot);
        outcome.ok = true;
        outcome.conflict = result.conflict;
        outcome.writtenTo = result.writtenTo;
    } catch (const Error& e) {
        outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
}

void AnnotationSession::report(const SaveOutcome& outcome) {
    storePath_ = store_.path();
    if (!outcome.ok) {
        logger().error("{}", outcome.error.toStdString());
        dirty_ = true;
        emit saveFailed(outcome.error);
    } else if (outcome.conflict) {
        emit saveConflict(QString::fromStdString(outcome.writtenTo.string()));
    }
}

void AnnotationSession::saveFinished(const SaveOutcome& outcome) {
    saving_.wait(); // the worker posted this as its last act: it is returning, or has
    report(outcome);
    if (!outcome.ok)
        autosave_.start(); // try again: the disk may come back
    if (std::exchange(saveAgain_, false) || (dirty_ && !autosave_.isActive()))
        saveNow();
}

void AnnotationSession::saveAndWait() {
    autosave_.stop();
    if (saving_.valid())
        saving_.wait();
    storePath_ = store_.path();
    if (!dirty_)
        return;
    dirty_ = false;
    report(write(document_));
}

void AnnotationSession::addAnnotation(Annotation annotation, std::optional<size_t> layer) {
    undoStack_.push(
        new AddAnnotationCommand(*this, std::move(annotation), layer.value_or(activeLayer())));
}

std::string AnnotationSession::addDrawn(AnnotationGeometry geometry) {
    Annotation annotation;
    annotation.id = Annotation::newId();
    annotation.geometry = std::move(geometry);
    if (document_.findClass(currentClass_))
        annotation.className = currentClass_;
    const std::string id = annotation.id;
    addAnnotation(std::move(annotation));
    select(id);
    return id;
}

void AnnotationSession::setCurrentClass(const std::string& name) {
    if (name == currentClass_)
        return;
    currentClass_ = name;
    emit currentClassChanged();
}

size_t AnnotationSession::removeAnnotations(const std::vector<std::string>& ids) {
    std::vector<std::string> removable = changeable(ids, false);
    if (removable.empty())
        return 0;
    const size_t count = removable.size();
    undoStack_.push(new RemoveAnnotationsCommand(*this, std::move(removable)));
    return count;
}

void AnnotationSession::changeGeometry(
    std::vector<std::pair<std::string, AnnotationGeometry>> changes, const QString& text,
    int dragSerial) {
    if (!changes.empty())
        undoStack_.push(new ChangeGeometryCommand(*this, std::move(changes), text, dragSerial));
}

void AnnotationSession::replaceShape(const std::string& id, std::vector<AnnotationGeometry> parts,
                                     const QString& text) {
    const auto where = document_.find(id);
    if (!where)
        return;
    const Annotation original = document_.layers[where->layer].annotations[where->index];
    const size_t layer = where->layer;
    undoStack_.beginMacro(text);
    if (parts.empty()) {
        removeAnnotation(id);
    } else {
        changeGeometry({{id, parts.front()}}, text);
        for (size_t i = 1; i < parts.size(); ++i) {
            Annotation piece = original;
            piece.id = Annotation::newId();
            piece.geometry = std::move(parts[i]);
            addAnnotation(std::move(piece), layer);
        }
    }
    undoStack_.endMacro();
}

void AnnotationSession::addLayer(const std::string& name) {
    activeLayer_ = document_.layers.size(); // set first: views refresh during the push
    undoStack_.push(new AddLayerCommand(
        *this, AnnotationLayer{Annotation::newId(), name, true, false, 1.0, {}}, {}));
}

void AnnotationSession::removeLayer(size_t layer) {
    if (layer < document_.layers.size())
        undoStack_.push(new RemoveLayerCommand(*this, layer));
}

void AnnotationSession::moveLayer(size_t from, size_t to) {
    if (from < document_.layers.size() && to < document_.layers.size() && from != to) {
        if (activeLayer_ == from)
            activeLayer_ = to; // set first: views refresh during the push
        undoStack_.push(new MoveLayerCommand(*this, from, to));
    }
}

void AnnotationSession::replaceClasses(std::vector<AnnotationClass> classes,
                                       std::vector<std::pair<std::string, std::string>> renamed) {
    for (const auto& [from, to] : renamed)
        if (currentClass_ == from)
            setCurrentClass(to);
    undoStack_.push(new ReplaceClassesCommand(*this, std::move(classes), std::move(renamed)));
}

std::string AnnotationSession::copyAsGeoJson(const std::vector<std::string>& ids) const {
    const std::unordered_set<std::string> wanted(ids.begin(), ids.end());
    AnnotationDocument copied;
    copied.classes = document_.classes;
    for (const AnnotationLayer& layer : document_.layers) {
        AnnotationLayer part = layer;
        std::erase_if(part.annotations,
                      [&](const Annotation& a) { return !wanted.contains(a.id); });
        if (!part.annotations.empty())
            copied.layers.push_back(std::move(part));
    }
    return QuPathGeoJson::serialize(copied);
}

size_t AnnotationSession::pasteGeoJson(const std::string& text) {
    const AnnotationDocument pasted = QuPathGeoJson::parse(text, "clipboard");
    std::vector<std::string> added;
    for (const AnnotationLayer& layer : pasted.layers)
        for (const Annotation& a : layer.annotations)
            added.push_back(a.id);
    if (added.empty())
        return 0;
    undoStack_.beginMacro(tr("Paste %n annotation(s)", nullptr, int(added.size())));
    std::vector<AnnotationClass> classes = document_.classes; // missing classes come along
    for (const AnnotationClass& c : pasted.classes)
        if (!document_.findClass(c.name))
            classes.push_back(c);
    if (classes.size() != document_.classes.size())
        replaceClasses(std::move(classes), {});
    added.clear();
    for (const AnnotationLayer& layer : pasted.layers)
        for (Annotation a : layer.annotations) {
            a.id = Annotation::newId();
            added.push_back(a.id);
            addAnnotation(std::move(a));
        }
    undoStack_.endMacro();
    setSelection(std::move(added));
    return selection_.size();
}

size_t AnnotationSession::importFile(const std::filesystem::path& path) {
    return importDocument(readAnnotationFile(path), path.filename().string());
}

size_t AnnotationSession::importDocument(const AnnotationDocument& imported,
                                         const std::string& name) {
    // One new layer per non-empty layer of the file (ImageScope files have several), named
    // after the file; ids already in the document (a file imported twice) are renewed.
    std::vector<AnnotationLayer> layers;
    const size_t filled =
        size_t(std::count_if(imported.layers.begin(), imported.layers.end(),
                             [](const auto& l) { return !l.annotations.empty(); }));
    size_t count = 0;
    for (const AnnotationLayer& source : imported.layers) {
        if (source.annotations.empty())
            continue;
        AnnotationLayer layer = source;
        layer.id = Annotation::newId();
        layer.name = filled > 1 ? name + " — " + source.name : name;
        for (Annotation& a : layer.annotations)
            if (document_.find(a.id))
                a.id = Annotation::newId();
        count += layer.annotations.size();
        layers.push_back(std::move(layer));
    }
    if (layers.empty())
        return 0;
    undoStack_.beginMacro(tr("Import %1").arg(QString::fromStdString(name)));
    for (size_t i = 0; i < layers.size(); ++i) // classes come with the first layer
        undoStack_.push(
            new AddLayerCommand(*this, std::move(layers[i]),
                                i == 0 ? imported.classes : std::vector<AnnotationClass>{}));
    undoStack_.endMacro();
    return count;
}

std::string AnnotationSession::exportFile(const std::filesystem::path& path) const {
    const auto format = annotationFormatNamed(path.extension().string());
    if (!format)
        throw Error(ErrorKind::InvalidArgument, path.string(),
                    "unknown annotation format (use .geojson or .xml)");
    return writeAnnotationFile(document_, path, *format);
}

void AnnotationSession::removeAnnotation(const std::string& id) {
    if (const auto where = document_.find(id))
        undoStack_.push(new RemoveAnnotationCommand(*this, *where));
}

} // namespace lamina
