#pragma once
// The ONNX tile classifier, a plugin Lamina ships: the user's ONNX model (parameter "model"),
// run with OpenCV DNN on square tiles of "input_size" pixels at "resolution" µm/px. Input:
// NCHW float, pixel / 255 minus "mean", divided by "std", channels in "channels" order. Output:
// one score per class (probabilities, or logits with "softmax" on). Per tile: a 1 x 1 raster
// holding the probability of class "show_class" (a heatmap with one cell per tile), and
// "<class>_area_mm2" for the tile's winning class (names from "class_names", else
// class0, class1, ...). Transparent (outside the slide) tiles are skipped.
// The model is read once per worker thread (an OpenCV Net is not safe to share between
// threads) and again when the file changes.
// Thread-safety: process() keeps per-thread state only.

#include <lamina/plugin/OverlayPlugin.h>

#include <QObject>

namespace lamina {

class OnnxClassifierPlugin : public QObject, public OverlayPlugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID LAMINA_OVERLAY_PLUGIN_IID FILE "onnx-classifier.json")
    Q_INTERFACES(lamina::OverlayPlugin)

public:
    double tileSizeLevel0(const PluginSlide& slide, const QVariantMap& parameters) const override;
    PluginResult process(const PluginSlide& slide, const PluginTile& tile,
                         const QVariantMap& parameters,
                         const PluginContext& context) const override;
};

} // namespace lamina
