#pragma once
// Lamina's main window: one tab per open slide (each with its own SlideView), a welcome page
// when none is open, menus and toolbar whose actions carry the keyboard shortcuts, the
// Overview, Slide info, Layers, Annotations and Measurements docks, and a status bar with the
// cursor position (µm and level-0 pixels), the level shown and the cache use. Each slide's
// annotations are loaded with it and autosaved (AnnotationSession); the Tools menu and toolbar pick
// the drawing tool, and Edit › Undo/Redo act on the current slide's annotations. Window state,
// recent slides and preferences persist in QSettings. Thread-safety: GUI thread only.

#include <lamina/core/Error.h>

#include <QMainWindow>
#include <QUndoGroup>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QAction;
class QComboBox;
class QDialog;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;

namespace lamina {

class AnnotationSession;
class AnnotationTool;

class AnnotationListPanel;
class LayersPanel;
class MeasurementsPanel;
class OverviewPanel;
class SlideInfoPanel;
class SlideSource;
class SlideView;
class PluginRegistry;
class PluginsPanel;
class WelcomePage;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Workspace& workspace, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a slide (a file, a folder of DICOM files, or a DICOMweb series address) in a new
    // tab, waiting for it. On failure shows the reason in a dialog (unless `quietErrors`) and
    // returns nullptr; the window stays usable.
    SlideView* openSlide(const QString& path, bool quietErrors = false);
    // The same for interactive use: an archive address opens on a worker thread behind a
    // cancellable progress dialog (the window stays live), with the sign-in details from the
    // system keychain when the user chose to remember that archive's; files open at once.
    void openSlideInBackground(const QString& path);
    SlideView* currentView() const;
    int slideCount() const;
    SlideInfoPanel* infoPanel() const { return info_; }
    OverviewPanel* overviewPanel() const { return overview_; }
    LayersPanel* layersPanel() const { return layers_; }
    AnnotationListPanel* annotationListPanel() const { return annotationList_; }
    MeasurementsPanel* measurementsPanel() const { return measurements_; }
    PluginsPanel* pluginsPanel() const { return analysis_; }
    const PluginRegistry& plugins() const { return *plugins_; }
    // The annotation toolbar's "class for new annotations" choice.
    QComboBox* currentClassBox() const { return classBox_; }

    // The message of the last open, import or export failure (for tests and --screenshot).
    QString lastError() const { return lastError_; }

    // File › Import / Export Annotations without their dialogs: the current slide's
    // annotations from / to a GeoJSON or ASAP XML file (import: one undoable new layer).
    // The outcome goes to the status bar; false on failure (lastError() says why).
    bool importAnnotations(const QString& path);
    bool exportAnnotations(const QString& path);
    // Edit › Copy / Paste of the current slide's selected annotations as GeoJSON text.
    bool copyAnnotations();
    bool pasteAnnotations();
    // Edit › Copy Snapshot (Ctrl+Shift+C): the view's area, north-up, at the view's scale,
    // with annotations and a scale bar, to the clipboard as an image.
    bool copySnapshot();
    // File › Export: the snapshot, large region and report dialogs for the current view
    // (null without a slide). create… is for tests; show… runs the dialog.
    enum class ExportKind { Snapshot, LargeRegion, Report };
    std::unique_ptr<QDialog> createExportDialog(ExportKind kind);
    void showExportDialog(ExportKind kind);
    // Edit › Annotation Classes…
    void editClasses();
    // View › Focal Plane / Optical Path: shows pyramid `index` of the current slide
    // (SlideSource::pyramids) in place; false when there is no such pyramid.
    bool showPyramid(size_t index);
    // Page Up / Page Down: the next focal plane up (+1) or down (-1) of the optical path shown.
    bool stepFocalPlane(int direction);

public slots:
    void openDialog();
    void openDemoSlide();
    void openFromArchive(); // File › Open from Archive…
    void closeTab(int index);

protected:
    void closeEvent(QCloseEvent*) override;
    void dragEnterEvent(QDragEnterEvent*) override;
    void dropEvent(QDropEvent*) override;

private:
    void createActions();
    void createDocks();
    void updateRecentMenu();
    void currentTabChanged();
    void updatePyramidMenus();
    void updateStatus(std::optional<QPointF> cursor);
    void updateMagnificationBox();
    void goToMagnification();
    void showPreferences();
    void createAnnotationActions();
    void attachAnnotations(SlideView* view, const QString& slidePath);
    SlideView* showSlide(const QString& path, std::shared_ptr<const SlideSource> slide);
    void reportOpenFailure(const QString& path, const Error& e, bool quietErrors);
    // Opens a DICOMweb series address on a worker thread behind a cancellable progress
    // dialog (the credentials are whatever DicomWebSettings holds).
    void openArchiveSlide(const QString& path);
    void refreshClassBox();

    Workspace& workspace_;
    QStackedWidget* stack_;
    WelcomePage* welcome_;
    QTabWidget* tabs_;
    OverviewPanel* overview_;
    SlideInfoPanel* info_;
    LayersPanel* layers_;
    AnnotationListPanel* annotationList_;
    MeasurementsPanel* measurements_;
    // Overlay plugins, found once at start; the Analysis dock runs them.
    std::unique_ptr<PluginRegistry> plugins_;
    PluginsPanel* analysis_;
    QComboBox* classBox_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QComboBox* magnificationBox_ = nullptr;
    QLabel* positionLabel_;
    QLabel* levelLabel_;
    QLabel* cacheLabel_;
    QList<QAction*> viewActions_; // enabled only when a slide is open
    // View › Focal Plane / Optical Path: the current slide's pyramids (DICOM z-stacks and
    // channels); disabled when it has only one.
    QMenu* focalPlaneMenu_ = nullptr;
    QMenu* opticalPathMenu_ = nullptr;
    // Drawing tools (ToolRegistry), shared by every view; null = navigate.
    std::vector<std::unique_ptr<AnnotationTool>> tools_;
    AnnotationTool* activeTool_ = nullptr;
    QUndoGroup undoGroup_; // the current slide's annotation undo stack is the active one
    // One annotation session per slide file, shared by the tabs showing it (absolute path).
    std::map<QString, std::weak_ptr<AnnotationSession>> sessions_;
    QString lastError_;
    std::optional<QPointF> lastCursor_;
};

} // namespace lamina
