// multipart/related answers of WADO-RS frame requests. The first line of the input is the
// Content-Type header's value (boundary and all), the rest the body.
#include "FuzzSupport.h"
#include "dicomweb/MultipartRelated.h"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto* end = std::find(data, data + size, uint8_t('\n'));
    const std::string contentType(reinterpret_cast<const char*>(data), size_t(end - data));
    const std::span<const uint8_t> body(end == data + size ? end : end + 1, data + size);
    lamina::fuzz::refusalsAreFine([&] {
        lamina::contentTypeParameter(contentType, "type");
        lamina::contentTypeMediaType(contentType);
        lamina::parseMultipartRelated(body, contentType, "fuzz/frames", 1000);
    });
    return 0;
}
