#include "dialogs/SendToArchiveDialog.h"

#include "dialogs/ArchiveSignInBox.h"
#include "dialogs/DicomSeriesOptionsBox.h"

#include <lamina/core/Error.h>
#include <lamina/pluginhost/SlideStores.h>
#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>
#include <lamina/slide/dicomweb/SlideToArchive.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace lamina {
namespace {

// Written into the series (SeriesDescription) in English: the archive's words, not the UI's.
std::string purposeText(SendToArchiveDialog::Purpose purpose) {
    switch (purpose) {
    case SendToArchiveDialog::Purpose::Teaching:
        return "teaching";
    case SendToArchiveDialog::Purpose::Research:
        return "research";
    case SendToArchiveDialog::Purpose::Other:
        break;
    }
    return {};
}

} // namespace

SendToArchiveDialog::SendToArchiveDialog(std::shared_ptr<const SlideSource> slide,
                                         const QString& slideName,
                                         std::filesystem::path annotationFile, QWidget* parent)
    : JobDialog(tr("&Send"), parent), slide_(std::move(slide)), slideName_(slideName),
      annotationFile_(std::move(annotationFile)),
      staging_(QStandardPaths::writableLocation(QStandardPaths::CacheLocation).toStdString() +
               "/outgoing"),
      archive_(new ArchiveSignInBox(this)), purpose_(new QComboBox(this)),
      options_(new DicomSeriesOptionsBox(slide_, this)),
      annotations_(new QCheckBox(tr("Open the archive copy with this slide's annotations"), this)) {
    setWindowTitle(tr("Send to Archive — %1").arg(slideName_));
    purpose_->setObjectName(QStringLiteral("purpose"));
    purpose_->addItem(tr("Teaching"));
    purpose_->addItem(tr("Research"));
    purpose_->addItem(tr("Other"));
    purpose_->setToolTip(tr("Written into the series. Teaching and research de-identify the "
                            "slide unless you untick it."));
    annotations_->setObjectName(QStringLiteral("keepAnnotations"));
    annotations_->setToolTip(
        tr("The annotations and analysis results made here are copied to the archive copy on "
           "this computer. They are not sent to the archive."));
    std::error_code ec;
    annotations_->setChecked(!annotationFile_.empty() &&
                             std::filesystem::exists(annotationFile_, ec));
    annotations_->setEnabled(annotations_->isChecked());

    auto* why = new QGroupBox(tr("Slide of interest"), this);
    auto* whyForm = new QFormLayout(why);
    whyForm->addRow(tr("Shared for:"), purpose_);
    whyForm->addRow(annotations_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(archive_);
    layout->addWidget(why);
    layout->addWidget(options_);
    layout->addWidget(progressBar());
    layout->addWidget(statusLabel());
    openCopy_ = buttons()->addButton(tr("&Open Archive Copy"), QDialogButtonBox::ActionRole);
    openCopy_->setVisible(false);
    layout->addWidget(buttons());
    setMinimumWidth(640);

    const auto purposeChanged = [this] {
        const auto p = Purpose(purpose_->currentIndex());
        options_->deidentifyBox()->setChecked(p == Purpose::Teaching || p == Purpose::Research);
    };
    connect(purpose_, &QComboBox::currentIndexChanged, this, purposeChanged);
    purposeChanged();
    connect(startButton(), &QPushButton::clicked, this, [this] { start(); });
    connect(openCopy_, &QPushButton::clicked, this, [this] {
        emit openRequested(sentSeries_);
        accept();
    });
    // Another archive or other options: what was sent before is not this send's result.
    const auto forgetSent = [this] {
        openCopy_->setVisible(false);
        startButton()->setText(tr("&Send"));
    };
    connect(archive_, &ArchiveSignInBox::addressChanged, this, forgetSent);
    connect(options_, &DicomSeriesOptionsBox::changed, this, forgetSent);
}

bool SendToArchiveDialog::start() {
    const QString root = archive_->serviceRoot();
    if (root.isEmpty()) {
        showStatus(tr("Give the archive's DICOMweb address first."), true);
        return false;
    }
    if (const QString bad = options_->validationError(); !bad.isEmpty()) {
        showStatus(bad, true);
        return false;
    }
    DicomSlideWriteOptions options = options_->options();
    options.purpose = purposeText(Purpose(purpose_->currentIndex()));
    DicomWebOptions clientOptions = archive_->clientOptions();
    clientOptions.retries = 2;        // an upload of minutes rides out a short hiccup
    clientOptions.timeoutMs = 120000; // one request carries up to 64 MB
    const std::filesystem::path annotations =
        annotations_->isChecked() ? annotationFile_ : std::filesystem::path();
    const std::filesystem::path dataFolder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation).toStdString();
    openCopy_->setVisible(false);
    return runJob(
        tr("Converting to DICOM…"),
        tr("Sending cancelled. Send Again sends only what the archive "
           "lacks."),
        [slide = slide_, options, clientOptions, root, staging = staging_, annotations,
         dataFolder](const JobProgress& progress) {
            const DicomWebClient client(root.toStdString(), clientOptions);
            // One bar: converting is the first 40 %, sending the rest.
            SlideToArchiveStage shown = SlideToArchiveStage::Converting;
            const SlideToArchiveResult r = sendSlideToArchive(
                *slide, client, options, staging,
                [&](SlideToArchiveStage stage, uint64_t done, uint64_t all) {
                    const double part = all ? double(done) / double(all) : 0;
                    QString status;
                    if (stage != shown) {
                        shown = stage;
                        status = tr("Sending to %1…").arg(root);
                    }
                    return progress(stage == SlideToArchiveStage::Converting ? 0.4 * part
                                                                             : 0.4 + 0.6 * part,
                                    status);
                });
            DicomWebSeriesUrl url;
            url.serviceRoot = root.toStdString();
            url.studyUid = r.studyUid;
            url.seriesUid = r.seriesUid;
            const QString address = QString::fromStdString(url.toString());
            QString message = tr("The archive holds the slide: %n instance(s) sent (%1 MB)", "",
                                 int(r.upload.sent))
                                  .arg(double(r.upload.bytesSent) / 1e6, 0, 'f', 1);
            if (r.upload.alreadyThere > 0)
                message += QLatin1Char(' ') +
                           tr("(%n already in the archive)", "", int(r.upload.alreadyThere));
            message += QLatin1Char('.');
            if (!r.pseudonym.empty())
                message += QLatin1Char(' ') +
                           tr("Pseudonym: %1.").arg(QString::fromStdString(r.pseudonym));
            if (!annotations.empty()) {
                // The upload succeeded: a failure here must not read as a failed send.
                try {
                    switch (carryAnnotations(annotations, url.toString(), dataFolder)) {
                    case AnnotationCarryOver::Copied:
                        message += QLatin1Char(' ') +
                                   tr("The archive copy opens with this slide's annotations.");
                        break;
                    case AnnotationCarryOver::DestinationAlreadyHasSome:
                        message += QLatin1Char(' ') +
                                   tr("The archive copy already had annotations on this "
                                      "computer: they were kept, not replaced.");
                        break;
                    case AnnotationCarryOver::NothingToCarry:
                        break;
                    }
                } catch (const Error& e) {
                    message += QLatin1Char(' ') + tr("The annotations were not copied: %1")
                                                      .arg(QString::fromStdString(e.what()));
                }
            }
            return JobOutcome{true, message, address};
        });
}

void SendToArchiveDialog::jobEnded(const JobOutcome& outcome) {
    if (outcome.ok) {
        sentSeries_ = outcome.made;
        archive_->afterSuccess();       // the archive accepted the sign-in: keep or forget it
        archive_->rememberForSession(); // and the archive copy opens with it
        openCopy_->setVisible(true);
        startButton()->setText(tr("&Send"));
    } else {
        startButton()->setText(tr("&Send Again"));
        startButton()->setToolTip(tr("Sends only what the archive lacks"));
    }
}

} // namespace lamina
