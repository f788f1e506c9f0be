#pragma once
// The address of one series in a DICOMweb archive, as a user pastes it:
//   http[s]://HOST[:PORT]/PREFIX/studies/STUDY_UID/series/SERIES_UID
// split into the service root (everything before "/studies/", e.g.
// "https://pacs.example.org/dicom-web") and the two UIDs. Anything after the series UID
// (e.g. "/metadata" or a viewer's query) is ignored. UIDs must be valid DICOM UIDs (digits and
// dots, at most 64 characters), so a pasted address cannot smuggle a path into requests.
// Thread-safety: value type.

#include <optional>
#include <string>

namespace lamina {

struct DicomWebSeriesUrl {
    std::string serviceRoot; // no trailing slash
    std::string studyUid;
    std::string seriesUid;

    // nullopt when `url` is not such an address.
    static std::optional<DicomWebSeriesUrl> parse(const std::string& url);
    std::string toString() const; // serviceRoot + "/studies/" + ... + "/series/" + ...
    // "dicom-<study UID>-<series UID>": a file name for what Lamina keeps locally about the
    // series (its annotations), the same whichever archive address it was read from.
    std::string localKey() const;
};

// True for a syntactically valid DICOM UID (1..64 characters, digits and dots).
bool isDicomUid(const std::string& uid);

} // namespace lamina
