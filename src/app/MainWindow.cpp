#include "MainWindow.h"

#include "AnnotationActions.h"
#include "AppSettings.h"
#include "PyramidMenus.h"
#include "SlideDocuments.h"
#include "SlideLocation.h"
#include "SlideView.h"
#include "ViewStatusBar.h"
#include "WelcomePage.h"
#include "Workspace.h"
#include "annotation/AnnotationSession.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/OpenFromArchiveDialog.h"
#include "dialogs/PreferencesDialog.h"
#include "dialogs/ShortcutsDialog.h"
#include "overlay/OverlayStack.h"
#include "panels/AnnotationListPanel.h"
#include "panels/LayersPanel.h"
#include "panels/MeasurementsPanel.h"
#include "panels/OverviewPanel.h"
#include "panels/PluginsPanel.h"
#include "panels/SlideInfoPanel.h"

#include <lamina/core/Error.h>
#include <lamina/pluginhost/PluginRegistry.h>
#include <lamina/render/ViewScale.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUrl>

#include <cmath>

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

} // namespace

MainWindow::MainWindow(Workspace& workspace, QWidget* parent)
    : QMainWindow(parent), workspace_(workspace) {
    initLaminaResources();
    setWindowTitle(QStringLiteral("Lamina"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/lamina.svg")));
    setAcceptDrops(true);
    // The status bar first: the documents' messages go to it.
    statusBar_ = new ViewStatusBar(workspace_.cache(), this);
    setStatusBar(statusBar_);
    connect(&workspace_, &Workspace::tilesArrived, this, [this] { updateStatus(lastCursor_); });
    documents_ = new SlideDocuments(workspace_, this);
    connect(documents_, &SlideDocuments::slideOpened, this, &MainWindow::addSlideTab);
    connect(documents_, &SlideDocuments::recentSlidesChanged, this, &MainWindow::updateRecentMenu);
    connect(documents_, &SlideDocuments::statusMessage, statusBar_, &QStatusBar::showMessage);
    connect(documents_, &SlideDocuments::classesMayHaveChanged, this,
            [this](AnnotationSession* session) {
                if (SlideView* v = currentView(); v && v->annotationSession() == session)
                    annotationActions_->refreshClassBox();
            });
    stack_ = new QStackedWidget(this);
    welcome_ = new WelcomePage(stack_);
    tabs_ = new QTabWidget(stack_);
    tabs_->setDocumentMode(true);
    tabs_->setTabsClosable(true);
    tabs_->setMovable(true);
    stack_->addWidget(welcome_);
    stack_->addWidget(tabs_);
    setCentralWidget(stack_);
    connect(welcome_, &WelcomePage::openRequested, documents_, &SlideDocuments::openInBackground);
    connect(welcome_, &WelcomePage::openDialogRequested, this, &MainWindow::openDialog);
    connect(welcome_, &WelcomePage::demoRequested, documents_, &SlideDocuments::openDemoSlide);
    connect(tabs_, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::currentTabChanged);

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
    file->addAction(tr("Open DICOM &Folder…"), this, &MainWindow::openDicomFolderDialog);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    auto* archive = file->addAction(tr("Open from &Archive…"), this, &MainWindow::openFromArchive);
    archive->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addAction(tr("Open &Demo Slide"), documents_, &SlideDocuments::openDemoSlide);
    file->addSeparator();
    auto* close =
        file->addAction(tr("&Close Slide"), this, [this] { closeTab(tabs_->currentIndex()); });
    close->setShortcut(QKeySequence::Close);
    viewActions_ << close;
    file->addSeparator();
    QAction* beforePreferences = file->addSeparator(); // the annotation items go above
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
                      {QKeySequence(Qt::Key_1 + i)}, [this, m](SlideView* v) {
                          if (!v->setMagnification(m))
                              explainUnknownMagnification();
                      });
    }
    addViewAction(tr("Go to &Magnification…"), {QKeySequence(Qt::Key_M)},
                  [this](SlideView*) { goToMagnification(); });
    addViewAction(tr("Pixel &Size…"), {}, [this](SlideView*) { enterPixelSize(); });
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
    pyramidMenus_ = new PyramidMenus(*view, this);
    connect(pyramidMenus_, &PyramidMenus::pyramidShown, this,
            [this](SlideView* v, const QString& label) {
                info_->setSlide(&v->slide());
                overview_->setView(v); // its thumbnail shows the new plane / path
                updateStatus(lastCursor_);
                statusBar()->showMessage(tr("Showing %1").arg(label), 4000);
            });
    connect(pyramidMenus_, &PyramidMenus::pyramidFailed, this,
            [this](const QString& location, const Error& e) {
                documents_->reportFailure(location, e, false);
            });
    addViewAction(tr("Focus &Up"), {QKeySequence(Qt::Key_PageUp)},
                  [this](SlideView*) { pyramidMenus_->stepFocalPlane(+1); });
    addViewAction(tr("Focus &Down"), {QKeySequence(Qt::Key_PageDown)},
                  [this](SlideView*) { pyramidMenus_->stepFocalPlane(-1); });
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
    auto* shortcuts = help->addAction(tr("&Keyboard Shortcuts…"), this, [this] {
        ShortcutsDialog dialog(*this, this);
        dialog.exec();
    });
    shortcuts->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Lamina"), this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });

    createNavigationToolbar(open, fit, zoomOut, zoomIn, rotate);
    annotationActions_ = new AnnotationActions(*this, *documents_, *file, beforePreferences);
}

void MainWindow::createNavigationToolbar(QAction* open, QAction* fit, QAction* zoomOut,
                                         QAction* zoomIn, QAction* rotate) {
    auto* toolbar = addToolBar(tr("Navigation"));
    toolbar->setObjectName(QStringLiteral("navigationToolbar"));
    toolbar->addAction(open);
    toolbar->addSeparator();
    toolbar->addAction(fit);
    toolbar->addAction(zoomOut);
    toolbar->addAction(zoomIn);
    magnificationBox_ = new QComboBox(toolbar);
    magnificationBox_->setObjectName(QStringLiteral("magnificationBox"));
    magnificationBox_->setEditable(true);
    magnificationBox_->setInsertPolicy(QComboBox::NoInsert);
    magnificationBox_->setToolTip(tr("Magnification: pick or type (e.g. 15)"));
    magnificationBox_->setMinimumContentsLength(7);
    for (double m : kPresets)
        magnificationBox_->addItem(QString::fromStdString(formatMagnification(m)), m);
    connect(magnificationBox_, &QComboBox::activated, this, [this](int index) {
        if (SlideView* v = currentView())
            if (!v->setMagnification(magnificationBox_->itemData(index).toDouble()))
                explainUnknownMagnification();
    });
    connect(magnificationBox_->lineEdit(), &QLineEdit::returnPressed, this, [this] {
        QString text = magnificationBox_->currentText();
        text.remove(QChar(u'×'))
            .remove(QLatin1Char('x'))
            .replace(QLatin1Char(','), QLatin1Char('.'));
        bool ok = false;
        const double m = text.trimmed().toDouble(&ok);
        if (SlideView* v = currentView(); v && ok && m > 0 && !v->setMagnification(m))
            explainUnknownMagnification();
        updateMagnificationBox();
    });
    toolbar->addWidget(magnificationBox_);
    rotate->setIcon(icon("rotate"));
    toolbar->addAction(rotate);
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = AppSettings::recentSlides();
    for (const QString& path : recent)
        recentMenu_
            ->addAction(slideDisplayName(path), this,
                        [this, path] { documents_->openInBackground(path); })
            ->setToolTip(path);
    recentMenu_->setEnabled(!recent.isEmpty());
    welcome_->refresh();
}

void MainWindow::openDialog() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open slide"), QString(), slideFileDialogFilter());
    if (!path.isEmpty())
        documents_->open(path);
}

void MainWindow::openDicomFolderDialog() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open a DICOM folder (the largest slide series in it)"));
    if (!folder.isEmpty())
        documents_->open(folder);
}

void MainWindow::openFromArchive() {
    OpenFromArchiveDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        documents_->openInBackground(dialog.seriesAddress());
}

void MainWindow::addSlideTab(SlideView* view, const QString& location) {
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
    const int index = tabs_->addTab(view, slideDisplayName(location));
    tabs_->setTabToolTip(index, location);
    tabs_->setCurrentIndex(index);
    view->setFocus();
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
    annotationActions_->setCurrentView(view);
    const Scale scale = view ? view->scale() : Scale{};
    layers_->setSession(session);
    analysis_->setView(view);
    annotationList_->setSession(session, scale);
    measurements_->setSession(session, scale,
                              view ? tabs_->tabText(tabs_->currentIndex()) : QString());
    magnificationBox_->setEnabled(view != nullptr);
    setWindowTitle(view ? tabs_->tabText(tabs_->currentIndex()) + QStringLiteral(" — Lamina")
                        : QStringLiteral("Lamina"));
    lastCursor_.reset();
    updateStatus(std::nullopt);
    updateMagnificationBox();
    pyramidMenus_->setCurrentView(view);
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
    statusBar_->showView(currentView(), cursor);
}

void MainWindow::goToMagnification() {
    SlideView* view = currentView();
    if (!view)
        return;
    const auto current = view->magnification();
    if (!current) {
        explainUnknownMagnification();
        return;
    }
    bool ok = false;
    // The same rounding as the toolbar and the export dialogs (roundedMagnification).
    const double m = QInputDialog::getDouble(this, tr("Magnification"), tr("Magnification (×):"),
                                             roundedMagnification(*current), 0.01, 400, 2, &ok);
    if (ok)
        view->setMagnification(m);
}

void MainWindow::explainUnknownMagnification() {
    auto* box = new QMessageBox(
        QMessageBox::Information, tr("Magnification unknown"),
        tr("This slide's file states neither its pixel size nor its objective power, so its "
           "magnification is unknown and the magnification keys cannot work.\n\nIf you know "
           "the pixel size (from the scanner's documentation), enter it: measurements, "
           "snapshots, exports and reports will then say that it was entered by you."),
        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("unknownMagnification"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* enter = box->addButton(tr("Enter Pixel Size…"), QMessageBox::AcceptRole);
    connect(enter, &QPushButton::clicked, this, &MainWindow::enterPixelSize);
    box->open();
}

void MainWindow::enterPixelSize() {
    SlideView* view = currentView();
    if (!view)
        return;
    const SlideMetadata& meta = view->slide().metadata();
    if (meta.mppX && !meta.mppUserEntered &&
        QMessageBox::question(
            this, tr("Pixel size"),
            tr("This slide's file states its pixel size (%1 µm per pixel). Replace it with "
               "your own for this slide?")
                .arg(QLocale().toString(*meta.mppX, 'g', 6))) != QMessageBox::Yes)
        return;
    bool ok = false;
    const double mpp = QInputDialog::getDouble(
        this, tr("Pixel size"),
        tr("Micrometres per pixel at full resolution (0.25 for a 40× scan; 0 removes yours):"),
        meta.mppX.value_or(0.25), 0, 999, 4, &ok);
    if (ok)
        setPixelSize(view, mpp > 0 ? std::optional<double>(mpp) : std::nullopt);
}

void MainWindow::setPixelSize(SlideView* view, std::optional<double> micronsPerPixel) {
    const SlideId id = view->slide().id();
    AppSettings::setPixelSizeOverride(SlideDocuments::pixelSizeKey(view->slide()), micronsPerPixel);
    // Every tab showing this slide follows.
    for (int i = 0; i < tabs_->count(); ++i)
        if (auto* v = qobject_cast<SlideView*>(tabs_->widget(i)); v && v->slide().id() == id)
            v->setSlide(SlideDocuments::withPixelSize(v->slidePtr(), micronsPerPixel));
    currentTabChanged(); // the panels measure with the new scale
    statusBar()->showMessage(micronsPerPixel
                                 ? tr("Pixel size set to %1 µm per pixel (entered by you)")
                                       .arg(QLocale().toString(*micronsPerPixel, 'g', 6))
                                 : tr("Pixel size: the file's own"),
                             6000);
}

void MainWindow::showPreferences() {
    PreferencesDialog dialog(AppSettings::cacheBudgetBytes(),
                             AppSettings::archiveDiskCacheMegabytes(), AppSettings::trustedCaFile(),
                             AppSettings::uiLanguage(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    AppSettings::setUiLanguage(dialog.language());
    AppSettings::setArchiveDiskCacheMegabytes(dialog.archiveDiskCacheMegabytes());
    AppSettings::setTrustedCaFile(dialog.trustedCaFile());
    AppSettings::setCacheBudgetBytes(dialog.cacheBudgetBytes());
    workspace_.cache().setBudgetBytes(dialog.cacheBudgetBytes());
    updateStatus(lastCursor_);
}

bool MainWindow::event(QEvent* e) {
    // Dock tab bars are created and replaced as docks are laid out: check on each layout.
    if (e->type() == QEvent::LayoutRequest || e->type() == QEvent::Show)
        keepDockTabTitlesWhole();
    return QMainWindow::event(e);
}

void MainWindow::keepDockTabTitlesWhole() {
    for (QTabBar* bar : findChildren<QTabBar*>(Qt::FindDirectChildrenOnly)) {
        bar->setElideMode(Qt::ElideNone);
        bar->setUsesScrollButtons(true);
        bar->setExpanding(false);
    }
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
            documents_->open(url.toLocalFile());
}

} // namespace lamina
