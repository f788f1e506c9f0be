#include "dialogs/PreferencesDialog.h"

#include <lamina/cache/TileCache.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>

#include <algorithm>

namespace lamina {

PreferencesDialog::PreferencesDialog(uint64_t cacheBudgetBytes, int archiveDiskCacheMegabytes,
                                     const QString& language, QWidget* parent)
    : QDialog(parent), language_(new QComboBox(this)) {
    setWindowTitle(tr("Preferences"));
    auto* form = new QFormLayout(this);
    // Each language named in itself, so a user lost in the other one finds theirs.
    language_->addItem(tr("System (%1)").arg(QLocale::system().nativeLanguageName()), QString());
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language_->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    language_->setCurrentIndex(std::max(0, language_->findData(language)));
    form->addRow(tr("Language:"), language_);
    form->addRow(new QLabel(tr("Takes effect when Lamina starts again."), this));
    cacheMiB_ = new QSpinBox(this);
    cacheMiB_->setRange(64, 64 * 1024);
    cacheMiB_->setSingleStep(128);
    cacheMiB_->setSuffix(tr(" MiB"));
    cacheMiB_->setValue(int(cacheBudgetBytes >> 20));
    form->addRow(tr("Tile cache:"), cacheMiB_);
    form->addRow(new QLabel(tr("Default: %1 MiB (1/8 of memory, 256 MiB to 4 GiB)")
                                .arg(TileCache::defaultBudgetBytes() >> 20),
                            this));
    archiveDiskMiB_ = new QSpinBox(this);
    archiveDiskMiB_->setRange(0, 1024 * 1024);
    archiveDiskMiB_->setSingleStep(1024);
    archiveDiskMiB_->setSuffix(tr(" MiB"));
    archiveDiskMiB_->setSpecialValueText(tr("Off"));
    archiveDiskMiB_->setValue(archiveDiskCacheMegabytes);
    form->addRow(tr("Archive slides on disk:"), archiveDiskMiB_);
    form->addRow(
        new QLabel(tr("Keeps tiles of slides opened from a DICOMweb archive in your cache\n"
                      "folder, so reopening them is fast. Off by default: they are\n"
                      "patients' images."),
                   this));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

uint64_t PreferencesDialog::cacheBudgetBytes() const {
    return uint64_t(cacheMiB_->value()) << 20;
}

QString PreferencesDialog::language() const {
    return language_->currentData().toString();
}

int PreferencesDialog::archiveDiskCacheMegabytes() const {
    return archiveDiskMiB_->value();
}

} // namespace lamina
