#include "SlideLocation.h"

#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QObject>
#include <QUrl>

namespace lamina {

bool isArchiveAddress(const QString& location) {
    return location.startsWith(QStringLiteral("http://")) ||
           location.startsWith(QStringLiteral("https://"));
}

QString slideDisplayName(const QString& location) {
    if (const auto url = DicomWebSeriesUrl::parse(location.toStdString()))
        return QCoreApplication::translate("SlideLocation", "%1 · series …%2")
            .arg(QUrl(location).host(), QString::fromStdString(url->seriesUid).right(8));
    return QFileInfo(location).fileName();
}

QString slideDisplayFolder(const QString& location) {
    if (const auto url = DicomWebSeriesUrl::parse(location.toStdString()))
        return QString::fromStdString(url->serviceRoot);
    return QFileInfo(location).absolutePath();
}

QStringList slideFilePatterns() {
    // OpenSlide's vendor formats, the fast TIFF path, and DICOM instances (a series is
    // opened from any of its files, or from its folder with File › Open DICOM Folder).
    return {QStringLiteral("*.svs"),  QStringLiteral("*.tif"),  QStringLiteral("*.tiff"),
            QStringLiteral("*.ndpi"), QStringLiteral("*.vms"),  QStringLiteral("*.vmu"),
            QStringLiteral("*.scn"),  QStringLiteral("*.mrxs"), QStringLiteral("*.svslide"),
            QStringLiteral("*.bif"),  QStringLiteral("*.dcm")};
}

QString slideFileDialogFilter() {
    return QObject::tr("Slides (%1);;DICOM instances (*.dcm);;All files (*)")
        .arg(slideFilePatterns().join(QLatin1Char(' ')));
}

} // namespace lamina
