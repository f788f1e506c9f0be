#pragma once
// The open slides, as documents (Tiled's DocumentManager): opens a location — a slide file, a
// folder of DICOM files, a DICOMweb series address, the demo slide — into a new SlideView with
// its annotations attached, locally at once or from an archive on a background thread behind
// a cancellable progress dialog; keeps one AnnotationSession per slide location, shared by
// every view of it, and the QUndoGroup their undo stacks belong to; remembers recent slides.
// The window (MainWindow, later a case or a split view) decides where a view goes: it takes
// the view in `slideOpened`, before open() returns.
// Thread-safety: GUI thread only.

#include <lamina/core/Error.h>

#include <QObject>
#include <QString>
#include <QUndoGroup>

#include <map>
#include <memory>
#include <optional>

class QWidget;

namespace lamina {

class AnnotationSession;
class SlideSource;
class SlideView;
class Workspace;

class SlideDocuments : public QObject {
    Q_OBJECT
public:
    // `dialogParent`: where progress dialogs and warnings are shown.
    SlideDocuments(Workspace& workspace, QWidget* dialogParent);
    ~SlideDocuments() override;

    // Opens `location` and waits for it. On failure shows the reason in a dialog (unless
    // `quietErrors`), emits openFailed and returns nullptr.
    SlideView* open(const QString& location, bool quietErrors = false);
    // The same for interactive use: an archive address opens on a worker thread behind a
    // cancellable progress dialog (the window stays live), with the sign-in details from the
    // system keychain when the user chose to remember that archive's; files open at once.
    void openInBackground(const QString& location);
    // Opens the demo slide, writing it first (once, in the background) when it does not exist.
    void openDemoSlide();

    // Records a failure about `location` (lastError), forgets a missing one from the recent
    // slides, and shows the reason unless `quietErrors`.
    void reportFailure(const QString& location, const Error& e, bool quietErrors);

    // `slide` shown with a user-entered pixel size (PixelSizeOverride), or with the file's own
    // when nullopt; an earlier override is replaced, not stacked.
    static std::shared_ptr<const SlideSource>
    withPixelSize(std::shared_ptr<const SlideSource> slide, std::optional<double> micronsPerPixel);
    // The settings key of a slide's remembered pixel size.
    static QString pixelSizeKey(const SlideSource& slide);

    QUndoGroup& undoGroup() { return undoGroup_; }
    // The message of the last open failure (for tests and --screenshot).
    QString lastError() const { return lastError_; }
    void setLastError(const QString& message) { lastError_ = message; }

signals:
    // A new view of the slide opened from `location` (as given), not yet parented: the
    // receiver puts it in place.
    void slideOpened(lamina::SlideView* view, const QString& location);
    void openFailed(const QString& location, const lamina::Error& error);
    void recentSlidesChanged();
    // A transient message for the status bar (timeout in ms, 0 = until replaced).
    void statusMessage(const QString& text, int timeoutMs);
    // The class list or the current class of `session` may have changed.
    void classesMayHaveChanged(lamina::AnnotationSession* session);

private:
    SlideView* show(const QString& location, std::shared_ptr<const SlideSource> slide);
    void openArchiveSlide(const QString& location);
    void attachAnnotations(SlideView* view, const QString& location);
    void warn(const QString& title, const QString& text);

    Workspace& workspace_;
    QWidget* dialogParent_;
    QUndoGroup undoGroup_; // the current slide's annotation undo stack is the active one
    // One annotation session per slide location, shared by the views showing it.
    std::map<QString, std::weak_ptr<AnnotationSession>> sessions_;
    QString lastError_;
};

} // namespace lamina
