// QuPath GeoJSON annotations (what users import from QuPath, and Lamina's own sidecar files).
#include "FuzzSupport.h"

#include <lamina/annotation/formats/QuPathGeoJson.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    lamina::fuzz::refusalsAreFine([&] { lamina::QuPathGeoJson::parse(text, "fuzz.geojson"); });
    return 0;
}
