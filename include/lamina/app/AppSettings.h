#pragma once
// Lamina's persisted preferences and state (QSettings, organisation and application
// "Lamina"): recent slides, cache budget, window geometry.
// Thread-safety: GUI thread only (QSettings instances are cheap; one per call).

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>

namespace lamina::AppSettings {

QStringList recentSlides();
void addRecentSlide(const QString& path); // most recent first, at most 10
void removeRecentSlide(const QString& path);

uint64_t cacheBudgetBytes(); // the preference, or TileCache::defaultBudgetBytes()
void setCacheBudgetBytes(uint64_t bytes);

QByteArray windowGeometry();
QByteArray windowState();
void saveWindow(const QByteArray& geometry, const QByteArray& state);

} // namespace lamina::AppSettings
