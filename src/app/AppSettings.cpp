#include <lamina/app/AppSettings.h>
#include <lamina/cache/TileCache.h>

#include <QSettings>

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

uint64_t cacheBudgetBytes() {
    const qulonglong stored = settings().value("cacheBudgetBytes", 0ULL).toULongLong();
    return stored ? stored : TileCache::defaultBudgetBytes();
}

void setCacheBudgetBytes(uint64_t bytes) {
    settings().setValue("cacheBudgetBytes", qulonglong(bytes));
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
