#pragma once
// A Report as an HL7 FHIR R4 Bundle (type "collection"), ready for an archive or an EHR:
//   - DiagnosticReport: status preliminary, category SP (surgical pathology), LOINC 11526-1
//     "Pathology study", the conclusion, one `media` entry per snapshot, the results;
//   - Media per snapshot: the PNG (base64 content.data) with its width, height, caption as
//     title, and a note stating the region (level-0 pixels), the scale and the measurements;
//   - the slide: an ImagingStudy with the DICOM Study/Series UIDs when the slide is DICOM,
//     always a Specimen whose identifier is Lamina's slide id (urn:lamina:slide-id);
//   - an Observation per measurement (area, length, count) with UCUM units (um2, mm2, um,
//     mm, {count}; {px2}/{px} when the slide has no MPP), derived from its snapshot's Media.
// No patient data: subjects are the slide (Specimen); an ImagingStudy's mandatory subject is
// a display-only reference saying the patient is not included. Entries refer to each other by
// urn:uuid full URLs. Thread-safety: stateless.

#include <lamina/render/export/Report.h>

#include <QByteArray>

#include <filesystem>

namespace lamina {

// The bundle as indented JSON (UTF-8).
QByteArray fhirReportBundle(const Report& report);

// Writes it atomically (QSaveFile). Throws lamina::Error(Io) naming `path`.
void writeFhirReportBundle(const Report& report, const std::filesystem::path& path);

} // namespace lamina
