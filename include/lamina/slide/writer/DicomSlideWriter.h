#pragma once
// Writes any slide Lamina opens as one DICOM VL Whole Slide Microscopy Image series (PS3.3
// A.32.8): one instance per pyramid level (TILED_FULL, Extended Offset Table), levels halved
// below the slide's coarsest down to under 1024 pixels, and LABEL / OVERVIEW / THUMBNAIL
// instances only when asked (a label can name the patient).
//
// Lossless where the source allows: a level whose tiles are stored as baseline JPEG or JPEG
// 2000 (SlideSource::storedTileFormat) is copied frame for frame without decoding — a TIFF's
// shared JPEGTables merged into each frame, Aperio's RGB JPEG marked RGB (APP14) — so the
// pixels a reader decodes are the source's. Other levels, generated levels and tiles a level
// cannot copy are encoded (JPEG at a quality, or JPEG 2000 lossless); edge frames are padded
// with white. Memory stays at a few tile rows whatever the slide's size.
//
// The series is written into a hidden folder beside `folder` and renamed to it at the end, so
// a failure or a cancel leaves nothing behind; `folder` must not exist or be empty.
// UIDs are derived from the slide and the options (DicomUid.h): writing the same slide the
// same way again gives the same series, which is what lets an upload resume.
// Coordinates: pixels of each level; PixelSpacing in mm, from the slide's µm per pixel.
// Thread-safety: one call per thread; the slide is read concurrently by the call's workers.

#include <lamina/slide/SlideSource.h>
#include <lamina/slide/writer/Deidentification.h>
#include <lamina/slide/writer/DicomMetadataFile.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lamina {

enum class DicomReencoding {
    Jpeg,             // baseline JPEG, YCbCr 4:2:0, at `quality`
    Jpeg2000Lossless, // reversible JPEG 2000 (bit-exact)
};

struct DicomSlideWriteOptions {
    // Patient, study and specimen attributes (readDicomMetadataFile); they win over what the
    // source says. Unknown attributes are written empty, never invented.
    DicomKeywordValues attributes;
    bool includeLabel = false;     // LABEL and OVERVIEW instances (refused when de-identifying)
    bool includeThumbnail = false; // a THUMBNAIL instance
    DeidentificationOptions deidentification;
    DicomReencoding reencoding = DicomReencoding::Jpeg;
    bool reencodeAll = false; // never copy stored tiles (a codec was asked for)
    int quality = 90;         // JPEG quality 1..100
    std::string studyUid;     // empty: the source's study (DICOM) or a new one
    std::string purpose;      // "teaching", "research", ...: written into the series
    int threads = 0;          // 0: defaultThreadCount()
};

struct DicomSlideWriteResult {
    struct Level {
        int64_t width = 0, height = 0;
        std::string how; // "copied", "encoded" or "generated"
        std::string transferSyntax;
        uint64_t frames = 0;
    };
    std::vector<std::filesystem::path> files; // in `folder`, finest level first
    std::vector<Level> levels;
    std::string studyUid, seriesUid;
    std::string pseudonym; // when de-identified
    uint64_t bytes = 0;
};

// Called after each batch of frames with frames done and in all; returning false cancels
// (lamina::Error(Cancelled) is thrown, nothing is left behind).
using DicomWriteProgress = std::function<bool(uint64_t done, uint64_t total)>;

// Throws lamina::Error: InvalidArgument (no pixel size — enter one —, a label asked with
// de-identification, a bad option), Io (the folder cannot be written, is not empty), Cancelled,
// or the slide's own read errors (Corrupt, Io) naming it.
DicomSlideWriteResult writeDicomSlide(const SlideSource& slide, const std::filesystem::path& folder,
                                      const DicomSlideWriteOptions& options,
                                      const DicomWriteProgress& progress = {});

// Whether writeDicomSlide copies the stored tiles of source level `level` as frames without
// decoding them (unless told to re-encode): baseline 8-bit JPEG or JPEG 2000 with a colour
// space DICOM can state, tiles of the level's tile size. Reads one stored tile (a request
// for an archive slide: not on the GUI thread). Throws like SlideSource::readStoredTile.
bool storedTilesCopyable(const SlideSource& slide, int level);

} // namespace lamina
