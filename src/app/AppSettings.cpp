#include "AppSettings.h"

#include <lamina/cache/TileCache.h>
#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>

#include <QColor>
#include <QSettings>
#include <QStandardPaths>

namespace lamina::AppSettings {
namespace {

QSettings settings() {
    return QSettings(QStringLiteral("Lamina"), QStringLiteral("Lamina"));
}
constexpr int kMaxRecent = 10;

} // namespace

QStringList recentSlides() {
    return settings().value("recentSlides").toStringList();
}

void addRecentSlide(const QString& path) {
    QStringList list = recentSlides();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    settings().setValue("recentSlides", list);
}

void removeRecentSlide(const QString& path) {
    QStringList list = recentSlides();
    list.removeAll(path);
    settings().setValue("recentSlides", list);
}

QString archiveAddress() {
    return settings().value("archive/address").toString();
}

QString archiveUser() {
    return settings().value("archive/user").toString();
}

void setArchive(const QString& address, const QString& user) {
    settings().setValue("archive/address", address);
    settings().setValue("archive/user", user);
}

QStringList rememberedArchives() {
    return settings().value("archive/rememberedInKeychain").toStringList();
}

void setRememberedArchives(const QStringList& serviceRoots) {
    settings().setValue("archive/rememberedInKeychain", serviceRoots);
}

int archiveDiskCacheMegabytes() {
    return std::max(0, settings().value("archive/diskCacheMegabytes", 0).toInt());
}

void setArchiveDiskCacheMegabytes(int megabytes) {
    settings().setValue("archive/diskCacheMegabytes", std::max(0, megabytes));
    applyArchiveSettings();
}

QString trustedCaFile() {
    return settings().value("archive/trustedCaFile").toString();
}

void setTrustedCaFile(const QString& path) {
    settings().setValue("archive/trustedCaFile", path);
    DicomWebSettings::setTrustedCaFile(path.toStdString());
}

void applyArchiveSettings() {
    DicomWebSettings::setTrustedCaFile(trustedCaFile().toStdString());
    const int megabytes = archiveDiskCacheMegabytes();
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                           QStringLiteral("/dicomweb");
    try {
        DicomWebSettings::setDiskCache(megabytes > 0 ? folder.toStdString() : std::string(),
                                       uint64_t(megabytes) << 20);
    } catch (const Error& e) {
        logger().warn("archive disk cache off: {}", e.what());
    }
}

uint64_t cacheBudgetBytes() {
    const qulonglong stored = settings().value("cacheBudgetBytes", 0ULL).toULongLong();
    return stored ? stored : TileCache::defaultBudgetBytes();
}

void setCacheBudgetBytes(uint64_t bytes) {
    settings().setValue("cacheBudgetBytes", qulonglong(bytes));
}

std::vector<AnnotationClass> annotationClasses() {
    // Stored as "name\t#rrggbb" strings: readable in the settings file, no binary blobs.
    std::vector<AnnotationClass> classes;
    for (const QString& entry : settings().value("annotationClasses").toStringList()) {
        const qsizetype tab = entry.lastIndexOf(QLatin1Char('\t'));
        const QColor colour(entry.mid(tab + 1));
        if (tab > 0 && colour.isValid())
            classes.push_back({entry.left(tab).toStdString(), uint32_t(colour.rgb() & 0xFFFFFF)});
    }
    return classes.empty() ? AnnotationClass::defaults() : classes;
}

void setAnnotationClasses(const std::vector<AnnotationClass>& classes) {
    QStringList entries;
    for (const AnnotationClass& c : classes)
        entries << QString::fromStdString(c.name) + QLatin1Char('\t') +
                       QColor::fromRgb(QRgb(c.rgb)).name();
    settings().setValue("annotationClasses", entries);
}

QString lastExportFolder() {
    return settings().value("export/lastFolder").toString();
}
void setLastExportFolder(const QString& folder) {
    settings().setValue("export/lastFolder", folder);
}

// Slide keys are hex text: safe as settings keys.
std::optional<double> pixelSizeOverride(const QString& slideId) {
    bool ok = false;
    const double mpp = settings().value("pixelSize/" + slideId).toDouble(&ok);
    return ok && mpp > 0 && mpp < 1000 ? std::optional<double>(mpp) : std::nullopt;
}
void setPixelSizeOverride(const QString& slideId, std::optional<double> micronsPerPixel) {
    if (micronsPerPixel)
        settings().setValue("pixelSize/" + slideId, *micronsPerPixel);
    else
        settings().remove("pixelSize/" + slideId);
}

QString uiLanguage() {
    return settings().value("ui/language").toString();
}
void setUiLanguage(const QString& language) {
    settings().setValue("ui/language", language);
}

QByteArray windowGeometry() {
    return settings().value("window/geometry").toByteArray();
}
QByteArray windowState() {
    return settings().value("window/state").toByteArray();
}

void saveWindow(const QByteArray& geometry, const QByteArray& state) {
    auto s = settings();
    s.setValue("window/geometry", geometry);
    s.setValue("window/state", state);
}

} // namespace lamina::AppSettings
