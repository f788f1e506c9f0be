#include "DemoSlide.h"

#include <lamina/slide/synthetic/SyntheticSlideWriter.h>

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace lamina::DemoSlide {

QString path() {
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return base + QStringLiteral("/Lamina/demo-tissue.svs");
}

bool exists() {
    return QFileInfo::exists(path());
}

void write(const std::function<void(double)>& progress) {
    QDir().mkpath(QFileInfo(path()).absolutePath());
    SyntheticSlideOptions options; // the same slide scripts/lamina run writes
    options.output = path().toStdString();
    options.width = 40000;
    options.height = 32000;
    options.seed = 1;
    writeSyntheticSlide(options, progress);
}

} // namespace lamina::DemoSlide
