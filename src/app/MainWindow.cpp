#include <lamina/app/AppSettings.h>
#include <lamina/app/ArchiveKeychain.h>
#include <lamina/app/DemoSlide.h>
#include <lamina/app/MainWindow.h>
#include <lamina/app/SlideLocation.h>
#include <lamina/app/SlideView.h>
#include <lamina/app/WelcomePage.h>
#include <lamina/app/Workspace.h>
#include <lamina/app/annotation/AnnotationSession.h>
#include <lamina/app/dialogs/ClassEditorDialog.h>
#include <lamina/app/dialogs/OpenFromArchiveDialog.h>
#include <lamina/app/dialogs/PreferencesDialog.h>
#include <lamina/app/dialogs/RegionExportDialog.h>
#include <lamina/app/dialogs/ReportDialog.h>
#include <lamina/app/dialogs/SnapshotDialog.h>
#include <lamina/app/overlay/OverlayStack.h>
#include <lamina/app/panels/AnnotationListPanel.h>
#include <lamina/app/panels/LayersPanel.h>
#include <lamina/app/panels/MeasurementsPanel.h>
#include <lamina/app/panels/OverviewPanel.h>
#include <lamina/app/panels/PluginsPanel.h>
#include <lamina/app/panels/SlideInfoPanel.h>
#include <lamina/app/tools/ToolRegistry.h>
#include <lamina/core/Error.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/render/ViewScale.h>
#include <lamina/render/export/SnapshotRenderer.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressDialog>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUrl>

#include <cmath>
#include <thread>

// Icons are compiled into lamina_app (a static library): register them explicitly. The macro
// must be used outside any namespace.
static void initLaminaResources() {
    Q_INIT_RESOURCE(lamina);
}

namespace lamina {
namespace {

constexpr double kPresets[] = {1.25, 2.5, 5, 10, 20, 40};

// Lamina's own icons (resources/icons), so the look does not depend on the desktop theme.
QIcon icon(const char* name) {
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(QLatin1String(name)));
}

QString formatBytes(uint64_t bytes) {
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 0) + QStringLiteral(" MiB");
}

} // namespace

MainWindow::MainWindow(Workspace& workspace, QWidget* parent)
    : QMainWindow(parent), workspace_(workspace) {
    initLaminaResources();
    setWindowTitle(QStringLiteral("Lamina"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/lamina.svg")));
    setAcceptDrops(true);
    stack_ = new QStackedWidget(this);
    welcome_ = new WelcomePage(stack_);
    tabs_ = new QTabWidget(stack_);
    tabs_->setDocumentMode(true);
    tabs_->setTabsClosable(true);
    tabs_->setMovable(true);
    stack_->addWidget(welcome_);
    stack_->addWidget(tabs_);
    setCentralWidget(stack_);
    connect(welcome_, &WelcomePage::openRequested, this,
            [this](const QString& p) { openSlideInBackground(p); });
    connect(welcome_, &WelcomePage::openDialogRequested, this, &MainWindow::openDialog);
    connect(welcome_, &WelcomePage::demoRequested, this, &MainWindow::openDemoSlide);
    connect(tabs_, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::currentTabChanged);

    positionLabel_ = new QLabel(this);
    levelLabel_ = new QLabel(this);
    cacheLabel_ = new QLabel(this);
    statusBar()->addWidget(positionLabel_, 1);
    statusBar()->addPermanentWidget(levelLabel_);
    statusBar()->addPermanentWidget(cacheLabel_);
    connect(&workspace_, &Workspace::tilesArrived, this, [this] { updateStatus(lastCursor_); });

    plugins_ = std::make_unique<PluginRegistry>();
    plugins_->discover();
    createDocks();
    createActions();
    resize(1400, 900);
    restoreGeometry(AppSettings::windowGeometry());
    restoreState(AppSettings::windowState());
    currentTabChanged();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks() {
    overview_ = new OverviewPanel(this);
    auto* overviewDock = new QDockWidget(tr("Overview"), this);
    overviewDock->setObjectName(QStringLiteral("overviewDock"));
    overviewDock->setWidget(overview_);
    addDockWidget(Qt::RightDockWidgetArea, overviewDock);
    info_ = new SlideInfoPanel(this);
    auto* infoDock = new QDockWidget(tr("Slide info"), this);
    infoDock->setObjectName(QStringLiteral("infoDock"));
    infoDock->setWidget(info_);
    addDockWidget(Qt::RightDockWidgetArea, infoDock);
    measurements_ = new MeasurementsPanel(this);
    auto* measurementsDock = new QDockWidget(tr("Measurements"), this);
    measurementsDock->setObjectName(QStringLiteral("measurementsDock"));
    measurementsDock->setWidget(measurements_);
    addDockWidget(Qt::RightDockWidgetArea, measurementsDock);
    tabifyDockWidget(infoDock, measurementsDock);
    analysis_ = new PluginsPanel(*plugins_, this);
    auto* analysisDock = new QDockWidget(tr("Analysis"), this);
    analysisDock->setObjectName(QStringLiteral("analysisDock"));
    analysisDock->setWidget(analysis_);
    addDockWidget(Qt::RightDockWidgetArea, analysisDock);
    tabifyDockWidget(infoDock, analysisDock);
    connect(analysis_, &PluginsPanel::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    infoDock->raise();
    resizeDocks({overviewDock, infoDock}, {280, 520}, Qt::Vertical);
    resizeDocks({overviewDock}, {340}, Qt::Horizontal);

    layers_ = new LayersPanel(this);
    auto* layersDock = new QDockWidget(tr("Layers"), this);
    layersDock->setObjectName(QStringLiteral("layersDock"));
    layersDock->setWidget(layers_);
    addDockWidget(Qt::LeftDockWidgetArea, layersDock);
    annotationList_ = new AnnotationListPanel(this);
    auto* listDock = new QDockWidget(tr("Annotations"), this);
    listDock->setObjectName(QStringLiteral("annotationsDock"));
    listDock->setWidget(annotationList_);
    addDockWidget(Qt::LeftDockWidgetArea, listDock);
    resizeDocks({layersDock, listDock}, {440, 360}, Qt::Vertical); // layers and overlays
    resizeDocks({layersDock}, {330}, Qt::Horizontal);
    connect(annotationList_, &AnnotationListPanel::zoomToRequested, this, [this](QRectF rect) {
        if (SlideView* v = currentView())
            v->showSlideRect(rect);
    });
}

void MainWindow::createActions() {
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(icon("open"), tr("&Open…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    auto* archive = file->addAction(tr("Open from &Archive…"), this, &MainWindow::openFromArchive);
    archive->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addAction(tr("Open &Demo Slide"), this, &MainWindow::openDemoSlide);
    file->addSeparator();
    auto* close =
        file->addAction(tr("&Close Slide"), this, [this] { closeTab(tabs_->currentIndex()); });
    close->setShortcut(QKeySequence::Close);
    viewActions_ << close;
    file->addSeparator();
    viewActions_ << file->addAction(tr("&Import Annotations…"), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import annotations"), {},
                                         tr("Annotations (*.geojson *.json *.xml);;All files (*)"));
        if (!path.isEmpty())
            importAnnotations(path);
    });
    viewActions_ << file->addAction(tr("&Export Annotations…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export annotations"), {}, tr("QuPath GeoJSON (*.geojson);;ASAP XML (*.xml)"));
        if (!path.isEmpty())
            exportAnnotations(path);
    });
    auto* exports = file->addMenu(tr("E&xport"));
    viewActions_ << exports->addAction(tr("&Snapshot…"), this,
                                       [this] { showExportDialog(ExportKind::Snapshot); });
    viewActions_.last()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    viewActions_ << exports->addAction(tr("&Large Region…"), this,
                                       [this] { showExportDialog(ExportKind::LargeRegion); });
    viewActions_ << exports->addAction(tr("&Report…"), this,
                                       [this] { showExportDialog(ExportKind::Report); });
    file->addSeparator();
    file->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    updateRecentMenu();

    auto* view = menuBar()->addMenu(tr("&View"));
    auto addViewAction = [&](const QString& text, const QList<QKeySequence>& keys, auto slot) {
        QAction* a = view->addAction(text, this, [this, slot] {
            if (SlideView* v = currentView())
                slot(v);
        });
        a->setShortcuts(keys);
        if (!keys.isEmpty())
            a->setToolTip(text + QStringLiteral(" (") +
                          keys.first().toString(QKeySequence::NativeText) + QStringLiteral(")"));
        viewActions_ << a;
        return a;
    };
    auto* zoomIn = addViewAction(
        tr("Zoom &In"),
        {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal), QKeySequence::ZoomIn},
        [](SlideView* v) { v->zoomBy(1.5); });
    auto* zoomOut =
        addViewAction(tr("Zoom &Out"), {QKeySequence(Qt::Key_Minus), QKeySequence::ZoomOut},
                      [](SlideView* v) { v->zoomBy(1 / 1.5); });
    auto* fit = addViewAction(tr("&Fit to Window"), {QKeySequence(Qt::Key_0)},
                              [](SlideView* v) { v->fitToWindow(); });
    zoomIn->setIcon(icon("zoom-in"));
    zoomOut->setIcon(icon("zoom-out"));
    fit->setIcon(icon("fit"));
    view->addSeparator();
    for (int i = 0; i < 6; ++i) {
        const double m = kPresets[i];
        addViewAction(tr("Magnification %1").arg(QString::fromStdString(formatMagnification(m))),
                      {QKeySequence(Qt::Key_1 + i)}, [m](SlideView* v) { v->setMagnification(m); });
    }
    addViewAction(tr("Go to &Magnification…"), {QKeySequence(Qt::Key_M)},
                  [this](SlideView*) { goToMagnification(); });
    view->addSeparator();
    auto* rotate = addViewAction(tr("&Rotate 90° Clockwise"), {QKeySequence(Qt::Key_R)},
                                 [](SlideView* v) { v->rotateBy(90); });
    addViewAction(tr("Rotate 90° &Anticlockwise"), {QKeySequence(Qt::SHIFT | Qt::Key_R)},
                  [](SlideView* v) { v->rotateBy(-90); });
    addViewAction(tr("Rotate &By…"), {}, [this](SlideView* v) {
        bool ok = false;
        const double angle =
            QInputDialog::getDouble(this, tr("Rotate"), tr("Rotation (degrees, clockwise):"),
                                    v->camera().rotation, -360, 360, 1, &ok);
        if (ok)
            v->setRotation(angle);
    });
    addViewAction(tr("Reset Ro&tation"), {}, [](SlideView* v) { v->setRotation(0); });
    view->addSeparator();
    // A slide holding several pyramids (DICOM z-stacks, optical paths): which one is shown.
    focalPlaneMenu_ = view->addMenu(tr("Focal &Plane"));
    opticalPathMenu_ = view->addMenu(tr("&Optical Path"));
    addViewAction(tr("Focus &Up"), {QKeySequence(Qt::Key_PageUp)},
                  [this](SlideView*) { stepFocalPlane(+1); });
    addViewAction(tr("Focus &Down"), {QKeySequence(Qt::Key_PageDown)},
                  [this](SlideView*) { stepFocalPlane(-1); });
    view->addSeparator();
    addViewAction(tr("Retry &Failed Tiles"), {QKeySequence(Qt::Key_F5)},
                  [](SlideView* v) { v->retryFailedTiles(); });
    view->addSeparator();
    for (auto* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Navigation…"), this, [this] {
        QMessageBox::information(
            this, tr("Navigation"),
            tr("Drag to pan (flick to glide), wheel or pinch to zoom under the cursor, "
               "double-click to zoom in, arrow keys to pan, + and - to zoom, 1-6 for 1.25× to "
               "40×, 0 to fit, M to type a magnification, R / Shift+R to rotate by 90°, "
               "right-drag to rotate freely."));
    });
    help->addAction(tr("&About Lamina"), this, [this] {
        QMessageBox::about(this, tr("About Lamina"),
                           tr("<b>Lamina %1</b><p>Whole-slide image viewer for pathology.</p>"
                              "<p>Apache License 2.0</p>")
                               .arg(QApplication::applicationVersion()));
    });

    auto* toolbar = addToolBar(tr("Navigation"));
    toolbar->setObjectName(QStringLiteral("navigationToolbar"));
    toolbar->addAction(open);
    toolbar->addSeparator();
    toolbar->addAction(fit);
    toolbar->addAction(zoomOut);
    toolbar->addAction(zoomIn);
    magnificationBox_ = new QComboBox(toolbar);
    magnificationBox_->setEditable(true);
    magnificationBox_->setInsertPolicy(QComboBox::NoInsert);
    magnificationBox_->setToolTip(tr("Magnification: pick or type (e.g. 15)"));
    magnificationBox_->setMinimumContentsLength(7);
    for (double m : kPresets)
        magnificationBox_->addItem(QString::fromStdString(formatMagnification(m)), m);
    connect(magnificationBox_, &QComboBox::activated, this, [this](int index) {
        if (SlideView* v = currentView())
            v->setMagnification(magnificationBox_->itemData(index).toDouble());
    });
    connect(magnificationBox_->lineEdit(), &QLineEdit::returnPressed, this, [this] {
        QString text = magnificationBox_->currentText();
        text.remove(QChar(u'×'))
            .remove(QLatin1Char('x'))
            .replace(QLatin1Char(','), QLatin1Char('.'));
        bool ok = false;
        const double m = text.trimmed().toDouble(&ok);
        if (SlideView* v = currentView(); v && ok && m > 0)
            v->setMagnification(m);
        updateMagnificationBox();
    });
    toolbar->addWidget(magnificationBox_);
    rotate->setIcon(icon("rotate"));
    toolbar->addAction(rotate);
    createAnnotationActions();
}

void MainWindow::createAnnotationActions() {
    auto* edit = new QMenu(tr("&Edit"), this);
    menuBar()->insertMenu(menuBar()->actions().at(1), edit); // after File
    QAction* undo = undoGroup_.createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = undoGroup_.createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    const auto addEditAction = [&](const QString& text, const QKeySequence& key, auto handler) {
        QAction* a = edit->addAction(text);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, handler);
        return a;
    };
    addEditAction(tr("Cu&t"), QKeySequence::Cut, [this] {
        if (copyAnnotations())
            if (SlideView* v = currentView())
                v->deleteSelection();
    });
    addEditAction(tr("&Copy"), QKeySequence::Copy, [this] { copyAnnotations(); });
    addEditAction(tr("&Paste"), QKeySequence::Paste, [this] { pasteAnnotations(); });
    addEditAction(tr("&Delete"), QKeySequence::Delete, [this] {
        if (SlideView* v = currentView())
            v->deleteSelection();
    });
    addEditAction(tr("Select &All"), QKeySequence::SelectAll, [this] {
        if (SlideView* v = currentView(); v && v->annotationSession())
            v->annotationSession()->selectAllVisible();
    });
    edit->addSeparator();
    addEditAction(tr("Copy &Snapshot"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] {
        copySnapshot();
    })->setToolTip(tr("Copy the view, with its annotations and a scale bar, as an image"));
    addEditAction(tr("Annotation C&lasses…"), QKeySequence(), [this] { editClasses(); });

    auto* toolsMenu = new QMenu(tr("&Tools"), this);
    menuBar()->insertMenu(menuBar()->actions().last(), toolsMenu); // before Help
    auto* toolbar = addToolBar(tr("Annotation tools"));
    toolbar->setObjectName(QStringLiteral("annotationToolbar"));
    auto* group = new QActionGroup(this);
    group->setExclusive(true);
    const auto addTool = [&](const QString& name, const QString& tip, const QKeySequence& key,
                             AnnotationTool* tool) {
        QAction* a = toolsMenu->addAction(name);
        a->setCheckable(true);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        a->setActionGroup(group);
        toolbar->addAction(a);
        connect(a, &QAction::triggered, this, [this, tool] {
            activeTool_ = tool;
            if (SlideView* v = currentView())
                v->setTool(tool);
        });
        return a;
    };
    tools_ = ToolRegistry::createAll();
    addTool(tr("Navigate"), tr("Drag to pan"), QKeySequence(Qt::Key_H), nullptr)->setChecked(true);
    for (const auto& tool : tools_)
        addTool(tool->name(), tool->toolTip(), tool->shortcut(), tool.get());

    // The class new annotations get, per slide (each session keeps its own).
    toolbar->addSeparator();
    classBox_ = new QComboBox(toolbar);
    classBox_->setToolTip(tr("Class given to new annotations"));
    classBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    toolbar->addWidget(classBox_);
    connect(classBox_, &QComboBox::activated, this, [this] {
        if (SlideView* v = currentView(); v && v->annotationSession())
            v->annotationSession()->setCurrentClass(
                classBox_->currentData().toString().toStdString());
    });
}

void MainWindow::refreshClassBox() {
    SlideView* view = currentView();
    AnnotationSession* session = view ? view->annotationSession() : nullptr;
    QStringList names{QString()};
    if (session)
        for (const AnnotationClass& c : session->document().classes)
            names << QString::fromStdString(c.name);
    QStringList shown;
    for (int i = 0; i < classBox_->count(); ++i)
        shown << classBox_->itemData(i).toString();
    const QString current = session ? QString::fromStdString(session->currentClass()) : QString();
    if (names == shown && classBox_->currentData().toString() == current && session) {
        return; // an ordinary edit: nothing to rebuild (colours change only with names here)
    }
    const QSignalBlocker block(classBox_);
    classBox_->clear();
    classBox_->addItem(tr("Unclassified"), QString());
    if (session)
        for (const AnnotationClass& c : session->document().classes) {
            QPixmap swatch(12, 12);
            swatch.fill(QColor::fromRgb(QRgb(c.rgb)));
            classBox_->addItem(QIcon(swatch), QString::fromStdString(c.name),
                               QString::fromStdString(c.name));
        }
    classBox_->setCurrentIndex(std::max(
        0, session ? classBox_->findData(QString::fromStdString(session->currentClass())) : 0));
    classBox_->setEnabled(session != nullptr);
}

void MainWindow::editClasses() {
    SlideView* view = currentView();
    AnnotationSession* session = view ? view->annotationSession() : nullptr;
    if (!session)
        return;
    ClassEditorDialog dialog(session->document().classes, this);
    if (dialog.exec() == QDialog::Accepted && dialog.classes() != session->document().classes)
        session->replaceClasses(dialog.classes(), dialog.renamed());
}

bool MainWindow::copySnapshot() {
    SlideView* view = currentView();
    if (!view)
        return false;
    // The view's area of the slide at the view's scale (device pixels), unrotated: a report
    // image is north-up. Label and macro images are never part of it.
    const Camera& camera = view->camera();
    const Size dims = view->slide().dimensions();
    const QRectF visible = camera.visibleSlideRect(view->viewportDevicePixels())
                               .intersected(QRectF(0, 0, double(dims.width), double(dims.height)));
    SnapshotOptions options;
    options.region = visible;
    options.downsample = camera.downsample;
    options.allowUpscale = true; // what the view shows, also when zoomed past the scan
    options.annotations =
        view->annotationSession() ? &view->annotationSession()->document() : nullptr;
    options.caption = false;
    if (view->annotationSession())
        options.overlays = view->annotationSession()->overlays().snapshotPainter();
    try {
        const Snapshot shot = renderSnapshot(view->slide(), options);
        QGuiApplication::clipboard()->setImage(shot.image);
        statusBar()->showMessage(
            tr("Snapshot copied: %1 × %2 pixels%3")
                .arg(shot.image.width())
                .arg(shot.image.height())
                .arg(shot.micronsPerPixel
                         ? tr(", %1 µm per pixel").arg(*shot.micronsPerPixel, 0, 'f', 2)
                         : QString()),
            6000);
        return true;
    } catch (const Error& e) {
        lastError_ = QString::fromStdString(e.what());
        statusBar()->showMessage(tr("No snapshot: %1").arg(QString::fromStdString(e.cause())),
                                 8000);
        return false;
    }
}

std::unique_ptr<QDialog> MainWindow::createExportDialog(ExportKind kind) {
    SlideView* view = currentView();
    if (!view)
        return nullptr;
    ExportContext context = ExportContext::fromView(
        *view, QFileInfo(QString::fromStdString(view->slide().location())).fileName());
    switch (kind) {
    case ExportKind::Snapshot:
        return std::make_unique<SnapshotDialog>(std::move(context), this);
    case ExportKind::LargeRegion:
        return std::make_unique<RegionExportDialog>(std::move(context), this);
    case ExportKind::Report:
        return std::make_unique<ReportDialog>(std::move(context), this);
    }
    return nullptr;
}

void MainWindow::showExportDialog(ExportKind kind) {
    if (auto dialog = createExportDialog(kind))
        dialog->exec();
}

bool MainWindow::copyAnnotations() {
    SlideView* view = currentView();
    AnnotationSession* session = view ? view->annotationSession() : nullptr;
    if (!session || session->selection().empty())
        return false;
    // GeoJSON as text: pastes into another slide, into QuPath, or into a text editor.
    const QString text = QString::fromStdString(session->copyAsGeoJson(session->selection()));
    auto mime = std::make_unique<QMimeData>();
    mime->setText(text);
    mime->setData(QStringLiteral("application/geo+json"), text.toUtf8());
    QGuiApplication::clipboard()->setMimeData(mime.release()); // the clipboard owns it
    statusBar()->showMessage(
        tr("Copied %n annotation(s)", nullptr, int(session->selection().size())), 4000);
    return true;
}

bool MainWindow::pasteAnnotations() {
    SlideView* view = currentView();
    AnnotationSession* session = view ? view->annotationSession() : nullptr;
    if (!session)
        return false;
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    QByteArray text;
    if (mime && mime->hasFormat(QStringLiteral("application/geo+json")))
        text = mime->data(QStringLiteral("application/geo+json"));
    else if (mime && mime->hasText())
        text = mime->text().toUtf8();
    if (text.trimmed().isEmpty())
        return false;
    try {
        const size_t count = session->pasteGeoJson(text.toStdString());
        statusBar()->showMessage(tr("Pasted %n annotation(s)", nullptr, int(count)), 4000);
        return count > 0;
    } catch (const Error& e) {
        statusBar()->showMessage(
            tr("The clipboard holds no annotations: %1").arg(QString::fromStdString(e.what())),
            8000);
        return false;
    }
}

bool MainWindow::importAnnotations(const QString& path) {
    SlideView* view = currentView();
    if (!view || !view->annotationSession())
        return false;
    try {
        const size_t count = view->annotationSession()->importFile(path.toStdString());
        statusBar()->showMessage(
            tr("Imported %n annotation(s) from %1 as a new layer", nullptr, int(count))
                .arg(QFileInfo(path).fileName()));
        return true;
    } catch (const Error& e) {
        lastError_ = QString::fromStdString(e.what());
        statusBar()->showMessage(tr("Import failed: %1").arg(lastError_));
        return false;
    }
}

bool MainWindow::exportAnnotations(const QString& path) {
    SlideView* view = currentView();
    if (!view || !view->annotationSession())
        return false;
    try {
        const std::string lost = view->annotationSession()->exportFile(path.toStdString());
        statusBar()->showMessage(
            lost.empty() ? tr("Annotations exported to %1").arg(QFileInfo(path).fileName())
                         : tr("Annotations exported to %1 (not kept in this format: %2)")
                               .arg(QFileInfo(path).fileName(), QString::fromStdString(lost)));
        return true;
    } catch (const Error& e) {
        lastError_ = QString::fromStdString(e.what());
        statusBar()->showMessage(tr("Export failed: %1").arg(lastError_));
        return false;
    }
}

void MainWindow::attachAnnotations(SlideView* view, const QString& slidePath) {
    if (auto shared = sessions_[slidePath].lock()) { // the slide is open in another tab
        view->setAnnotationSession(std::move(shared));
        view->setTool(activeTool_);
        return;
    }
    const QString dataFolder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    auto session = std::make_shared<AnnotationSession>(
        slidePath.toStdString(), dataFolder.toStdString(), AppSettings::annotationClasses());
    sessions_[slidePath] = session;
    view->setAnnotationSession(session);
    view->setTool(activeTool_);
    undoGroup_.addStack(&session->undoStack());
    const auto warn = [this](const QString& title, const QString& text) {
        auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open(); // not modal: work goes on
    };
    if (!session->loadError().isEmpty())
        warn(tr("Annotations not loaded"),
             tr("The saved annotations of this slide could not be read. The file is kept "
                "as it is; new annotations will be saved beside it.\n\n%1")
                 .arg(session->loadError()));
    if (const QStringList& broken = session->overlays().loadErrors(); !broken.isEmpty())
        warn(tr("Analysis results not loaded"),
             tr("Some saved analysis results of this slide could not be read. Their files are "
                "left as they are.\n\n%1")
                 .arg(broken.join('\n')));
    connect(
        session.get(), &AnnotationSession::saveConflict, this, [warn, this](const QString& path) {
            warn(
                tr("Annotations saved to a copy"),
                tr("The annotation file changed on disk since Lamina loaded it (another program or "
                   "another Lamina?). It was not overwritten: your annotations are saved to\n%1")
                    .arg(path));
        });
    connect(session.get(), &AnnotationSession::saveFailed, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Annotations NOT saved: %1 (retrying)").arg(message));
    });
    // The class box lists the current slide's classes, which the class editor or an import
    // may change.
    const auto classesMayHaveChanged = [this, s = session.get()] {
        if (SlideView* v = currentView(); v && v->annotationSession() == s)
            refreshClassBox();
    };
    connect(session.get(), &AnnotationSession::changed, this, classesMayHaveChanged);
    connect(session.get(), &AnnotationSession::currentClassChanged, this, classesMayHaveChanged);
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = AppSettings::recentSlides();
    for (const QString& path : recent)
        recentMenu_
            ->addAction(slideDisplayName(path), this, [this, path] { openSlideInBackground(path); })
            ->setToolTip(path);
    recentMenu_->setEnabled(!recent.isEmpty());
    welcome_->refresh();
}

SlideView* MainWindow::openSlide(const QString& path, bool quietErrors) {
    if (path.isEmpty())
        return nullptr;
    std::shared_ptr<const SlideSource> slide;
    try {
        slide = FormatRegistry::standard().open(path.toStdString());
    } catch (const Error& e) {
        reportOpenFailure(path, e, quietErrors);
        return nullptr;
    }
    return showSlide(path, std::move(slide));
}

void MainWindow::openSlideInBackground(const QString& path) {
    if (!isArchiveAddress(path)) { // local files open in milliseconds
        openSlide(path);
        return;
    }
    // A remembered archive (Recent, the command line) without details in this session: its
    // sign-in details come from the system keychain first. Failing that, open without them:
    // the archive's refusal then says what is wrong.
    if (const auto url = DicomWebSeriesUrl::parse(path.toStdString());
        url && !DicomWebSettings::hasCredentials(url->serviceRoot) &&
        ArchiveKeychain::isRemembered(QString::fromStdString(url->serviceRoot))) {
        const std::string root = url->serviceRoot;
        ArchiveKeychain::load(
            QString::fromStdString(root), this,
            [this, path, root](auto credentials, const QString& error) {
                if (!error.isEmpty())
                    statusBar()->showMessage(
                        tr("Cannot read the sign-in details from %1").arg(error), 8000);
                // Set even when empty: the keychain is asked once a session.
                DicomWebSettings::setCredentials(root, credentials.value_or(DicomWebCredentials{}));
                openArchiveSlide(path);
            });
        return;
    }
    openArchiveSlide(path);
}

void MainWindow::openArchiveSlide(const QString& path) {
    // An archive may take seconds (metadata, retries): the window stays live, the user may
    // cancel (the answer is then dropped).
    auto* progress = new QProgressDialog(
        tr("Opening %1 from the archive…").arg(slideDisplayName(path)), tr("Cancel"), 0, 0, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose, false);
    QPointer<MainWindow> self(this);
    QPointer<QProgressDialog> dialog(progress);
    std::thread([self, dialog, path] {
        std::shared_ptr<const SlideSource> slide;
        std::optional<Error> failure;
        try {
            slide = FormatRegistry::standard().open(path.toStdString());
        } catch (const Error& e) {
            failure = e;
        }
        QMetaObject::invokeMethod(qApp, [self, dialog, path, slide, failure] {
            const bool cancelled = !dialog || dialog->wasCanceled();
            if (dialog)
                dialog->deleteLater();
            if (!self || cancelled)
                return;
            if (failure)
                self->reportOpenFailure(path, *failure, false);
            else
                self->showSlide(path, slide);
        });
    }).detach();
}

void MainWindow::reportOpenFailure(const QString& path, const Error& e, bool quietErrors) {
    lastError_ = QString::fromStdString(e.what());
    if (e.kind() == ErrorKind::NotFound)
        AppSettings::removeRecentSlide(path);
    updateRecentMenu();
    if (!quietErrors)
        QMessageBox::warning(this, tr("Cannot open slide"),
                             tr("<b>%1</b><p>%2</p>")
                                 .arg(slideDisplayName(path).toHtmlEscaped(),
                                      QString::fromStdString(e.cause()).toHtmlEscaped()));
}

SlideView* MainWindow::showSlide(const QString& path, std::shared_ptr<const SlideSource> slide) {
    // Files are remembered by absolute path; archive addresses as they are.
    const QString location = isArchiveAddress(path) ? path : QFileInfo(path).absoluteFilePath();
    auto* view = new SlideView(std::move(slide), workspace_, tabs_);
    connect(view, &SlideView::cursorMoved, this, &MainWindow::updateStatus);
    connect(view, &SlideView::statusMessage, this,
            [this](const QString& text) { statusBar()->showMessage(text, 6000); });
    // The level shown is the one last painted, known only once the frame is drawn.
    connect(view, &SlideView::frameRendered, this, [this, view] {
        if (view == currentView())
            updateStatus(lastCursor_);
    });
    connect(view, &SlideView::cameraChanged, this, [this, view] {
        if (view == currentView()) {
            updateStatus(lastCursor_);
            updateMagnificationBox();
        }
    });
    attachAnnotations(view, location);
    const int index = tabs_->addTab(view, slideDisplayName(path));
    tabs_->setTabToolTip(index, path);
    tabs_->setCurrentIndex(index);
    AppSettings::addRecentSlide(location);
    updateRecentMenu();
    view->setFocus();
    return view;
}

void MainWindow::openDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open slide"), QString(),
                                     tr("Slides (*.svs *.tif *.tiff *.ndpi *.vms *.vmu *.scn "
                                        "*.mrxs *.svslide *.bif);;All files (*)"));
    openSlide(path);
}

void MainWindow::openFromArchive() {
    OpenFromArchiveDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        openSlideInBackground(dialog.seriesAddress());
}

void MainWindow::openDemoSlide() {
    if (DemoSlide::exists()) {
        openSlide(DemoSlide::path());
        return;
    }
    // Written on a worker thread; the progress dialog keeps the window responsive.
    auto* progress =
        new QProgressDialog(tr("Writing the demo slide (once)…"), QString(), 0, 100, this);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setValue(0);
    // Results come back through qApp (alive as long as the process) and are applied only if
    // the window and the dialog still exist.
    QPointer<MainWindow> self(this);
    QPointer<QProgressDialog> dialog(progress);
    std::thread([self, dialog] {
        QString error;
        try {
            DemoSlide::write([dialog](double f) {
                QMetaObject::invokeMethod(qApp, [dialog, f] {
                    if (dialog)
                        dialog->setValue(int(f * 100));
                });
            });
        } catch (const Error& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, dialog, error] {
            if (dialog)
                dialog->deleteLater();
            if (!self)
                return;
            if (error.isEmpty())
                self->openSlide(DemoSlide::path());
            else
                QMessageBox::warning(self, tr("Demo slide"), error);
        });
    }).detach();
}

void MainWindow::closeTab(int index) {
    QWidget* w = tabs_->widget(index);
    if (!w)
        return;
    tabs_->removeTab(index);
    w->deleteLater();
    currentTabChanged();
}

SlideView* MainWindow::currentView() const {
    return qobject_cast<SlideView*>(tabs_->currentWidget());
}

int MainWindow::slideCount() const {
    return tabs_->count();
}

void MainWindow::currentTabChanged() {
    SlideView* view = currentView();
    stack_->setCurrentWidget(view ? static_cast<QWidget*>(tabs_) : welcome_);
    overview_->setView(view);
    info_->setSlide(view ? &view->slide() : nullptr);
    for (QAction* a : viewActions_)
        a->setEnabled(view != nullptr);
    AnnotationSession* session = view ? view->annotationSession() : nullptr;
    undoGroup_.setActiveStack(session ? &session->undoStack() : nullptr);
    if (view)
        view->setTool(activeTool_);
    const Scale scale =
        view ? Scale{view->slide().metadata().mppX, view->slide().metadata().mppY} : Scale{};
    layers_->setSession(session);
    analysis_->setView(view);
    annotationList_->setSession(session, scale);
    measurements_->setSession(session, scale,
                              view ? tabs_->tabText(tabs_->currentIndex()) : QString());
    refreshClassBox();
    magnificationBox_->setEnabled(view != nullptr);
    setWindowTitle(view ? tabs_->tabText(tabs_->currentIndex()) + QStringLiteral(" — Lamina")
                        : QStringLiteral("Lamina"));
    lastCursor_.reset();
    updateStatus(std::nullopt);
    updateMagnificationBox();
    updatePyramidMenus();
}

void MainWindow::updatePyramidMenus() {
    focalPlaneMenu_->clear();
    opticalPathMenu_->clear();
    SlideView* view = currentView();
    const auto pyramids = view ? view->slide().pyramids() : std::vector<SlidePyramid>{};
    const size_t shown = view ? view->slide().shownPyramid() : 0;
    std::vector<std::string> paths;
    for (const SlidePyramid& p : pyramids)
        if (std::find(paths.begin(), paths.end(), p.opticalPath) == paths.end())
            paths.push_back(p.opticalPath);
    auto* planes = new QActionGroup(focalPlaneMenu_);
    for (size_t i = 0; i < pyramids.size(); ++i) {
        if (pyramids[i].opticalPath != pyramids[shown].opticalPath)
            continue;
        const QString z =
            pyramids[i].focalPlaneUm
                ? QString::fromStdString(SlidePyramid{{}, pyramids[i].focalPlaneUm}.label())
                : tr("plane %1").arg(i);
        QAction* a = focalPlaneMenu_->addAction(z, this, [this, i] { showPyramid(i); });
        a->setCheckable(true);
        a->setChecked(i == shown);
        planes->addAction(a);
    }
    auto* channels = new QActionGroup(opticalPathMenu_);
    for (const std::string& path : paths) {
        // The same focal plane on the other path when it has it, else that path's middle one.
        std::vector<size_t> candidates;
        for (size_t i = 0; i < pyramids.size(); ++i)
            if (pyramids[i].opticalPath == path)
                candidates.push_back(i);
        size_t target = candidates[(candidates.size() - 1) / 2];
        for (const size_t i : candidates)
            if (pyramids[i].focalPlaneUm == pyramids[shown].focalPlaneUm)
                target = i;
        QAction* a = opticalPathMenu_->addAction(path.empty() ? tr("(unnamed)")
                                                              : QString::fromStdString(path),
                                                 this, [this, target] { showPyramid(target); });
        a->setCheckable(true);
        a->setChecked(path == pyramids[shown].opticalPath);
        channels->addAction(a);
    }
    focalPlaneMenu_->setEnabled(focalPlaneMenu_->actions().size() > 1);
    opticalPathMenu_->setEnabled(paths.size() > 1);
}

bool MainWindow::showPyramid(size_t index) {
    SlideView* view = currentView();
    if (!view || index >= view->slide().pyramids().size())
        return false;
    if (index != view->slide().shownPyramid()) {
        try {
            view->setSlide(std::shared_ptr<const SlideSource>(view->slide().withPyramid(index)));
        } catch (const Error& e) { // not expected: the choice comes from the slide itself
            reportOpenFailure(QString::fromStdString(view->slide().location()), e, false);
            return false;
        }
        info_->setSlide(&view->slide());
        overview_->setView(view); // its thumbnail shows the new plane / path
    }
    updatePyramidMenus();
    updateStatus(lastCursor_);
    statusBar()->showMessage(
        tr("Showing %1").arg(QString::fromStdString(view->slide().pyramids()[index].label())),
        4000);
    return true;
}

bool MainWindow::stepFocalPlane(int direction) {
    SlideView* view = currentView();
    if (!view)
        return false;
    const auto pyramids = view->slide().pyramids();
    const size_t shown = view->slide().shownPyramid();
    if (pyramids.size() < 2)
        return false;
    // Pyramids come sorted by path, then focal plane: the neighbour on the same path.
    const size_t next = direction > 0 ? shown + 1 : shown - 1;
    if (next >= pyramids.size() || pyramids[next].opticalPath != pyramids[shown].opticalPath)
        return false;
    return showPyramid(next);
}

void MainWindow::updateMagnificationBox() {
    SlideView* view = currentView();
    const auto m = view ? view->magnification() : std::nullopt;
    if (!magnificationBox_->lineEdit()->hasFocus())
        magnificationBox_->setEditText(m ? QString::fromStdString(formatMagnification(*m))
                                         : QString());
}

void MainWindow::updateStatus(std::optional<QPointF> cursor) {
    lastCursor_ = cursor;
    SlideView* view = currentView();
    const auto stats = workspace_.cache().stats();
    cacheLabel_->setText(tr("Cache %1 / %2 · hits %3%")
                             .arg(formatBytes(stats.bytes), formatBytes(stats.budgetBytes))
                             .arg(int(std::round(stats.hitRate() * 100))));
    if (!view) {
        positionLabel_->clear();
        levelLabel_->clear();
        return;
    }
    const int level = view->lastFrameStats().level;
    const LevelInfo& info = view->slide().level(level);
    QString levelText = tr("Level %1 (%2 × %3, ↓%4)")
                            .arg(level)
                            .arg(info.width)
                            .arg(info.height)
                            .arg(info.downsample, 0, 'g', 4);
    // Which focal plane / optical path is on screen, always in sight for a z-stack.
    const auto pyramids = view->slide().pyramids();
    if (pyramids.size() > 1)
        levelText += QStringLiteral(" · ") +
                     QString::fromStdString(pyramids[view->slide().shownPyramid()].label());
    levelLabel_->setText(levelText);
    if (!cursor) {
        positionLabel_->clear();
        return;
    }
    const auto& meta = view->slide().metadata();
    QString text = tr("x %1  y %2 px").arg(cursor->x(), 0, 'f', 0).arg(cursor->y(), 0, 'f', 0);
    if (meta.mppX && meta.mppY)
        text = tr("x %1 µm  y %2 µm   (%3)")
                   .arg(cursor->x() * *meta.mppX, 0, 'f', 1)
                   .arg(cursor->y() * *meta.mppY, 0, 'f', 1)
                   .arg(text);
    // The value under the cursor of the topmost visible analysis overlay with a raster.
    if (AnnotationSession* session = view->annotationSession()) {
        const OverlayStack& overlays = session->overlays();
        for (size_t i = overlays.size(); i-- > 0;) {
            const PluginOverlay& o = overlays.at(i);
            if (!o.visible || o.raster.empty())
                continue;
            if (const auto v = o.raster.valueAt(cursor->x(), cursor->y()))
                text += tr("   %1: %2").arg(o.plugin.name).arg(double(*v), 0, 'g', 3);
            break;
        }
    }
    positionLabel_->setText(text);
}

void MainWindow::goToMagnification() {
    SlideView* view = currentView();
    if (!view)
        return;
    bool ok = false;
    const double m = QInputDialog::getDouble(this, tr("Magnification"), tr("Magnification (×):"),
                                             view->magnification().value_or(10), 0.01, 400, 2, &ok);
    if (ok)
        view->setMagnification(m);
}

void MainWindow::showPreferences() {
    PreferencesDialog dialog(AppSettings::cacheBudgetBytes(),
                             AppSettings::archiveDiskCacheMegabytes(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    AppSettings::setArchiveDiskCacheMegabytes(dialog.archiveDiskCacheMegabytes());
    AppSettings::setCacheBudgetBytes(dialog.cacheBudgetBytes());
    workspace_.cache().setBudgetBytes(dialog.cacheBudgetBytes());
    updateStatus(lastCursor_);
}

void MainWindow::closeEvent(QCloseEvent* e) {
    AppSettings::saveWindow(saveGeometry(), saveState());
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    for (const QUrl& url : e->mimeData()->urls())
        if (url.isLocalFile())
            openSlide(url.toLocalFile());
}

} // namespace lamina
