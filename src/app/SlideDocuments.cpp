#include "SlideDocuments.h"

#include "AppSettings.h"
#include "ArchiveKeychain.h"
#include "BackgroundWork.h"
#include "DemoSlide.h"
#include "SlideLocation.h"
#include "SlideView.h"
#include "annotation/AnnotationSession.h"
#include "overlay/OverlayStack.h"

#include <lamina/pluginhost/SlideStores.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/PixelSizeOverride.h>
#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>

#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStandardPaths>

#include <optional>

namespace lamina {
namespace {

// What a background open brings back to the GUI thread.
struct Opened {
    std::shared_ptr<const SlideSource> slide;
    std::optional<Error> failure;
};

} // namespace

SlideDocuments::SlideDocuments(Workspace& workspace, QWidget* dialogParent)
    : QObject(dialogParent), workspace_(workspace), dialogParent_(dialogParent) {}

SlideDocuments::~SlideDocuments() = default;

SlideView* SlideDocuments::open(const QString& location, bool quietErrors) {
    if (location.isEmpty())
        return nullptr;
    std::shared_ptr<const SlideSource> slide;
    try {
        slide = FormatRegistry::standard().open(location.toStdString());
    } catch (const Error& e) {
        reportFailure(location, e, quietErrors);
        return nullptr;
    }
    return show(location, std::move(slide));
}

void SlideDocuments::openInBackground(const QString& location) {
    if (!isArchiveAddress(location)) { // local files open in milliseconds
        open(location);
        return;
    }
    // A remembered archive (Recent, the command line) without details in this session: its
    // sign-in details come from the system keychain first. Failing that, open without them:
    // the archive's refusal then says what is wrong.
    if (const auto url = DicomWebSeriesUrl::parse(location.toStdString());
        url && !DicomWebSettings::hasCredentials(url->serviceRoot) &&
        ArchiveKeychain::isRemembered(QString::fromStdString(url->serviceRoot))) {
        const std::string root = url->serviceRoot;
        ArchiveKeychain::load(
            QString::fromStdString(root), this,
            [this, location, root](auto credentials, const QString& error) {
                if (!error.isEmpty())
                    emit statusMessage(tr("Cannot read the sign-in details from %1").arg(error),
                                       8000);
                // Set even when empty: the keychain is asked once a session.
                DicomWebSettings::setCredentials(root, credentials.value_or(DicomWebCredentials{}));
                openArchiveSlide(location);
            });
        return;
    }
    openArchiveSlide(location);
}

void SlideDocuments::openArchiveSlide(const QString& location) {
    // An archive may take seconds (metadata, retries): the window stays live, the user may
    // cancel (the answer is then dropped).
    auto* progress =
        new QProgressDialog(tr("Opening %1 from the archive…").arg(slideDisplayName(location)),
                            tr("Cancel"), 0, 0, dialogParent_);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAttribute(Qt::WA_DeleteOnClose, false);
    QPointer<QProgressDialog> dialog(progress);
    runInBackground(
        this,
        [location] {
            Opened opened;
            try {
                opened.slide = FormatRegistry::standard().open(location.toStdString());
            } catch (const Error& e) {
                opened.failure = e;
            }
            return opened;
        },
        [this, dialog, location](const Opened& opened) {
            const bool cancelled = !dialog || dialog->wasCanceled();
            if (dialog)
                dialog->deleteLater();
            if (cancelled)
                return;
            if (opened.failure)
                reportFailure(location, *opened.failure, false);
            else
                show(location, opened.slide);
        });
}

void SlideDocuments::openDemoSlide() {
    if (DemoSlide::exists()) {
        open(DemoSlide::path());
        return;
    }
    // Written on a worker thread; the progress dialog keeps the window responsive.
    auto* progress =
        new QProgressDialog(tr("Writing the demo slide (once)…"), QString(), 0, 100, dialogParent_);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setValue(0);
    QPointer<QProgressDialog> dialog(progress);
    runInBackground(
        this,
        [dialog] {
            QString error;
            try {
                DemoSlide::write([dialog](double f) {
                    // The dialog is looked at on the GUI thread only.
                    QMetaObject::invokeMethod(qApp, [dialog, f] {
                        if (dialog)
                            dialog->setValue(int(f * 100));
                    });
                });
            } catch (const Error& e) {
                error = QString::fromStdString(e.what());
            }
            return error;
        },
        [this, dialog](const QString& error) {
            if (dialog)
                dialog->deleteLater();
            if (error.isEmpty())
                open(DemoSlide::path());
            else
                QMessageBox::warning(dialogParent_, tr("Demo slide"), error);
        });
}

void SlideDocuments::reportFailure(const QString& location, const Error& e, bool quietErrors) {
    lastError_ = QString::fromStdString(e.what());
    if (e.kind() == ErrorKind::NotFound)
        AppSettings::removeRecentSlide(location);
    emit recentSlidesChanged();
    emit openFailed(location, e);
    if (!quietErrors)
        QMessageBox::warning(dialogParent_, tr("Cannot open slide"),
                             tr("<b>%1</b><p>%2</p>")
                                 .arg(slideDisplayName(location).toHtmlEscaped(),
                                      QString::fromStdString(e.cause()).toHtmlEscaped()));
}

SlideView* SlideDocuments::show(const QString& location, std::shared_ptr<const SlideSource> slide) {
    // Files are remembered by absolute path (a DICOM series by its folder when that opens it
    // too: one slide, one entry); archive addresses as they are.
    const QString canonical = QString::fromStdString(slide->metadata().canonicalLocation);
    const QString key = isArchiveAddress(location) ? location
                        : !canonical.isEmpty()     ? canonical
                                                   : QFileInfo(location).absoluteFilePath();
    const QString dataFolder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QString annotationKey = QString::fromStdString(
        annotationLocationFor(*slide, dataFolder.toStdString())); // may keep older files
    if (!isArchiveAddress(annotationKey))
        annotationKey = QFileInfo(annotationKey).absoluteFilePath();
    // A pixel size the user entered for this slide earlier (View › Pixel Size…).
    if (const auto mpp = AppSettings::pixelSizeOverride(pixelSizeKey(*slide)))
        slide = withPixelSize(std::move(slide), mpp);
    auto* view = new SlideView(std::move(slide), workspace_, nullptr);
    attachAnnotations(view, annotationKey);
    AppSettings::addRecentSlide(key);
    emit slideOpened(view, location); // the receiver parents it
    emit recentSlidesChanged();
    return view;
}

std::shared_ptr<const SlideSource>
SlideDocuments::withPixelSize(std::shared_ptr<const SlideSource> slide,
                              std::optional<double> micronsPerPixel) {
    if (const auto* overridden = dynamic_cast<const PixelSizeOverride*>(slide.get()))
        slide = overridden->originalPtr();
    if (!micronsPerPixel)
        return slide;
    return std::make_shared<PixelSizeOverride>(std::move(slide), *micronsPerPixel);
}

QString SlideDocuments::pixelSizeKey(const SlideSource& slide) {
    return QString::number(slide.id().hash(), 16);
}

void SlideDocuments::warn(const QString& title, const QString& text) {
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, dialogParent_);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // not modal: work goes on
}

void SlideDocuments::attachAnnotations(SlideView* view, const QString& location) {
    if (auto shared = sessions_[location].lock()) { // the slide is open in another view
        view->setAnnotationSession(std::move(shared));
        return;
    }
    const QString dataFolder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    auto session = std::make_shared<AnnotationSession>(
        location.toStdString(), dataFolder.toStdString(), AppSettings::annotationClasses());
    sessions_[location] = session;
    view->setAnnotationSession(session);
    undoGroup_.addStack(&session->undoStack());
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
    connect(session.get(), &AnnotationSession::saveConflict, this, [this](const QString& path) {
        warn(tr("Annotations saved to a copy"),
             tr("The annotation file changed on disk since Lamina loaded it (another program or "
                "another Lamina?). It was not overwritten: your annotations are saved to\n%1")
                 .arg(path));
    });
    connect(session.get(), &AnnotationSession::saveFailed, this, [this](const QString& message) {
        emit statusMessage(tr("Annotations NOT saved: %1 (retrying)").arg(message), 0);
    });
    // The class box lists the current slide's classes, which the class editor or an import
    // may change.
    const auto classesMayHaveChanged = [this, s = session.get()] {
        emit this->classesMayHaveChanged(s);
    };
    connect(session.get(), &AnnotationSession::changed, this, classesMayHaveChanged);
    connect(session.get(), &AnnotationSession::currentClassChanged, this, classesMayHaveChanged);
}

} // namespace lamina
