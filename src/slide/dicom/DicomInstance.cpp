#include <lamina/core/Error.h>
#include <lamina/slide/dicom/DicomInstance.h>

#include <dcmtk/dcmdata/dctk.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>

namespace lamina {
namespace {

constexpr const char* kWholeSlideSopClass = "1.2.840.10008.5.1.4.1.1.77.1.6";
constexpr const char* kImplicitLittle = "1.2.840.10008.1.2";
constexpr const char* kExplicitLittle = "1.2.840.10008.1.2.1";
constexpr std::array<const char*, 5> kSupportedSyntaxes = {
    kImplicitLittle,          kExplicitLittle,
    "1.2.840.10008.1.2.4.50", // JPEG baseline
    "1.2.840.10008.1.2.4.90", // JPEG 2000 lossless
    "1.2.840.10008.1.2.4.91", // JPEG 2000
};

std::string text(DcmItem& item, const DcmTagKey& key, bool searchIntoSub = false) {
    OFString value;
    if (item.findAndGetOFStringArray(key, value, searchIntoSub).good())
        return std::string(value.c_str());
    return {};
}

std::optional<double> number(DcmItem& item, const DcmTagKey& key, unsigned long pos = 0,
                             bool searchIntoSub = false) {
    Float64 value = 0;
    if (item.findAndGetFloat64(key, value, pos, searchIntoSub).good() && std::isfinite(value))
        return value;
    return std::nullopt;
}

// Integer attributes of any integer VR (US, UL, SL, IS).
std::optional<int64_t> integer(DcmItem& item, const DcmTagKey& key, bool searchIntoSub = false) {
    Sint32 s = 0;
    if (item.findAndGetSint32(key, s, 0, searchIntoSub).good())
        return s;
    Uint32 u = 0;
    if (item.findAndGetUint32(key, u, 0, searchIntoSub).good())
        return u;
    Uint16 h = 0;
    if (item.findAndGetUint16(key, h, 0, searchIntoSub).good())
        return h;
    const std::string t = text(item, key, searchIntoSub);
    if (!t.empty()) {
        try {
            return std::stoll(t);
        } catch (const std::exception&) {
        }
    }
    return std::nullopt;
}

// The ImageType's third value (VOLUME, LABEL, ...).
std::string roleOf(const std::string& imageType) {
    size_t start = 0;
    for (int i = 0; i < 2; ++i) {
        start = imageType.find('\\', start);
        if (start == std::string::npos)
            return {};
        ++start;
    }
    const size_t end = imageType.find('\\', start);
    return imageType.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

struct Descriptor {
    explicit Descriptor(int descriptor) : fd(descriptor) {}
    ~Descriptor() { ::close(fd); }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int fd;
};

} // namespace

bool isPatientProperty(const std::string& name) {
    static constexpr std::array<const char*, 9> kPatient = {
        "dicom.PatientName",        "dicom.PatientID",
        "dicom.PatientBirthDate",   "dicom.PatientSex",
        "dicom.OtherPatientIDs",    "dicom.PatientAge",
        "dicom.AccessionNumber",    "dicom.ReferringPhysicianName",
        "dicom.ContainerIdentifier"};
    return std::find(kPatient.begin(), kPatient.end(), name) != kPatient.end();
}

bool DicomInstance::looksLikeDicom(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char buffer[132] = {};
    return in.read(buffer, 132) && std::memcmp(buffer + 128, "DICM", 4) == 0;
}

void requireSupportedTransferSyntax(const std::string& transferSyntax, const std::string& where) {
    if (std::find_if(kSupportedSyntaxes.begin(), kSupportedSyntaxes.end(), [&](const char* s) {
            return transferSyntax == s;
        }) == kSupportedSyntaxes.end())
        throw Error(ErrorKind::UnsupportedFormat, where,
                    "unsupported transfer syntax " +
                        (transferSyntax.empty() ? std::string("(none given)") : transferSyntax) +
                        " (Lamina reads JPEG baseline, JPEG 2000 and uncompressed little endian)");
}

namespace {

uint16_t opticalPathIndex(DicomInstance& d, const std::string& id) {
    const auto it = std::find(d.opticalPathIds.begin(), d.opticalPathIds.end(), id);
    if (it != d.opticalPathIds.end())
        return uint16_t(it - d.opticalPathIds.begin());
    d.opticalPathIds.push_back(id); // named by a frame only: tolerated
    return uint16_t(d.opticalPathIds.size() - 1);
}

// Optical paths and focal planes: which pyramid each frame belongs to (see layerOf).
void interpretLayers(const DicomAttributes& a, DicomInstance& d, const std::string& where) {
    constexpr int64_t kMaxLayers = 1000; // planes or paths; more is not a slide
    d.opticalPathIds = a.opticalPathIds;
    if (d.opticalPathIds.size() > kMaxLayers)
        throw Error(ErrorKind::Corrupt, where, "more than 1000 optical paths");
    if (d.opticalPathIds.empty())
        d.opticalPathIds.push_back({});
    d.sharedOpticalPath =
        a.sharedOpticalPathId.empty() ? 0 : opticalPathIndex(d, a.sharedOpticalPathId);
    d.focalPlanes = a.focalPlanes.value_or(1);
    d.opticalPaths = a.opticalPaths.value_or(1);
    if (d.focalPlanes < 1 || d.focalPlanes > kMaxLayers || d.opticalPaths < 1 ||
        d.opticalPaths > kMaxLayers)
        throw Error(ErrorKind::Corrupt, where,
                    "TotalPixelMatrixFocalPlanes or NumberOfOpticalPaths is out of range");
    d.zOffsetUm = a.zOffsetUm.value_or(0);
    if (a.focalPlaneSpacingMm && *a.focalPlaneSpacingMm > 0)
        d.focalPlaneSpacingUm = *a.focalPlaneSpacingMm * 1000;
    else if (d.focalPlanes > 1 && !d.sparse) {
        d.focalPlaneSpacingUm = 1; // planes told apart by their number only
        d.warnings.push_back("several focal planes but no SpacingBetweenSlices: planes 1 µm "
                             "apart assumed");
    }
    if (!d.sparse)
        return;
    if (a.frameOpticalPathIds && int64_t(a.frameOpticalPathIds->size()) == d.numberOfFrames) {
        d.frameOpticalPaths.reserve(a.frameOpticalPathIds->size());
        for (const std::string& id : *a.frameOpticalPathIds) {
            d.frameOpticalPaths.push_back(opticalPathIndex(d, id));
            if (d.opticalPathIds.size() > kMaxLayers)
                throw Error(ErrorKind::Corrupt, where, "more than 1000 optical paths");
        }
    }
    if (a.frameZOffsetsUm && int64_t(a.frameZOffsetsUm->size()) == d.numberOfFrames)
        d.frameZOffsetsUm.assign(a.frameZOffsetsUm->begin(), a.frameZOffsetsUm->end());
}

} // namespace

DicomInstance::FrameLayer DicomInstance::layerOf(int64_t frame) const {
    FrameLayer layer;
    if (sparse) {
        const auto f = size_t(frame);
        layer.opticalPath = f < frameOpticalPaths.size() ? frameOpticalPaths[f] : sharedOpticalPath;
        layer.focalPlaneUm = f < frameZOffsetsUm.size() ? double(frameZOffsetsUm[f]) : zOffsetUm;
        return layer;
    }
    // TILED_FULL: columns, then rows, then focal planes, then optical paths (PS3.3 C.8.12.4).
    const int64_t across = (totalWidth + frameWidth - 1) / frameWidth;
    const int64_t down = (totalHeight + frameHeight - 1) / frameHeight;
    const int64_t global = concatenationFrameOffset + frame;
    const int64_t plane = global / (across * down);
    const int64_t pathNumber = plane / focalPlanes;
    layer.focalPlaneUm = zOffsetUm + double(plane % focalPlanes) * focalPlaneSpacingUm;
    if (pathNumber >= opticalPaths)
        return layer; // past the stack: belongs to no pyramid
    // Frames of one path are stacked in OpticalPathSequence order unless the shared group
    // names a single path for all of them.
    layer.opticalPath = opticalPaths == 1 ? sharedOpticalPath
                                          : std::min(size_t(pathNumber), opticalPathIds.size() - 1);
    layer.place = global % (across * down);
    return layer;
}

DicomInstance DicomInstance::interpret(const DicomAttributes& a, const std::string& where) {
    if (a.sopClass != kWholeSlideSopClass)
        throw Error(ErrorKind::UnsupportedFormat, where,
                    "a DICOM object, but not a VL Whole Slide Microscopy Image (SOP class " +
                        (a.sopClass.empty() ? std::string("missing") : a.sopClass) + ")");
    DicomInstance d;
    d.transferSyntax = a.transferSyntax;
    if (!d.transferSyntax.empty())
        requireSupportedTransferSyntax(d.transferSyntax, where);
    d.studyUid = a.studyUid;
    d.seriesUid = a.seriesUid;
    d.sopInstanceUid = a.sopInstanceUid;
    d.role = roleOf(a.imageType);
    if (d.role.empty())
        d.warnings.push_back("no ImageType value 3: taken as a pyramid level (VOLUME)");
    d.photometric = a.photometric;
    if (d.transferSyntax.rfind("1.2.840.10008.1.2.4.9", 0) == 0 && d.photometric == "YBR_FULL_422")
        // OrthancWSIDicomizer 1.1 keeps the source's label when it re-encodes to JPEG 2000.
        d.warnings.push_back("YBR_FULL_422 is not valid with JPEG 2000: decoded as the "
                             "codestream says (RGB)");
    d.samplesPerPixel = int(a.samplesPerPixel.value_or(3));
    d.planarConfiguration = int(a.planarConfiguration.value_or(0));
    d.bitsAllocated = int(a.bitsAllocated.value_or(8));
    const int64_t columns = a.columns.value_or(0), rows = a.rows.value_or(0);
    if (columns <= 0 || rows <= 0 || columns > 16384 || rows > 16384)
        throw Error(ErrorKind::Corrupt, where,
                    "frame size (Rows, Columns) missing or out of range");
    d.frameWidth = int32_t(columns);
    d.frameHeight = int32_t(rows);
    if (d.bitsAllocated != 8 || (d.samplesPerPixel != 3 && d.samplesPerPixel != 1))
        throw Error(ErrorKind::UnsupportedFormat, where,
                    "only 8-bit RGB or grey pixels are supported (BitsAllocated " +
                        std::to_string(d.bitsAllocated) + ", SamplesPerPixel " +
                        std::to_string(d.samplesPerPixel) + ")");
    d.numberOfFrames = a.numberOfFrames.value_or(1);
    d.totalWidth = a.totalColumns.value_or(0);
    d.totalHeight = a.totalRows.value_or(0);
    if (d.totalWidth <= 0 || d.totalHeight <= 0) {
        d.warnings.push_back("no TotalPixelMatrixColumns/Rows: the frame is the whole image");
        d.totalWidth = d.frameWidth;
        d.totalHeight = d.frameHeight;
    }
    if (d.numberOfFrames < 1 || d.numberOfFrames > (int64_t(1) << 24) ||
        d.totalWidth > (int64_t(1) << 31) || d.totalHeight > (int64_t(1) << 31))
        throw Error(ErrorKind::Corrupt, where,
                    "NumberOfFrames or the pixel matrix is out of range");
    d.concatenationFrameOffset = a.concatenationFrameOffset.value_or(0);
    if (d.concatenationFrameOffset < 0 || d.concatenationFrameOffset > (int64_t(1) << 31))
        throw Error(ErrorKind::Corrupt, where, "ConcatenationFrameOffsetNumber is out of range");
    d.spacingRowMm = a.spacingRowMm;
    d.spacingColumnMm = a.spacingColumnMm;
    if (!d.spacingRowMm || !d.spacingColumnMm || !(*d.spacingRowMm > 0) ||
        !(*d.spacingColumnMm > 0)) {
        d.spacingRowMm.reset();
        d.spacingColumnMm.reset();
        d.warnings.push_back("no PixelSpacing: the slide has no physical scale");
    }
    d.objectivePower = a.objectivePower;
    d.iccProfile = a.iccProfile;
    // TILED_SPARSE: said, or implied by a position for every frame without TILED_FULL.
    if (a.organisation != "TILED_FULL" && a.framePositions &&
        int64_t(a.framePositions->size()) == d.numberOfFrames) {
        d.sparse = true;
        d.framePositions.reserve(a.framePositions->size());
        for (const auto& [col, row] : *a.framePositions)
            d.framePositions.emplace_back(col - 1, row - 1); // DICOM positions are 1-based
    }
    if (a.organisation.empty() && !d.sparse)
        d.warnings.push_back("no DimensionOrganizationType: frames taken as TILED_FULL");
    interpretLayers(a, d, where);
    d.properties = a.properties;
    return d;
}

DicomInstance DicomInstance::read(const std::filesystem::path& path) {
    // DCMTK logs to stderr by default ("PixelData encountered, skipping rest" on every file
    // read up to the pixel data): errors reach the user through lamina::Error instead.
    static std::once_flag quiet;
    std::call_once(quiet, [] { OFLog::configure(OFLogger::FATAL_LOG_LEVEL); });
    const std::string where = path.string();
    DcmFileFormat format;
    // Up to the pixel data only: the frames are indexed, never loaded.
    const OFCondition loaded = format.loadFileUntilTag(
        where.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect, DCM_PixelData);
    if (loaded.bad())
        throw Error(ErrorKind::Corrupt, where,
                    std::string("not readable as DICOM: ") + loaded.text());
    DcmItem& meta = *format.getMetaInfo();
    DcmDataset& data = *format.getDataset();
    DicomAttributes a;
    a.sopClass = text(data, DCM_SOPClassUID);
    a.transferSyntax = text(meta, DCM_TransferSyntaxUID);
    if (a.sopClass == kWholeSlideSopClass) // a file must name its syntax
        requireSupportedTransferSyntax(a.transferSyntax, where);
    a.studyUid = text(data, DCM_StudyInstanceUID);
    a.seriesUid = text(data, DCM_SeriesInstanceUID);
    a.sopInstanceUid = text(data, DCM_SOPInstanceUID);
    a.imageType = text(data, DCM_ImageType);
    a.photometric = text(data, DCM_PhotometricInterpretation);
    a.samplesPerPixel = integer(data, DCM_SamplesPerPixel);
    a.planarConfiguration = integer(data, DCM_PlanarConfiguration);
    a.bitsAllocated = integer(data, DCM_BitsAllocated);
    a.columns = integer(data, DCM_Columns);
    a.rows = integer(data, DCM_Rows);
    a.numberOfFrames = integer(data, DCM_NumberOfFrames);
    a.totalColumns = integer(data, DCM_TotalPixelMatrixColumns);
    a.totalRows = integer(data, DCM_TotalPixelMatrixRows);
    a.concatenationFrameOffset = integer(data, DCM_ConcatenationFrameOffsetNumber);
    // Spacing: SharedFunctionalGroups > PixelMeasures > PixelSpacing (mm, row \ column).
    DcmItem* shared = nullptr;
    if (data.findAndGetSequenceItem(DCM_SharedFunctionalGroupsSequence, shared).good() && shared) {
        a.spacingRowMm = number(*shared, DCM_PixelSpacing, 0, true);
        a.spacingColumnMm = number(*shared, DCM_PixelSpacing, 1, true);
    }
    if (shared) {
        a.focalPlaneSpacingMm = number(*shared, DCM_SpacingBetweenSlices, 0, true);
        a.zOffsetUm = number(*shared, DCM_ZOffsetInSlideCoordinateSystem, 0, true);
        DcmItem* identification = nullptr;
        if (shared->findAndGetSequenceItem(DCM_OpticalPathIdentificationSequence, identification)
                .good() &&
            identification)
            a.sharedOpticalPathId = text(*identification, DCM_OpticalPathIdentifier);
    }
    a.opticalPaths = integer(data, DCM_NumberOfOpticalPaths);
    a.focalPlanes = integer(data, DCM_TotalPixelMatrixFocalPlanes);
    DcmSequenceOfItems* paths = nullptr;
    if (data.findAndGetSequence(DCM_OpticalPathSequence, paths).good() && paths)
        for (unsigned long i = 0; i < paths->card() && i <= 1000; ++i)
            if (DcmItem* item = paths->getItem(i))
                a.opticalPathIds.push_back(text(*item, DCM_OpticalPathIdentifier));
    DcmItem* path0 = nullptr;
    if (data.findAndGetSequenceItem(DCM_OpticalPathSequence, path0).good() && path0) {
        a.objectivePower = number(*path0, DCM_ObjectiveLensPower, 0, true);
        const Uint8* icc = nullptr;
        unsigned long iccLength = 0;
        if (path0->findAndGetUint8Array(DCM_ICCProfile, icc, &iccLength).good() && icc)
            a.iccProfile.assign(icc, icc + iccLength);
    }
    a.organisation = text(data, DCM_DimensionOrganizationType);
    DcmSequenceOfItems* perFrame = nullptr;
    if (a.organisation != "TILED_FULL" &&
        data.findAndGetSequence(DCM_PerFrameFunctionalGroupsSequence, perFrame).good() &&
        perFrame) {
        std::vector<std::pair<int64_t, int64_t>> positions;
        std::vector<double> zOffsets;
        std::vector<std::string> opticalPaths;
        for (unsigned long i = 0; i < perFrame->card(); ++i) {
            DcmItem* frame = perFrame->getItem(i);
            DcmItem* position = nullptr;
            if (!frame ||
                frame->findAndGetSequenceItem(DCM_PlanePositionSlideSequence, position).bad() ||
                !position)
                break;
            const auto col = integer(*position, DCM_ColumnPositionInTotalImagePixelMatrix);
            const auto row = integer(*position, DCM_RowPositionInTotalImagePixelMatrix);
            if (!col || !row)
                break;
            positions.emplace_back(*col, *row);
            if (const auto z = number(*position, DCM_ZOffsetInSlideCoordinateSystem))
                zOffsets.push_back(*z);
            DcmItem* identification = nullptr;
            if (frame->findAndGetSequenceItem(DCM_OpticalPathIdentificationSequence, identification)
                    .good() &&
                identification)
                opticalPaths.push_back(text(*identification, DCM_OpticalPathIdentifier));
        }
        if (positions.size() == perFrame->card()) {
            if (zOffsets.size() == positions.size())
                a.frameZOffsetsUm = std::move(zOffsets);
            if (opticalPaths.size() == positions.size())
                a.frameOpticalPathIds = std::move(opticalPaths);
            a.framePositions = std::move(positions);
        }
    }
    // Every other top-level value as a property (text values only).
    for (unsigned long i = 0; i < data.card(); ++i) {
        DcmElement* element = data.getElement(i);
        if (!element || element->ident() == EVR_SQ || element->getTag() == DCM_PixelData)
            continue;
        const DcmEVR vr = element->getTag().getEVR();
        if (vr == EVR_OB || vr == EVR_OW || vr == EVR_UN || vr == EVR_OF || vr == EVR_OD)
            continue;
        OFString value;
        DcmTag tag = element->getTag(); // getTagName() is not const
        if (element->getOFStringArray(value).good() && value.length() < 1024)
            a.properties["dicom." + std::string(tag.getTagName())] = value.c_str();
    }
    DicomInstance d = interpret(a, where);
    d.path = path;

    // Where the frames are.
    const bool explicitVr = d.transferSyntax != kImplicitLittle;
    const uint64_t frameBytes =
        uint64_t(d.frameWidth) * uint64_t(d.frameHeight) * uint64_t(d.samplesPerPixel);
    std::vector<uint64_t> extendedOffsets, extendedLengths;
    const Uint64* values = nullptr;
    unsigned long count = 0;
    if (data.findAndGetUint64Array(DCM_ExtendedOffsetTable, values, &count).good() && values)
        extendedOffsets.assign(values, values + count);
    if (data.findAndGetUint64Array(DCM_ExtendedOffsetTableLengths, values, &count).good() && values)
        extendedLengths.assign(values, values + count);
    d.frames = DicomFrameIndex::build(path, explicitVr, uint64_t(d.numberOfFrames), frameBytes,
                                      extendedOffsets, extendedLengths);
    if (int64_t(d.frames.frames.size()) != d.numberOfFrames)
        throw Error(ErrorKind::Corrupt, where,
                    "the pixel data does not hold NumberOfFrames frames");
    const int fd = ::open(where.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorKind::Io, where, std::string("cannot open: ") + std::strerror(errno));
    auto descriptor = std::make_shared<const Descriptor>(fd);
    d.file = std::shared_ptr<const int>(descriptor, &descriptor->fd);
    return d;
}

std::vector<uint8_t> DicomInstance::readFrame(int64_t index) const {
    if (index < 0 || index >= int64_t(frames.frames.size()))
        throw Error(ErrorKind::InvalidArgument, path.string(),
                    "frame " + std::to_string(index) + " does not exist");
    const auto& spans = frames.frames[size_t(index)];
    uint64_t total = 0;
    for (const auto& s : spans)
        total += s.length;
    if (total > (uint64_t(1) << 30))
        throw Error(ErrorKind::Corrupt, path.string(), "a frame larger than 1 GiB");
    std::vector<uint8_t> bytes(total);
    uint64_t at = 0;
    for (const auto& s : spans) {
        uint64_t done = 0;
        while (done < s.length) {
            const ssize_t n =
                ::pread(*file, bytes.data() + at + done, s.length - done, off_t(s.offset + done));
            if (n <= 0)
                throw Error(ErrorKind::Io, path.string(),
                            "cannot read frame " + std::to_string(index));
            done += uint64_t(n);
        }
        at += s.length;
    }
    return bytes;
}

} // namespace lamina
