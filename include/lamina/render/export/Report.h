#pragma once
// A report for the clinical record or for teaching: the slide's identity (never the patient's),
// snapshots with their captions and the measurements of the annotations each shows, and the
// pathologist's conclusion. Written as a FHIR R4 Bundle (FhirReportBundle.h) and as a PDF
// sheet (ReportPdfWriter.h).
//
// The slide label image is part of a report only when `label` is set, which the UI and the
// CLI do only on an explicit request after warning that it may identify the patient.
// Coordinates: regions in level-0 pixels. Thread-safety: value types; makeReportSnapshot is
// stateless (may run on any thread).

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/annotation/Measurements.h>
#include <lamina/render/export/SnapshotRenderer.h>
#include <lamina/slide/SlideSource.h>

#include <QDateTime>
#include <QImage>
#include <QLocale>

#include <optional>
#include <string>
#include <vector>

namespace lamina {

struct ReportMeasurement {
    std::string annotationId, annotationName, className;
    ShapeKind kind = ShapeKind::Polygon;
    ShapeMeasurements values;
};

struct ReportSnapshot {
    Snapshot snapshot; // image with its scale bar and caption band, as exported
    QRectF region;     // level-0 pixels
    double downsample = 1;
    std::vector<ReportMeasurement> measurements; // of the annotations it shows
};

struct Report {
    std::string slideName; // file name or archive series description
    SlideId slideId;
    // Study and Series Instance UIDs when the slide is DICOM (slide id "dicom:STUDY/SERIES").
    std::optional<std::pair<std::string, std::string>> dicomUids;
    std::string conclusion;
    QDateTime issued = QDateTime::currentDateTimeUtc();
    std::vector<ReportSnapshot> snapshots;
    std::optional<QImage> label; // only on explicit request (may identify the patient)
    // The slide's pixel size was entered by the user (SlideMetadata::mppUserEntered): every
    // measurement in µm depends on it, and the report says so.
    std::optional<double> userEnteredMicronsPerPixel;
};

// The report's frame: slide name, id and DICOM UIDs taken from the slide.
Report reportFor(const SlideSource& slide, std::string slideName);

// Renders one snapshot (SnapshotRenderer) and measures the annotations of visible layers whose
// bounds meet its region — one by one up to kMaxItemizedMeasurements, else as totals per
// class (area, length or points, named "total of N": a region full of detected nuclei gives a
// count, not thousands of entries). Throws like renderSnapshot.
constexpr size_t kMaxItemizedMeasurements = 50;
ReportSnapshot makeReportSnapshot(const SlideSource& slide, const SnapshotOptions& options);

// Rulers drawn before lengths were measured at display time were named by their length at
// creation ("509.9 µm"). Such a name goes stale once the ruler is edited, so reports leave it
// out (the measured length is beside it anyway); the file keeps it.
bool isStaleLengthName(const Annotation& annotation);

// The slide's label image (nullopt when it has none). Only for an explicit request: the label
// may identify the patient.
std::optional<QImage> slideLabelImage(const SlideSource& slide);

// A measurement's value in the unit a pathologist reads it in: areas in µm² (mm² from
// 0.1 mm²), lengths in µm (mm from 10 mm), points counted; px²/px without MPP. `ucum` is the
// UCUM code of the unit (um2, mm2, um, mm, {count}, {px2}, {px}) for FHIR.
struct MeasuredQuantity {
    double value = 0;
    std::string unit; // "µm²", "mm", "points", ...
    std::string ucum;
};
MeasuredQuantity quantityOf(const ReportMeasurement& measurement);

// "0.188 mm²", "350.0 µm", "42 points", "1200 px²".
// "509.9 µm" with `locale`'s decimal separator: the UI locale (default) for what people read,
// QLocale::c() for files (FHIR).
std::string describeMeasurement(const ReportMeasurement& measurement,
                                const QLocale& locale = QLocale());

} // namespace lamina
