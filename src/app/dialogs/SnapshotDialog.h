#pragma once
// File › Export › Snapshot…: a report image of the view, of the selected annotations (with a
// margin) or of the whole slide, at a chosen magnification, µm per pixel or width; with the
// annotation layers the user ticks, a scale bar and a caption; copied to the clipboard or
// saved as PNG, JPEG (quality) or TIFF. A live preview shows it, with its final pixel size
// and scale. Label and macro images are never part of a snapshot.
// Thread-safety: GUI thread only.

#include "dialogs/ExportContext.h"

#include <lamina/render/export/SnapshotRenderer.h>

#include <QDialog>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace lamina {

class ResolutionEditor;

class SnapshotDialog : public QDialog {
    Q_OBJECT
public:
    explicit SnapshotDialog(ExportContext context, QWidget* parent = nullptr);

    // The snapshot as currently set up (the document with the unticked layers hidden).
    SnapshotOptions options() const;
    // Renders it at full size. Throws lamina::Error like renderSnapshot.
    Snapshot render() const;

    // Saves to `path` (.png, .jpg, .tif); false with the reason in lastError().
    bool saveTo(const QString& path);
    bool copyToClipboard();
    QString lastError() const { return lastError_; }

    // For tests and scripted use.
    QComboBox* areaBox() const { return areaBox_; }
    ResolutionEditor* resolution() const { return resolution_; }
    QListWidget* layerList() const { return layers_; }
    QLabel* sizeLabel() const { return sizeLabel_; }
    QLabel* preview() const { return preview_; }
    void refreshPreviewNow() { updatePreview(); }

private:
    void updatePreview();
    ExportContext::Area area() const;

    ExportContext context_;
    AnnotationDocument shown_; // a copy whose layer visibility follows the ticks
    QComboBox* areaBox_;
    ResolutionEditor* resolution_;
    QCheckBox* upscale_;
    QListWidget* layers_;
    QCheckBox* scaleBar_;
    QCheckBox* caption_;
    QSpinBox* quality_;
    QLabel* preview_;
    QLabel* sizeLabel_;
    QPushButton* copyButton_;
    QPushButton* saveButton_;
    QTimer previewTimer_;
    QString lastError_;
};

} // namespace lamina
