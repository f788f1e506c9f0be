#include "AnnotationsConvertCommand.h"

#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/core/Error.h>

#include <filesystem>
#include <iostream>

namespace lamina::cli {

CLI::App* AnnotationsConvertCommand::configure(CLI::App& app) {
    auto* sub = annotationsGroup(app).add_subcommand("convert", "Convert an annotation file");
    sub->add_option("input", input_, "Annotation file (QuPath GeoJSON or ASAP XML)")->required();
    sub->add_option("output", output_, "Output file (.geojson, .json, .xml)")->required();
    sub->add_option("--to", to_, "Output format: geojson or asap (default: from the extension)")
        ->check(CLI::IsMember({"geojson", "asap"}));
    return sub;
}

int AnnotationsConvertCommand::run() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::equivalent(input_, output_, ec))
        throw Error(ErrorKind::InvalidArgument, output_, "the output would overwrite the input");
    const std::string ext = fs::path(output_).extension().string();
    const auto format = annotationFormatNamed(to_.empty() ? ext : to_);
    if (!format)
        throw Error(ErrorKind::InvalidArgument, output_,
                    "unknown annotation format '" + ext + "' (use .geojson, .xml or --to)");
    const AnnotationDocument document = readAnnotationFile(input_);
    const std::string lost = writeAnnotationFile(document, output_, *format);
    if (!lost.empty())
        std::cerr << "lamina-cli: " << output_ << ": not kept in this format: " << lost << '\n';
    return 0;
}

} // namespace lamina::cli
