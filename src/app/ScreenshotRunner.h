#pragma once
// `lamina --screenshot OUT.png [--size WxH] [--center X,Y] [--magnification M]
// [--screenshot-plugin ID [--plugin-param K=V ...] [--plugin-tissue]] SLIDE`:
// opens the slide in the real main window, waits (event-driven, no polling loop) until every
// visible tile is sharp, grabs the window, writes OUT.png and quits with 0 — or with 1 and a
// message on stderr when the slide cannot be opened, the image cannot be written, or the
// view is not sharp within the timeout.
// Thread-safety: GUI thread only.

#include <QObject>
#include <QPixmap>
#include <QPointF>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <optional>

namespace lamina {

class MainWindow;
class Workspace;

struct ScreenshotRequest {
    QString output;
    QString slide;
    QSize windowSize{1600, 1000};
    std::optional<QPointF> center; // level-0 pixels
    std::optional<double> magnification;
    int timeoutSeconds = 60;
    // "snapshot", "region" or "report": grab that File › Export dialog, opened on the sharp
    // view, instead of the window (the report dialog with the view added as a snapshot).
    QString dialog;
    // Runs this analysis plugin (with these NAME=VALUE parameters) on the view, or on the
    // whole tissue, and grabs the window once its overlay is complete (or the run failed:
    // then the exit code is 1).
    QString plugin;
    QStringList pluginParameters;
    bool pluginOnWholeTissue = false;
};

class ScreenshotRunner : public QObject {
    Q_OBJECT
public:
    ScreenshotRunner(ScreenshotRequest request, MainWindow& window, Workspace& workspace);
    void start();

private:
    void checkSharp();
    bool runPlugin(); // false: the failure was reported
    QPixmap grabDialog();
    void finish(int exitCode, const QString& message);

    ScreenshotRequest request_;
    MainWindow& window_;
    Workspace& workspace_;
    QTimer timeout_;
    bool done_ = false;          // no more checks
    bool finished_ = false;      // exit requested
    bool pluginRunning_ = false; // the grab waits for it
    QString pluginFailure_;      // why the plugin run failed (the window is grabbed anyway)
};

} // namespace lamina
