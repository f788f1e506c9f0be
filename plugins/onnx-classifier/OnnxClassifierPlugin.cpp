#include "OnnxClassifierPlugin.h"

#include "OnnxMetadata.h"

#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/dnn.hpp>
#include <stdexcept>

namespace lamina {
namespace {

std::array<double, 3> threeNumbers(const QVariantMap& parameters, const char* name) {
    const QStringList parts =
        parameters.value(QLatin1String(name)).toString().split(QLatin1Char(','));
    std::array<double, 3> v{};
    bool ok = parts.size() == 3;
    for (int i = 0; ok && i < 3; ++i)
        v[size_t(i)] = parts[i].trimmed().toDouble(&ok);
    if (!ok)
        throw std::invalid_argument(std::string(name) + " must be three numbers, e.g. 0.5,0.5,0.5");
    return v;
}

// The parameters a model's metadata may set (metadata key = parameter name).
const char* const kFromMetadata[] = {"input_size", "resolution",  "channels", "mean",
                                     "std",        "class_names", "softmax"};

// The parameters with the model's own settings (its metadata_props) in place of the form's,
// when use_model_metadata is on. Values are checked as the form's would be.
QVariantMap effective(const QVariantMap& parameters) {
    if (!parameters.value(QStringLiteral("use_model_metadata")).toBool())
        return parameters;
    const std::string path = parameters.value(QStringLiteral("model")).toString().toStdString();
    QVariantMap out = parameters;
    for (const auto& [key, text] : readOnnxMetadata(path)) {
        if (std::find_if(std::begin(kFromMetadata), std::end(kFromMetadata),
                         [&](const char* k) { return key == k; }) == std::end(kFromMetadata))
            continue; // other tools' metadata
        const QString value = QString::fromStdString(text).trimmed();
        const auto bad = [&](const char* rule) {
            throw std::invalid_argument(path + ": metadata " + key + "=\"" + text + "\" " + rule);
        };
        bool ok = true;
        if (key == "input_size") {
            const int n = value.toInt(&ok);
            if (!ok || n < 8 || n > 4096)
                bad("is not a whole number from 8 to 4096");
            out[QString::fromStdString(key)] = n;
        } else if (key == "resolution") {
            const double r = value.toDouble(&ok);
            if (!ok || !(r >= 0.1 && r <= 64))
                bad("is not a number from 0.1 to 64 (µm/px)");
            out[QString::fromStdString(key)] = r;
        } else if (key == "channels") {
            if (value != QLatin1String("RGB") && value != QLatin1String("BGR"))
                bad("is not RGB or BGR");
            out[QString::fromStdString(key)] = value;
        } else if (key == "softmax") {
            if (value != QLatin1String("true") && value != QLatin1String("false"))
                bad("is not true or false");
            out[QString::fromStdString(key)] = value == QLatin1String("true");
        } else {
            out[QString::fromStdString(key)] = value;
        }
    }
    return out;
}

// The model for this thread, read again when the file changed.
cv::dnn::Net& modelFor(const QString& path) {
    struct Loaded {
        cv::dnn::Net net;
        qint64 modified = -1;
    };
    thread_local std::map<QString, Loaded> models;
    // OpenCV's own log lines would repeat our error message on stderr.
    static const bool quiet = [] {
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        return true;
    }();
    (void)quiet;
    const qint64 modified = QFileInfo(path).lastModified().toMSecsSinceEpoch();
    Loaded& m = models[path];
    if (m.modified != modified) {
        try {
            m.net = cv::dnn::readNetFromONNX(path.toStdString());
        } catch (const cv::Exception& e) {
            models.erase(path);
            throw std::runtime_error(path.toStdString() +
                                     ": not a model OpenCV can read: " + e.msg);
        }
        m.modified = modified;
    }
    return m.net;
}

} // namespace

double OnnxClassifierPlugin::tileSizeLevel0(const PluginSlide& slide,
                                            const QVariantMap& given) const {
    QVariantMap parameters = given;
    try {
        parameters = effective(given);
    } catch (const std::exception&) {
        // A broken model or metadata: process() reports it, naming the file, on the first tile.
    }
    return parameters.value(QStringLiteral("input_size")).toDouble() *
           parameters.value(QStringLiteral("resolution")).toDouble() /
           slide.micronsPerPixel().value_or(1.0);
}

PluginResult OnnxClassifierPlugin::process(const PluginSlide& slide, const PluginTile& tile,
                                           const QVariantMap& given,
                                           const PluginContext& context) const {
    // Read per tile: small (the graph is skipped), and a changed model file is seen at once.
    const QVariantMap parameters = effective(given);
    const int size = parameters.value(QStringLiteral("input_size")).toInt();
    const double resolution = parameters.value(QStringLiteral("resolution")).toDouble();
    const auto mean = threeNumbers(parameters, "mean");
    const auto deviation = threeNumbers(parameters, "std");
    if (deviation[0] == 0 || deviation[1] == 0 || deviation[2] == 0)
        throw std::invalid_argument("std must not be zero");
    // The tile at its full side even at the slide's edge (transparent there), so every input
    // has the model's size.
    const double side = tileSizeLevel0(slide, parameters);
    PluginImage image = slide.readRegionAt(resolution, tile.x, tile.y, side, side);
    if (context.cancelled())
        return {};
    int opaque = 0;
    for (const uint32_t p : image.pixels)
        opaque += PluginImage::alpha(p) == 255;
    if (opaque < int(image.pixels.size()) / 2)
        return {}; // mostly outside the slide
    const bool bgr =
        parameters.value(QStringLiteral("channels")).toString() == QLatin1String("BGR");
    cv::Mat input(std::vector<int>{1, 3, size, size}, CV_32F);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const uint32_t p = y < image.height && x < image.width
                                   ? image.pixels[size_t(y) * size_t(image.width) + size_t(x)]
                                   : 0xffffffffu;
            const double rgb[3] = {PluginImage::red(p) / 255.0, PluginImage::green(p) / 255.0,
                                   PluginImage::blue(p) / 255.0};
            for (int c = 0; c < 3; ++c) {
                const int source = bgr ? 2 - c : c;
                input.ptr<float>(0, c)[y * size + x] =
                    float((rgb[source] - mean[size_t(c)]) / deviation[size_t(c)]);
            }
        }
    cv::dnn::Net& net = modelFor(parameters.value(QStringLiteral("model")).toString());
    cv::Mat scores;
    try {
        net.setInput(input);
        scores = net.forward().reshape(1, 1);
    } catch (const cv::Exception& e) {
        throw std::runtime_error("the model failed on a " + std::to_string(size) + " x " +
                                 std::to_string(size) + " input: " + e.msg);
    }
    scores.convertTo(scores, CV_64F);
    std::vector<double> p(scores.begin<double>(), scores.end<double>());
    if (p.empty())
        throw std::runtime_error("the model returned no scores");
    if (parameters.value(QStringLiteral("softmax")).toBool()) {
        const double top = *std::max_element(p.begin(), p.end());
        double sum = 0;
        for (double& v : p)
            sum += (v = std::exp(v - top));
        for (double& v : p)
            v /= sum;
    }
    const int shown = parameters.value(QStringLiteral("show_class")).toInt();
    if (shown >= int(p.size()))
        throw std::invalid_argument("show_class " + std::to_string(shown) + " but the model has " +
                                    std::to_string(p.size()) + " classes");
    QStringList names = parameters.value(QStringLiteral("class_names"))
                            .toString()
                            .split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString& n : names)
        n = n.trimmed();
    const auto winner = size_t(std::max_element(p.begin(), p.end()) - p.begin());
    const std::string winnerName = int(winner) < names.size() ? names[int(winner)].toStdString()
                                                              : "class" + std::to_string(winner);
    PluginResult result;
    PluginRaster raster;
    raster.width = raster.height = 1;
    raster.originX = tile.x;
    raster.originY = tile.y;
    raster.level0PixelsPerPixel = side;
    raster.values = {float(p[size_t(shown)])};
    result.raster = std::move(raster);
    const auto mpp = slide.micronsPerPixel();
    result.measurements[winnerName + "_area_mm2"] =
        tile.width * tile.height * (mpp ? *mpp * *mpp * 1e-6 : 1);
    return result;
}

} // namespace lamina
