#include <lamina/core/Error.h>
#include <lamina/core/FileReplacement.h>
#include <lamina/pluginhost/OverlayStore.h>
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

AnnotationCarryOver carryAnnotations(const std::filesystem::path& annotationFile,
                                     const std::string& to,
                                     const std::filesystem::path& dataFolder) {
    namespace fs = std::filesystem;
    const fs::path& source = annotationFile;
    const fs::path target = annotationStoreFor(to, dataFolder).path();
    std::error_code ec;
    if (!fs::is_regular_file(source, ec))
        return AnnotationCarryOver::NothingToCarry;
    if (fs::exists(target, ec))
        return AnnotationCarryOver::DestinationAlreadyHasSome;
    fs::create_directories(target.parent_path(), ec);
    // Results first: once the annotation file is there, the slide counts as carried over.
    const fs::path results = OverlayStore::folderBeside(source);
    const fs::path resultsTarget = OverlayStore::folderBeside(target);
    if (fs::is_directory(results, ec) && !fs::exists(resultsTarget, ec)) {
        fs::copy(results, resultsTarget, fs::copy_options::recursive, ec);
        if (ec)
            throw Error(ErrorKind::Io, resultsTarget.string(),
                        "cannot copy the analysis results: " + ec.message());
    }
    replaceFile(target, [&](const fs::path& temporary) {
        fs::copy_file(source, temporary, fs::copy_options::overwrite_existing, ec);
        if (ec)
            throw Error(ErrorKind::Io, target.string(),
                        "cannot copy the annotations of " + source.string() + ": " + ec.message());
    });
    return AnnotationCarryOver::Copied;
}

} // namespace lamina
