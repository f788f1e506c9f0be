#pragma once
// File › Export › Slide as DICOM…: the whole slide as a DICOM VL Whole Slide Microscopy Image
// series in a new folder (writeDicomSlide), with the patient / specimen form, de-identification
// and pixel choices of DicomSeriesOptionsBox (which says which levels are copied without
// decoding). Runs in the background with
// progress and Cancel; a cancel or an error leaves no folder behind.
// Thread-safety: GUI thread only (JobDialog).

#include "dialogs/JobDialog.h"

#include <lamina/slide/SlideSource.h>

#include <memory>

class QLineEdit;

namespace lamina {

class DicomSeriesOptionsBox;

class DicomExportDialog : public JobDialog {
    Q_OBJECT
public:
    DicomExportDialog(std::shared_ptr<const SlideSource> slide, const QString& slideName,
                      QWidget* parent = nullptr);

    DicomSeriesOptionsBox* seriesOptions() const { return options_; }
    QString outputFolder() const;
    void setOutputFolder(const QString& folder);
    // Starts the export; false (the reason shown) when it cannot start.
    bool start();

private:
    std::shared_ptr<const SlideSource> slide_;
    QString slideName_;
    DicomSeriesOptionsBox* options_;
    QLineEdit* output_;
};

} // namespace lamina
