// A TIFF slide (Aperio SVS, generic tiled TIFF: Lamina's fast TIFF path, else OpenSlide).
#include "SlideFileFuzzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    lamina::fuzz::openAndReadSlide({data, size}, ".svs");
    return 0;
}
