#pragma once
// Preferences: the tile cache budget (MiB) and the disk cache for slides read from DICOMweb
// archives (MiB, 0 = off).
// Thread-safety: GUI thread only.

#include <QDialog>
#include <QString>

#include <cstdint>

class QComboBox;
class QSpinBox;

namespace lamina {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    // `language`: AppSettings::uiLanguage ("" = the system's, "en", "fr").
    PreferencesDialog(uint64_t cacheBudgetBytes, int archiveDiskCacheMegabytes,
                      const QString& language, QWidget* parent = nullptr);
    uint64_t cacheBudgetBytes() const;
    int archiveDiskCacheMegabytes() const;
    QString language() const;
    QComboBox* languageBox() const { return language_; }

private:
    QComboBox* language_;
    QSpinBox* cacheMiB_;
    QSpinBox* archiveDiskMiB_;
};

} // namespace lamina
