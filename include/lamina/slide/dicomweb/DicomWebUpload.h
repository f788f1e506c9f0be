#pragma once
// Sending DICOM files to an archive (STOW-RS) so that an interrupted send can simply be run
// again: the archive is first asked (QIDO-RS, by series) which SOP instances it already holds,
// only the others are sent — several files per request, up to a byte budget, streamed from
// disk — and every answer is checked instance by instance. Used by `lamina-cli archive send`
// and File › Send to Archive….
// Thread-safety: one call per thread; the client may be shared.

#include <lamina/slide/dicomweb/DicomWebClient.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lamina {

struct DicomWebUploadResult {
    size_t sent = 0;         // instances stored by this call
    size_t alreadyThere = 0; // instances the archive had before it
    uint64_t bytesSent = 0;
};

// Bytes sent so far and in all; returning false cancels (lamina::Error(Cancelled)).
using DicomWebUploadProgress = std::function<bool(uint64_t sent, uint64_t total)>;

// Throws lamina::Error: NotFound / Corrupt naming a file that is not a DICOM instance, Io
// naming the archive when it refuses instances (each named with the archive's reason) or
// cannot be reached, Cancelled.
DicomWebUploadResult uploadToArchive(const DicomWebClient& client,
                                     const std::vector<std::filesystem::path>& files,
                                     const DicomWebUploadProgress& progress = {},
                                     uint64_t bytesPerRequest = uint64_t(64) << 20);

// The .dcm files of a folder (not recursive), sorted by name.
std::vector<std::filesystem::path> dicomFilesIn(const std::filesystem::path& folder);

} // namespace lamina
