#include "tools/DragTool.h"

#include <cmath>

namespace lamina {

void DragTool::press(ToolContext&, QPointF slide, int) {
    start_ = slide;
    end_ = slide;
}

void DragTool::move(ToolContext& context, QPointF slide) {
    if (!start_)
        return;
    end_ = slide;
    context.update();
}

void DragTool::release(ToolContext& context, QPointF slide) {
    if (!start_)
        return;
    end_ = slide;
    const QPointF from = *start_;
    start_.reset();
    const double minimum = 3 * context.downsample; // 3 screen pixels, in level-0 pixels
    if (std::abs(end_.x() - from.x()) >= minimum || std::abs(end_.y() - from.y()) >= minimum)
        commit(context, from, end_);
    context.update();
}

} // namespace lamina
