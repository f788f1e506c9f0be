#pragma once
// Reads the DICOM JSON model (PS3.18 F.2) that DICOMweb archives answer with: WADO-RS series
// metadata (one object per instance, attributes keyed "ggggeeee" with "vr" and "Value",
// "InlineBinary" or "BulkDataURI") and QIDO-RS study / series search results.
// Hostile answers (not JSON, not an array, wrong value types, absurd sizes) are
// lamina::Error(Corrupt) naming `source` (the URL) and the cause; nothing is guessed.
// Thread-safety: stateless.

#include <lamina/slide/dicom/DicomInstance.h>

#include <string>
#include <string_view>
#include <vector>

namespace lamina {

// One study found by QIDO-RS.
struct DicomWebStudy {
    std::string studyUid;
    std::string patientName, patientId, studyDate, studyDescription, accessionNumber;
    int64_t seriesCount = 0; // NumberOfStudyRelatedSeries (0 = not given)
};

// One series found by QIDO-RS.
struct DicomWebSeries {
    std::string studyUid, seriesUid, modality, seriesDescription;
    int64_t seriesNumber = 0;
    int64_t instanceCount = 0; // NumberOfSeriesRelatedInstances (0 = not given)
};

// The attributes of each instance of a WADO-RS /metadata answer (an array of objects).
std::vector<DicomAttributes> parseDicomJsonMetadata(std::string_view json,
                                                    const std::string& source);
std::vector<DicomWebStudy> parseDicomJsonStudies(std::string_view json, const std::string& source);
std::vector<DicomWebSeries> parseDicomJsonSeries(std::string_view json, const std::string& source);
// The SOPInstanceUIDs of a QIDO-RS instance search answer.
std::vector<std::string> parseDicomJsonInstanceUids(std::string_view json,
                                                    const std::string& source);

// What a STOW-RS answer says (one object): the instances stored (ReferencedSOPSequence) and
// those refused (FailedSOPSequence) with their FailureReason code (PS3.18 Table I.2-3:
// 0xA700 out of resources, 0xA900 data set does not match the SOP class, 0xC000 cannot
// understand, 0x0110 processing failure, 0x0122 SOP class not supported, ...).
struct StowResult {
    std::vector<std::string> stored;
    std::vector<std::pair<std::string, int>> failed; // SOP Instance UID, FailureReason
};
StowResult parseStowResponse(std::string_view json, const std::string& source);

} // namespace lamina
