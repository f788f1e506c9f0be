#include "../AnnotationFileIo.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/annotation/formats/AsapXml.h>
#include <lamina/annotation/formats/ImageScopeXml.h>
#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

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
    const std::string text = readWholeFile(path);
    // Read once; the first non-blank character says which parser gets the text.
    const auto first =
        std::find_if_not(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
    if (first != text.end() && *first == '<')
        return ImageScopeXml::looksLike(text) ? ImageScopeXml::parse(text, path.string())
                                              : AsapXml::parse(text, path.string());
    return QuPathGeoJson::parse(text, path.string());
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

std::string writeAnnotationFile(const AnnotationDocument& document,
                                const std::filesystem::path& path, AnnotationFormat format) {
    std::string lost;
    writeAtomically(path, serializeAnnotations(document, format, &lost));
    return lost;
}

} // namespace lamina
