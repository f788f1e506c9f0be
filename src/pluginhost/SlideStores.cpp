#include <lamina/pluginhost/SlideStores.h>
#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

namespace lamina {

AnnotationStore annotationStoreFor(const std::string& location,
                                   const std::filesystem::path& dataFolder) {
    if (const auto url = DicomWebSeriesUrl::parse(location))
        return AnnotationStore::inDataFolder(url->localKey(), dataFolder);
    return AnnotationStore(location, dataFolder);
}

std::string annotationLocationFor(const SlideSource& slide,
                                  const std::filesystem::path& dataFolder) {
    const std::string& given = slide.location();
    const std::string& canonical = slide.metadata().canonicalLocation;
    if (canonical.empty() || canonical == given)
        return given;
    std::error_code ec;
    if (!std::filesystem::exists(annotationStoreFor(canonical, dataFolder).path(), ec) &&
        std::filesystem::exists(annotationStoreFor(given, dataFolder).path(), ec))
        return given;
    return canonical;
}

} // namespace lamina
