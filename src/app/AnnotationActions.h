#pragma once
// The window's annotation actions (Tiled's MapDocumentActionHandler): Edit › Undo, Redo, Cut,
// Copy, Paste, Delete, Select All, Copy Snapshot, Annotation Classes…; File › Import / Export
// Annotations, Export › Snapshot / Large Region / Report / Slide as DICOM and Send to
// Archive; the Tools menu and the annotation
// toolbar (drawing tools from ToolRegistry, the class box for new annotations). Every action
// acts on the current view, given by the window; enabled state follows it (setCurrentView).
// Outcomes go to the window's status bar.
// Thread-safety: GUI thread only.

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QDialog;
class QMainWindow;
class QMenu;

namespace lamina {

class AnnotationTool;
class SlideDocuments;
class SlideView;

class AnnotationActions : public QObject {
    Q_OBJECT
public:
    enum class ExportKind { Snapshot, LargeRegion, Report, SlideAsDicom, SendToArchive };

    // Adds the Edit menu (after the first menu) and the Tools menu (before the last) to
    // `window`'s menu bar, the annotation toolbar, and the annotation items to `fileMenu`
    // before `fileInsertBefore`.
    AnnotationActions(QMainWindow& window, SlideDocuments& documents, QMenu& fileMenu,
                      QAction* fileInsertBefore);
    ~AnnotationActions() override;

    // The view the actions act on (nullptr: none; actions disabled).
    void setCurrentView(SlideView* view);
    // The drawing tool chosen (nullptr = navigate), which every new view gets too.
    AnnotationTool* activeTool() const { return activeTool_; }
    // The toolbar's "class for new annotations" choice.
    QComboBox* currentClassBox() const { return classBox_; }
    // Rebuilds the class box from the current slide's classes (when they may have changed).
    void refreshClassBox();

    // File › Import / Export Annotations without their dialogs: the current slide's
    // annotations from / to a GeoJSON or ASAP XML file (import: one undoable new layer).
    // The outcome goes to the status bar; false on failure (SlideDocuments::lastError says why).
    bool importAnnotations(const QString& path);
    bool exportAnnotations(const QString& path);
    // Export Annotations' proposed file: "<slide>-annotations.geojson" in the default output
    // folder (defaultOutputFolder); empty without a slide.
    QString defaultAnnotationExportPath() const;
    // Edit › Copy / Paste of the current slide's selected annotations as GeoJSON text.
    bool copyAnnotations();
    bool pasteAnnotations();
    // Edit › Copy Snapshot (Ctrl+Shift+C): the view's area, north-up, at the view's scale,
    // with annotations and a scale bar, to the clipboard as an image.
    bool copySnapshot();
    // File › Export: the snapshot, large region, report and DICOM dialogs, and File › Send to
    // Archive, for the current view (null without a slide). create… is for tests; show… runs
    // the dialog (Send to Archive's "Open Archive Copy" opens the series).
    std::unique_ptr<QDialog> createExportDialog(ExportKind kind);
    void showExportDialog(ExportKind kind);
    // Edit › Annotation Classes…
    void editClasses();

private:
    void createFileActions(QMenu& file, QAction* before);
    void createEditMenu();
    void createTools();
    void showMessage(const QString& text, int timeoutMs = 0);

    QMainWindow& window_;
    SlideDocuments& documents_;
    SlideView* view_ = nullptr;
    QList<QAction*> needSlide_; // enabled only when a slide is shown
    QComboBox* classBox_ = nullptr;
    // Drawing tools (ToolRegistry), shared by every view; null = navigate.
    std::vector<std::unique_ptr<AnnotationTool>> tools_;
    AnnotationTool* activeTool_ = nullptr;
};

} // namespace lamina
