#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/app/annotation/AnnotationCommands.h>
#include <lamina/app/annotation/AnnotationSession.h>
#include <lamina/core/Error.h>
#include <lamina/core/Log.h>

namespace lamina {

AnnotationSession::AnnotationSession(const std::filesystem::path& slidePath,
                                     const std::filesystem::path& dataFolder, QObject* parent)
    : QObject(parent), store_(slidePath, dataFolder) {
    try {
        document_ = store_.load();
    } catch (const Error& e) {
        document_ = AnnotationDocument::withDefaults();
        loadError_ = QString::fromStdString(e.what());
        logger().error("{}", e.what());
    }
    autosave_.setSingleShot(true);
    autosave_.setInterval(1000); // not restarted by later edits: saved within 1 s + write time
    connect(&autosave_, &QTimer::timeout, this, &AnnotationSession::saveNow);
}

AnnotationSession::~AnnotationSession() {
    saveNow();
}

void AnnotationSession::select(const std::string& id) {
    if (id == selectedId_)
        return;
    selectedId_ = id;
    emit selectionChanged();
}

void AnnotationSession::documentChanged() {
    dirty_ = true;
    if (!selectedId_.empty() && !document_.find(selectedId_))
        select({}); // the selected annotation is gone (deleted, or its addition undone)
    if (!autosave_.isActive())
        autosave_.start();
    emit changed();
}

void AnnotationSession::saveNow() {
    autosave_.stop();
    if (!dirty_)
        return;
    try {
        const auto result = store_.save(document_);
        dirty_ = false;
        if (result.conflict)
            emit saveConflict(QString::fromStdString(result.writtenTo.string()));
    } catch (const Error& e) {
        logger().error("{}", e.what());
        emit saveFailed(QString::fromStdString(e.what()));
        autosave_.start(); // try again: the disk may come back
    }
}

void AnnotationSession::addAnnotation(Annotation annotation, size_t layer) {
    undoStack_.push(new AddAnnotationCommand(*this, std::move(annotation), layer));
}

size_t AnnotationSession::importFile(const std::filesystem::path& path) {
    const AnnotationDocument imported = readAnnotationFile(path);
    AnnotationLayer layer{Annotation::newId(), path.filename().string(), true, false, 1.0, {}};
    for (const AnnotationLayer& l : imported.layers)
        for (Annotation a : l.annotations) {
            if (document_.find(a.id))
                a.id = Annotation::newId(); // imported twice: keep ids unique
            layer.annotations.push_back(std::move(a));
        }
    const size_t count = layer.annotations.size();
    undoStack_.push(new AddLayerCommand(*this, std::move(layer), imported.classes));
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
