#include "dialogs/ReportDialog.h"

#include "AppSettings.h"
#include "dialogs/ResolutionEditor.h"

#include <lamina/core/Error.h>
#include <lamina/render/export/FhirReportBundle.h>
#include <lamina/render/export/ReportPdfWriter.h>

#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace lamina {

ReportDialog::ReportDialog(ExportContext context, QWidget* parent)
    : QDialog(parent), context_(std::move(context)),
      resolution_(new ResolutionEditor(context_.slide->metadata(), context_.viewDownsample, this)),
      list_(new QListWidget(this)), conclusion_(new QPlainTextEdit(this)),
      includeLabel_(new QCheckBox(tr("Include the slide label image"), this)),
      labelWarning_(new QLabel(this)), bundlePath_(new QLineEdit(this)),
      writePdf_(new QCheckBox(tr("Also write a PDF sheet beside it"), this)),
      status_(new QLabel(this)) {
    setWindowTitle(tr("Report — %1").arg(context_.slideName));
    list_->setIconSize(QSize(160, 120));
    list_->setMinimumHeight(200);
    auto* addView = new QPushButton(tr("Add the &View"), this);
    auto* addSelection = new QPushButton(tr("Add the &Selected Annotations"), this);
    auto* remove = new QPushButton(tr("&Remove"), this);
    addSelection->setEnabled(context_.has(ExportContext::Area::Selection));
    auto* snapshotButtons = new QHBoxLayout;
    snapshotButtons->addWidget(addView);
    snapshotButtons->addWidget(addSelection);
    snapshotButtons->addWidget(remove);
    snapshotButtons->addStretch(1);

    conclusion_->setPlaceholderText(tr("Conclusion (written into the report as it is)"));
    conclusion_->setMaximumHeight(110);
    const auto& associated = context_.slide->metadata().associatedImages;
    includeLabel_->setEnabled(std::find(associated.begin(), associated.end(), "label") !=
                              associated.end());
    labelWarning_->setText(tr("<b>Warning:</b> the slide label may show the patient's name or "
                              "record number. It will be in the bundle and the PDF."));
    labelWarning_->setStyleSheet(QStringLiteral("color: #b00020"));
    labelWarning_->setWordWrap(true);
    labelWarning_->setVisible(false);
    // An absolute default beside the slide (or where the user last wrote one): a relative
    // name would land in whatever folder Lamina was started from.
    bundlePath_->setText(
        QDir(defaultOutputFolder(*context_.slide))
            .filePath(QFileInfo(context_.slideName).completeBaseName() + "-report.json"));
    writePdf_->setChecked(true);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(bundlePath_, 1);
    outputRow->addWidget(browse);
    status_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Snapshot resolution:"), resolution_);
    form->addRow(tr("Snapshots:"), list_);
    form->addRow(QString(), snapshotButtons);
    form->addRow(tr("Conclusion:"), conclusion_);
    form->addRow(QString(), includeLabel_);
    form->addRow(QString(), labelWarning_);
    form->addRow(tr("FHIR bundle:"), outputRow);
    form->addRow(QString(), writePdf_);
    form->addRow(status_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* write = buttons->addButton(tr("&Write Report"), QDialogButtonBox::AcceptRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(620);

    connect(addView, &QPushButton::clicked, this,
            [this] { addSnapshot(ExportContext::Area::View); });
    connect(addSelection, &QPushButton::clicked, this,
            [this] { addSnapshot(ExportContext::Area::Selection); });
    connect(remove, &QPushButton::clicked, this, [this] { removeSnapshot(list_->currentRow()); });
    connect(includeLabel_, &QCheckBox::toggled, labelWarning_, &QLabel::setVisible);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Write report"), bundlePath_->text(), tr("FHIR R4 Bundle (*.json)"));
        if (!path.isEmpty())
            bundlePath_->setText(path);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(write, &QPushButton::clicked, this, [this] {
        const QString bundle = bundlePath();
        QString pdf;
        if (writePdf_->isChecked())
            pdf = QFileInfo(bundle).path() + "/" + QFileInfo(bundle).completeBaseName() + ".pdf";
        if (!writeTo(bundle, pdf))
            return;
        // Say where it went and offer to open it (the dialog used to close silently).
        QMessageBox box(QMessageBox::Information, tr("Report written"),
                        pdf.isEmpty() ? tr("The report was written to:\n%1").arg(bundle)
                                      : tr("The report was written to:\n%1\n%2").arg(bundle, pdf),
                        QMessageBox::Close, this);
        QPushButton* open = box.addButton(pdf.isEmpty() ? tr("Open Bundle") : tr("Open PDF"),
                                          QMessageBox::AcceptRole);
        QPushButton* folder = box.addButton(tr("Show Folder"), QMessageBox::ActionRole);
        box.exec();
        if (box.clickedButton() == open)
            QDesktopServices::openUrl(QUrl::fromLocalFile(pdf.isEmpty() ? bundle : pdf));
        else if (box.clickedButton() == folder)
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(bundle).path()));
        accept();
    });
}

void ReportDialog::showError(const QString& message) {
    status_->setText(
        QStringLiteral("<span style=\"color:#b00020\">%1</span>").arg(message.toHtmlEscaped()));
}

bool ReportDialog::addSnapshot(ExportContext::Area area) {
    SnapshotOptions o;
    resolution_->setRegionWidth(context_.rect(area, context_.viewDownsample).width());
    o.downsample = resolution_->downsample();
    o.region = context_.rect(area, o.downsample);
    o.slideName = context_.slideName.toStdString();
    o.annotations = context_.annotations.get();
    o.overlays = context_.overlays;
    try {
        snapshots_.push_back(makeReportSnapshot(*context_.slide, o));
    } catch (const Error& e) {
        showError(QString::fromStdString(e.cause()));
        return false;
    }
    const ReportSnapshot& s = snapshots_.back();
    // The caption, then the first measurements (the bundle and the PDF carry them all).
    QStringList lines{QString::fromStdString(s.snapshot.caption)};
    constexpr size_t kShown = 4;
    for (size_t i = 0; i < std::min(kShown, s.measurements.size()); ++i) {
        const ReportMeasurement& m = s.measurements[i];
        QString who =
            m.className.empty() ? tr("Unclassified") : QString::fromStdString(m.className);
        if (!m.annotationName.empty())
            who += " \"" + QString::fromStdString(m.annotationName) + "\"";
        lines << who + ": " + QString::fromStdString(describeMeasurement(m));
    }
    if (s.measurements.size() > kShown)
        lines << tr("and %n more measurement(s)", nullptr, int(s.measurements.size() - kShown));
    if (s.measurements.empty())
        lines << tr("no annotations measured");
    auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(s.snapshot.image.scaled(
                                         160, 120, Qt::KeepAspectRatio, Qt::SmoothTransformation))),
                                     lines.join('\n'), list_);
    list_->setCurrentItem(item);
    status_->setText(tr("%n snapshot(s).", nullptr, int(snapshots_.size())));
    return true;
}

void ReportDialog::removeSnapshot(int index) {
    if (index < 0 || index >= int(snapshots_.size()))
        return;
    snapshots_.erase(snapshots_.begin() + index);
    delete list_->takeItem(index);
}

Report ReportDialog::report() const {
    Report r = reportFor(*context_.slide, context_.slideName.toStdString());
    r.conclusion = conclusion_->toPlainText().toStdString();
    r.snapshots = snapshots_;
    if (includeLabel_->isChecked())
        r.label = slideLabelImage(*context_.slide);
    return r;
}

QString ReportDialog::bundlePath() const {
    // A bare name goes beside the default, never into the working directory.
    const QString text = bundlePath_->text().trimmed();
    if (text.isEmpty() || QDir::isAbsolutePath(text))
        return text;
    return QDir(defaultOutputFolder(*context_.slide)).filePath(text);
}

bool ReportDialog::writeTo(const QString& bundlePath, const QString& pdfPath) {
    if (snapshots_.empty()) {
        showError(tr("Add at least one snapshot."));
        return false;
    }
    if (bundlePath.isEmpty()) {
        showError(tr("Choose where to write the bundle."));
        return false;
    }
    try {
        const Report r = report();
        if (!pdfPath.isEmpty())
            writeReportPdf(r, pdfPath.toStdString());
        writeFhirReportBundle(r, bundlePath.toStdString());
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
    AppSettings::setLastExportFolder(QFileInfo(bundlePath).absolutePath());
    status_->setText(tr("Written: %1%2").arg(bundlePath, pdfPath.isEmpty() ? "" : " + " + pdfPath));
    return true;
}

} // namespace lamina
