#pragma once
// Preferences: the language, the tile cache budget (MiB), the disk cache for slides read from
// DICOMweb archives (MiB, 0 = off) and a certificate authority file (PEM) to trust for
// in-house archives; OK refuses a file that holds no certificate, saying so.
// Thread-safety: GUI thread only.

#include <QDialog>
#include <QString>

#include <cstdint>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace lamina {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    // `language`: AppSettings::uiLanguage ("" = the system's, "en", "fr").
    PreferencesDialog(uint64_t cacheBudgetBytes, int archiveDiskCacheMegabytes,
                      const QString& trustedCaFile, const QString& language,
                      QWidget* parent = nullptr);
    uint64_t cacheBudgetBytes() const;
    int archiveDiskCacheMegabytes() const;
    QString trustedCaFile() const; // "" = none
    void accept() override;
    QString language() const;
    QComboBox* languageBox() const { return language_; }

private:
    QComboBox* language_;
    QSpinBox* cacheMiB_;
    QSpinBox* archiveDiskMiB_;
    QLineEdit* trustedCaFile_;
};

} // namespace lamina
