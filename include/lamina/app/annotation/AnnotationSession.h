#pragma once
// The annotations of one open slide while it is being worked on: the document, its undo
// stack, and its store on disk. Every change goes through an undo command and is saved
// within 2 s (1 s debounce, atomic write), and once more when the slide is closed, so a
// crash or kill loses at most the last second or two. A file changed on disk meanwhile is
// never overwritten (see AnnotationStore): `saveConflict` says where the work went instead.
// Thread-safety: GUI thread only.

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/annotation/AnnotationStore.h>

#include <QObject>
#include <QTimer>
#include <QUndoStack>

#include <filesystem>
#include <memory>
#include <optional>
#include <unordered_set>

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

    // Edits through undoable commands. New annotations go to the active layer unless told.
    void addAnnotation(Annotation annotation, std::optional<size_t> layer = std::nullopt);
    void removeAnnotation(const std::string& id);
    // Removes those of `ids` that may be edited, in one undo step; returns how many.
    size_t removeAnnotations(const std::vector<std::string>& ids);
    // New shapes for some annotations (one undo step; commands with the same non-zero
    // `dragSerial` merge, so a whole drag undoes at once).
    void changeGeometry(std::vector<std::pair<std::string, AnnotationGeometry>> changes,
                        const QString& text, int dragSerial = 0);
    // Gives annotation `id` the first of `parts` and adds the others as copies of it (same
    // class, name, layer) with new ids; no parts removes it. One undo step. Used by the brush
    // and eraser, whose results can split or vanish.
    void replaceShape(const std::string& id, std::vector<AnnotationGeometry> parts,
                      const QString& text);
    // False when the annotation or its layer is locked (or it does not exist).
    bool isEditable(const std::string& id) const;

    // The layer new annotations and pastes go to (clamped to the existing layers).
    size_t activeLayer() const;
    void setActiveLayer(size_t layer);

    // Copy and paste as QuPath GeoJSON text, so annotations also paste into QuPath or a
    // text editor. Pasting gives the annotations new ids and puts them in the active layer at
    // the same level-0 coordinates, in one undo step; returns how many. Throws Error when the
    // text is not GeoJSON.
    std::string copyAsGeoJson(const std::vector<std::string>& ids) const;
    size_t pasteGeoJson(const std::string& text);

    // The spatial index of the current document, rebuilt on first use after a change.
    const AnnotationIndex& index() const;
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

    // The selection, in the order it was made; the last one is the current annotation
    // (selectedId, "" when none). Annotations that disappear are deselected.
    const std::vector<std::string>& selection() const { return selection_; }
    const std::string& selectedId() const;
    bool isSelected(const std::string& id) const { return selected_.contains(id); }
    void setSelection(std::vector<std::string> ids);
    void select(const std::string& id); // just this one ("" clears)
    void selectAllVisible();            // every annotation of the visible layers

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
    std::vector<std::string> selection_;
    std::unordered_set<std::string> selected_; // the same ids, for lookups while painting
    size_t activeLayer_ = 0;
    mutable std::optional<AnnotationIndex> index_;
    QString loadError_;
};

} // namespace lamina
