#include "writer/DicomInstanceWriter.h"

#include <lamina/core/Error.h>

#include <dcmtk/dcmdata/dctk.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace lamina {
namespace {

// Little endian, as every encapsulated transfer syntax is.
void put16(uint8_t* p, uint16_t v) {
    p[0] = uint8_t(v);
    p[1] = uint8_t(v >> 8);
}
void put32(uint8_t* p, uint32_t v) {
    put16(p, uint16_t(v));
    put16(p + 2, uint16_t(v >> 16));
}
void put64(uint8_t* p, uint64_t v) {
    put32(p, uint32_t(v));
    put32(p + 4, uint32_t(v >> 32));
}

} // namespace

DicomInstanceWriter::DicomInstanceWriter(const std::filesystem::path& file, DcmDataset& header,
                                         const std::string& transferSyntaxUid, uint64_t frameCount,
                                         std::string reportedFile, uint64_t uncompressedFrameBytes)
    : reportedFile_(std::move(reportedFile)), frameCount_(frameCount),
      uncompressedFrameBytes_(uncompressedFrameBytes) {
    const E_TransferSyntax xfer = DcmXfer(transferSyntaxUid.c_str()).getXfer();
    if (xfer == EXS_Unknown || frameCount == 0)
        throw Error(ErrorKind::InvalidArgument, reportedFile_, "no transfer syntax or no frames");
    DcmFileFormat format(&header);
    const OFCondition saved = format.saveFile(file.c_str(), xfer, EET_ExplicitLength, EGL_withoutGL,
                                              EPD_noChange, 0, 0, EWM_fileformat);
    if (saved.bad())
        throw Error(ErrorKind::Io, reportedFile_,
                    std::string("cannot write the DICOM header: ") + saved.text());
    fd_ = ::open(file.c_str(), O_RDWR | O_CLOEXEC);
    if (fd_ < 0)
        fail("cannot open the file for writing");
    const off_t end = ::lseek(fd_, 0, SEEK_END);
    if (end < 0)
        fail("cannot seek");
    position_ = uint64_t(end);
    if (uncompressedFrameBytes_ > 0)
        findRatioPlaceholder();
    // OV elements of 8 bytes per frame; their values are written at finish().
    const uint64_t tableBytes = frameCount * 8;
    if (tableBytes > 0xFFFFFFF0u)
        throw Error(ErrorKind::InvalidArgument, reportedFile_, "too many frames for one instance");
    const std::vector<uint8_t> zeros(size_t(tableBytes), 0);
    appendElementHeader(0x7FE0, 0x0001, "OV", uint32_t(tableBytes));
    offsetTableAt_ = position_;
    append(zeros.data(), zeros.size());
    appendElementHeader(0x7FE0, 0x0002, "OV", uint32_t(tableBytes));
    lengthTableAt_ = position_;
    append(zeros.data(), zeros.size());
    appendElementHeader(0x7FE0, 0x0010, "OB", 0xFFFFFFFFu); // undefined length: encapsulated
    uint8_t item[8];
    put16(item, 0xFFFE);
    put16(item + 2, 0xE000);
    put32(item + 4, 0); // empty Basic Offset Table: the extended one says it all
    append(item, sizeof item);
    firstFrameItem_ = position_;
    offsets_.reserve(size_t(frameCount));
    lengths_.reserve(size_t(frameCount));
}

DicomInstanceWriter::~DicomInstanceWriter() {
    if (fd_ >= 0)
        ::close(fd_);
}

void DicomInstanceWriter::findRatioPlaceholder() {
    // (0028,2112) DS, length 16, the placeholder: unique in the header DCMTK wrote.
    static constexpr char kTag[] = {0x28, 0x00, 0x12, 0x21, 'D', 'S', 0x10, 0x00};
    const std::string pattern = std::string(kTag, sizeof kTag) + kRatioPlaceholder;
    std::vector<char> header(static_cast<size_t>(position_));
    if (::pread(fd_, header.data(), header.size(), 0) != ssize_t(header.size()))
        fail("cannot read the header back");
    const auto at = std::search(header.begin(), header.end(), pattern.begin(), pattern.end());
    if (at == header.end())
        throw Error(ErrorKind::InvalidArgument, reportedFile_,
                    "the header has no compression ratio to fill in");
    ratioAt_ = uint64_t(at - header.begin()) + 8;
}

void DicomInstanceWriter::fail(const std::string& what) const {
    throw Error(ErrorKind::Io, reportedFile_, what + ": " + std::strerror(errno));
}

void DicomInstanceWriter::append(const void* data, size_t size) {
    const auto* p = static_cast<const uint8_t*>(data);
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd_, p + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail("writing failed");
        done += size_t(n);
    }
    position_ += size;
}

void DicomInstanceWriter::writeAt(uint64_t offset, const void* data, size_t size) {
    const auto* p = static_cast<const uint8_t*>(data);
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pwrite(fd_, p + done, size - done, off_t(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail("writing failed");
        done += size_t(n);
    }
}

void DicomInstanceWriter::appendElementHeader(uint16_t group, uint16_t element, const char vr[2],
                                              uint32_t length) {
    uint8_t h[12];
    put16(h, group);
    put16(h + 2, element);
    h[4] = uint8_t(vr[0]);
    h[5] = uint8_t(vr[1]);
    put16(h + 6, 0); // reserved; OB/OV take a 32-bit length
    put32(h + 8, length);
    append(h, sizeof h);
}

void DicomInstanceWriter::writeFrame(std::span<const uint8_t> frame) {
    if (lengths_.size() >= frameCount_)
        throw Error(ErrorKind::InvalidArgument, reportedFile_, "more frames than announced");
    if (frame.empty() || frame.size() > 0xFFFFFFF0u)
        throw Error(ErrorKind::InvalidArgument, reportedFile_, "a frame is empty or too large");
    const bool pad = frame.size() % 2 == 1; // items have even lengths
    const auto length = uint32_t(frame.size() + (pad ? 1 : 0));
    offsets_.push_back(position_ - firstFrameItem_);
    frameBytes_ += frame.size();
    lengths_.push_back(length);
    uint8_t item[8];
    put16(item, 0xFFFE);
    put16(item + 2, 0xE000);
    put32(item + 4, length);
    append(item, sizeof item);
    append(frame.data(), frame.size());
    if (pad) {
        const uint8_t zero = 0;
        append(&zero, 1);
    }
}

void DicomInstanceWriter::finish() {
    if (lengths_.size() != frameCount_)
        throw Error(ErrorKind::InvalidArgument, reportedFile_,
                    std::to_string(lengths_.size()) + " frames written of " +
                        std::to_string(frameCount_));
    uint8_t delimiter[8];
    put16(delimiter, 0xFFFE);
    put16(delimiter + 2, 0xE0DD);
    put32(delimiter + 4, 0);
    append(delimiter, sizeof delimiter);
    std::vector<uint8_t> table(size_t(frameCount_) * 8);
    for (size_t i = 0; i < offsets_.size(); ++i)
        put64(table.data() + i * 8, offsets_[i]);
    writeAt(offsetTableAt_, table.data(), table.size());
    for (size_t i = 0; i < lengths_.size(); ++i)
        put64(table.data() + i * 8, lengths_[i]);
    writeAt(lengthTableAt_, table.data(), table.size());
    if (ratioAt_ != 0) {
        // 16 characters, padded with spaces as DS allows.
        const double ratio = double(uncompressedFrameBytes_) * double(frameCount_) /
                             double(std::max<uint64_t>(1, frameBytes_));
        char text[32];
        std::snprintf(text, sizeof text, "%-16.2f", std::min(ratio, 9999999.0));
        writeAt(ratioAt_, text, 16);
    }
    if (::fsync(fd_) != 0)
        fail("cannot flush the file to disk");
    if (::close(fd_) != 0) {
        fd_ = -1;
        fail("closing failed");
    }
    fd_ = -1;
    finished_ = true;
}

} // namespace lamina
