#pragma once
// How the app names a slide's location in tabs, menus and the welcome page: a file by its
// name and folder; a DICOMweb series address (never shown whole: it is long and mostly UIDs)
// by its archive's host and the end of its series UID, with the archive's address as its
// "folder". The full location is always the tooltip.
// Thread-safety: stateless.

#include <QString>
#include <QStringList>

namespace lamina {

bool isArchiveAddress(const QString& location); // http:// or https://
QString slideDisplayName(const QString& location);
QString slideDisplayFolder(const QString& location);

// The file name patterns of the slide formats Lamina opens ("*.svs", "*.dcm", …): one list
// for File › Open's filters, tests and the desktop file types (resources/linux).
QStringList slideFilePatterns();
// File › Open's filter: every slide format, DICOM alone, then all files.
QString slideFileDialogFilter();

} // namespace lamina
