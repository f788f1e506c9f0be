// A DICOM whole-slide instance: header (DCMTK), frame index (Lamina), frames.
#include "SlideFileFuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lamina::fuzz::openAndReadSlide({data, size}, ".dcm");
    return 0;
}
