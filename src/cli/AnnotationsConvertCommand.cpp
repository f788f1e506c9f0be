#include "AnnotationsConvertCommand.h"

#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>

#include <QSaveFile>

#include <filesystem>

namespace lamina::cli {

CLI::App* AnnotationsConvertCommand::configure(CLI::App& app) {
    auto* sub = annotationsGroup(app).add_subcommand("convert", "Convert an annotation file");
    sub->add_option("input", input_, "Annotation file (QuPath GeoJSON)")->required();
    sub->add_option("output", output_, "Output file (.geojson, .json)")->required();
    sub->add_option("--to", to_, "Output format (default: from the extension)")
        ->check(CLI::IsMember({"geojson"}));
    return sub;
}

int AnnotationsConvertCommand::run() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::equivalent(input_, output_, ec))
        throw Error(ErrorKind::InvalidArgument, output_, "the output would overwrite the input");
    std::string format = to_;
    if (format.empty()) {
        const std::string ext = fs::path(output_).extension().string();
        if (ext == ".geojson" || ext == ".json")
            format = "geojson";
        else
            throw Error(ErrorKind::InvalidArgument, output_,
                        "unknown annotation format '" + ext + "' (use .geojson or --to)");
    }
    const AnnotationDocument document = QuPathGeoJson::read(input_);
    const std::string bytes = QuPathGeoJson::serialize(document);
    QSaveFile out(QString::fromStdString(output_));
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) || !out.commit())
        throw Error(ErrorKind::Io, output_, "cannot write: " + out.errorString().toStdString());
    return 0;
}

} // namespace lamina::cli
