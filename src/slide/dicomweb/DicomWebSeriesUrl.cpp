#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

#include <algorithm>

namespace lamina {

bool isDicomUid(const std::string& uid) {
    return !uid.empty() && uid.size() <= 64 && uid.front() != '.' && uid.back() != '.' &&
           std::all_of(uid.begin(), uid.end(),
                       [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::optional<DicomWebSeriesUrl> DicomWebSeriesUrl::parse(const std::string& url) {
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
        return std::nullopt;
    // The last "/studies/" so that a prefix that happens to contain the word still works.
    const size_t studies = url.rfind("/studies/");
    if (studies == std::string::npos)
        return std::nullopt;
    const size_t studyStart = studies + 9;
    const size_t studyEnd = url.find('/', studyStart);
    if (studyEnd == std::string::npos || url.compare(studyEnd, 8, "/series/") != 0)
        return std::nullopt;
    const size_t seriesStart = studyEnd + 8;
    const size_t seriesEnd = url.find_first_of("/?#", seriesStart);
    DicomWebSeriesUrl out;
    out.serviceRoot = url.substr(0, studies);
    out.studyUid = url.substr(studyStart, studyEnd - studyStart);
    out.seriesUid = url.substr(
        seriesStart, seriesEnd == std::string::npos ? std::string::npos : seriesEnd - seriesStart);
    const size_t hostStart = url.find("//") + 2;
    if (out.serviceRoot.size() <= hostStart || !isDicomUid(out.studyUid) ||
        !isDicomUid(out.seriesUid))
        return std::nullopt;
    return out;
}

std::string DicomWebSeriesUrl::toString() const {
    return serviceRoot + "/studies/" + studyUid + "/series/" + seriesUid;
}

std::string DicomWebSeriesUrl::localKey() const {
    return "dicom-" + studyUid + "-" + seriesUid;
}

} // namespace lamina
