#pragma once
// One DICOM file of a VL Whole Slide Microscopy Image series, as far as Lamina needs it: its
// identity (Study/Series/SOP Instance UIDs), its role (ImageType value 3: VOLUME, LABEL,
// OVERVIEW, THUMBNAIL), its geometry (total pixel matrix, frame size, frame positions for
// TILED_SPARSE), its encoding (transfer syntax, photometric interpretation), its spacing and
// optical path, and where each frame's bytes are (DicomFrameIndex). The header is parsed with
// DCMTK up to the Pixel Data; pixel data is never loaded here.
// Non-conformant but readable files (no ImageType, no spacing, no functional groups) are
// accepted; what was missing is listed in `warnings`.
// Thread-safety: value type after read(); readFrame() may be called from any thread.

#include <lamina/slide/dicom/detail/DicomFrameIndex.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lamina {

// The attributes Lamina interprets, as found in a file (DCMTK) or in DICOM JSON (DICOMweb
// metadata); absent values stay empty. DicomInstance::interpret() turns them into a
// DicomInstance with the same checks and warnings whatever their origin.
struct DicomAttributes {
    std::string sopClass, transferSyntax, studyUid, seriesUid, sopInstanceUid;
    std::string imageType; // values joined with '\\'
    std::string photometric, organisation;
    std::vector<std::string> opticalPathIds; // OpticalPathSequence identifiers, in order
    std::optional<int64_t> samplesPerPixel, planarConfiguration, bitsAllocated;
    std::optional<int64_t> columns, rows, numberOfFrames, totalColumns, totalRows;
    std::optional<int64_t> concatenationFrameOffset;
    std::optional<double> spacingRowMm, spacingColumnMm, objectivePower;
    // Several pyramids in one instance (TILED_FULL stacks them: plane after plane, then path
    // after path): NumberOfOpticalPaths, TotalPixelMatrixFocalPlanes, SpacingBetweenSlices (mm).
    std::optional<int64_t> opticalPaths, focalPlanes;
    std::optional<double> focalPlaneSpacingMm;
    // SharedFunctionalGroups: the focal plane (ZOffsetInSlideCoordinateSystem, µm) and the
    // optical path (OpticalPathIdentificationSequence) of every frame.
    std::optional<double> zOffsetUm;
    std::string sharedOpticalPathId;
    std::vector<uint8_t> iccProfile;
    std::string iccProfileUri; // DICOMweb: where the profile is when not inline (BulkDataURI)
    // PlanePositionSlide of every frame (1-based column, row) when each frame has one.
    std::optional<std::vector<std::pair<int64_t, int64_t>>> framePositions;
    // PerFrameFunctionalGroups, when every frame gives one: ZOffsetInSlideCoordinateSystem
    // (µm) and OpticalPathIdentifier.
    std::optional<std::vector<double>> frameZOffsetsUm;
    std::optional<std::vector<std::string>> frameOpticalPathIds;
    std::map<std::string, std::string> properties; // "dicom.Keyword" = text value
};

// The stored bytes of one frame and the transfer syntax they are in (a DICOMweb archive
// says it per frame; a file once for all).
struct DicomFrame {
    std::vector<uint8_t> bytes;
    std::string transferSyntax;
};

struct DicomInstance {
    std::filesystem::path path;
    std::string studyUid, seriesUid, sopInstanceUid;
    std::string
        role; // ImageType value 3 ("VOLUME", "LABEL", "OVERVIEW", "THUMBNAIL"; "" = missing)
    std::string transferSyntax; // UID
    std::string photometric;    // "RGB", "YBR_FULL_422", "MONOCHROME2", ...
    int samplesPerPixel = 3;
    int planarConfiguration = 0;
    int bitsAllocated = 8;
    int32_t frameWidth = 0, frameHeight = 0; // Columns, Rows
    int64_t totalWidth = 0, totalHeight = 0; // TotalPixelMatrixColumns/Rows
    int64_t numberOfFrames = 1;
    int64_t concatenationFrameOffset = 0; // first frame's number in its concatenation
    bool sparse = false;                  // TILED_SPARSE: frame positions below
    // Per frame (sparse only): top-left of the frame in the total pixel matrix, 0-based.
    std::vector<std::pair<int64_t, int64_t>> framePositions;
    std::optional<double> spacingRowMm, spacingColumnMm; // PixelSpacing
    std::optional<double> objectivePower;
    // Which pyramid each frame belongs to: optical path and focal plane (see layerOf).
    std::vector<std::string> opticalPathIds;   // as listed, plus any only the frames name
    int64_t focalPlanes = 1, opticalPaths = 1; // TILED_FULL: planes and paths stacked
    double zOffsetUm = 0;                      // TILED_FULL: the first plane's Z (µm)
    double focalPlaneSpacingUm = 0;            // TILED_FULL: between planes (µm)
    uint16_t sharedOpticalPath = 0;            // index into opticalPathIds
    std::vector<uint16_t> frameOpticalPaths;   // sparse, per frame (empty: sharedOpticalPath)
    std::vector<float> frameZOffsetsUm;        // sparse, per frame (empty: zOffsetUm)
    std::vector<uint8_t> iccProfile;
    std::map<std::string, std::string> properties; // "dicom.Manufacturer" = ...
    std::vector<std::string> warnings;
    DicomFrameIndex frames;

    // Checks and interprets attributes (`where` names the file or URL in errors and
    // warnings). Throws lamina::Error: UnsupportedFormat (not a whole-slide image, unsupported
    // pixels, or a transfer syntax Lamina cannot decode when one is given), Corrupt (sizes
    // missing or out of range). Leaves `frames` and `file` empty.
    static DicomInstance interpret(const DicomAttributes& attributes, const std::string& where);

    // Cheap: true when the file starts like DICOM (the "DICM" prefix after 128 bytes).
    static bool looksLikeDicom(const std::filesystem::path& path);
    // Parses the header and indexes the frames. Throws lamina::Error: UnsupportedFormat (not a
    // whole-slide image, or an unsupported transfer syntax, naming it), Corrupt, Io.
    static DicomInstance read(const std::filesystem::path& path);

    // A frame's pyramid: its optical path (index into opticalPathIds) and focal plane (Z, µm),
    // and for TILED_FULL its place in the plane's tile grid (row-major; -1 when the frame lies
    // past the stacked planes and paths). Sparse frames: place -1, positions in framePositions.
    struct FrameLayer {
        size_t opticalPath = 0;
        double focalPlaneUm = 0;
        int64_t place = -1;
    };
    FrameLayer layerOf(int64_t frame) const;

    // The stored bytes of frame `index` (0-based), fragments joined. Throws Corrupt/Io.
    std::vector<uint8_t> readFrame(int64_t index) const;

    std::shared_ptr<const int> file; // open descriptor for positional reads, shared by copies
};

// Throws lamina::Error(UnsupportedFormat) naming `where` unless Lamina decodes frames of
// this transfer syntax (JPEG baseline, JPEG 2000, uncompressed little endian).
void requireSupportedTransferSyntax(const std::string& transferSyntax, const std::string& where);

// Property names holding patient identity (the UI hides them like the label image).
bool isPatientProperty(const std::string& name);

} // namespace lamina
