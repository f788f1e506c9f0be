#pragma once
// What goes into a DICOM slide series, for File › Export › Slide as DICOM… and File › Send to
// Archive…: the patient, accession and specimen attributes (a small form; empty fields stay
// empty in the files, never invented), de-identification with an optional pseudonym (PS3.15
// Basic Profile: the patient fields are then replaced, the label left out), the label,
// overview and thumbnail images (off by default: a label can name the patient), and how the
// pixels are written (stored JPEG / JPEG 2000 tiles copied, or everything re-encoded).
// Under the pixel choice it says which levels of the slide are copied without decoding
// (checked in the background: for an archive slide that reads a tile per level).
// Its options() are writeDicomSlide's.
// Thread-safety: GUI thread only.

#include <lamina/slide/writer/DicomSlideWriter.h>

#include <QWidget>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace lamina {

class DicomSeriesOptionsBox : public QWidget {
    Q_OBJECT
public:
    explicit DicomSeriesOptionsBox(std::shared_ptr<const SlideSource> slide,
                                   QWidget* parent = nullptr);

    // The options as filled in (threads and purpose left at their defaults).
    DicomSlideWriteOptions options() const;
    // Empty when every field suits its DICOM attribute, else the first problem, naming it.
    QString validationError() const;

    QCheckBox* deidentifyBox() const { return deidentify_; }
    QLineEdit* pseudonymEdit() const { return pseudonym_; }
    QCheckBox* labelBox() const { return label_; }
    QComboBox* pixelsBox() const { return pixels_; }
    // What happens to the pixels with the current choice ("Checking…" until known).
    QLabel* pixelPlanLabel() const { return plan_; }
    // The line edit of one attribute of the form (PatientID, AccessionNumber, …), or null.
    QLineEdit* field(const std::string& keyword) const;

signals:
    void changed();
    // The copyable levels are known (pixelPlanLabel() says them).
    void pixelPlanKnown();

private:
    void updateEnabled();
    void updatePixelPlan();

    std::map<std::string, QLineEdit*> fields_; // DICOM keyword -> its edit
    QCheckBox* deidentify_;
    QLineEdit* pseudonym_;
    QCheckBox* label_;
    QCheckBox* thumbnail_;
    QComboBox* pixels_;
    QSpinBox* quality_;
    QLabel* plan_;
    std::shared_ptr<const SlideSource> slide_;
    std::optional<std::vector<bool>> copyable_; // per source level, once checked
};

} // namespace lamina
