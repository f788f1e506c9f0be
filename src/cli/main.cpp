// lamina-cli: Lamina without the window, for scripts, tests and benchmarks. Commands (one
// class each, registered below):
//   info                    the slide's levels, scale, properties, pyramids (--json)
//   region                  a rectangle of one pyramid level to an image file
//   snapshot                a region at a resolution with annotations and a scale bar
//   export                  a large region (or a label mask) to a pyramidal TIFF
//   report                  a FHIR R4 report bundle (and a PDF sheet) of measurements
//   thumbnail / associated  the thumbnail, label or macro image
//   synth                   a synthetic pyramidal SVS (the demo and test slides)
//   annotations convert     between QuPath GeoJSON and ASAP XML (ImageScope XML read)
//   annotations stats       counts, areas and lengths per class (CSV)
//   plugins list            the analysis plugins found, broken ones with the reason
//   plugin run              a plugin over a region, an annotation or the tissue (-o, --save)
//   bench view|tiles|annotations|overlay   benchmarks (docs/performance.md)
// Exit codes: 0 ok, 1 runtime error, 2 usage error.

#include "AnnotationsConvertCommand.h"
#include "AnnotationsStatsCommand.h"
#include "ArchiveSendCommand.h"
#include "AssociatedCommand.h"
#include "BenchAnnotationsCommand.h"
#include "BenchOverlayCommand.h"
#include "BenchSoakCommand.h"
#include "BenchTilesCommand.h"
#include "BenchViewCommand.h"
#include "DicomizeCommand.h"
#include "ExportCommand.h"
#include "InfoCommand.h"
#include "PluginRunCommand.h"
#include "PluginsListCommand.h"
#include "RegionCommand.h"
#include "ReportCommand.h"
#include "SnapshotCommand.h"
#include "SynthCommand.h"
#include "ThumbnailCommand.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/core/MemoryTuning.h>

#include <QGuiApplication>

#include <iostream>

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntimeError = 1;
constexpr int kExitUsage = 2;

} // namespace

int main(int argc, char** argv) {
    using namespace lamina;
    tuneAllocatorForTiles();
    // DICOMweb runs QtNetwork on its own thread, which needs an application object (its event
    // loop never runs here); snapshots and reports draw text, which needs a GUI one. The CLI
    // shows no window, so the offscreen platform whatever the environment says.
    // Qt's own chatter (e.g. "XDG_RUNTIME_DIR not set") goes to the log at debug level, so
    // stderr keeps one line per error.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& text) {
        if (type == QtCriticalMsg || type == QtFatalMsg)
            logger().error("Qt: {}", text.toStdString());
        else
            logger().debug("Qt: {}", text.toStdString());
    });
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication qtApplication(argc, argv);
    // The viewer's name: the same data folder (annotations and results of archive slides).
    QGuiApplication::setApplicationName(QStringLiteral("Lamina"));
    CLI::App app("lamina-cli — whole-slide image tools", "lamina-cli");
    app.require_subcommand(1);
    std::string logLevel;
    app.add_option("--log-level", logLevel,
                   "trace, debug, info, warn, error, critical or off (default: $LAMINA_LOG or "
                   "warn)");

    std::vector<std::unique_ptr<cli::CliCommand>> commands;
    commands.push_back(std::make_unique<cli::AnnotationsConvertCommand>());
    commands.push_back(std::make_unique<cli::AnnotationsStatsCommand>());
    commands.push_back(std::make_unique<cli::InfoCommand>());
    commands.push_back(std::make_unique<cli::RegionCommand>());
    commands.push_back(std::make_unique<cli::SnapshotCommand>());
    commands.push_back(std::make_unique<cli::ExportCommand>());
    commands.push_back(std::make_unique<cli::ReportCommand>());
    commands.push_back(std::make_unique<cli::ThumbnailCommand>());
    commands.push_back(std::make_unique<cli::AssociatedCommand>());
    commands.push_back(std::make_unique<cli::SynthCommand>());
    commands.push_back(std::make_unique<cli::DicomizeCommand>());
    commands.push_back(std::make_unique<cli::ArchiveSendCommand>());
    commands.push_back(std::make_unique<cli::BenchViewCommand>());
    commands.push_back(std::make_unique<cli::BenchTilesCommand>());
    commands.push_back(std::make_unique<cli::BenchAnnotationsCommand>());
    commands.push_back(std::make_unique<cli::BenchOverlayCommand>());
    commands.push_back(std::make_unique<cli::BenchSoakCommand>());
    commands.push_back(std::make_unique<cli::PluginsListCommand>());
    commands.push_back(std::make_unique<cli::PluginRunCommand>());
    std::vector<std::pair<CLI::App*, cli::CliCommand*>> registered;
    for (auto& command : commands)
        registered.emplace_back(command->configure(app), command.get());

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e); // prints the message and usage hint
        return kExitUsage;
    }

    try {
        initLogging(logLevel.empty() ? std::nullopt : std::optional<std::string>(logLevel));
    } catch (const Error& e) {
        std::cerr << "lamina-cli: " << e.what() << '\n';
        return kExitUsage;
    }

    for (auto& [sub, command] : registered) {
        if (!sub->parsed())
            continue;
        try {
            return command->run();
        } catch (const Error& e) {
            std::cerr << "lamina-cli: " << e.what() << '\n';
            // Impossible requests (bad level, size, option value) are usage errors.
            return e.kind() == ErrorKind::InvalidArgument ? kExitUsage : kExitRuntimeError;
        } catch (const std::exception& e) {
            std::cerr << "lamina-cli: unexpected error: " << e.what() << '\n';
            return kExitRuntimeError;
        }
    }
    return kExitUsage;
}
