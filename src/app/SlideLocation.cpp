#include "SlideLocation.h"

#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

#include <QCoreApplication>
#include <QFileInfo>
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

} // namespace lamina
