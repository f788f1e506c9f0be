#pragma once
// How the app names a slide's location in tabs, menus and the welcome page: a file by its
// name and folder; a DICOMweb series address (never shown whole: it is long and mostly UIDs)
// by its archive's host and the end of its series UID, with the archive's address as its
// "folder". The full location is always the tooltip.
// Thread-safety: stateless.

#include <QString>

namespace lamina {

bool isArchiveAddress(const QString& location); // http:// or https://
QString slideDisplayName(const QString& location);
QString slideDisplayFolder(const QString& location);

} // namespace lamina
