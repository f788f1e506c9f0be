// DICOM JSON answers of an archive: WADO-RS metadata (then interpreted as slide instances),
// QIDO-RS studies / series / instances, and STOW-RS responses.
#include "FuzzSupport.h"

#include <lamina/slide/dicom/DicomInstance.h>
#include <lamina/slide/dicomweb/DicomJson.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    using namespace lamina;
    fuzz::refusalsAreFine([&] {
        for (const DicomAttributes& a : parseDicomJsonMetadata(json, "fuzz/metadata"))
            fuzz::refusalsAreFine([&] { DicomInstance::interpret(a, "fuzz/metadata"); });
    });
    fuzz::refusalsAreFine([&] { parseDicomJsonStudies(json, "fuzz/studies"); });
    fuzz::refusalsAreFine([&] { parseDicomJsonSeries(json, "fuzz/series"); });
    fuzz::refusalsAreFine([&] { parseDicomJsonInstanceUids(json, "fuzz/instances"); });
    fuzz::refusalsAreFine([&] { parseStowResponse(json, "fuzz/stow"); });
    return 0;
}
