#pragma once
// Patient, study and specimen attributes a user gives for a DICOM export: a JSON object of
// DICOM keywords to text values (`lamina-cli dicomize --metadata FILE`, the export dialog's
// form), e.g. {"PatientID": "12345", "AccessionNumber": "A-1", "ContainerIdentifier": "S1"}.
// Only text attributes that describe the patient, study, series, equipment or specimen are
// accepted; geometry, pixel and UID attributes that the writer computes are refused (except
// StudyInstanceUID, to join an existing study). Values are checked against their VR (a date
// must be YYYYMMDD, a name at most 64 characters per component, ...).
// Thread-safety: pure functions.

#include <filesystem>
#include <map>
#include <string>

namespace lamina {

using DicomKeywordValues = std::map<std::string, std::string>;

// Throws lamina::Error naming `file`: NotFound, Io, Corrupt (not JSON, not an object of
// strings, too large), InvalidArgument (an unknown or refused keyword, a value its VR refuses).
DicomKeywordValues readDicomMetadataFile(const std::filesystem::path& file);

// "" when `keyword` may be given and `value` suits its VR, else the reason (for forms).
std::string checkDicomKeywordValue(const std::string& keyword, const std::string& value);
// The longest value `keyword`'s VR allows (PS3.5 6.2), in characters; 0 when not limited.
size_t dicomValueMaxLength(const std::string& keyword);

} // namespace lamina
