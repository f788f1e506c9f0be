#pragma once
// File › Export › Large Region…: the view, the selected annotations or the whole slide, at a
// chosen resolution and of any size, to a pyramidal TIFF (render/export/PyramidExport) —
// the image, the image with annotation outlines, or a label mask of the annotations. The
// export runs on a worker thread with a progress bar and Cancel; the window stays responsive
// and memory stays bounded whatever the size.
// Thread-safety: GUI thread only; the worker touches only its copies and an atomic flag, and
// reports back through queued calls (dropped if the dialog is gone).

#include "dialogs/ExportContext.h"

#include <lamina/render/export/PyramidExport.h>

#include <QDialog>

#include <atomic>
#include <future>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace lamina {

class ResolutionEditor;

class RegionExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit RegionExportDialog(ExportContext context, QWidget* parent = nullptr);
    ~RegionExportDialog() override; // cancels and waits for a running export

    PyramidExportOptions options() const; // without the progress callback
    void setOutputPath(const QString& path);
    // Starts the export in the background; false (with the reason shown) when it cannot start.
    bool start();
    bool isRunning() const { return running_; }
    void cancel() { cancelRequested_ = true; }

    QComboBox* areaBox() const { return areaBox_; }
    QComboBox* contentBox() const { return contentBox_; }
    ResolutionEditor* resolution() const { return resolution_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* statusLabel() const { return status_; }

signals:
    // After the export ended: ok, or the reason (cancelled, or the error naming the file).
    void exportFinished(bool ok, const QString& message);

protected:
    void reject() override; // Close while running = Cancel first

private:
    void updateSummary();
    void finish(bool ok, const QString& message);

    ExportContext context_;
    QComboBox* areaBox_;
    ResolutionEditor* resolution_;
    QComboBox* contentBox_;
    QLineEdit* output_;
    QLabel* summary_;
    QProgressBar* progress_;
    QLabel* status_;
    QPushButton* exportButton_;
    QPushButton* cancelButton_;
    std::future<void> worker_; // the export running, if any
    std::atomic<bool> cancelRequested_ = false;
    bool running_ = false;
};

} // namespace lamina
