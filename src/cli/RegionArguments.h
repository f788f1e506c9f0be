#pragma once
// The options that say which part of a slide a command works on and at what resolution,
// shared by `snapshot`, `export` and `report`:
//   (--region X,Y,W,H | --center X,Y --size WxH | --annotation ID --annotations FILE)
//   (--mpp M | --magnification M)
// X, Y, W, H in level-0 pixels; --size in output pixels; --annotation frames the annotation's
// bounds with a margin of 10 % (at least 32 output pixels; a point gets a small square).

#include <lamina/annotation/AnnotationDocument.h>
#include <lamina/slide/SlideSource.h>

#include <QRectF>

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

namespace lamina::cli {

struct RegionChoice {
    QRectF region;     // level-0 pixels
    double downsample; // level-0 pixels per output pixel
};

class RegionArguments {
public:
    // `annotationOption`: whether --annotation ID is offered (with the command's --annotations).
    void add(CLI::App* command, bool annotationOption = true);

    // Throws lamina::Error(InvalidArgument) for missing, conflicting or malformed options and
    // unknown annotation ids (naming `annotationsPath`).
    RegionChoice resolve(const SlideSource& slide, const AnnotationDocument* annotations,
                         const std::string& annotationsPath) const;

    // Opens the slide and the annotation file (when given) and resolves the options on them.
    struct Resolved {
        std::shared_ptr<const SlideSource> slide;
        std::optional<AnnotationDocument> annotations;
        RegionChoice choice;
    };
    Resolved open(const std::string& slidePath, const std::string& annotationsPath) const;

    // Level-0 pixels per output pixel for --mpp / --magnification alone.
    double downsample(const SlideMetadata& slide) const {
        return downsampleFor(slide, mpp_, magnification_);
    }
    // The same for a command with its own --mpp / --magnification options (exactly one given).
    static double downsampleFor(const SlideMetadata& slide, std::optional<double> mpp,
                                std::optional<double> magnification);

    // The frame around one annotation at `downsample` (used by report snapshots too).
    static QRectF annotationFrame(const AnnotationDocument& annotations, const std::string& id,
                                  const std::string& annotationsPath, double downsample);

private:
    std::string region_, center_, size_, annotationId_;
    std::optional<double> mpp_, magnification_;
};

// A usage error (exit code 2 in main).
[[noreturn]] void usageError(const std::string& what);

} // namespace lamina::cli
