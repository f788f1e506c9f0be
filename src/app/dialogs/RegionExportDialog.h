#pragma once
// File › Export › Large Region…: the view, the selected annotations or the whole slide, at a
// chosen resolution and of any size, to a pyramidal TIFF (render/export/PyramidExport) —
// the image, the image with annotation outlines, or a label mask of the annotations. The
// export runs on a worker thread with a progress bar and Cancel; the window stays responsive
// and memory stays bounded whatever the size.
// Thread-safety: GUI thread only (JobDialog: the worker touches only its copies).

#include "dialogs/ExportContext.h"
#include "dialogs/JobDialog.h"

#include <lamina/render/export/PyramidExport.h>

class QComboBox;
class QLabel;
class QLineEdit;

namespace lamina {

class ResolutionEditor;

class RegionExportDialog : public JobDialog {
    Q_OBJECT
public:
    explicit RegionExportDialog(ExportContext context, QWidget* parent = nullptr);

    PyramidExportOptions options() const; // without the progress callback
    void setOutputPath(const QString& path);
    // Starts the export in the background; false (with the reason shown) when it cannot start.
    bool start();

    QComboBox* areaBox() const { return areaBox_; }
    QComboBox* contentBox() const { return contentBox_; }
    ResolutionEditor* resolution() const { return resolution_; }

signals:
    // After the export ended: ok, or the reason (cancelled, or the error naming the file).
    void exportFinished(bool ok, const QString& message);

private:
    void updateSummary();
    void jobEnded(const JobOutcome& outcome) override;

    ExportContext context_;
    QComboBox* areaBox_;
    ResolutionEditor* resolution_;
    QComboBox* contentBox_;
    QLineEdit* output_;
    QLabel* summary_;
};

} // namespace lamina
