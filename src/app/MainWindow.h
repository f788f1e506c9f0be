#pragma once
// Lamina's main window, assembled: one tab per open slide (each with its own SlideView), a
// welcome page when none is open, the File, View and Help menus and the navigation toolbar
// (actions carry the keyboard shortcuts), the Overview, Slide info, Measurements, Analysis,
// Layers and Annotations docks, and a status bar with the cursor position (µm and level-0
// pixels), the level shown and the cache use. Opening slides and their annotation sessions
// belong to SlideDocuments; the Edit and Tools menus to AnnotationActions; View › Focal Plane
// / Optical Path to PyramidMenus. Window state, recent slides and preferences persist in
// QSettings. Thread-safety: GUI thread only.

#include <QMainWindow>

#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;

namespace lamina {

class AnnotationActions;
class AnnotationListPanel;
class LayersPanel;
class MeasurementsPanel;
class OverviewPanel;
class PluginRegistry;
class PluginsPanel;
class PyramidMenus;
class SlideDocuments;
class SlideInfoPanel;
class SlideView;
class ViewStatusBar;
class WelcomePage;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Workspace& workspace, QWidget* parent = nullptr);
    ~MainWindow() override;

    SlideDocuments& documents() { return *documents_; }
    AnnotationActions& annotationActions() { return *annotationActions_; }
    PyramidMenus& pyramidMenus() { return *pyramidMenus_; }

    SlideView* currentView() const;
    int slideCount() const;
    SlideInfoPanel* infoPanel() const { return info_; }
    OverviewPanel* overviewPanel() const { return overview_; }
    LayersPanel* layersPanel() const { return layers_; }
    AnnotationListPanel* annotationListPanel() const { return annotationList_; }
    MeasurementsPanel* measurementsPanel() const { return measurements_; }
    PluginsPanel* pluginsPanel() const { return analysis_; }
    const PluginRegistry& plugins() const { return *plugins_; }

public slots:
    void openDialog();
    void openDicomFolderDialog();
    void openFromArchive(); // File › Open from Archive…
    void closeTab(int index);

protected:
    void closeEvent(QCloseEvent*) override;
    bool event(QEvent* e) override;
    void dragEnterEvent(QDragEnterEvent*) override;
    void dropEvent(QDropEvent*) override;

private:
    void createActions();
    void createNavigationToolbar(QAction* open, QAction* fit, QAction* zoomOut, QAction* zoomIn,
                                 QAction* rotate);
    void createDocks();
    void updateRecentMenu();
    // The tab bars of tabified docks elide their titles ("Anal…" at ×2 scaling, longer French
    // titles): show them whole, scrolling when they do not fit.
    void keepDockTabTitlesWhole();
    void currentTabChanged();
    void addSlideTab(SlideView* view, const QString& location);
    void updateStatus(std::optional<QPointF> cursor);
    void updateMagnificationBox();
    void goToMagnification();
    // Keys 1-6, M and the magnification box on a slide without any scale: says why nothing
    // happens and offers View › Pixel Size….
    void explainUnknownMagnification();

public:
    // View › Pixel Size…: the µm per pixel the user enters for the current slide (remembered
    // for that slide; 0 removes it). Public for tests.
    void enterPixelSize();
    // Shows `view`'s slide with this user-entered pixel size (nullopt: the file's own).
    void setPixelSize(SlideView* view, std::optional<double> micronsPerPixel);

private:
    void showPreferences();

    Workspace& workspace_;
    std::unique_ptr<PluginRegistry> plugins_; // found once at start; the Analysis dock runs them
    SlideDocuments* documents_;
    AnnotationActions* annotationActions_ = nullptr;
    PyramidMenus* pyramidMenus_ = nullptr;
    QStackedWidget* stack_;
    WelcomePage* welcome_;
    QTabWidget* tabs_;
    OverviewPanel* overview_;
    SlideInfoPanel* info_;
    LayersPanel* layers_;
    AnnotationListPanel* annotationList_;
    MeasurementsPanel* measurements_;
    PluginsPanel* analysis_;
    QMenu* recentMenu_ = nullptr;
    QComboBox* magnificationBox_ = nullptr;
    ViewStatusBar* statusBar_;
    QList<QAction*> viewActions_; // enabled only when a slide is open
    std::optional<QPointF> lastCursor_;
};

} // namespace lamina
