#pragma once
// File › Export › Report…: the pathologist adds snapshots (the view, or the selected
// annotations with a margin) at a chosen resolution — each with its caption and the
// measurements of the annotations it shows — writes a conclusion, and writes a FHIR R4 Bundle
// (.json) and, optionally, a PDF sheet. The slide label is left out unless "Include the slide
// label" is ticked, which shows a warning that it may identify the patient.
// Thread-safety: GUI thread only.

#include "dialogs/ExportContext.h"

#include <lamina/render/export/Report.h>

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace lamina {

class ResolutionEditor;

class ReportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ReportDialog(ExportContext context, QWidget* parent = nullptr);

    // Adds a snapshot of an area at the chosen resolution; false with the reason shown.
    bool addSnapshot(ExportContext::Area area);
    void removeSnapshot(int index);
    // The report as set up now (label included only when ticked).
    Report report() const;
    // Writes the bundle (and the PDF when a path is given); false with the reason shown.
    bool writeTo(const QString& bundlePath, const QString& pdfPath);

    QListWidget* snapshotList() const { return list_; }
    QPlainTextEdit* conclusion() const { return conclusion_; }
    QCheckBox* includeLabel() const { return includeLabel_; }
    QLabel* labelWarning() const { return labelWarning_; }
    QLabel* statusLabel() const { return status_; }
    // Where Write Report writes the bundle: the field's path, a bare name taken beside the
    // default folder (ExportContext::defaultOutputFolder).
    QString bundlePath() const;
    ResolutionEditor* resolution() const { return resolution_; }

private:
    void showError(const QString& message);

    ExportContext context_;
    std::vector<ReportSnapshot> snapshots_;
    ResolutionEditor* resolution_;
    QListWidget* list_;
    QPlainTextEdit* conclusion_;
    QCheckBox* includeLabel_;
    QLabel* labelWarning_;
    QLineEdit* bundlePath_;
    QCheckBox* writePdf_;
    QLabel* status_;
};

} // namespace lamina
