#pragma once
// The annotations of one open slide while it is being worked on: the document, its undo
// stack, and its store on disk. Every change goes through an undo command and is saved
// within 2 s (1 s debounce, atomic write), and once more when the slide is closed, so a
// crash or kill loses at most the last second or two. A file changed on disk meanwhile is
// never overwritten (see AnnotationStore): `saveConflict` says where the work went instead.
// Saving serializes and writes a snapshot of the document on a worker thread: 100 000
// shapes take about a second to write, which must not freeze the view at every autosave.
// Thread-safety: GUI thread only (the save worker touches only its snapshot and the store,
// which nothing else uses while a save is running).

#include "annotation/AnnotationCommands.h"

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/annotation/AnnotationIndex.h>
#include <lamina/annotation/AnnotationStore.h>

#include <QObject>
#include <QTimer>
#include <QUndoStack>

#include <filesystem>
#include <future>
#include <memory>
#include <optional>
#include <type_traits>
#include <unordered_set>

namespace lamina {

class OverlayStack;

class AnnotationSession : public QObject {
    Q_OBJECT
public:
    // Loads the saved annotations of `slidePath`. When they cannot be read, starts empty,
    // keeps the unreadable file untouched and reports it through loadError(). A slide with
    // nothing saved yet starts with `newDocumentClasses` (the user's default classes; empty =
    // the built-in ones).
    AnnotationSession(const std::filesystem::path& slidePath,
                      const std::filesystem::path& dataFolder,
                      std::vector<AnnotationClass> newDocumentClasses = {},
                      QObject* parent = nullptr);
    ~AnnotationSession() override; // saves pending changes

    const AnnotationDocument& document() const { return document_; }
    QUndoStack& undoStack() { return undoStack_; }
    // Where the annotations are saved (changes to a conflict copy after a conflict).
    const std::filesystem::path& storePath() const { return storePath_; }
    const QString& loadError() const { return loadError_; }
    // The analysis overlays of this slide (plugin results), saved beside the annotations.
    OverlayStack& overlays() { return *overlays_; }
    const OverlayStack& overlays() const { return *overlays_; }

    // Edits through undoable commands. New annotations go to the active layer unless told.
    void addAnnotation(Annotation annotation, std::optional<size_t> layer = std::nullopt);
    void removeAnnotation(const std::string& id);
    // What a drawing tool finished: a new annotation of the current class in the active
    // layer, selected so the next edit applies to it. Returns its id.
    std::string addDrawn(AnnotationGeometry geometry);
    // The class drawn annotations get ("" = unclassified).
    const std::string& currentClass() const { return currentClass_; }
    void setCurrentClass(const std::string& name);
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
    // One property of several annotations (name, class, colour, note, lock), or of a layer
    // (name, visibility, lock, opacity), as one undo step; see ChangeAnnotationValue.
    // Locked annotations and layers are skipped; unlocking is the one change a locked
    // annotation accepts (its layer must be unlocked).
    template <typename T>
    void setAnnotationValue(std::vector<std::string> ids, T Annotation::*member, T value,
                            const QString& text) {
        bool unlocking = false;
        if constexpr (std::is_same_v<T, bool>)
            unlocking = member == &Annotation::locked;
        ids = changeable(std::move(ids), unlocking);
        if (ids.empty())
            return;
        undoStack_.push(
            new ChangeAnnotationValue<T>(*this, std::move(ids), member, std::move(value), text));
    }
    template <typename T>
    void setLayerValue(const std::string& layerId, T AnnotationLayer::*member, T value,
                       const QString& text) {
        undoStack_.push(new ChangeLayerValue<T>(*this, layerId, member, std::move(value), text));
    }
    // Layers and classes, each one undo step. A new layer goes on top and becomes active.
    void addLayer(const std::string& name);
    void removeLayer(size_t layer);
    void moveLayer(size_t from, size_t to);
    void replaceClasses(std::vector<AnnotationClass> classes,
                        std::vector<std::pair<std::string, std::string>> renamed);
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
    // Reads an annotation file (GeoJSON, ASAP or ImageScope XML) into a new layer named after
    // it (one per layer of the file when it has several, keeping their visibility), in one
    // undoable step. Returns how many annotations came in. Throws lamina::Error.
    size_t importFile(const std::filesystem::path& path);
    // The same for annotations already in memory (a plugin's detections); layers are named
    // after `name`.
    size_t importDocument(const AnnotationDocument& imported, const std::string& name);
    // Writes every annotation to `path` (format from its extension: .geojson/.json or .xml),
    // atomically. Returns what the format could not hold ("" = nothing lost). Throws Error.
    std::string exportFile(const std::filesystem::path& path) const;

    // Used by the undo commands only: change the document and announce it. shapesChanged
    // says only these annotations' shapes changed (nothing added, removed or reordered), so
    // the spatial index is updated in place instead of rebuilt.
    AnnotationDocument& mutableDocument() { return document_; }
    void documentChanged();
    void shapesChanged(const std::vector<AnnotationDocument::Location>& changed);

    // Starts saving now if anything changed since the last save (also called by the timer);
    // returns at once. A save already running is followed by another when it ends.
    void saveNow();
    // Saves whatever is unsaved and waits until it is on disk (closing, tests).
    void saveAndWait();

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
    void currentClassChanged();

private:
    // Those of `ids` that may change (one pass over the document, however many ids).
    std::vector<std::string> changeable(std::vector<std::string> ids, bool ignoringOwnLock) const;

    AnnotationDocument document_;
    AnnotationStore store_;
    QUndoStack undoStack_;
    QTimer autosave_;
    bool dirty_ = false;
    std::filesystem::path storePath_;
    std::future<void> saving_; // the running save, if any
    bool saveAgain_ = false;   // changes arrived while saving

    struct SaveOutcome {
        bool ok = false, conflict = false;
        std::filesystem::path writtenTo;
        QString error;
    };
    SaveOutcome write(const AnnotationDocument& snapshot); // any thread, one at a time
    void report(const SaveOutcome& outcome);               // GUI thread: signals, dirty flag
    // Back on the GUI thread when a background save ended.
    void saveFinished(const SaveOutcome& outcome);
    bool saveRunning() const;
    void afterChange(); // deselect what is gone, schedule the save, announce
    std::vector<std::string> selection_;
    std::unordered_set<std::string> selected_; // the same ids, for lookups while painting
    size_t activeLayer_ = 0;
    std::string currentClass_;
    mutable std::optional<AnnotationIndex> index_; // built on first use after a change
    QString loadError_;
    std::unique_ptr<OverlayStack> overlays_;
};

} // namespace lamina
