// lamina: the desktop viewer. `lamina [SLIDE...]` opens slides in tabs;
// `lamina --screenshot OUT.png [--size WxH] [--center X,Y] [--magnification M] SLIDE` writes a
// grab of the real window once the view is sharp (for documentation and tests).

#include "AppSettings.h"
#include "MainWindow.h"
#include "ScreenshotRunner.h"
#include "SingleInstance.h"
#include "SlideDocuments.h"
#include "UiLanguage.h"
#include "Workspace.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/core/MemoryTuning.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <clocale>
#include <iostream>
#include <string_view>

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

// The options, declared once for the help-only parse and the real one.
struct CommandLine {
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QStringLiteral("Write a grab of the window once sharp, then exit"),
        QStringLiteral("OUT.png")};
    QCommandLineOption size{QStringLiteral("size"), QStringLiteral("Window size WxH"),
                            QStringLiteral("WxH"), QStringLiteral("1600x1000")};
    QCommandLineOption center{QStringLiteral("center"),
                              QStringLiteral("View centre X,Y in level-0 pixels"),
                              QStringLiteral("X,Y")};
    QCommandLineOption magnification{QStringLiteral("magnification"),
                                     QStringLiteral("Magnification, e.g. 20"), QStringLiteral("M")};
    QCommandLineOption timeout{QStringLiteral("timeout"),
                               QStringLiteral("Screenshot timeout in seconds"), QStringLiteral("S"),
                               QStringLiteral("60")};
    QCommandLineOption logLevel{QStringLiteral("log-level"),
                                QStringLiteral("trace, debug, info, warn, error, off"),
                                QStringLiteral("LEVEL")};
    QCommandLineOption dialog{
        QStringLiteral("screenshot-dialog"),
        QStringLiteral("With --screenshot: grab File › Export's snapshot, region, report or "
                       "dicom dialog, File › Send to Archive (send), the archive dialog (searching "
                       "the slide's archive), or Help's shortcuts "
                       "or about box"),
        QStringLiteral("NAME")};
    QCommandLineOption plugin{QStringLiteral("screenshot-plugin"),
                              QStringLiteral("With --screenshot: run this analysis plugin on the "
                                             "view first"),
                              QStringLiteral("ID")};
    QCommandLineOption pluginParam{QStringLiteral("plugin-param"),
                                   QStringLiteral("A parameter of --screenshot-plugin"),
                                   QStringLiteral("NAME=VALUE")};
    QCommandLineOption pluginTissue{
        QStringLiteral("plugin-tissue"),
        QStringLiteral("Run --screenshot-plugin on the whole tissue instead of the view")};
    QCommandLineOption newInstance{
        QStringLiteral("new-instance"),
        QStringLiteral("Open a new window even when Lamina already runs (by default the slides "
                       "open in new tabs of the running window)")};

    explicit CommandLine(QCommandLineParser& parser) {
        parser.setApplicationDescription(QStringLiteral(
            "Lamina whole-slide image viewer (research and education; not a medical device)"));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("slides"),
                                     QStringLiteral("Slides (files, DICOM folders or DICOMweb "
                                                    "series addresses) to open"),
                                     QStringLiteral("[SLIDE...]"));
        parser.addOptions({screenshot, size, center, magnification, timeout, logLevel, dialog,
                           plugin, pluginParam, pluginTissue, newInstance});
    }
};

bool asksOnlyForHelpOrVersion(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "-h" || a == "--help" || a == "--help-all" || a == "-?" || a == "-v" ||
            a == "--version")
            return true;
    }
    return false;
}

void nameTheApplication() {
    QCoreApplication::setApplicationName(QStringLiteral("Lamina"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LAMINA_VERSION));
}

} // namespace

int main(int argc, char** argv) {
    lamina::tuneAllocatorForTiles();
    // --help and --version need no display: answer them before the QApplication exists (it
    // aborts without one).
    if (asksOnlyForHelpOrVersion(argc, argv)) {
        QCoreApplication core(argc, argv);
        nameTheApplication();
        QCommandLineParser parser;
        const CommandLine options(parser);
        parser.process(core); // prints and exits 0
        return 0;
    }
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        std::cerr << "lamina: no display (DISPLAY and WAYLAND_DISPLAY are unset). Run it in a "
                     "desktop session, or use lamina-cli on a server.\n";
        return 1;
    }
    QApplication app(argc, argv);
    nameTheApplication();
    // Numbers in files and parsed text never follow the C locale Qt took from the system
    // (a decimal comma in French); what people read follows QLocale(), set below.
    std::setlocale(LC_NUMERIC, "C");
    lamina::installUiLanguage(app, lamina::uiLocaleFor(lamina::AppSettings::uiLanguage()));

    QCommandLineParser parser;
    const CommandLine options(parser);
    const auto& [screenshot, size, center, magnification, timeout, logLevel, dialog, plugin,
                 pluginParam, pluginTissue, newInstance] = options;
    parser.process(app);

    try {
        lamina::initLogging(parser.isSet(logLevel)
                                ? std::optional<std::string>(parser.value(logLevel).toStdString())
                                : std::nullopt);
    } catch (const lamina::Error& e) {
        return usageError(QString::fromStdString(e.what()));
    }

    // A running Lamina takes the slides (a double-click in the file manager opens a tab).
    lamina::SingleInstance instance;
    const bool useRunningInstance = !parser.isSet(screenshot) && !parser.isSet(newInstance);
    if (useRunningInstance && instance.forwardToRunning(parser.positionalArguments()))
        return 0;

    lamina::AppSettings::applyArchiveSettings(); // off unless the user turned it on
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

    if (useRunningInstance) {
        if (instance.listen())
            lamina::logger().info("single instance: listening as {}",
                                  lamina::SingleInstance::defaultName().toStdString());
        QObject::connect(&instance, &lamina::SingleInstance::openRequested, &window,
                         [&window](const QStringList& locations) {
                             for (const QString& location : locations) {
                                 lamina::logger().info("opening {} (handed over by another lamina)",
                                                       location.toStdString());
                                 window.documents().openInBackground(location);
                             }
                             window.showNormal();
                             window.raise();
                             window.activateWindow();
                         });
    }
    window.show();
    for (const QString& slide : slides)
        window.documents().openInBackground(slide);
    return QApplication::exec();
}
