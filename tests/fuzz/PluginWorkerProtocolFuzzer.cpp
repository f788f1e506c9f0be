// What a plugin worker process sends the viewer (untrusted: it runs third-party code): byte 0
// picks the message type, the rest is its body.
#include "FuzzSupport.h"

#include <lamina/pluginhost/PluginRun.h>
#include <lamina/pluginhost/PluginWorkerProtocol.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1)
        return 0;
    const QByteArray body(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
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
            decodePixels(body);
            break;
        default:
            PluginRun::validate(decodeDone(body).result); // as the host checks a tile's result
        }
    });
    return 0;
}
