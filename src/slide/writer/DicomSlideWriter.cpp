#include "writer/DicomInstanceWriter.h"

#include <lamina/codec/Jpeg2000Codestream.h>
#include <lamina/codec/Jpeg2000TileEncoder.h>
#include <lamina/codec/JpegStream.h>
#include <lamina/codec/JpegTileEncoder.h>
#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>
#include <lamina/core/Log.h>
#include <lamina/core/ThreadPool.h>
#include <lamina/slide/writer/DicomSlideWriter.h>
#include <lamina/slide/writer/DicomUid.h>

#include <dcmtk/dcmdata/dctk.h>
#include <fmt/format.h>
#include <lcms2.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>

namespace lamina {
namespace {

constexpr const char* kWholeSlideSopClass = "1.2.840.10008.5.1.4.1.1.77.1.6";
constexpr const char* kJpegBaseline = "1.2.840.10008.1.2.4.50";
constexpr const char* kJpeg2000Lossless = "1.2.840.10008.1.2.4.90";
constexpr const char* kJpeg2000 = "1.2.840.10008.1.2.4.91";
constexpr int64_t kCoarsestSide = 1023; // generated levels stop below 1024 pixels
constexpr int32_t kGeneratedTile = 256;

// Attributes of a DICOM source carried into the new series when not de-identifying.
constexpr std::array<const char*, 20> kCarriedFromDicom = {"PatientName",
                                                           "PatientID",
                                                           "PatientBirthDate",
                                                           "PatientSex",
                                                           "StudyDate",
                                                           "StudyTime",
                                                           "StudyID",
                                                           "AccessionNumber",
                                                           "ReferringPhysicianName",
                                                           "StudyDescription",
                                                           "SeriesDescription",
                                                           "Manufacturer",
                                                           "ManufacturerModelName",
                                                           "DeviceSerialNumber",
                                                           "SoftwareVersions",
                                                           "ContainerIdentifier",
                                                           "AcquisitionDateTime",
                                                           "InstitutionName",
                                                           "IssuerOfPatientID",
                                                           "ContentDate"};

// Attributes a user may still give when de-identifying: they describe the equipment, never
// the patient. Everything else from --metadata is dropped.
constexpr std::array<const char*, 4> kKeptWhenDeidentified = {
    "Manufacturer", "ManufacturerModelName", "SoftwareVersions", "StudyInstanceUID"};

// Keywords that go into the specimen description item rather than the top level.
constexpr std::array<const char*, 3> kSpecimenItem = {
    "SpecimenIdentifier", "SpecimenShortDescription", "SpecimenDetailedDescription"};

bool listed(const auto& list, const std::string& keyword) {
    return std::find_if(list.begin(), list.end(), [&](const char* k) { return keyword == k; }) !=
           list.end();
}

std::string value(const DicomKeywordValues& values, const std::string& keyword) {
    const auto it = values.find(keyword);
    return it == values.end() ? std::string() : it->second;
}

std::string property(const SlideMetadata& meta, const std::string& name) {
    const auto it = meta.properties.find(name);
    return it == meta.properties.end() ? std::string() : it->second;
}

// Aperio's "MM/DD/YY" as YYYYMMDD; "" when it is not one.
std::string aperioDate(const std::string& text) {
    unsigned m = 0, d = 0, y = 0;
    if (std::sscanf(text.c_str(), "%u/%u/%u", &m, &d, &y) != 3 || m < 1 || m > 12 || d < 1 ||
        d > 31)
        return {};
    if (y < 100)
        y += y < 70 ? 2000 : 1900;
    return fmt::format("{:04}{:02}{:02}", y, m, d);
}

// Aperio's "HH:MM:SS" as HHMMSS.
std::string aperioTime(const std::string& text) {
    unsigned h = 0, m = 0, s = 0;
    if (std::sscanf(text.c_str(), "%u:%u:%u", &h, &m, &s) != 3 || h > 23 || m > 59 || s > 60)
        return {};
    return fmt::format("{:02}{:02}{:02}", h, m, s);
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return fmt::format("{:04}{:02}{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

std::vector<uint8_t> srgbProfile() {
    std::unique_ptr<void, decltype(&cmsCloseProfile)> profile(cmsCreate_sRGBProfile(),
                                                              cmsCloseProfile);
    cmsUInt32Number size = 0;
    if (!profile || !cmsSaveProfileToMem(profile.get(), nullptr, &size) || size == 0)
        throw Error(ErrorKind::Io, {}, "cannot make an sRGB colour profile (Little CMS)");
    std::vector<uint8_t> bytes(size);
    cmsSaveProfileToMem(profile.get(), bytes.data(), &size);
    return bytes;
}

// A DICOM source's attribute as a valid value of its VR: "2021-01-07" (written by some tools
// as a date) becomes 20210107; what cannot be repaired is left out, and said so.
std::string carriedValue(const SlideMetadata& meta, const std::string& keyword) {
    std::string v = property(meta, "dicom." + keyword);
    if (v.empty() || checkDicomKeywordValue(keyword, v).empty())
        return v;
    std::string digits = v;
    std::erase_if(digits, [](char c) { return c == '-' || c == '.' || c == ':'; });
    if ((keyword.ends_with("Date") || keyword.ends_with("Time")) &&
        checkDicomKeywordValue(keyword, digits).empty())
        return digits;
    // Too long for its VR (some tools write a file name as the patient's name): cut, and said.
    if (const size_t most = dicomValueMaxLength(keyword);
        most && v.size() > most && checkDicomKeywordValue(keyword, v.substr(0, most)).empty()) {
        logger().warn("{}: {} is longer than DICOM allows; cut to {} characters", meta.location,
                      keyword, most);
        return v.substr(0, most);
    }
    logger().warn("{}: {} '{}' is not a valid DICOM value and is not carried over", meta.location,
                  keyword, v);
    return {};
}

// Everything the series' instances share, resolved once from the source, the user's values
// and the de-identification choice.
struct Series {
    DicomKeywordValues top;      // top-level text attributes, keyword -> value ("" = empty)
    DicomKeywordValues specimen; // the specimen description item's
    std::string studyUid, seriesUid, frameOfReferenceUid, specimenUid, dimensionUid;
    std::string seed; // what the instance UIDs derive from
    std::string contentDate, contentTime, acquisitionDateTime;
    bool deidentified = false;
    std::string pseudonym;
    std::vector<uint8_t> iccProfile;
    std::optional<double> objectivePower;
    double mppX = 0, mppY = 0; // µm per level-0 pixel
    int64_t width0 = 0, height0 = 0;
    bool mppUserEntered = false;
};

Series resolveSeries(const SlideSource& slide, const DicomSlideWriteOptions& o) {
    const SlideMetadata& meta = slide.metadata();
    Series s;
    s.width0 = meta.levels.front().width;
    s.height0 = meta.levels.front().height;
    s.mppX = *meta.mppX;
    s.mppY = *meta.mppY;
    s.mppUserEntered = meta.mppUserEntered;
    // Type 1C: a source without a profile is untagged RGB, which every viewer shows as sRGB.
    s.iccProfile = meta.iccProfile.empty() ? srgbProfile() : meta.iccProfile;
    s.objectivePower = meta.objectivePower;
    const bool dicomSource = meta.backend == "dicom" || meta.backend == "dicomweb";

    // What the source says.
    DicomKeywordValues source;
    if (dicomSource) {
        for (const char* k : kCarriedFromDicom)
            source[k] = carriedValue(meta, k);
    } else if (meta.vendor == "aperio") {
        source["Manufacturer"] = "Aperio";
        source["DeviceSerialNumber"] = property(meta, "aperio.ScanScope ID");
        source["StudyDate"] = aperioDate(property(meta, "aperio.Date"));
        source["StudyTime"] = aperioTime(property(meta, "aperio.Time"));
    } else if (!meta.vendor.empty()) {
        source["Manufacturer"] = meta.vendor;
    }
    for (const auto& [k, v] : o.attributes)
        source[k] = v; // the user's values win

    std::string sourceStudy = value(source, "StudyInstanceUID");
    if (sourceStudy.empty() && dicomSource)
        sourceStudy = property(meta, "dicom.StudyInstanceUID");
    const std::string sourceFrameOfReference =
        dicomSource ? property(meta, "dicom.FrameOfReferenceUID") : std::string();

    // The conversion's identity: same slide, same choices, same UIDs.
    s.deidentified = o.deidentification.enabled;
    s.pseudonym = s.deidentified
                      ? (o.deidentification.pseudonym.empty() ? randomPseudonym()
                                                              : o.deidentification.pseudonym)
                      : std::string();
    s.seed = fmt::format("dicom-wsi/1|{}|{}|{}|{}|{}|{}|{}|{}|{}", slide.id().text(),
                         s.deidentified, s.pseudonym, int(o.reencoding), o.reencodeAll, o.quality,
                         o.includeLabel, o.includeThumbnail, o.studyUid);
    for (const auto& [k, v] : o.attributes)
        s.seed += "|" + k + "=" + v;
    s.seed += "|" + o.purpose;

    std::string studyDate = value(source, "StudyDate");
    std::string acquisition = value(source, "AcquisitionDateTime");
    if (s.deidentified) {
        const int shift = dateShiftDays(s.pseudonym);
        for (const auto& [k, v] : source)
            if (listed(kKeptWhenDeidentified, k) && k != "StudyInstanceUID")
                s.top[k] = v;
        s.top["PatientName"] = s.pseudonym;
        s.top["PatientID"] = s.pseudonym;
        studyDate = shiftDicomDate(studyDate, shift);
        acquisition = acquisition.size() >= 8 ? shiftDicomDate(acquisition.substr(0, 8), shift)
                                              : std::string();
        s.top["StudyDate"] = studyDate;
        s.top["PatientIdentityRemoved"] = "YES";
        s.top["DeidentificationMethod"] = "PS3.15 Basic Profile, dates shifted (Lamina)"; // LO

        s.top["ContainerIdentifier"] = s.pseudonym + "-1";
        s.specimen["SpecimenIdentifier"] = s.pseudonym + "-1";
        s.studyUid = !o.studyUid.empty() ? o.studyUid
                     : !value(o.attributes, "StudyInstanceUID").empty()
                         ? value(o.attributes, "StudyInstanceUID")
                     : !sourceStudy.empty() ? deidentifiedUid(sourceStudy, s.pseudonym)
                                            : derivedDicomUid(s.seed + "|study");
        s.frameOfReferenceUid = !sourceFrameOfReference.empty()
                                    ? deidentifiedUid(sourceFrameOfReference, s.pseudonym)
                                    : derivedDicomUid(s.seed + "|frame-of-reference");
    } else {
        for (const auto& [k, v] : source)
            if (k != "StudyInstanceUID" && k != "AcquisitionDateTime" && k != "ContentDate")
                (listed(kSpecimenItem, k) ? s.specimen : s.top)[k] = v;
        s.studyUid = !o.studyUid.empty()    ? o.studyUid
                     : !sourceStudy.empty() ? sourceStudy
                                            : derivedDicomUid(s.seed + "|study");
        s.frameOfReferenceUid = !sourceFrameOfReference.empty()
                                    ? sourceFrameOfReference
                                    : derivedDicomUid(s.seed + "|frame-of-reference");
        if (s.top["ContainerIdentifier"].empty()) // type 1: the slide's own name
            s.top["ContainerIdentifier"] =
                std::filesystem::path(meta.location).stem().string().substr(0, 64);
        if (s.specimen["SpecimenIdentifier"].empty())
            s.specimen["SpecimenIdentifier"] = s.top["ContainerIdentifier"];
    }
    s.seriesUid = derivedDicomUid(s.seed + "|series");
    s.specimenUid = derivedDicomUid(s.seed + "|specimen");
    s.dimensionUid = derivedDicomUid(s.seed + "|dimensions");

    // What the series is, in words a worklist shows.
    std::string description = s.deidentified ? std::string() : value(s.top, "SeriesDescription");
    if (description.empty())
        description = s.deidentified ? "Whole slide image" : "Whole slide image (Lamina)";
    if (!o.purpose.empty())
        description += " — " + o.purpose;
    s.top["SeriesDescription"] = description.substr(0, 64);
    s.top["SoftwareVersions"] =
        (s.top["SoftwareVersions"].empty() ? "" : s.top["SoftwareVersions"] + "\\") +
        "Lamina " LAMINA_VERSION;

    // Type 1 dates: the acquisition when known, else the day of this conversion (the day this
    // content was made); times only when not de-identifying.
    s.contentDate = !acquisition.empty() ? acquisition.substr(0, 8)
                    : !studyDate.empty() ? studyDate
                                         : (s.deidentified ? std::string("19000101") : today());
    s.contentTime = s.deidentified                       ? "000000"
                    : !value(s.top, "StudyTime").empty() ? value(s.top, "StudyTime")
                                                         : std::string("000000");
    s.acquisitionDateTime = s.contentDate + s.contentTime.substr(0, 6);
    return s;
}

// ---- The datasets -------------------------------------------------------------------------

void put(DcmItem& item, const DcmTagKey& key, const std::string& text) {
    const OFCondition c = item.putAndInsertString(key, text.c_str());
    if (c.bad())
        throw Error(
            ErrorKind::InvalidArgument, {},
            fmt::format("cannot write {} = '{}': {}", DcmTag(key).getTagName(), text, c.text()));
}

void putKeyword(DcmItem& item, const std::string& keyword, const std::string& text) {
    DcmTag tag;
    if (DcmTag::findTagFromName(keyword.c_str(), tag).bad())
        throw Error(ErrorKind::InvalidArgument, {}, "'" + keyword + "' is not a DICOM keyword");
    put(item, tag, text);
}

DcmItem& newItem(DcmItem& parent, const DcmTagKey& sequence) {
    DcmItem* item = nullptr;
    if (parent.findOrCreateSequenceItem(sequence, item, -2).bad() || !item)
        throw Error(ErrorKind::InvalidArgument, {}, "cannot create a sequence item");
    return *item;
}

void emptySequence(DcmItem& parent, const DcmTagKey& sequence) {
    parent.insertEmptyElement(sequence);
}

void addCode(DcmItem& parent, const DcmTagKey& sequence, const char* code, const char* scheme,
             const char* meaning) {
    DcmItem& item = newItem(parent, sequence);
    put(item, DCM_CodeValue, code);
    put(item, DCM_CodingSchemeDesignator, scheme);
    put(item, DCM_CodeMeaning, meaning);
}

std::string decimal(double v) {
    std::string text = fmt::format("{:.10g}", v); // DS: at most 16 characters
    if (text.size() > 16)
        text = fmt::format("{:.8g}", v);
    return text;
}

// One instance's own geometry and coding.
struct InstancePlan {
    std::string role; // VOLUME, LABEL, OVERVIEW, THUMBNAIL
    bool original = true;
    int64_t width = 0, height = 0; // total pixel matrix
    int32_t tileW = 0, tileH = 0;  // frame size
    std::optional<double> spacingRowMm, spacingColumnMm;
    bool spacingEstimated = false; // label and overview: the scanner does not say
    std::string transferSyntax, photometric;
    bool lossy = true;
    std::string lossyMethod;
    int number = 1;
    std::string sopUid;
    std::string fileName;
    uint64_t frames() const {
        return uint64_t((width + tileW - 1) / tileW) * uint64_t((height + tileH - 1) / tileH);
    }
};

void buildHeader(DcmDataset& d, const Series& s, const InstancePlan& p) {
    const std::string imageType = std::string(p.original ? "ORIGINAL" : "DERIVED") + "\\PRIMARY\\" +
                                  p.role + "\\" + (p.original ? "NONE" : "RESAMPLED");
    // SOP common, patient, study, series, equipment.
    put(d, DCM_SOPClassUID, kWholeSlideSopClass);
    put(d, DCM_SOPInstanceUID, p.sopUid);
    put(d, DCM_SpecificCharacterSet, "ISO_IR 192"); // UTF-8
    put(d, DCM_StudyInstanceUID, s.studyUid);
    put(d, DCM_SeriesInstanceUID, s.seriesUid);
    put(d, DCM_FrameOfReferenceUID, s.frameOfReferenceUid);
    put(d, DCM_PositionReferenceIndicator, "SLIDE_CORNER");
    put(d, DCM_Modality, "SM");
    put(d, DCM_SeriesNumber, "1");
    put(d, DCM_InstanceNumber, std::to_string(p.number));
    put(d, DCM_ImageType, imageType);
    for (const char* k :
         {"PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime",
          "StudyID", "AccessionNumber", "ReferringPhysicianName", "Manufacturer"})
        putKeyword(d, k, value(s.top, k)); // type 2: empty when unknown
    for (const auto& [k, v] : s.top)
        if (!v.empty() || k == "Manufacturer")
            putKeyword(d, k, v);
    // Enhanced General Equipment: type 1, so "UNKNOWN" says what we know.
    for (const char* k : {"Manufacturer", "ManufacturerModelName", "DeviceSerialNumber"})
        if (value(s.top, k).empty())
            putKeyword(d, k, "UNKNOWN");
    put(d, DCM_ContentDate, s.contentDate);
    put(d, DCM_ContentTime, s.contentTime);
    put(d, DCM_AcquisitionDateTime, s.acquisitionDateTime);
    if (s.deidentified) {
        addCode(d, DCM_DeidentificationMethodCodeSequence, "113100", "DCM",
                "Basic Application Confidentiality Profile");
        addCode(d, DCM_DeidentificationMethodCodeSequence, "113107", "DCM",
                "Retain Longitudinal Temporal Information Modified Dates Option");
        put(d, DCM_BurnedInAnnotation, "NO");
    }

    // Specimen: the slide (container) and the tissue on it.
    put(d, DCM_ContainerIdentifier, value(s.top, "ContainerIdentifier"));
    emptySequence(d, DCM_IssuerOfTheContainerIdentifierSequence);
    addCode(d, DCM_ContainerTypeCodeSequence, "433466003", "SCT", "Microscope slide");
    DcmItem& specimen = newItem(d, DCM_SpecimenDescriptionSequence);
    put(specimen, DCM_SpecimenIdentifier, value(s.specimen, "SpecimenIdentifier"));
    put(specimen, DCM_SpecimenUID, s.specimenUid);
    emptySequence(specimen, DCM_IssuerOfTheSpecimenIdentifierSequence);
    emptySequence(specimen, DCM_SpecimenPreparationSequence);
    for (const char* k : {"SpecimenShortDescription", "SpecimenDetailedDescription"})
        if (!value(s.specimen, k).empty())
            putKeyword(specimen, k, value(s.specimen, k));

    // Whole Slide Microscopy Image.
    const bool volume = p.role == "VOLUME" || p.role == "THUMBNAIL";
    put(d, DCM_VolumetricProperties, "VOLUME");
    put(d, DCM_SpecimenLabelInImage, volume ? "NO" : "YES");
    if (p.role == "LABEL") { // Slide Label module: type 2, the text is not read here
        put(d, DCM_BarcodeValue, "");
        put(d, DCM_LabelText, "");
    }
    put(d, DCM_BurnedInAnnotation, volume ? "NO" : "YES");
    put(d, DCM_FocusMethod, "AUTO");
    put(d, DCM_ExtendedDepthOfField, "NO");
    put(d, DCM_ImageOrientationSlide, "0\\-1\\0\\-1\\0\\0");
    put(d, DCM_TotalPixelMatrixColumns, std::to_string(p.width));
    put(d, DCM_TotalPixelMatrixRows, std::to_string(p.height));
    put(d, DCM_TotalPixelMatrixFocalPlanes, "1");
    DcmItem& origin = newItem(d, DCM_TotalPixelMatrixOriginSequence);
    put(origin, DCM_XOffsetInSlideCoordinateSystem, "0");
    put(origin, DCM_YOffsetInSlideCoordinateSystem, "0");
    if (volume) {
        put(d, DCM_ImagedVolumeWidth, decimal(double(s.width0) * s.mppX / 1000));
        put(d, DCM_ImagedVolumeHeight, decimal(double(s.height0) * s.mppY / 1000));
        put(d, DCM_ImagedVolumeDepth, "1");
    }
    put(d, DCM_DimensionOrganizationType, "TILED_FULL");
    put(d, DCM_NumberOfFrames, std::to_string(p.frames()));
    DcmItem& organisation = newItem(d, DCM_DimensionOrganizationSequence);
    put(organisation, DCM_DimensionOrganizationUID, s.dimensionUid);
    for (const auto& [index, label] :
         {std::pair{DCM_ColumnPositionInTotalImagePixelMatrix, "Column Position"},
          std::pair{DCM_RowPositionInTotalImagePixelMatrix, "Row Position"}}) {
        DcmItem& dimension = newItem(d, DCM_DimensionIndexSequence);
        put(dimension, DCM_DimensionOrganizationUID, s.dimensionUid);
        dimension.putAndInsertTagKey(DCM_DimensionIndexPointer, index);
        dimension.putAndInsertTagKey(DCM_FunctionalGroupPointer, DCM_PlanePositionSlideSequence);
        put(dimension, DCM_DimensionDescriptionLabel, label);
    }

    // Shared functional groups: spacing, frame type, optical path.
    DcmItem& shared = newItem(d, DCM_SharedFunctionalGroupsSequence);
    if (p.spacingRowMm && p.spacingColumnMm) {
        DcmItem& measures = newItem(shared, DCM_PixelMeasuresSequence);
        put(measures, DCM_PixelSpacing,
            decimal(*p.spacingRowMm) + "\\" + decimal(*p.spacingColumnMm));
        put(measures, DCM_SliceThickness, "0.001");
        put(measures, DCM_SpacingBetweenSlices, "0.001");
    }
    put(newItem(shared, DCM_WholeSlideMicroscopyImageFrameTypeSequence), DCM_FrameType, imageType);
    put(newItem(shared, DCM_OpticalPathIdentificationSequence), DCM_OpticalPathIdentifier, "1");

    // Optical path: brightfield, full spectrum, the source's colour profile.
    put(d, DCM_NumberOfOpticalPaths, "1");
    DcmItem& path = newItem(d, DCM_OpticalPathSequence);
    put(path, DCM_OpticalPathIdentifier, "1");
    addCode(path, DCM_IlluminationTypeCodeSequence, "111744", "DCM", "Brightfield illumination");
    addCode(path, DCM_IlluminationColorCodeSequence, "414298005", "SCT", "Full Spectrum");
    path.putAndInsertUint8Array(DCM_ICCProfile, s.iccProfile.data(),
                                (unsigned long)s.iccProfile.size());
    if (s.objectivePower && volume)
        put(path, DCM_ObjectiveLensPower, decimal(*s.objectivePower));
    emptySequence(d, DCM_AcquisitionContextSequence);

    // Image pixel.
    put(d, DCM_SamplesPerPixel, "3");
    put(d, DCM_PhotometricInterpretation, p.photometric);
    put(d, DCM_PlanarConfiguration, "0");
    put(d, DCM_Rows, std::to_string(p.tileH));
    put(d, DCM_Columns, std::to_string(p.tileW));
    put(d, DCM_BitsAllocated, "8");
    put(d, DCM_BitsStored, "8");
    put(d, DCM_HighBit, "7");
    put(d, DCM_PixelRepresentation, "0");
    put(d, DCM_LossyImageCompression, p.lossy ? "01" : "00");
    if (p.lossy) {
        put(d, DCM_LossyImageCompressionMethod, p.lossyMethod);
        put(d, DCM_LossyImageCompressionRatio, DicomInstanceWriter::kRatioPlaceholder);
    }
    if (s.mppUserEntered)
        put(d, DCM_ImageComments, "Pixel spacing entered by the user, not read from the scan");
    else if (p.spacingEstimated)
        put(d, DCM_ImageComments,
            "Pixel spacing estimated from a standard 76 x 26 mm slide, not measured");
}

// ---- Pixels -------------------------------------------------------------------------------

// RGB over white from premultiplied ARGB: a transparent (absent) pixel becomes white
// (premultiplied channels never exceed alpha, so c + 255 - alpha stays within a byte).
void toRgbOverWhite(const RgbaImage& image, int32_t x0, int32_t y0, int32_t w, int32_t h,
                    uint8_t* out, size_t stride) {
    for (int32_t y = 0; y < h; ++y) {
        const uint32_t* row = image.data() + size_t(y0 + y) * size_t(image.width()) + x0;
        uint8_t* o = out + size_t(y) * stride;
        for (int32_t x = 0; x < w; ++x) {
            const uint32_t p = row[x];
            const auto white = uint8_t(255 - alphaOf(p));
            o[3 * x] = uint8_t(redOf(p) + white);
            o[3 * x + 1] = uint8_t(greenOf(p) + white);
            o[3 * x + 2] = uint8_t(blueOf(p) + white);
        }
    }
}

struct Encoding {
    std::string transferSyntax, photometric, lossyMethod;
    bool lossy = true;
};

Encoding reencodingOf(const DicomSlideWriteOptions& o) {
    if (o.reencoding == DicomReencoding::Jpeg2000Lossless)
        return {kJpeg2000Lossless, "YBR_RCT", "ISO_15444_1", false};
    return {kJpegBaseline, "YBR_FULL_422", "ISO_10918_1", true};
}

// `rgb`: tileW x tileH packed RGB (padded already).
std::vector<uint8_t> encodeFrame(const DicomSlideWriteOptions& o, const uint8_t* rgb, int32_t tileW,
                                 int32_t tileH) {
    if (o.reencoding == DicomReencoding::Jpeg2000Lossless)
        return Jpeg2000TileEncoder::encodeLossless(rgb, tileW, tileH, size_t(tileW) * 3);
    return JpegTileEncoder::forThisThread().encode(rgb, tileW, tileH, size_t(tileW) * 3, o.quality);
}

// A level whose stored tiles turned out not to be copyable after all: write it encoded.
struct LevelNotCopyable {
    std::string why;
};

// How a stored level is copied, decided from its first stored tile.
struct CopyPlan {
    StoredTileFormat format;
    Encoding encoding;
};

// Whether one stored tile can be a frame of a level copied with `plan`; "" or why not.
std::string checkStoredTile(const CopyPlan& plan, std::span<const uint8_t> bytes) {
    std::string why;
    if (plan.format.codec == StoredTileCodec::Jpeg) {
        const auto info = readJpegFrameInfo(bytes, why);
        if (!info)
            return why;
        if (!info->baseline || info->precision != 8 || info->components != 3)
            return "not baseline 8-bit RGB JPEG";
        if (info->width != plan.format.tileWidth || info->height != plan.format.tileHeight)
            return "a JPEG tile's size differs from the level's tile size";
        const bool subsampled = !(info->lumaH == 1 && info->lumaV == 1);
        if (plan.format.ycbcrComponents &&
            (plan.encoding.photometric == "YBR_FULL_422") != subsampled)
            return "JPEG tiles with different chroma subsampling";
        return {};
    }
    const auto info = readJpeg2000CodestreamInfo(bytes, why);
    if (!info)
        return why;
    if (info->components != 3 || info->precision != 8)
        return "not 8-bit 3-component JPEG 2000";
    if (info->width != plan.format.tileWidth || info->height != plan.format.tileHeight)
        return "a JPEG 2000 tile's size differs from the level's tile size";
    const std::string photometric = plan.format.ycbcrComponents ? "YBR_FULL"
                                    : !info->colourTransform    ? "RGB"
                                    : info->reversible          ? "YBR_RCT"
                                                                : "YBR_ICT";
    if (photometric != plan.encoding.photometric)
        return "JPEG 2000 tiles with different colour transforms";
    return {};
}

// The copy plan of a source level, or nullopt (with the reason logged) when it is encoded.
std::optional<CopyPlan> copyPlanFor(const SlideSource& slide, int level) {
    const auto format = slide.storedTileFormat(level);
    if (!format)
        return std::nullopt;
    const LevelInfo& info = slide.level(level);
    if (format->tileWidth != info.tileWidth || format->tileHeight != info.tileHeight)
        return std::nullopt;
    // The first tile that is stored tells the level's coding.
    std::optional<std::vector<uint8_t>> probe;
    for (int64_t i = 0; i < std::min<int64_t>(64, info.tilesAcross() * info.tilesDown()) && !probe;
         ++i)
        probe = slide.readStoredTile(level, i % info.tilesAcross(), i / info.tilesAcross());
    if (!probe)
        return std::nullopt;
    CopyPlan plan{*format, {}};
    std::string why;
    if (format->codec == StoredTileCodec::Jpeg) {
        const auto jpeg = readJpegFrameInfo(*probe, why);
        if (!jpeg)
            return std::nullopt;
        const bool subsampled = !(jpeg->lumaH == 1 && jpeg->lumaV == 1);
        plan.encoding = {kJpegBaseline,
                         !format->ycbcrComponents ? "RGB"
                         : subsampled             ? "YBR_FULL_422"
                                                  : "YBR_FULL",
                         "ISO_10918_1", true};
    } else {
        const auto j2k = readJpeg2000CodestreamInfo(*probe, why);
        // YCbCr coded without the codestream's transform (Aperio 33003) has no DICOM
        // PhotometricInterpretation under JPEG 2000 (YBR_FULL is refused): encoded instead.
        if (!j2k || format->ycbcrComponents)
            return std::nullopt;
        plan.encoding = {kJpeg2000,
                         format->ycbcrComponents ? "YBR_FULL"
                         : !j2k->colourTransform ? "RGB"
                         : j2k->reversible       ? "YBR_RCT"
                                                 : "YBR_ICT",
                         "ISO_15444_1", true};
    }
    if (const std::string bad = checkStoredTile(plan, *probe); !bad.empty())
        return std::nullopt;
    return plan;
}

// ---- Folders ------------------------------------------------------------------------------

// The hidden folder the series is written into; removed unless released.
class StagingFolder {
public:
    explicit StagingFolder(const std::filesystem::path& target) : path_(temporaryPathFor(target)) {
        removeStaleTemporaries(path_.parent_path()); // series of killed writers
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
        if (!std::filesystem::create_directory(path_, ec))
            throw Error(ErrorKind::Io, target.string(),
                        "cannot create a folder beside it: " + ec.message());
    }
    ~StagingFolder() {
        if (!released_) {
            std::error_code ec;
            std::filesystem::remove_all(path_, ec);
        }
    }
    StagingFolder(const StagingFolder&) = delete;
    StagingFolder& operator=(const StagingFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }
    void release() { released_ = true; }

private:
    std::filesystem::path path_;
    bool released_ = false;
};

// ---- The writer ---------------------------------------------------------------------------

class SeriesWriter {
public:
    SeriesWriter(const SlideSource& slide, const std::filesystem::path& folder,
                 const DicomSlideWriteOptions& o, const DicomWriteProgress& progress)
        : slide_(slide), folder_(folder), o_(o), progress_(progress),
          pool_(size_t(std::max(0, o.threads))), series_(resolveSeries(slide, o)) {}

    DicomSlideWriteResult run() {
        planLevels();
        StagingFolder staging(folder_);
        staging_ = staging.path();
        const int coarsest = slide_.levelCount() - 1;
        for (int level = 0; level < slide_.levelCount(); ++level)
            writeSourceLevel(level);
        if (!generated_.empty())
            writeGeneratedLevels(coarsest);
        writeAssociatedImages();
        publish(staging);
        return std::move(result_);
    }

private:
    void planLevels() {
        int number = 1;
        for (int level = 0; level < slide_.levelCount(); ++level) {
            const LevelInfo& info = slide_.level(level);
            InstancePlan p = volumePlan(info.width, info.height, level == 0, number++);
            // Frames follow the source's tiles (copies must), unless those are strips or
            // whole images.
            const bool usableTiles = info.tileWidth >= 16 && info.tileHeight >= 16 &&
                                     info.tileWidth <= 2048 && info.tileHeight <= 2048;
            p.tileW = usableTiles ? info.tileWidth : 512;
            p.tileH = usableTiles ? info.tileHeight : 512;
            copies_.push_back(o_.reencodeAll ? std::nullopt : copyPlanFor(slide_, level));
            applyEncoding(p, copies_.back() ? copies_.back()->encoding : reencodingOf(o_));
            p.fileName = fmt::format("level-{}.dcm", level);
            sources_.push_back(p);
            total_ += p.frames();
        }
        // Halved levels below the coarsest until the longer side is under 1024 pixels.
        int64_t w = slide_.level(slide_.levelCount() - 1).width;
        int64_t h = slide_.level(slide_.levelCount() - 1).height;
        int index = slide_.levelCount();
        if (std::max(w, h) > kCoarsestSide)
            total_ += uint64_t(slide_.level(slide_.levelCount() - 1).tilesAcross() *
                               slide_.level(slide_.levelCount() - 1).tilesDown());
        while (std::max(w, h) > kCoarsestSide) {
            w = (w + 1) / 2;
            h = (h + 1) / 2;
            InstancePlan p = volumePlan(w, h, false, number++);
            p.tileW = p.tileH = kGeneratedTile;
            applyEncoding(p, reencodingOf(o_));
            p.fileName = fmt::format("level-{}.dcm", index++);
            generated_.push_back(p);
            total_ += p.frames();
        }
        nextNumber_ = number;
    }

    InstancePlan volumePlan(int64_t w, int64_t h, bool original, int number) const {
        InstancePlan p;
        p.role = "VOLUME";
        p.original = original;
        p.width = w;
        p.height = h;
        p.spacingColumnMm = series_.mppX * double(series_.width0) / double(w) / 1000;
        p.spacingRowMm = series_.mppY * double(series_.height0) / double(h) / 1000;
        p.number = number;
        p.sopUid = derivedDicomUid(series_.seed + "|instance|" + std::to_string(number));
        return p;
    }

    static void applyEncoding(InstancePlan& p, const Encoding& e) {
        p.transferSyntax = e.transferSyntax;
        p.photometric = e.photometric;
        p.lossy = e.lossy;
        p.lossyMethod = e.lossyMethod;
    }

    std::string reported(const InstancePlan& p) const { return (folder_ / p.fileName).string(); }

    std::unique_ptr<DicomInstanceWriter> open(const InstancePlan& p) {
        DcmDataset header;
        try {
            buildHeader(header, series_, p);
        } catch (const Error& e) {
            throw Error(ErrorKind::InvalidArgument, reported(p), e.cause());
        }
        return std::make_unique<DicomInstanceWriter>(
            staging_ / p.fileName, header, p.transferSyntax, p.frames(), reported(p),
            p.lossy ? uint64_t(p.tileW) * uint64_t(p.tileH) * 3 : 0);
    }

    void finished(const InstancePlan& p, DicomInstanceWriter& writer, const std::string& how) {
        writer.finish();
        result_.files.push_back(folder_ / p.fileName);
        result_.levels.push_back({p.width, p.height, how, p.transferSyntax, p.frames()});
        result_.bytes += writer.bytesWritten();
    }

    void advance(uint64_t frames) {
        done_ += frames;
        if (progress_ && !progress_(done_, total_))
            throw Error(ErrorKind::Cancelled, folder_.string(), "cancelled");
    }

    // Tile (col, row) of output level `p` from source level `level`, as padded RGB.
    std::vector<uint8_t> readRgbTile(int level, const InstancePlan& p, int64_t col,
                                     int64_t row) const {
        const LevelInfo& info = slide_.level(level);
        const auto w = int32_t(std::min<int64_t>(p.tileW, p.width - col * p.tileW));
        const auto h = int32_t(std::min<int64_t>(p.tileH, p.height - row * p.tileH));
        RgbaImage pixels =
            p.tileW == info.tileWidth && p.tileH == info.tileHeight
                ? slide_.readTile(level, col, row)
                : slide_.readRegion(level, std::llround(double(col * p.tileW) * info.downsample),
                                    std::llround(double(row * p.tileH) * info.downsample), w, h);
        std::vector<uint8_t> rgb(size_t(p.tileW) * size_t(p.tileH) * 3, 255); // white padding
        toRgbOverWhite(pixels, 0, 0, std::min(w, pixels.width()), std::min(h, pixels.height()),
                       rgb.data(), size_t(p.tileW) * 3);
        return rgb;
    }

    void writeSourceLevel(int level) {
        InstancePlan& p = sources_[size_t(level)];
        const std::optional<CopyPlan>& copy = copies_[size_t(level)];
        if (copy) {
            try {
                writeLevelFrames(level, p, &*copy);
                return;
            } catch (const LevelNotCopyable& e) {
                logger().info("{}: level {} is encoded, not copied ({})", slide_.location(), level,
                              e.why);
                done_ -= doneInLevel_;
                applyEncoding(p, reencodingOf(o_));
            }
        }
        writeLevelFrames(level, p, nullptr);
    }

    // Frames of source level `level` in frame order, copied (`copy`) or encoded; batches of
    // tiles run on the pool, each batch written before the next is read.
    void writeLevelFrames(int level, const InstancePlan& p, const CopyPlan* copy) {
        auto writer = open(p);
        const int64_t across = (p.width + p.tileW - 1) / p.tileW;
        const uint64_t count = p.frames();
        const size_t batch = std::max<size_t>(8, pool_.threadCount() * 4);
        // Tiles a copied level encodes itself must match its photometric: only our JPEG's
        // YBR_FULL_422 does.
        const bool canPatch = copy && copy->encoding.photometric == "YBR_FULL_422" &&
                              o_.reencoding == DicomReencoding::Jpeg;
        doneInLevel_ = 0;
        std::vector<std::vector<uint8_t>> frames(batch);
        std::vector<std::string> notCopyable(batch);
        for (uint64_t first = 0; first < count; first += batch) {
            const size_t n = size_t(std::min<uint64_t>(batch, count - first));
            pool_.parallelFor(n, [&](size_t i) {
                const int64_t index = int64_t(first + i);
                const int64_t col = index % across, row = index / across;
                notCopyable[i].clear();
                if (copy) {
                    auto stored = slide_.readStoredTile(level, col, row);
                    std::string why = stored ? checkStoredTile(*copy, *stored)
                                             : std::string("a tile is not stored as such");
                    if (why.empty()) {
                        frames[i] = copy->encoding.photometric == "RGB" &&
                                            copy->format.codec == StoredTileCodec::Jpeg
                                        ? withAdobeRgbMarker(*stored)
                                        : std::move(*stored);
                        return;
                    }
                    if (!canPatch) {
                        notCopyable[i] = why;
                        return;
                    }
                }
                const auto rgb = readRgbTile(level, p, col, row);
                frames[i] = encodeFrame(o_, rgb.data(), p.tileW, p.tileH);
            });
            for (size_t i = 0; i < n; ++i) {
                if (!notCopyable[i].empty())
                    throw LevelNotCopyable{notCopyable[i]};
                writer->writeFrame(frames[i]);
            }
            doneInLevel_ += n;
            advance(n);
        }
        finished(p, *writer, copy ? "copied" : "encoded");
    }

    // The halved levels, built row by row from the coarsest source level: each level keeps one
    // band of tile rows and an odd row, so memory is a few rows of each level.
    struct Band {
        const InstancePlan* plan = nullptr;
        std::unique_ptr<DicomInstanceWriter> writer;
        int64_t inWidth = 0;          // width of the finer level feeding it
        std::vector<uint8_t> pending; // an input row waiting for its pair
        std::vector<uint8_t> rows;    // up to tileH output rows
        int bandRows = 0;
    };

    void writeGeneratedLevels(int coarsest) {
        const LevelInfo& info = slide_.level(coarsest);
        std::vector<Band> bands(generated_.size());
        int64_t inWidth = info.width;
        for (size_t k = 0; k < generated_.size(); ++k) {
            bands[k].plan = &generated_[k];
            bands[k].writer = open(generated_[k]);
            bands[k].inWidth = inWidth;
            bands[k].rows.resize(size_t(generated_[k].width) * 3 * size_t(generated_[k].tileH));
            inWidth = generated_[k].width;
        }
        InstancePlan source = sources_[size_t(coarsest)];
        source.tileW = info.tileWidth;
        source.tileH = info.tileHeight;
        const int64_t across = info.tilesAcross();
        std::vector<std::vector<uint8_t>> tiles(static_cast<size_t>(across));
        std::vector<uint8_t> strip(size_t(info.width) * 3 * size_t(info.tileHeight));
        for (int64_t row = 0; row < info.tilesDown(); ++row) {
            pool_.parallelFor(size_t(across), [&](size_t col) {
                tiles[col] = readRgbTile(coarsest, source, int64_t(col), row);
            });
            const auto h =
                int32_t(std::min<int64_t>(info.tileHeight, info.height - row * info.tileHeight));
            for (int32_t y = 0; y < h; ++y)
                for (int64_t col = 0; col < across; ++col) {
                    const auto w = size_t(
                        std::min<int64_t>(info.tileWidth, info.width - col * info.tileWidth));
                    std::copy_n(tiles[size_t(col)].data() + size_t(y) * size_t(info.tileWidth) * 3,
                                w * 3,
                                strip.data() + (size_t(y) * size_t(info.width) +
                                                size_t(col) * size_t(info.tileWidth)) *
                                                   3);
                }
            addRows(bands, 0, strip.data(), h);
            advance(uint64_t(across));
        }
        for (size_t k = 0; k < bands.size(); ++k) {
            Band& b = bands[k];
            if (!b.pending.empty()) { // an odd last row pairs with itself
                const std::vector<uint8_t> last = b.pending;
                b.pending.clear();
                halveInto(b, last.data(), last.data());
            }
            if (b.bandRows > 0)
                flush(bands, k);
            finished(*b.plan, *b.writer, "generated");
        }
    }

    void addRows(std::vector<Band>& bands, size_t k, const uint8_t* rows, int count) {
        Band& b = bands[k];
        const size_t rowBytes = size_t(b.inWidth) * 3;
        for (int r = 0; r < count; ++r) {
            const uint8_t* row = rows + size_t(r) * rowBytes;
            if (b.pending.empty()) {
                b.pending.assign(row, row + rowBytes);
                continue;
            }
            halveInto(b, b.pending.data(), row);
            b.pending.clear();
            if (b.bandRows == b.plan->tileH)
                flush(bands, k);
        }
    }

    // One output row, the 2x2 average of rows `a` and `b` (the last column pairs with itself).
    static void halveInto(Band& band, const uint8_t* a, const uint8_t* b) {
        const int64_t outWidth = band.plan->width;
        uint8_t* out = band.rows.data() + size_t(band.bandRows) * size_t(outWidth) * 3;
        for (int64_t x = 0; x < outWidth; ++x) {
            const size_t x0 = size_t(2 * x) * 3;
            const size_t x1 = size_t(std::min(2 * x + 1, band.inWidth - 1)) * 3;
            for (size_t c = 0; c < 3; ++c)
                out[size_t(x) * 3 + c] =
                    uint8_t((a[x0 + c] + a[x1 + c] + b[x0 + c] + b[x1 + c] + 2) / 4);
        }
        ++band.bandRows;
    }

    // Encodes and writes the band's tile row, then feeds its rows to the next coarser level.
    void flush(std::vector<Band>& bands, size_t k) {
        Band& b = bands[k];
        const InstancePlan& p = *b.plan;
        const int64_t across = (p.width + p.tileW - 1) / p.tileW;
        std::vector<std::vector<uint8_t>> frames(static_cast<size_t>(across));
        pool_.parallelFor(size_t(across), [&](size_t col) {
            std::vector<uint8_t> rgb(size_t(p.tileW) * size_t(p.tileH) * 3, 255);
            const auto w = size_t(std::min<int64_t>(p.tileW, p.width - int64_t(col) * p.tileW));
            for (int y = 0; y < b.bandRows; ++y)
                std::copy_n(b.rows.data() +
                                (size_t(y) * size_t(p.width) + col * size_t(p.tileW)) * 3,
                            w * 3, rgb.data() + size_t(y) * size_t(p.tileW) * 3);
            frames[col] = encodeFrame(o_, rgb.data(), p.tileW, p.tileH);
        });
        for (const auto& f : frames)
            b.writer->writeFrame(f);
        if (k + 1 < bands.size())
            addRows(bands, k + 1, b.rows.data(), b.bandRows);
        b.bandRows = 0;
        advance(uint64_t(across));
    }

    void writeAssociatedImages() {
        const auto& names = slide_.metadata().associatedImages;
        const auto has = [&](const char* n) {
            return std::find(names.begin(), names.end(), n) != names.end();
        };
        std::vector<std::pair<std::string, std::string>> wanted; // name, role
        if (o_.includeLabel && has("label"))
            wanted.emplace_back("label", "LABEL");
        if (o_.includeLabel && has("macro"))
            wanted.emplace_back("macro", "OVERVIEW");
        if (o_.includeThumbnail && has("thumbnail"))
            wanted.emplace_back("thumbnail", "THUMBNAIL");
        for (const auto& [name, role] : wanted) {
            const RgbaImage image = slide_.readAssociated(name);
            if (image.width() > 65500 || image.height() > 65500 || image.width() < 1)
                continue; // a JPEG frame cannot hold it
            InstancePlan p;
            p.role = role;
            p.original = role != "THUMBNAIL";
            p.width = image.width();
            p.height = image.height();
            p.tileW = image.width();
            p.tileH = image.height();
            if (role == "THUMBNAIL") {
                p.spacingColumnMm = series_.mppX * double(series_.width0) / double(p.width) / 1000;
                p.spacingRowMm = series_.mppY * double(series_.height0) / double(p.height) / 1000;
            } else {
                // PixelMeasures is type 1 but a scanner does not say the label's or the
                // overview's scale: the overview spans a 76 mm slide, the label its 26 mm width.
                const double span = role == "OVERVIEW" ? 76.0 : 26.0;
                p.spacingColumnMm = p.spacingRowMm = span / double(std::max(p.width, p.height));
                p.spacingEstimated = true;
            }
            applyEncoding(p, reencodingOf(o_));
            p.number = nextNumber_++;
            p.sopUid = derivedDicomUid(series_.seed + "|instance|" + std::to_string(p.number));
            p.fileName = (role == "OVERVIEW" ? std::string("overview") : name) + ".dcm";
            std::vector<uint8_t> rgb(size_t(p.tileW) * size_t(p.tileH) * 3);
            toRgbOverWhite(image, 0, 0, image.width(), image.height(), rgb.data(),
                           size_t(p.tileW) * 3);
            auto writer = open(p);
            writer->writeFrame(encodeFrame(o_, rgb.data(), p.tileW, p.tileH));
            finished(p, *writer, "encoded");
        }
    }

    // Renames the staging folder to the target (an empty target folder is replaced).
    void publish(StagingFolder& staging) {
        std::error_code ec;
        if (std::filesystem::exists(folder_, ec)) {
            std::filesystem::remove(folder_, ec); // only succeeds for an empty folder
            if (ec)
                throw Error(ErrorKind::Io, folder_.string(),
                            "the folder is no longer empty; nothing was replaced");
        }
        std::filesystem::rename(staging.path(), folder_, ec);
        if (ec)
            throw Error(ErrorKind::Io, folder_.string(),
                        "cannot rename the written series into place: " + ec.message());
        staging.release();
        syncToDisk(folder_);
        syncToDisk(folder_.parent_path());
        result_.studyUid = series_.studyUid;
        result_.seriesUid = series_.seriesUid;
        result_.pseudonym = series_.pseudonym;
    }

    const SlideSource& slide_;
    std::filesystem::path folder_;
    const DicomSlideWriteOptions& o_;
    const DicomWriteProgress& progress_;
    ThreadPool pool_;
    Series series_;
    std::filesystem::path staging_;
    std::vector<InstancePlan> sources_, generated_;
    std::vector<std::optional<CopyPlan>> copies_;
    int nextNumber_ = 1;
    uint64_t total_ = 0, done_ = 0, doneInLevel_ = 0;
    DicomSlideWriteResult result_;
};

void checkTarget(const std::filesystem::path& folder) {
    std::error_code ec;
    if (folder.empty())
        throw Error(ErrorKind::InvalidArgument, {}, "no output folder");
    if (std::filesystem::exists(folder, ec)) {
        if (!std::filesystem::is_directory(folder, ec))
            throw Error(ErrorKind::Io, folder.string(), "exists and is not a folder");
        if (!std::filesystem::is_empty(folder, ec))
            throw Error(ErrorKind::Io, folder.string(),
                        "the folder is not empty: choose a new or empty folder (nothing in it is "
                        "replaced)");
    }
    const auto parent =
        folder.parent_path().empty() ? std::filesystem::path(".") : folder.parent_path();
    if (!std::filesystem::is_directory(parent, ec))
        throw Error(ErrorKind::NotFound, folder.string(), "its parent folder does not exist");
}

} // namespace

DicomSlideWriteResult writeDicomSlide(const SlideSource& slide, const std::filesystem::path& folder,
                                      const DicomSlideWriteOptions& options,
                                      const DicomWriteProgress& progress) {
    const SlideMetadata& meta = slide.metadata();
    if (!meta.mppX || !meta.mppY || *meta.mppX <= 0 || *meta.mppY <= 0)
        throw Error(ErrorKind::InvalidArgument, slide.location(),
                    "the slide has no pixel size, which DICOM requires: enter one (View › Pixel "
                    "Size…, or --mpp)");
    if (options.deidentification.enabled && options.includeLabel)
        throw Error(ErrorKind::InvalidArgument, slide.location(),
                    "a de-identified slide cannot include its label or overview: they show the "
                    "patient's name");
    if (options.quality < 1 || options.quality > 100)
        throw Error(ErrorKind::InvalidArgument, {}, "the JPEG quality must be 1 to 100");
    const std::filesystem::path target = std::filesystem::absolute(folder).lexically_normal();
    checkTarget(target.filename().empty() ? target.parent_path() : target);
    return SeriesWriter(slide, target.filename().empty() ? target.parent_path() : target, options,
                        progress)
        .run();
}

bool storedTilesCopyable(const SlideSource& slide, int level) {
    return copyPlanFor(slide, level).has_value();
}

} // namespace lamina
