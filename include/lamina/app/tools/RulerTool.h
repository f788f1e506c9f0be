#pragma once
// Drag to measure: the live length (µm from the slide's MPP, else pixels) follows the cursor,
// and the line is kept as an annotation on release.
// Thread-safety: GUI thread only.

#include <lamina/app/tools/AnnotationTool.h>

#include <optional>

namespace lamina {

class RulerTool : public AnnotationTool {
public:
    QString name() const override { return QObject::tr("Ruler"); }
    QString toolTip() const override { return QObject::tr("Drag to measure a length"); }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_L); }
    void press(ToolContext& context, QPointF slide, int clicks) override;
    void move(ToolContext& context, QPointF slide) override;
    void release(ToolContext& context, QPointF slide) override;
    void cancel() override { start_.reset(); }
    bool busy() const override { return start_.has_value(); }
    void paintPreview(QPainter& painter, const Camera& camera, QSizeF viewport,
                      const Scale& scale) const override;

    // "123 µm", "1.23 mm" or "456 px".
    static QString lengthText(QPointF a, QPointF b, const Scale& scale);

private:
    std::optional<QPointF> start_; // level-0 pixels
    QPointF end_;
};

} // namespace lamina
