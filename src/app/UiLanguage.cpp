#include "UiLanguage.h"

#include <QCoreApplication>
#include <QTranslator>

#include <memory>

namespace lamina {

QStringList uiLanguages() {
    return {QStringLiteral("en"), QStringLiteral("fr")};
}

QLocale uiLocaleFor(const QString& setting, const QLocale& system) {
    if (setting == QLatin1String("fr"))
        // A French UI keeps the user's French-speaking territory (Belgium, Canada, …).
        return system.language() == QLocale::French ? system
                                                    : QLocale(QLocale::French, QLocale::France);
    if (setting == QLatin1String("en"))
        return system.language() == QLocale::English
                   ? system
                   : QLocale(QLocale::English, QLocale::UnitedKingdom);
    // The system's: French when it is French, else English (the only other translation).
    if (system.language() == QLocale::French)
        return system;
    return system.language() == QLocale::English ? system : QLocale(QLocale::English);
}

bool installUiLanguage(QCoreApplication& app, const QLocale& locale) {
    QLocale::setDefault(locale);
    if (locale.language() != QLocale::French)
        return true;
    bool loaded = true;
    for (const char* name : {"lamina", "qt"}) {
        auto translator = std::make_unique<QTranslator>();
        if (!translator->load(locale, QString::fromLatin1(name), QStringLiteral("_"),
                              QStringLiteral(":/i18n"))) {
            loaded = false;
            continue;
        }
        // Owned by the application from here: translators must outlive every widget.
        translator->setParent(&app);
        QCoreApplication::installTranslator(translator.release());
    }
    return loaded;
}

} // namespace lamina
