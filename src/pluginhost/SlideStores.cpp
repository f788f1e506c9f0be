#include <lamina/pluginhost/SlideStores.h>
#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

namespace lamina {

AnnotationStore annotationStoreFor(const std::string& location,
                                   const std::filesystem::path& dataFolder) {
    if (const auto url = DicomWebSeriesUrl::parse(location))
        return AnnotationStore::inDataFolder(url->localKey(), dataFolder);
    return AnnotationStore(location, dataFolder);
}

} // namespace lamina
