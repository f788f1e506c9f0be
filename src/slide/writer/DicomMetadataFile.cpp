#include <lamina/core/Error.h>
#include <lamina/slide/writer/DicomMetadataFile.h>

#include <dcmtk/dcmdata/dctk.h>

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace lamina {
namespace {

constexpr std::uintmax_t kMaxFileBytes = 1u << 20;

// Text VRs a user may fill.
bool isTextVr(DcmEVR vr) {
    switch (vr) {
    case EVR_AE:
    case EVR_AS:
    case EVR_CS:
    case EVR_DA:
    case EVR_DS:
    case EVR_DT:
    case EVR_IS:
    case EVR_LO:
    case EVR_LT:
    case EVR_PN:
    case EVR_SH:
    case EVR_ST:
    case EVR_TM:
    case EVR_UC:
    case EVR_UI:
    case EVR_UR:
    case EVR_UT:
        return true;
    default:
        return false;
    }
}

// Attributes the writer works out itself: giving them would make the output lie.
bool computedByWriter(const DcmTagKey& key, const std::string& keyword) {
    static constexpr std::array<const char*, 14> kComputed = {"SOPClassUID",
                                                              "SOPInstanceUID",
                                                              "SeriesInstanceUID",
                                                              "FrameOfReferenceUID",
                                                              "ImageType",
                                                              "Modality",
                                                              "DimensionOrganizationType",
                                                              "TransferSyntaxUID",
                                                              "SpecimenUID",
                                                              "PatientIdentityRemoved",
                                                              "DeidentificationMethod",
                                                              "InstanceNumber",
                                                              "NumberOfFrames",
                                                              "LossyImageCompression"};
    for (const char* k : kComputed)
        if (keyword == k)
            return true;
    // File meta, image pixel / geometry (group 0028), pixel data.
    return key.getGroup() == 0x0002 || key.getGroup() == 0x0028 || key.getGroup() == 0x7FE0 ||
           key.getGroup() % 2 == 1; // private
}

// PS3.5 6.2: the longest value of each text VR (characters); 0: no limit worth checking.
size_t maxLength(DcmEVR vr) {
    switch (vr) {
    case EVR_AE:
    case EVR_CS:
    case EVR_DS:
    case EVR_SH:
        return 16;
    case EVR_AS:
        return 4;
    case EVR_DA:
        return 8;
    case EVR_DT:
        return 26;
    case EVR_IS:
        return 12;
    case EVR_TM:
        return 16;
    case EVR_LO:
    case EVR_PN:
    case EVR_UI:
        return 64;
    case EVR_ST:
        return 1024;
    case EVR_LT:
        return 10240;
    default:
        return 0;
    }
}

} // namespace

size_t dicomValueMaxLength(const std::string& keyword) {
    DcmTag tag;
    if (DcmTag::findTagFromName(keyword.c_str(), tag).bad())
        return 0;
    return maxLength(tag.getEVR());
}

std::string checkDicomKeywordValue(const std::string& keyword, const std::string& value) {
    DcmTag tag;
    if (DcmTag::findTagFromName(keyword.c_str(), tag).bad())
        return "'" + keyword + "' is not a DICOM keyword";
    if (computedByWriter(tag, keyword))
        return "'" + keyword + "' is written by Lamina itself and cannot be given";
    if (!isTextVr(tag.getEVR()))
        return "'" + keyword + "' is not a text attribute";
    if (const size_t most = maxLength(tag.getEVR()); value.size() > (most ? most : 10000))
        return "the value of '" + keyword + "' is longer than " + std::string(tag.getVRName()) +
               " allows (" + std::to_string(most ? most : 10000) + " characters)";
    if (value.empty())
        return {};
    DcmElement* element = DcmItem::newDicomElement(tag);
    if (!element)
        return "'" + keyword + "' cannot be written";
    std::unique_ptr<DcmElement> owned(element);
    if (element->putString(value.c_str()).bad())
        return "'" + value + "' is not a valid value for " + keyword;
    // A single value (no '\' lists): VM 1 is what a form or a JSON string means.
    if (element->checkValue("1").bad())
        return "'" + value + "' is not a valid " + std::string(tag.getVRName()) + " value for " +
               keyword;
    return {};
}

DicomKeywordValues readDicomMetadataFile(const std::filesystem::path& file) {
    const std::string name = file.string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        throw Error(std::filesystem::exists(file) ? ErrorKind::Io : ErrorKind::NotFound, name,
                    "cannot read the metadata file");
    if (size > kMaxFileBytes)
        throw Error(ErrorKind::Corrupt, name, "the metadata file is larger than 1 MiB");
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in && !in.eof())
        throw Error(ErrorKind::Io, name, "cannot read the metadata file");
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::Corrupt, name, std::string("not JSON: ") + e.what());
    }
    if (!json.is_object())
        throw Error(ErrorKind::Corrupt, name,
                    "expected a JSON object of DICOM keywords to values, e.g. "
                    "{\"PatientID\": \"12345\"}");
    DicomKeywordValues values;
    for (const auto& [keyword, value] : json.items()) {
        if (!value.is_string() && !value.is_number() && !value.is_null())
            throw Error(ErrorKind::Corrupt, name, "the value of '" + keyword + "' is not text");
        const std::string v = value.is_null()     ? std::string()
                              : value.is_string() ? value.get<std::string>()
                                                  : value.dump();
        if (const std::string why = checkDicomKeywordValue(keyword, v); !why.empty())
            throw Error(ErrorKind::InvalidArgument, name, why);
        values[keyword] = v;
    }
    return values;
}

} // namespace lamina
