#pragma once
// File › Send to Archive…: a slide of interest into the shared DICOMweb archive. The user
// picks the archive and signs in (ArchiveSignInBox: the same addresses, sign-in and keychain
// as Open from Archive), says why it is shared (teaching, research, other: written into the
// series; teaching and research tick de-identification), fills in or de-identifies the
// patient (DicomSeriesOptionsBox), and whether the archive copy keeps this slide's
// annotations; then Send converts and uploads (sendSlideToArchive) with one progress bar and
// Cancel. After a failure (network, archive refusing an instance) Send Again resumes: the
// converted series is kept, and only what the archive lacks is sent. When the archive holds
// the slide, "Open Archive Copy" opens it from there.
// Annotations: they are not sent (DICOM annotation objects are not written yet); ticking
// the box copies them (and analysis results) to the archive copy's key on this computer
// (carryAnnotations), so the slide opened from the archive shows them.
// Thread-safety: GUI thread only (JobDialog).

#include "dialogs/JobDialog.h"

#include <lamina/slide/SlideSource.h>

#include <filesystem>
#include <memory>

class QCheckBox;
class QComboBox;

namespace lamina {

class ArchiveSignInBox;
class DicomSeriesOptionsBox;

class SendToArchiveDialog : public JobDialog {
    Q_OBJECT
public:
    enum class Purpose { Teaching = 0, Research = 1, Other = 2 };

    // `annotationFile`: where the slide's annotations are saved (empty: none to carry).
    SendToArchiveDialog(std::shared_ptr<const SlideSource> slide, const QString& slideName,
                        std::filesystem::path annotationFile, QWidget* parent = nullptr);

    ArchiveSignInBox* archive() const { return archive_; }
    DicomSeriesOptionsBox* seriesOptions() const { return options_; }
    QComboBox* purposeBox() const { return purpose_; }
    QCheckBox* annotationsBox() const { return annotations_; }
    QPushButton* openCopyButton() const { return openCopy_; }
    // Where converted series wait for the archive (default: the user's cache folder).
    void setStagingFolder(const std::filesystem::path& folder) { staging_ = folder; }
    // The archive copy's series address once sent, else empty.
    const QString& sentSeriesAddress() const { return sentSeries_; }

    // Starts converting and sending; false (the reason shown) when it cannot start.
    bool start();

signals:
    // "Open Archive Copy": the main window opens the series.
    void openRequested(const QString& seriesAddress);

private:
    void jobEnded(const JobOutcome& outcome) override;

    std::shared_ptr<const SlideSource> slide_;
    QString slideName_;
    std::filesystem::path annotationFile_;
    std::filesystem::path staging_;
    ArchiveSignInBox* archive_;
    QComboBox* purpose_;
    DicomSeriesOptionsBox* options_;
    QCheckBox* annotations_;
    QPushButton* openCopy_;
    QString sentSeries_;
};

} // namespace lamina
