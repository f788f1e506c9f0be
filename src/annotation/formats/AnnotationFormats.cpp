#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/annotation/formats/AsapXml.h>
#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>

#include <algorithm>
#include <cctype>
#include <fstream>

namespace lamina {

std::optional<AnnotationFormat> annotationFormatNamed(const std::string& nameOrExtension) {
    std::string n = nameOrExtension;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    if (n == "geojson" || n == ".geojson" || n == ".json")
        return AnnotationFormat::GeoJson;
    if (n == "asap" || n == ".xml")
        return AnnotationFormat::AsapXml;
    return std::nullopt;
}

AnnotationDocument readAnnotationFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::NotFound, path.string(), "cannot open the annotation file");
    char c = 0;
    while (in.get(c) && std::isspace(static_cast<unsigned char>(c))) {
    }
    if (c == '<')
        return AsapXml::read(path);
    return QuPathGeoJson::read(path);
}

std::string serializeAnnotations(const AnnotationDocument& document, AnnotationFormat format,
                                 std::string* lost) {
    if (format == AnnotationFormat::AsapXml) {
        size_t holes = 0;
        std::string xml = AsapXml::serialize(document, &holes);
        if (lost)
            *lost = holes ? std::to_string(holes) + " polygon holes (ASAP has none); layers and "
                                                    "notes"
                          : "layers and notes";
        return xml;
    }
    if (lost)
        lost->clear();
    return QuPathGeoJson::serialize(document);
}

} // namespace lamina
