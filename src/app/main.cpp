// lamina: the desktop viewer. `lamina [SLIDE...]` opens slides in tabs;
// `lamina --screenshot OUT.png [--size WxH] [--center X,Y] [--magnification M] SLIDE` writes a
// grab of the real window once the view is sharp (for documentation and tests).

#include "AppSettings.h"
#include "MainWindow.h"
#include "ScreenshotRunner.h"
#include "SlideDocuments.h"
#include "Workspace.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/core/MemoryTuning.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <iostream>

namespace {

std::optional<QSize> parseSize(const QString& text) {
    const auto parts = text.split(QLatin1Char('x'));
    bool okW = false, okH = false;
    if (parts.size() != 2)
        return std::nullopt;
    const int w = parts[0].toInt(&okW), h = parts[1].toInt(&okH);
    if (!okW || !okH || w < 320 || h < 240 || w > 16384 || h > 16384)
        return std::nullopt;
    return QSize(w, h);
}

std::optional<QPointF> parsePoint(const QString& text) {
    const auto parts = text.split(QLatin1Char(','));
    bool okX = false, okY = false;
    if (parts.size() != 2)
        return std::nullopt;
    const double x = parts[0].toDouble(&okX), y = parts[1].toDouble(&okY);
    if (!okX || !okY)
        return std::nullopt;
    return QPointF(x, y);
}

int usageError(const QString& message) {
    std::cerr << "lamina: " << message.toStdString() << "\nRun with --help for usage.\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    lamina::tuneAllocatorForTiles();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Lamina"));
    QApplication::setApplicationVersion(QStringLiteral(LAMINA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lamina whole-slide image viewer"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("slides"), QStringLiteral("Slides to open"),
                                 QStringLiteral("[SLIDE...]"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Write a grab of the window once sharp, then exit"),
        QStringLiteral("OUT.png"));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH"),
                                  QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    const QCommandLineOption center(QStringLiteral("center"),
                                    QStringLiteral("View centre X,Y in level-0 pixels"),
                                    QStringLiteral("X,Y"));
    const QCommandLineOption magnification(QStringLiteral("magnification"),
                                           QStringLiteral("Magnification, e.g. 20"),
                                           QStringLiteral("M"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("Screenshot timeout in seconds"),
                                     QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption logLevel(QStringLiteral("log-level"),
                                      QStringLiteral("trace, debug, info, warn, error, off"),
                                      QStringLiteral("LEVEL"));
    const QCommandLineOption dialog(
        QStringLiteral("screenshot-dialog"),
        QStringLiteral(
            "With --screenshot: grab File › Export's snapshot, region or report dialog, or "
            "the archive dialog (searching the slide's archive)"),
        QStringLiteral("NAME"));
    const QCommandLineOption plugin(
        QStringLiteral("screenshot-plugin"),
        QStringLiteral("With --screenshot: run this analysis plugin on the view first"),
        QStringLiteral("ID"));
    const QCommandLineOption pluginParam(QStringLiteral("plugin-param"),
                                         QStringLiteral("A parameter of --screenshot-plugin"),
                                         QStringLiteral("NAME=VALUE"));
    const QCommandLineOption pluginTissue(
        QStringLiteral("plugin-tissue"),
        QStringLiteral("Run --screenshot-plugin on the whole tissue instead of the view"));
    parser.addOptions({screenshot, size, center, magnification, timeout, logLevel, dialog, plugin,
                       pluginParam, pluginTissue});
    parser.process(app);

    try {
        lamina::initLogging(parser.isSet(logLevel)
                                ? std::optional<std::string>(parser.value(logLevel).toStdString())
                                : std::nullopt);
    } catch (const lamina::Error& e) {
        return usageError(QString::fromStdString(e.what()));
    }

    lamina::AppSettings::applyArchiveDiskCache(); // off unless the user turned it on
    lamina::Workspace workspace(lamina::AppSettings::cacheBudgetBytes());
    lamina::MainWindow window(workspace);
    const QStringList slides = parser.positionalArguments();

    if (parser.isSet(screenshot)) {
        lamina::ScreenshotRequest request;
        request.output = parser.value(screenshot);
        if (slides.size() > 1)
            return usageError(QStringLiteral("--screenshot takes one slide"));
        request.slide = slides.value(0);
        request.dialog = parser.value(dialog);
        request.plugin = parser.value(plugin);
        request.pluginParameters = parser.values(pluginParam);
        request.pluginOnWholeTissue = parser.isSet(pluginTissue);
        const auto windowSize = parseSize(parser.value(size));
        if (!windowSize)
            return usageError(QStringLiteral("--size must be WxH, at least 320x240"));
        request.windowSize = *windowSize;
        if (parser.isSet(center)) {
            request.center = parsePoint(parser.value(center));
            if (!request.center)
                return usageError(QStringLiteral("--center must be X,Y"));
        }
        if (parser.isSet(magnification)) {
            bool ok = false;
            request.magnification = parser.value(magnification).toDouble(&ok);
            if (!ok || *request.magnification <= 0)
                return usageError(QStringLiteral("--magnification must be a positive number"));
        }
        bool ok = false;
        request.timeoutSeconds = parser.value(timeout).toInt(&ok);
        if (!ok || request.timeoutSeconds < 1)
            return usageError(QStringLiteral("--timeout must be a positive number of seconds"));
        lamina::ScreenshotRunner runner(request, window, workspace);
        runner.start();
        return QApplication::exec();
    }

    window.show();
    for (const QString& slide : slides)
        window.documents().openInBackground(slide);
    return QApplication::exec();
}
