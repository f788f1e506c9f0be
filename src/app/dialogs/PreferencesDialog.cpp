#include "dialogs/PreferencesDialog.h"

#include <lamina/cache/TileCache.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSslCertificate>

#include <algorithm>

namespace lamina {

PreferencesDialog::PreferencesDialog(uint64_t cacheBudgetBytes, int archiveDiskCacheMegabytes,
                                     const QString& trustedCaFile, const QString& language,
                                     QWidget* parent)
    : QDialog(parent), language_(new QComboBox(this)) {
    setWindowTitle(tr("Preferences"));
    auto* form = new QFormLayout(this);
    // Each language named in itself, so a user lost in the other one finds theirs.
    const QString systemLanguage = QLocale::system().nativeLanguageName(); // "" for the C locale
    language_->addItem(
        systemLanguage.isEmpty() ? tr("System") : tr("System (%1)").arg(systemLanguage), QString());
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
    trustedCaFile_ = new QLineEdit(trustedCaFile, this);
    trustedCaFile_->setPlaceholderText(tr("None: the system's authorities only"));
    trustedCaFile_->setClearButtonEnabled(true);
    // Wide enough for the placeholder in either language, and a path's end.
    trustedCaFile_->setMinimumWidth(
        trustedCaFile_->fontMetrics().horizontalAdvance(trustedCaFile_->placeholderText()) + 40);
    auto* choose = new QPushButton(tr("Choose…"), this);
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Certificate authority to trust"), trustedCaFile_->text(),
            tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            trustedCaFile_->setText(file);
    });
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(trustedCaFile_, 1);
    caRow->addWidget(choose);
    form->addRow(tr("Archive certificate authority:"), caRow);
    form->addRow(new QLabel(tr("Only if your IT gives you one for an in-house archive (PEM file).\n"
                               "Archive certificates are always checked; this adds an authority\n"
                               "they may be signed by."),
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

QString PreferencesDialog::trustedCaFile() const {
    return trustedCaFile_->text().trimmed();
}

void PreferencesDialog::accept() {
    const QString file = trustedCaFile();
    if (!file.isEmpty() && QSslCertificate::fromPath(file, QSsl::Pem).isEmpty()) {
        QMessageBox::warning(this, tr("Preferences"),
                             QFileInfo::exists(file)
                                 ? tr("%1 holds no certificate (a PEM file is expected).").arg(file)
                                 : tr("%1 does not exist.").arg(file));
        return; // the dialog stays open with what the user typed
    }
    QDialog::accept();
}

} // namespace lamina
