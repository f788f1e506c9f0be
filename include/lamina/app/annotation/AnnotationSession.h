#pragma once
// The annotations of one open slide while it is being worked on: the document, its undo
// stack, and its store on disk. Every change goes through an undo command and is saved
// within 2 s (1 s debounce, atomic write), and once more when the slide is closed, so a
// crash or kill loses at most the last second or two. A file changed on disk meanwhile is
// never overwritten (see AnnotationStore): `saveConflict` says where the work went instead.
// Thread-safety: GUI thread only.

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/annotation/AnnotationStore.h>

#include <QObject>
#include <QTimer>
#include <QUndoStack>

#include <filesystem>
#include <memory>

namespace lamina {

class AnnotationSession : public QObject {
    Q_OBJECT
public:
    // Loads the saved annotations of `slidePath`. When they cannot be read, starts empty,
    // keeps the unreadable file untouched and reports it through loadError().
    AnnotationSession(const std::filesystem::path& slidePath,
                      const std::filesystem::path& dataFolder, QObject* parent = nullptr);
    ~AnnotationSession() override; // saves pending changes

    const AnnotationDocument& document() const { return document_; }
    QUndoStack& undoStack() { return undoStack_; }
    const std::filesystem::path& storePath() const { return store_.path(); }
    const QString& loadError() const { return loadError_; }

    // Edits through undoable commands.
    void addAnnotation(Annotation annotation, size_t layer = 0);
    void removeAnnotation(const std::string& id);
    // Reads an annotation file (GeoJSON or ASAP XML) into one new layer named after it, in a
    // single undoable step. Returns how many annotations came in. Throws lamina::Error.
    size_t importFile(const std::filesystem::path& path);
    // Writes every annotation to `path` (format from its extension: .geojson/.json or .xml),
    // atomically. Returns what the format could not hold ("" = nothing lost). Throws Error.
    std::string exportFile(const std::filesystem::path& path) const;

    // Used by the undo commands only: change the document and announce it.
    AnnotationDocument& mutableDocument() { return document_; }
    void documentChanged();

    // Writes now if anything changed since the last save (also called by the timer).
    void saveNow();

    // The selected annotation ("" = none); removing it deselects.
    const std::string& selectedId() const { return selectedId_; }
    void select(const std::string& id);

signals:
    void changed();
    void selectionChanged();
    void saveConflict(const QString& savedTo);
    void saveFailed(const QString& message);

private:
    AnnotationDocument document_;
    AnnotationStore store_;
    QUndoStack undoStack_;
    QTimer autosave_;
    bool dirty_ = false;
    std::string selectedId_;
    QString loadError_;
};

} // namespace lamina
