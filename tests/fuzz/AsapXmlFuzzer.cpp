// ASAP XML annotations.
#include "FuzzSupport.h"

#include <lamina/annotation/formats/AsapXml.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    lamina::fuzz::refusalsAreFine([&] { lamina::AsapXml::parse(text, "fuzz.xml"); });
    return 0;
}
