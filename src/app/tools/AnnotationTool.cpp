#include "tools/AnnotationTool.h"

#include <QKeyEvent>

namespace lamina {

bool AnnotationTool::key(ToolContext&, QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && busy()) {
        cancel();
        return true;
    }
    return false;
}

int AnnotationTool::nextDragSerial() {
    static int serial = 0; // GUI thread only
    return ++serial;
}

QPen AnnotationTool::previewPen() {
    QPen pen(QColor(255, 220, 0), 2, Qt::DashLine);
    pen.setCosmetic(true);
    return pen;
}

} // namespace lamina
