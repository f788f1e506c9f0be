#pragma once
// Preferences: the tile cache budget (MiB) and the disk cache for slides read from DICOMweb
// archives (MiB, 0 = off).
// Thread-safety: GUI thread only.

#include <QDialog>

#include <cstdint>

class QSpinBox;

namespace lamina {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(uint64_t cacheBudgetBytes, int archiveDiskCacheMegabytes,
                      QWidget* parent = nullptr);
    uint64_t cacheBudgetBytes() const;
    int archiveDiskCacheMegabytes() const;

private:
    QSpinBox* cacheMiB_;
    QSpinBox* archiveDiskMiB_;
};

} // namespace lamina
