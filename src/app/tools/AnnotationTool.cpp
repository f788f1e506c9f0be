#include <lamina/app/tools/AnnotationTool.h>

#include <QKeyEvent>

namespace lamina {

bool AnnotationTool::key(ToolContext&, QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && busy()) {
        cancel();
        return true;
    }
    return false;
}

} // namespace lamina
