#include <lamina/core/Error.h>
#include <lamina/core/NumberParsing.h>
#include <lamina/slide/dicomweb/DicomJson.h>
#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

#include <dcmtk/dcmdata/dctag.h>
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

namespace lamina {
namespace {

using nlohmann::json;

constexpr size_t kMaxObjects = 100000;

[[noreturn]] void corrupt(const std::string& source, const std::string& what) {
    throw Error(ErrorKind::Corrupt, source, "malformed DICOM JSON answer: " + what);
}

json parseArray(std::string_view text, const std::string& source) {
    json document;
    try {
        document = json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {
        corrupt(source, e.what());
    }
    if (!document.is_array())
        corrupt(source, "expected an array of objects");
    if (document.size() > kMaxObjects)
        corrupt(source, "more than " + std::to_string(kMaxObjects) + " objects");
    for (const auto& item : document)
        if (!item.is_object())
            corrupt(source, "an array element is not an object");
    return document;
}

// The "Value" array of attribute `tag` ("ggggeeee"), or nullptr when absent or empty.
const json* values(const json& object, const char* tag) {
    const auto it = object.find(tag);
    if (it == object.end() || !it->is_object())
        return nullptr;
    const auto value = it->find("Value");
    if (value == it->end() || !value->is_array() || value->empty())
        return nullptr;
    return &*value;
}

// One value as text: strings as they are, numbers printed, person names by their
// alphabetic form; anything else is empty.
std::string textOf(const json& v) {
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_number_integer())
        return std::to_string(v.get<int64_t>());
    if (v.is_number_unsigned())
        return std::to_string(v.get<uint64_t>());
    if (v.is_number_float()) {
        return fmt::format("{:.12g}", v.get<double>()); // '.' whatever the C locale
    }
    if (v.is_object()) {
        const auto name = v.find("Alphabetic");
        if (name != v.end() && name->is_string())
            return name->get<std::string>();
    }
    return {};
}

// All values joined with '\' (the DICOM multi-value separator).
std::string text(const json& object, const char* tag) {
    const json* v = values(object, tag);
    if (!v)
        return {};
    std::string out;
    for (size_t i = 0; i < v->size(); ++i) {
        if (i)
            out += '\\';
        out += textOf((*v)[i]);
    }
    return out;
}

std::optional<double> number(const json& object, const char* tag, size_t index = 0) {
    const json* v = values(object, tag);
    if (!v || index >= v->size())
        return std::nullopt;
    const json& value = (*v)[index];
    double d = std::numeric_limits<double>::quiet_NaN();
    if (value.is_number())
        d = value.get<double>();
    else if (value.is_string()) { // DS and IS may come as strings
        // from_chars: strtod would misread "0.25" under a decimal-comma C locale.
        const auto parsed = parseDouble(value.get<std::string>());
        if (!parsed)
            return std::nullopt;
        d = *parsed;
    }
    if (!std::isfinite(d))
        return std::nullopt;
    return d;
}

std::optional<int64_t> integer(const json& object, const char* tag, size_t index = 0) {
    const auto d = number(object, tag, index);
    // Beyond ±2^53 a double is no longer an exact integer: out of range for any size here.
    if (!d || std::floor(*d) != *d || std::fabs(*d) > 9.0e15)
        return std::nullopt;
    return int64_t(*d);
}

// Item `index` of sequence attribute `tag`, or nullptr.
const json* item(const json& object, const char* tag, size_t index = 0) {
    const json* v = values(object, tag);
    if (!v || index >= v->size() || !(*v)[index].is_object())
        return nullptr;
    return &(*v)[index];
}

std::vector<uint8_t> base64(const std::string& text) {
    std::vector<uint8_t> out;
    uint32_t buffer = 0;
    int bits = 0;
    for (const char c : text) {
        int value;
        if (c >= 'A' && c <= 'Z')
            value = c - 'A';
        else if (c >= 'a' && c <= 'z')
            value = c - 'a' + 26;
        else if (c >= '0' && c <= '9')
            value = c - '0' + 52;
        else if (c == '+')
            value = 62;
        else if (c == '/')
            value = 63;
        else
            continue; // padding and line breaks
        buffer = (buffer << 6) | uint32_t(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(uint8_t(buffer >> bits));
        }
    }
    return out;
}

// "dicom.Keyword" for a top-level tag, from DCMTK's dictionary (empty when unknown).
std::string keywordOf(const std::string& tag) {
    if (tag.size() != 8)
        return {};
    unsigned group = 0, element = 0;
    try {
        group = unsigned(std::stoul(tag.substr(0, 4), nullptr, 16));
        element = unsigned(std::stoul(tag.substr(4, 4), nullptr, 16));
    } catch (const std::exception&) {
        return {};
    }
    DcmTag key{Uint16(group), Uint16(element)}; // getTagName() is not const
    const char* name = key.getTagName();
    if (!name || std::string(name) == DcmTag_ERROR_TagName)
        return {};
    return name;
}

DicomAttributes attributesOf(const json& object) {
    DicomAttributes a;
    a.sopClass = text(object, "00080016");
    a.transferSyntax = text(object, "00020010"); // rarely given: frames say it instead
    a.studyUid = text(object, "0020000D");
    a.seriesUid = text(object, "0020000E");
    a.sopInstanceUid = text(object, "00080018");
    a.imageType = text(object, "00080008");
    a.photometric = text(object, "00280004");
    a.organisation = text(object, "00209311");
    a.samplesPerPixel = integer(object, "00280002");
    a.planarConfiguration = integer(object, "00280006");
    a.bitsAllocated = integer(object, "00280100");
    a.rows = integer(object, "00280010");
    a.columns = integer(object, "00280011");
    a.numberOfFrames = integer(object, "00280008");
    a.totalColumns = integer(object, "00480006");
    a.totalRows = integer(object, "00480007");
    a.concatenationFrameOffset = integer(object, "00209228");
    // SharedFunctionalGroups > PixelMeasures > PixelSpacing (mm, row \ column).
    if (const json* shared = item(object, "52009229")) {
        if (const json* measures = item(*shared, "00289110")) {
            a.spacingRowMm = number(*measures, "00280030", 0);
            a.spacingColumnMm = number(*measures, "00280030", 1);
            a.focalPlaneSpacingMm = number(*measures, "00180088", 0);
        }
        if (const json* position = item(*shared, "0048021A"))
            a.zOffsetUm = number(*position, "0040074A", 0);
        if (const json* identification = item(*shared, "00480207"))
            a.sharedOpticalPathId = text(*identification, "00480106");
    }
    a.opticalPaths = integer(object, "00480302");
    a.focalPlanes = integer(object, "00480303");
    if (const json* paths = values(object, "00480105"))
        for (const json& path : *paths)
            if (path.is_object() && a.opticalPathIds.size() <= 1000)
                a.opticalPathIds.push_back(text(path, "00480106"));
    if (const json* path = item(object, "00480105")) {
        a.objectivePower = number(*path, "00480112");
        const auto icc = path->find("00282000");
        if (icc != path->end() && icc->is_object()) {
            const auto inlined = icc->find("InlineBinary");
            if (inlined != icc->end() && inlined->is_string())
                a.iccProfile = base64(inlined->get<std::string>());
            const auto uri = icc->find("BulkDataURI");
            if (uri != icc->end() && uri->is_string())
                a.iccProfileUri = uri->get<std::string>();
        }
    }
    if (a.organisation != "TILED_FULL")
        if (const json* perFrame = values(object, "52009230")) {
            std::vector<std::pair<int64_t, int64_t>> positions;
            std::vector<double> zOffsets;
            std::vector<std::string> opticalPaths;
            positions.reserve(perFrame->size());
            for (const json& frame : *perFrame) {
                const json* position = frame.is_object() ? item(frame, "0048021A") : nullptr;
                const auto col = position ? integer(*position, "0048021E") : std::nullopt;
                const auto row = position ? integer(*position, "0048021F") : std::nullopt;
                if (!col || !row)
                    break;
                positions.emplace_back(*col, *row);
                if (const auto z = number(*position, "0040074A", 0))
                    zOffsets.push_back(*z);
                if (const json* identification = item(frame, "00480207"))
                    opticalPaths.push_back(text(*identification, "00480106"));
            }
            if (positions.size() == perFrame->size()) {
                if (zOffsets.size() == positions.size())
                    a.frameZOffsetsUm = std::move(zOffsets);
                if (opticalPaths.size() == positions.size())
                    a.frameOpticalPathIds = std::move(opticalPaths);
                a.framePositions = std::move(positions);
            }
        }
    // Top-level text values as properties, named as a file's are.
    for (const auto& [tag, attribute] : object.items()) {
        if (!attribute.is_object())
            continue;
        const auto vr = attribute.find("vr");
        if (vr == attribute.end() || !vr->is_string() || *vr == "SQ" ||
            !values(object, tag.c_str()))
            continue;
        const std::string value = text(object, tag.c_str());
        const std::string keyword = keywordOf(tag);
        if (!keyword.empty() && !value.empty() && value.size() < 1024)
            a.properties["dicom." + keyword] = value;
    }
    return a;
}

} // namespace

std::vector<DicomAttributes> parseDicomJsonMetadata(std::string_view text,
                                                    const std::string& source) {
    const json document = parseArray(text, source);
    std::vector<DicomAttributes> out;
    out.reserve(document.size());
    for (const json& object : document)
        out.push_back(attributesOf(object));
    return out;
}

std::vector<DicomWebStudy> parseDicomJsonStudies(std::string_view json, const std::string& source) {
    const auto document = parseArray(json, source);
    std::vector<DicomWebStudy> out;
    for (const auto& object : document) {
        DicomWebStudy s;
        s.studyUid = text(object, "0020000D");
        if (!isDicomUid(s.studyUid)) // it goes into addresses: digits and dots only
            corrupt(source, "a study without a valid StudyInstanceUID");
        s.patientName = text(object, "00100010");
        s.patientId = text(object, "00100020");
        s.studyDate = text(object, "00080020");
        s.studyDescription = text(object, "00081030");
        s.accessionNumber = text(object, "00080050");
        s.seriesCount = integer(object, "00201206").value_or(0);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<DicomWebSeries> parseDicomJsonSeries(std::string_view json, const std::string& source) {
    const auto document = parseArray(json, source);
    std::vector<DicomWebSeries> out;
    for (const auto& object : document) {
        DicomWebSeries s;
        s.studyUid = text(object, "0020000D");
        s.seriesUid = text(object, "0020000E");
        if (!isDicomUid(s.seriesUid))
            corrupt(source, "a series without a valid SeriesInstanceUID");
        s.modality = text(object, "00080060");
        s.seriesDescription = text(object, "0008103E");
        s.seriesNumber = integer(object, "00200011").value_or(0);
        s.instanceCount = integer(object, "00201209").value_or(0);
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<std::string> parseDicomJsonInstanceUids(std::string_view json,
                                                    const std::string& source) {
    const auto document = parseArray(json, source);
    std::vector<std::string> out;
    for (const auto& object : document) {
        std::string uid = text(object, "00080018");
        if (!isDicomUid(uid))
            corrupt(source, "an instance without a valid SOPInstanceUID");
        out.push_back(std::move(uid));
    }
    return out;
}

StowResult parseStowResponse(std::string_view text_, const std::string& source) {
    StowResult result;
    if (text_.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return result; // no body: the status alone tells
    json document;
    try {
        document = json::parse(text_.begin(), text_.end());
    } catch (const json::exception& e) {
        corrupt(source, e.what());
    }
    if (document.is_array() && document.size() == 1) // some archives wrap it
        document = document.front();
    if (!document.is_object())
        corrupt(source, "a STOW-RS answer is one object");
    const auto items = [&](const char* tag) {
        std::vector<json> out;
        if (const json* v = values(document, tag))
            for (const auto& item : *v)
                if (item.is_object())
                    out.push_back(item);
        if (out.size() > kMaxObjects)
            corrupt(source, "too many instances in the answer");
        return out;
    };
    for (const auto& item : items("00081199"))
        result.stored.push_back(text(item, "00081155"));
    for (const auto& item : items("00081198")) {
        const auto reason = integer(item, "00081197");
        result.failed.emplace_back(text(item, "00081155"), int(reason.value_or(0)));
    }
    return result;
}

} // namespace lamina
