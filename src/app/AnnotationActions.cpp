#include "AnnotationActions.h"

#include "SlideDocuments.h"
#include "SlideLocation.h"
#include "SlideView.h"
#include "annotation/AnnotationSession.h"
#include "dialogs/ClassEditorDialog.h"
#include "dialogs/DicomExportDialog.h"
#include "dialogs/RegionExportDialog.h"
#include "dialogs/ReportDialog.h"
#include "dialogs/SendToArchiveDialog.h"
#include "dialogs/SnapshotDialog.h"
#include "overlay/OverlayStack.h"
#include "tools/AnnotationTool.h"
#include "tools/ToolRegistry.h"

#include <lamina/core/Error.h>
#include <lamina/render/export/SnapshotRenderer.h>

#include <QActionGroup>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QMimeData>
#include <QRegularExpression>
#include <QStatusBar>
#include <QToolBar>

namespace lamina {

AnnotationActions::AnnotationActions(QMainWindow& window, SlideDocuments& documents,
                                     QMenu& fileMenu, QAction* fileInsertBefore)
    : QObject(&window), window_(window), documents_(documents) {
    createFileActions(fileMenu, fileInsertBefore);
    createEditMenu();
    createTools();
    setCurrentView(nullptr);
}

AnnotationActions::~AnnotationActions() = default;

void AnnotationActions::showMessage(const QString& text, int timeoutMs) {
    window_.statusBar()->showMessage(text, timeoutMs);
}

void AnnotationActions::createFileActions(QMenu& file, QAction* before) {
    auto* import = new QAction(tr("&Import Annotations…"), &file);
    connect(import, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(&window_, tr("Import annotations"), {},
                                         tr("Annotations (*.geojson *.json *.xml);;All files (*)"));
        if (!path.isEmpty())
            importAnnotations(path);
    });
    auto* exportAnnotationsAction = new QAction(tr("&Export Annotations…"), &file);
    connect(exportAnnotationsAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            &window_, tr("Export annotations"), defaultAnnotationExportPath(),
            tr("QuPath GeoJSON (*.geojson);;ASAP XML (*.xml)"));
        if (!path.isEmpty())
            exportAnnotations(path);
    });
    file.insertAction(before, import);
    file.insertAction(before, exportAnnotationsAction);
    auto* exports = new QMenu(tr("E&xport"), &file);
    file.insertMenu(before, exports);
    needSlide_ << import << exportAnnotationsAction;
    needSlide_ << exports->addAction(tr("&Snapshot…"), this,
                                     [this] { showExportDialog(ExportKind::Snapshot); });
    needSlide_.last()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    needSlide_ << exports->addAction(tr("&Large Region…"), this,
                                     [this] { showExportDialog(ExportKind::LargeRegion); });
    needSlide_ << exports->addAction(tr("&Report…"), this,
                                     [this] { showExportDialog(ExportKind::Report); });
    exports->addSeparator();
    needSlide_ << exports->addAction(tr("Slide as &DICOM…"), this,
                                     [this] { showExportDialog(ExportKind::SlideAsDicom); });
    auto* send = new QAction(tr("Send to Ar&chive…"), &file);
    send->setToolTip(tr("Put this slide into the shared DICOM archive (teaching, research)"));
    connect(send, &QAction::triggered, this,
            [this] { showExportDialog(ExportKind::SendToArchive); });
    file.insertAction(before, send);
    needSlide_ << send;
}

void AnnotationActions::createEditMenu() {
    QMenuBar* bar = window_.menuBar();
    auto* edit = new QMenu(tr("&Edit"), &window_);
    bar->insertMenu(bar->actions().at(1), edit); // after File
    QAction* undo = documents_.undoGroup().createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = documents_.undoGroup().createRedoAction(this, tr("&Redo"));
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
        if (copyAnnotations() && view_)
            view_->deleteSelection();
    });
    addEditAction(tr("&Copy"), QKeySequence::Copy, [this] { copyAnnotations(); });
    addEditAction(tr("&Paste"), QKeySequence::Paste, [this] { pasteAnnotations(); });
    addEditAction(tr("&Delete"), QKeySequence::Delete, [this] {
        if (view_)
            view_->deleteSelection();
    });
    addEditAction(tr("Select &All"), QKeySequence::SelectAll, [this] {
        if (view_ && view_->annotationSession())
            view_->annotationSession()->selectAllVisible();
    });
    edit->addSeparator();
    addEditAction(tr("Copy &Snapshot"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), [this] {
        copySnapshot();
    })->setToolTip(tr("Copy the view, with its annotations and a scale bar, as an image"));
    addEditAction(tr("Annotation C&lasses…"), QKeySequence(), [this] { editClasses(); });
}

void AnnotationActions::createTools() {
    QMenuBar* bar = window_.menuBar();
    auto* toolsMenu = new QMenu(tr("&Tools"), &window_);
    bar->insertMenu(bar->actions().last(), toolsMenu); // before Help
    auto* toolbar = window_.addToolBar(tr("Annotation tools"));
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
            if (view_)
                view_->setTool(tool);
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
        if (view_ && view_->annotationSession())
            view_->annotationSession()->setCurrentClass(
                classBox_->currentData().toString().toStdString());
    });
}

void AnnotationActions::setCurrentView(SlideView* view) {
    view_ = view;
    for (QAction* a : needSlide_)
        a->setEnabled(view != nullptr);
    AnnotationSession* session = view ? view->annotationSession() : nullptr;
    documents_.undoGroup().setActiveStack(session ? &session->undoStack() : nullptr);
    if (view)
        view->setTool(activeTool_);
    refreshClassBox();
}

void AnnotationActions::refreshClassBox() {
    AnnotationSession* session = view_ ? view_->annotationSession() : nullptr;
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
    // A crowded toolbar squeezed it to "Immu…ells": never narrower than its longest class
    // (the toolbar moves tool buttons into its overflow menu instead).
    classBox_->setMinimumWidth(classBox_->sizeHint().width());
    classBox_->setEnabled(session != nullptr);
}

void AnnotationActions::editClasses() {
    AnnotationSession* session = view_ ? view_->annotationSession() : nullptr;
    if (!session)
        return;
    ClassEditorDialog dialog(session->document().classes, &window_);
    if (dialog.exec() == QDialog::Accepted && dialog.classes() != session->document().classes)
        session->replaceClasses(dialog.classes(), dialog.renamed());
}

bool AnnotationActions::copySnapshot() {
    if (!view_)
        return false;
    // The view's area of the slide at the view's scale (device pixels), unrotated: a report
    // image is north-up. Label and macro images are never part of it.
    const Camera& camera = view_->camera();
    const Size dims = view_->slide().dimensions();
    const QRectF visible = camera.visibleSlideRect(view_->viewportDevicePixels())
                               .intersected(QRectF(0, 0, double(dims.width), double(dims.height)));
    SnapshotOptions options;
    options.region = visible;
    options.downsample = camera.downsample;
    options.allowUpscale = true; // what the view shows, also when zoomed past the scan
    AnnotationSession* session = view_->annotationSession();
    options.annotations = session ? &session->document() : nullptr;
    options.caption = false;
    if (session)
        options.overlays = session->overlays().snapshotPainter();
    try {
        const Snapshot shot = renderSnapshot(view_->slide(), options);
        QGuiApplication::clipboard()->setImage(shot.image);
        showMessage(tr("Snapshot copied: %1 × %2 pixels%3")
                        .arg(shot.image.width())
                        .arg(shot.image.height())
                        .arg(shot.micronsPerPixel
                                 ? tr(", %1 µm per pixel").arg(*shot.micronsPerPixel, 0, 'f', 2)
                                 : QString()),
                    6000);
        return true;
    } catch (const Error& e) {
        documents_.setLastError(QString::fromStdString(e.what()));
        showMessage(tr("No snapshot: %1").arg(QString::fromStdString(e.cause())), 8000);
        return false;
    }
}

QString AnnotationActions::defaultAnnotationExportPath() const {
    if (!view_)
        return {};
    const QString location = QString::fromStdString(view_->slide().location());
    QString base = isArchiveAddress(location) ? slideDisplayName(location)
                                              : QFileInfo(location).completeBaseName();
    base.replace(QRegularExpression(QStringLiteral("[/\\\\:*?\"<>|]")), QStringLiteral("_"));
    return QDir(defaultOutputFolder(view_->slide())).filePath(base + "-annotations.geojson");
}

std::unique_ptr<QDialog> AnnotationActions::createExportDialog(ExportKind kind) {
    if (!view_)
        return nullptr;
    const QString location = QString::fromStdString(view_->slide().location());
    const QString name =
        isArchiveAddress(location) ? slideDisplayName(location) : QFileInfo(location).fileName();
    if (kind == ExportKind::SlideAsDicom)
        return std::make_unique<DicomExportDialog>(view_->slidePtr(), name, &window_);
    if (kind == ExportKind::SendToArchive) {
        AnnotationSession* session = view_->annotationSession();
        if (session)
            session->saveAndWait(); // the archive copy gets what is on screen
        auto dialog = std::make_unique<SendToArchiveDialog>(
            view_->slidePtr(), name, session ? session->storePath() : std::filesystem::path(),
            &window_);
        connect(dialog.get(), &SendToArchiveDialog::openRequested, this,
                [this](const QString& address) { documents_.openInBackground(address); });
        return dialog;
    }
    ExportContext context = ExportContext::fromView(*view_, QFileInfo(location).fileName());
    switch (kind) {
    case ExportKind::Snapshot:
        return std::make_unique<SnapshotDialog>(std::move(context), &window_);
    case ExportKind::LargeRegion:
        return std::make_unique<RegionExportDialog>(std::move(context), &window_);
    case ExportKind::Report:
        return std::make_unique<ReportDialog>(std::move(context), &window_);
    case ExportKind::SlideAsDicom:
    case ExportKind::SendToArchive:
        break; // above
    }
    return nullptr;
}

void AnnotationActions::showExportDialog(ExportKind kind) {
    if (auto dialog = createExportDialog(kind))
        dialog->exec();
}

bool AnnotationActions::copyAnnotations() {
    AnnotationSession* session = view_ ? view_->annotationSession() : nullptr;
    if (!session || session->selection().empty())
        return false;
    // GeoJSON as text: pastes into another slide, into QuPath, or into a text editor.
    const QString text = QString::fromStdString(session->copyAsGeoJson(session->selection()));
    auto mime = std::make_unique<QMimeData>();
    mime->setText(text);
    mime->setData(QStringLiteral("application/geo+json"), text.toUtf8());
    QGuiApplication::clipboard()->setMimeData(mime.release()); // the clipboard owns it
    showMessage(tr("Copied %n annotation(s)", nullptr, int(session->selection().size())), 4000);
    return true;
}

bool AnnotationActions::pasteAnnotations() {
    AnnotationSession* session = view_ ? view_->annotationSession() : nullptr;
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
        showMessage(tr("Pasted %n annotation(s)", nullptr, int(count)), 4000);
        return count > 0;
    } catch (const Error& e) {
        showMessage(
            tr("The clipboard holds no annotations: %1").arg(QString::fromStdString(e.what())),
            8000);
        return false;
    }
}

bool AnnotationActions::importAnnotations(const QString& path) {
    AnnotationSession* session = view_ ? view_->annotationSession() : nullptr;
    if (!session)
        return false;
    try {
        const size_t count = session->importFile(path.toStdString());
        showMessage(tr("Imported %n annotation(s) from %1 as a new layer", nullptr, int(count))
                        .arg(QFileInfo(path).fileName()));
        return true;
    } catch (const Error& e) {
        documents_.setLastError(QString::fromStdString(e.what()));
        showMessage(tr("Import failed: %1").arg(documents_.lastError()));
        return false;
    }
}

bool AnnotationActions::exportAnnotations(const QString& path) {
    AnnotationSession* session = view_ ? view_->annotationSession() : nullptr;
    if (!session)
        return false;
    try {
        const std::string lost = session->exportFile(path.toStdString());
        showMessage(lost.empty()
                        ? tr("Annotations exported to %1").arg(QFileInfo(path).fileName())
                        : tr("Annotations exported to %1 (not kept in this format: %2)")
                              .arg(QFileInfo(path).fileName(), QString::fromStdString(lost)));
        return true;
    } catch (const Error& e) {
        documents_.setLastError(QString::fromStdString(e.what()));
        showMessage(tr("Export failed: %1").arg(documents_.lastError()));
        return false;
    }
}

} // namespace lamina
