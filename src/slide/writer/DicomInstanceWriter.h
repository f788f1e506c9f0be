#pragma once
// Streams one DICOM instance with encapsulated frames to disk in bounded memory: DCMTK writes
// the file meta and every attribute before the pixel data; this class then appends the
// Extended Offset Table and its lengths (7FE0,0001/0002, filled in at the end), the Pixel Data
// sequence with an empty Basic Offset Table, one item per frame in frame order, and the
// sequence delimiter. A frame never waits in memory for the others, so a level of any size is
// written with a few tiles in flight.
// Coordinates: none (frames are given in frame order, row-major tiles).
// Thread-safety: one thread drives a writer.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

class DcmDataset;

namespace lamina {

class DicomInstanceWriter {
public:
    // Writes `header` (no Pixel Data in it) to `file` with `transferSyntaxUid` in its file
    // meta, then the offset tables' room for `frameCount` frames. Errors name `reportedFile`.
    // `uncompressedFrameBytes` > 0: the header holds kRatioPlaceholder as its
    // LossyImageCompressionRatio, replaced at finish() by the ratio of the frames written
    // (it is only known then). Throws lamina::Error(Io).
    DicomInstanceWriter(const std::filesystem::path& file, DcmDataset& header,
                        const std::string& transferSyntaxUid, uint64_t frameCount,
                        std::string reportedFile, uint64_t uncompressedFrameBytes = 0);
    // A valid 16-character DS value the header carries until the ratio is known.
    static constexpr const char* kRatioPlaceholder = "9999.99999999999";
    ~DicomInstanceWriter(); // closes (an unfinished file is left for its owner to remove)
    DicomInstanceWriter(const DicomInstanceWriter&) = delete;
    DicomInstanceWriter& operator=(const DicomInstanceWriter&) = delete;

    // The next frame's stored bytes (padded to an even length here). Throws lamina::Error(Io).
    void writeFrame(std::span<const uint8_t> frame);
    // Fills the offset tables, ends the sequence, flushes to disk (fsync). Throws
    // lamina::Error: InvalidArgument when fewer or more frames than announced were written,
    // Io on a write failure.
    void finish();

    uint64_t framesWritten() const { return lengths_.size(); }
    uint64_t bytesWritten() const { return position_; }

private:
    void append(const void* data, size_t size);
    void appendElementHeader(uint16_t group, uint16_t element, const char vr[2], uint32_t length);
    void findRatioPlaceholder();
    void writeAt(uint64_t offset, const void* data, size_t size);
    [[noreturn]] void fail(const std::string& what) const;

    int fd_ = -1;
    std::string reportedFile_;
    uint64_t frameCount_ = 0;
    uint64_t position_ = 0;       // bytes in the file
    uint64_t offsetTableAt_ = 0;  // file offset of the Extended Offset Table's value
    uint64_t lengthTableAt_ = 0;  // and of its lengths
    uint64_t firstFrameItem_ = 0; // file offset of the first frame's item tag
    std::vector<uint64_t> offsets_, lengths_;
    uint64_t uncompressedFrameBytes_ = 0;
    uint64_t ratioAt_ = 0; // file offset of the placeholder's value; 0: none
    uint64_t frameBytes_ = 0;
    bool finished_ = false;
};

} // namespace lamina
