#pragma once
// Preferences: the tile cache budget (MiB).
// Thread-safety: GUI thread only.

#include <QDialog>

#include <cstdint>

class QSpinBox;

namespace lamina {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(uint64_t cacheBudgetBytes, QWidget* parent = nullptr);
    uint64_t cacheBudgetBytes() const;

private:
    QSpinBox* cacheMiB_;
};

} // namespace lamina
