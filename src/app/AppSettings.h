#pragma once
// Lamina's persisted preferences and state (QSettings, organisation and application
// "Lamina"): recent slides, cache budget, default annotation classes, window geometry.
// Thread-safety: GUI thread only (QSettings instances are cheap; one per call).

#include <lamina/annotation/AnnotationClass.h>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace lamina::AppSettings {

QStringList recentSlides();
void addRecentSlide(const QString& path); // most recent first, at most 10
void removeRecentSlide(const QString& path);

uint64_t cacheBudgetBytes(); // the preference, or TileCache::defaultBudgetBytes()
void setCacheBudgetBytes(uint64_t bytes);

// The annotation classes new slides start with (the class editor's "Save as my defaults");
// the built-in defaults when the user saved none.
std::vector<AnnotationClass> annotationClasses();
void setAnnotationClasses(const std::vector<AnnotationClass>& classes);

// File › Open from Archive…: the last DICOMweb address and user name (never a password or
// a token: those are kept for the session only).
QString archiveAddress();
QString archiveUser();
void setArchive(const QString& address, const QString& user);
// The archives whose sign-in details the user keeps in the system keychain (service roots;
// the details themselves are only in the keychain: ArchiveKeychain).
QStringList rememberedArchives();
void setRememberedArchives(const QStringList& serviceRoots);

// Frames from DICOMweb archives kept on disk (MiB; 0 = off, the default: they are patients'
// images) in the user's cache folder.
int archiveDiskCacheMegabytes();
void setArchiveDiskCacheMegabytes(int megabytes);
// Applies the archive preferences (disk cache, trusted authorities) to DicomWebSettings
// (at start-up and when they change).
void applyArchiveSettings();
// A PEM file of certificate authorities trusted for DICOMweb archives beside the system's
// ("" = none), applied to DicomWebSettings when set and by applyArchiveSettings().
QString trustedCaFile();
void setTrustedCaFile(const QString& path);

// Where the user last wrote a report or an export (empty: none yet).
QString lastExportFolder();
void setLastExportFolder(const QString& folder);

// The pixel size (µm per pixel) the user entered for a slide whose file states none, by the
// slide's key (SlideDocuments::pixelSizeKey); nullopt when none was entered.
std::optional<double> pixelSizeOverride(const QString& slideId);
void setPixelSizeOverride(const QString& slideId, std::optional<double> micronsPerPixel);

// The UI language: "" follows the system, else "en" or "fr" (applies at the next start).
QString uiLanguage();
void setUiLanguage(const QString& language);

QByteArray windowGeometry();
QByteArray windowState();
void saveWindow(const QByteArray& geometry, const QByteArray& state);

} // namespace lamina::AppSettings
