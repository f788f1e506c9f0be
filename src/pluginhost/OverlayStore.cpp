#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/core/Error.h>
#include <lamina/pluginhost/OverlayStore.h>
#include <lamina/pluginhost/PluginRasterFile.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

namespace lamina {
namespace {

constexpr int kManifestVersion = 1;
using State = PluginRun::State;

QString stateName(State s) {
    switch (s) {
    case State::Running:
        return QStringLiteral("running");
    case State::Finished:
        return QStringLiteral("finished");
    case State::Failed:
        return QStringLiteral("failed");
    case State::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

State stateNamed(const QString& name) {
    for (auto s : {State::Finished, State::Failed, State::Cancelled})
        if (stateName(s) == name)
            return s;
    // A run cannot go on after a restart: whatever was saved while running is partial.
    return State::Cancelled;
}

} // namespace

OverlayStore::OverlayStore(std::filesystem::path folder) : folder_(std::move(folder)) {}

std::filesystem::path OverlayStore::folderBeside(const std::filesystem::path& annotations) {
    return std::filesystem::path(annotations).replace_extension(".overlays");
}

std::filesystem::path OverlayStore::fileOf(const QString& id, const char* extension) const {
    return folder_ / (id.toStdString() + extension);
}

QString OverlayStore::newId(const QString& pluginId,
                            const std::function<bool(const QString&)>& taken) const {
    for (int n = 1;; ++n) {
        const QString id = QStringLiteral("%1-%2").arg(pluginId).arg(n);
        if ((!taken || !taken(id)) &&
            (folder_.empty() || !std::filesystem::exists(fileOf(id, ".json"))))
            return id;
    }
}

void OverlayStore::saveManifest(const OverlayManifest& m) {
    if (folder_.empty())
        return;
    QJsonObject plugin{{"id", m.plugin.id}, {"name", m.plugin.name}, {"version", m.plugin.version}};
    QJsonObject measurements;
    for (const auto& [name, value] : m.measurements)
        measurements.insert(QString::fromStdString(name), value);
    QJsonObject manifest{
        {"format", "lamina-overlay"},
        {"version", kManifestVersion},
        {"plugin", plugin},
        {"target", m.target},
        {"parameters", QJsonObject::fromVariantMap(m.parameters)},
        {"state", stateName(m.state)},
        {"error", m.error},
        {"measurements", measurements},
        {"visible", m.visible},
        {"opacity", m.opacity},
        {"colour_map", m.colourMap},
        {"fade_low_values", m.fadeLowValues},
        {"outline_colour", m.outlineColour},
        {"raster", m.hasRaster ? QJsonValue(m.id + ".tif") : QJsonValue()},
        {"detections", m.hasDetections ? QJsonValue(m.id + ".geojson") : QJsonValue()},
    };
    const std::filesystem::path path = fileOf(m.id, ".json");
    std::error_code ignored;
    std::filesystem::create_directories(folder_, ignored);
    QSaveFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(manifest).toJson()) < 0 ||
        !file.commit())
        throw Error(ErrorKind::Io, path.string(),
                    "cannot save the overlay settings: " + file.errorString().toStdString());
}

void OverlayStore::save(const OverlayManifest& manifest, const std::optional<PluginRaster>& raster,
                        const AnnotationDocument* detections,
                        std::optional<double> slideMicronsPerPixel) {
    if (folder_.empty())
        return;
    std::error_code error;
    std::filesystem::create_directories(folder_, error);
    if (error)
        throw Error(ErrorKind::Io, folder_.string(),
                    "cannot create the results folder: " + error.message());
    OverlayManifest m = manifest;
    m.hasRaster = raster.has_value();
    m.hasDetections = detections && detections->annotationCount() > 0;
    if (raster)
        writeRasterTiff(*raster, m.plugin, slideMicronsPerPixel, fileOf(m.id, ".tif"));
    if (m.hasDetections)
        writeAnnotationFile(*detections, fileOf(m.id, ".geojson"), AnnotationFormat::GeoJson);
    saveManifest(m);
}

void OverlayStore::remove(const QString& id) {
    if (folder_.empty())
        return;
    for (const char* extension : {".json", ".tif", ".geojson"}) {
        std::error_code ignored;
        std::filesystem::remove(fileOf(id, extension), ignored);
    }
}

OverlayStore::Loaded OverlayStore::load() const {
    Loaded loaded;
    std::error_code error;
    if (folder_.empty() || !std::filesystem::is_directory(folder_, error))
        return loaded;
    std::vector<std::filesystem::path> manifests;
    for (const auto& entry : std::filesystem::directory_iterator(folder_, error))
        if (entry.path().extension() == ".json")
            manifests.push_back(entry.path());
    std::sort(manifests.begin(), manifests.end()); // a stable order between sessions
    for (const std::filesystem::path& path : manifests) {
        try {
            QFile file(QString::fromStdString(path.string()));
            if (!file.open(QIODevice::ReadOnly))
                throw Error(ErrorKind::Io, path.string(), file.errorString().toStdString());
            QJsonParseError parse{};
            const QJsonObject j = QJsonDocument::fromJson(file.read(1 << 20), &parse).object();
            if (parse.error != QJsonParseError::NoError || j.value("format") != "lamina-overlay")
                throw Error(ErrorKind::Corrupt, path.string(), "not a Lamina overlay description");
            if (j.value("version").toInt() != kManifestVersion)
                throw Error(ErrorKind::UnsupportedFormat, path.string(),
                            "overlay description version " +
                                std::to_string(j.value("version").toInt()) + " is not supported");
            SavedOverlay o;
            OverlayManifest& m = o.manifest;
            m.id = QString::fromStdString(path.stem().string());
            const QJsonObject plugin = j.value("plugin").toObject();
            m.plugin.id = plugin.value("id").toString();
            m.plugin.name = plugin.value("name").toString(m.plugin.id);
            m.plugin.version = plugin.value("version").toString();
            m.target = j.value("target").toString();
            m.parameters = j.value("parameters").toObject().toVariantMap();
            m.state = stateNamed(j.value("state").toString());
            m.error = j.value("error").toString();
            const QJsonObject measurements = j.value("measurements").toObject();
            for (auto it = measurements.begin(); it != measurements.end(); ++it)
                m.measurements[it.key().toStdString()] = it.value().toDouble();
            m.visible = j.value("visible").toBool(true);
            m.opacity = j.value("opacity").toDouble(0.6);
            m.fadeLowValues = j.value("fade_low_values").toBool(true);
            m.colourMap = j.value("colour_map").toString();
            m.outlineColour = j.value("outline_colour").toString();
            // The files are those named in the manifest, inside this folder only.
            const auto inFolder = [&](const QString& name) {
                if (name.contains('/') || name.contains('\\') || name == ".." || name == ".")
                    throw Error(ErrorKind::Corrupt, path.string(),
                                "names a file outside its folder: " + name.toStdString());
                return folder_ / name.toStdString();
            };
            if (const QString raster = j.value("raster").toString(); !raster.isEmpty()) {
                o.raster = readRasterTiff(inFolder(raster));
                m.hasRaster = true;
            }
            if (const QString found = j.value("detections").toString(); !found.isEmpty()) {
                o.detections = readAnnotationFile(inFolder(found));
                m.hasDetections = true;
            }
            loaded.overlays.push_back(std::move(o));
        } catch (const std::exception& e) {
            loaded.errors.push_back(QString::fromStdString(e.what()));
        }
    }
    return loaded;
}

} // namespace lamina
