// Aperio ImageScope XML annotations.
#include "FuzzSupport.h"

#include <lamina/annotation/formats/ImageScopeXml.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    lamina::fuzz::refusalsAreFine([&] {
        lamina::ImageScopeXml::looksLike(text);
        lamina::ImageScopeXml::parse(text, "fuzz.xml");
    });
    return 0;
}
