// What a plugin worker process sends the viewer (untrusted: it runs third-party code): byte 0
// picks the message type, byte 1 how many 32-bit words at the end are the payload (pixels,
// raster values), the bytes between are the body.
#include "FuzzSupport.h"

#include <lamina/pluginhost/PluginRun.h>
#include <lamina/pluginhost/PluginWorkerProtocol.h>

#include <algorithm>
#include <cstring>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2)
        return 0;
    const size_t words = std::min<size_t>(data[1], (size - 2) / 4);
    const size_t bodySize = size - 2 - words * 4;
    const QByteArray body(reinterpret_cast<const char*>(data + 2), qsizetype(bodySize));
    std::vector<uint32_t> payload(words);
    if (words > 0) // memcpy's pointers may not be null, even for no bytes
        std::memcpy(payload.data(), data + 2 + bodySize, words * 4);
    using namespace lamina;
    fuzz::refusalsAreFine([&] {
        switch (data[0] % 4) {
        case 0:
            decodeHello(body);
            break;
        case 1:
            decodeRead(body);
            break;
        case 2:
            decodePixels(body, payload);
            break;
        default:
            PluginRun::validate(decodeDone(body, payload).result); // as the host checks a result
        }
    });
    return 0;
}
