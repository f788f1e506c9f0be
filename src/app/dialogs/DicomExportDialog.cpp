#include "dialogs/DicomExportDialog.h"

#include "dialogs/DicomSeriesOptionsBox.h"
#include "dialogs/ExportContext.h"

#include <lamina/slide/writer/DicomSlideWriter.h>

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace lamina {

DicomExportDialog::DicomExportDialog(std::shared_ptr<const SlideSource> slide,
                                     const QString& slideName, QWidget* parent)
    : JobDialog(tr("&Export"), parent), slide_(std::move(slide)), slideName_(slideName),
      options_(new DicomSeriesOptionsBox(slide_, this)), output_(new QLineEdit(this)) {
    setWindowTitle(tr("Export Slide as DICOM — %1").arg(slideName_));
    output_->setObjectName(QStringLiteral("outputFolder"));
    output_->setPlaceholderText(tr("A new folder for the DICOM files"));
    output_->setText(
        QDir(defaultOutputFolder(*slide_))
            .filePath(QFileInfo(slideName_).completeBaseName() + QStringLiteral("-DICOM")));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(output_, 1);
    outputRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Folder:"), outputRow);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(options_);
    layout->addLayout(form);
    layout->addWidget(progressBar());
    layout->addWidget(statusLabel());
    layout->addWidget(buttons());
    setMinimumWidth(620);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(
            this, tr("Folder for the DICOM files (new or empty)"), outputFolder());
        if (!folder.isEmpty())
            setOutputFolder(folder);
    });
    connect(startButton(), &QPushButton::clicked, this, [this] { start(); });
}

QString DicomExportDialog::outputFolder() const {
    return output_->text().trimmed();
}

void DicomExportDialog::setOutputFolder(const QString& folder) {
    output_->setText(folder);
}

bool DicomExportDialog::start() {
    const QString folder = outputFolder();
    if (folder.isEmpty()) {
        showStatus(tr("Choose a folder for the DICOM files."), true);
        return false;
    }
    if (const QString bad = options_->validationError(); !bad.isEmpty()) {
        showStatus(bad, true);
        return false;
    }
    const DicomSlideWriteOptions options = options_->options();
    return runJob(tr("Writing the DICOM series…"), tr("Export cancelled; nothing written."),
                  [slide = slide_, options, folder](const JobProgress& progress) {
                      const DicomSlideWriteResult r = writeDicomSlide(
                          *slide, folder.toStdString(), options, [&](uint64_t done, uint64_t all) {
                              return progress(all ? double(done) / double(all) : 0, {});
                          });
                      QString message =
                          tr("Written: %1 (%n DICOM file(s), %2 MB)", "", int(r.files.size()))
                              .arg(folder)
                              .arg(double(r.bytes) / 1e6, 0, 'f', 1);
                      if (!r.pseudonym.empty())
                          message += QLatin1Char(' ') +
                                     tr("Pseudonym: %1.").arg(QString::fromStdString(r.pseudonym));
                      return JobOutcome{true, message, folder};
                  });
}

} // namespace lamina
