#include "ScreenshotRunner.h"

#include "AnnotationActions.h"
#include "AppSettings.h"
#include "MainWindow.h"
#include "SlideDocuments.h"
#include "SlideView.h"
#include "Workspace.h"
#include "annotation/AnnotationSession.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/DicomSeriesOptionsBox.h"
#include "dialogs/OpenFromArchiveDialog.h"
#include "dialogs/PreferencesDialog.h"
#include "dialogs/ReportDialog.h"
#include "dialogs/ShortcutsDialog.h"
#include "overlay/OverlayStack.h"
#include "panels/PluginsPanel.h"

#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDockWidget>
#include <QEventLoop>
#include <QFileInfo>
#include <QImageWriter>
#include <QLabel>
#include <QMap>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QTableWidget>
#include <QTimer>

#include <iostream>

namespace lamina {

ScreenshotRunner::ScreenshotRunner(ScreenshotRequest request, MainWindow& window,
                                   Workspace& workspace)
    : request_(std::move(request)), window_(window), workspace_(workspace) {
    timeout_.setSingleShot(true);
    connect(&timeout_, &QTimer::timeout, this, [this] {
        finish(1, QStringLiteral("%1: the view did not become sharp within %2 s")
                      .arg(request_.slide)
                      .arg(request_.timeoutSeconds));
    });
}

void ScreenshotRunner::start() {
    window_.resize(request_.windowSize);
    window_.show();
    SlideView* view = nullptr;
    if (!request_.slide.isEmpty()) {
        view = window_.documents().open(request_.slide, /*quietErrors=*/true);
        if (!view) {
            finish(1, window_.documents().lastError());
            return;
        }
    }
    // Apply the camera once the view has its final size (after the window is laid out).
    QTimer::singleShot(0, this, [this, view] {
        if (view) {
            if (request_.magnification)
                view->setMagnification(*request_.magnification);
            if (request_.center)
                view->centerOn(*request_.center);
            // Queued: frameRendered is emitted inside a paint event, and grabbing the window
            // from there would paint recursively.
            connect(view, &SlideView::frameRendered, this, &ScreenshotRunner::checkSharp,
                    Qt::QueuedConnection);
            connect(&workspace_, &Workspace::tilesArrived, this, &ScreenshotRunner::checkSharp,
                    Qt::QueuedConnection);
            view->update();
            if (!request_.plugin.isEmpty() && !runPlugin())
                return;
        } else {
            QTimer::singleShot(200, this, &ScreenshotRunner::checkSharp);
        }
        timeout_.start(request_.timeoutSeconds * 1000);
    });
}

bool ScreenshotRunner::runPlugin() {
    PluginsPanel* panel = window_.pluginsPanel();
    panel->selectPlugin(request_.plugin);
    for (const QString& p : request_.pluginParameters) {
        const qsizetype eq = p.indexOf('=');
        if (eq <= 0 || !panel->setParameter(p.left(eq), p.mid(eq + 1))) {
            finish(1, QStringLiteral("%1: no parameter %2").arg(request_.plugin, p));
            return false;
        }
    }
    panel->setTarget(request_.pluginOnWholeTissue ? PluginsPanel::Target::WholeTissue
                                                  : PluginsPanel::Target::CurrentView);
    if (auto* dock = qobject_cast<QDockWidget*>(panel->parentWidget()))
        dock->raise();
    if (!panel->runPlugin()) {
        finish(1, panel->status()->text());
        return false;
    }
    pluginRunning_ = true;
    OverlayStack& overlays = window_.currentView()->annotationSession()->overlays();
    connect(&overlays, &OverlayStack::jobEnded, this, [this, &overlays](size_t i) {
        // A failed run is grabbed too (the panel shows why), then reported with exit code 1.
        if (overlays.at(i).state == PluginOverlay::State::Failed)
            pluginFailure_ = overlays.at(i).error;
        pluginRunning_ = false;
        checkSharp();
    });
    return true;
}

void ScreenshotRunner::checkSharp() {
    if (done_ || pluginRunning_)
        return;
    SlideView* view = window_.currentView();
    // Sharp means: all visible tiles are cached AND the last frame actually drew them.
    if (view && !(view->isSharp() && view->lastFrameStats().sharp())) {
        if (view->isSharp())
            view->update(); // everything arrived: one more frame draws it sharp
        return;
    }
    done_ = true; // grabbing paints the window again: no second screenshot from in there
    const QPixmap shot = request_.dialog.isEmpty() ? window_.grab() : grabDialog();
    if (shot.isNull()) {
        finish(1, QStringLiteral("unknown dialog '%1' (snapshot, region, report, archive, "
                                 "shortcuts, about, preferences)")
                      .arg(request_.dialog));
        return;
    }
    QSaveFile file(request_.output);
    // JPEG for .jpg/.jpeg (documentation pages load faster), else PNG.
    const QString suffix = QFileInfo(request_.output).suffix().toLower();
    const bool jpeg = suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg");
    if (!file.open(QIODevice::WriteOnly) ||
        !shot.save(&file, jpeg ? "JPEG" : "PNG", jpeg ? 88 : -1) || !file.commit()) {
        finish(1, QStringLiteral("%1: cannot write the screenshot: %2")
                      .arg(request_.output, file.errorString()));
        return;
    }
    finish(pluginFailure_.isEmpty() ? 0 : 1, pluginFailure_);
}

QPixmap ScreenshotRunner::grabDialog() {
    if (request_.dialog == QStringLiteral("archive")) {
        // The archive browser, searching the archive the slide came from (if it did).
        OpenFromArchiveDialog dialog(&window_);
        const std::string location = request_.slide.toStdString();
        if (const auto url = DicomWebSeriesUrl::parse(location)) {
            dialog.setServiceRoot(QString::fromStdString(url->serviceRoot));
            QEventLoop wait;
            int answers = 0;
            connect(&dialog, &OpenFromArchiveDialog::searchFinished, &wait, [&] {
                // The study search, then (one study found) its series search.
                if (++answers == 2 || dialog.studiesTable()->rowCount() != 1)
                    wait.quit();
            });
            QTimer::singleShot(20000, &wait, &QEventLoop::quit);
            dialog.search();
            wait.exec();
        }
        dialog.show();
        QApplication::processEvents();
        return dialog.grab();
    }
    // Help's dialogs and Preferences, as they open from the menus.
    std::unique_ptr<QDialog> help;
    if (request_.dialog == QStringLiteral("shortcuts"))
        help = std::make_unique<ShortcutsDialog>(window_, &window_);
    else if (request_.dialog == QStringLiteral("about"))
        help = std::make_unique<AboutDialog>(&window_);
    else if (request_.dialog == QStringLiteral("preferences"))
        help = std::make_unique<PreferencesDialog>(
            AppSettings::cacheBudgetBytes(), AppSettings::archiveDiskCacheMegabytes(),
            AppSettings::trustedCaFile(), AppSettings::uiLanguage(), &window_);
    if (help) {
        help->show();
        QApplication::processEvents();
        return help->grab();
    }
    const QMap<QString, AnnotationActions::ExportKind> kinds{
        {QStringLiteral("snapshot"), AnnotationActions::ExportKind::Snapshot},
        {QStringLiteral("region"), AnnotationActions::ExportKind::LargeRegion},
        {QStringLiteral("report"), AnnotationActions::ExportKind::Report},
        {QStringLiteral("dicom"), AnnotationActions::ExportKind::SlideAsDicom},
        {QStringLiteral("send"), AnnotationActions::ExportKind::SendToArchive}};
    if (!kinds.contains(request_.dialog))
        return {};
    const std::unique_ptr<QDialog> dialog =
        window_.annotationActions().createExportDialog(kinds[request_.dialog]);
    if (!dialog)
        return {};
    if (auto* report = qobject_cast<ReportDialog*>(dialog.get())) {
        report->addSnapshot(ExportContext::Area::View);
        report->conclusion()->setPlainText(
            QStringLiteral("Adenocarcinoma, moderately differentiated; invasion depth as "
                           "measured."));
        report->includeLabel()->setChecked(true); // shows the warning
    }
    if (auto* series = dialog->findChild<DicomSeriesOptionsBox*>()) {
        // The DICOM dialogs check in the background which levels copy without decoding.
        QEventLoop wait;
        connect(series, &DicomSeriesOptionsBox::pixelPlanKnown, &wait, &QEventLoop::quit);
        QTimer::singleShot(10000, &wait, &QEventLoop::quit);
        wait.exec();
    }
    dialog->show();
    dialog->adjustSize();
    QApplication::processEvents();
    return dialog->grab();
}

void ScreenshotRunner::finish(int exitCode, const QString& message) {
    if (finished_)
        return;
    finished_ = true;
    done_ = true;
    if (!message.isEmpty())
        std::cerr << "lamina: " << message.toStdString() << '\n';
    QMetaObject::invokeMethod(
        qApp, [exitCode] { QApplication::exit(exitCode); }, Qt::QueuedConnection);
}

} // namespace lamina
