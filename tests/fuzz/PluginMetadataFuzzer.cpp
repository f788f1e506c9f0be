// A plugin's metadata JSON (read from its library before any of its code runs), and the
// parameter resolution built on it.
#include "FuzzSupport.h"

#include <lamina/pluginhost/PluginDescription.h>

#include <QJsonDocument>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    lamina::fuzz::refusalsAreFine([&] {
        const auto description = lamina::PluginDescription::parse(doc.object());
        description.resolveParameters({});
    });
    return 0;
}
