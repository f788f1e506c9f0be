#pragma once
// The language of the window: French or English, from the system locale or the Preferences
// override (AppSettings::uiLanguage, applied at the next start). Installs Lamina's
// translation and Lamina's own translation of the Qt strings its window shows (standard
// buttons, file dialogs, text field menus: Debian 12 packages no Qt 6 translations), both
// compiled into the binary from resources/i18n/*.ts, and makes QLocale() the UI locale so
// every number shown uses its decimal separator.
// Thread-safety: GUI thread, once, after the QApplication is created.

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace lamina {

// The languages the UI is translated into, as AppSettings codes ("en", "fr").
QStringList uiLanguages();
// The locale the UI uses for `setting` ("" = the system's) given the system locale.
QLocale uiLocaleFor(const QString& setting, const QLocale& system = QLocale::system());
// Installs the translators for `locale` (none for English) and sets QLocale's default.
// Returns false when a translation for a French locale could not be loaded (a broken build).
bool installUiLanguage(QCoreApplication& app, const QLocale& locale);

} // namespace lamina
