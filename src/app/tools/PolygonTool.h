#pragma once
// Click vertices; close by clicking the first vertex again, double-clicking, or Enter.
// Thread-safety: GUI thread only.

#include "tools/ClickPathTool.h"

namespace lamina {

class PolygonTool : public ClickPathTool {
public:
    PolygonTool() : ClickPathTool(true) {}
    QString name() const override { return QObject::tr("Polygon"); }
    QString toolTip() const override {
        return QObject::tr("Click vertices; click the first one, double-click or press Enter "
                           "to close");
    }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_P); }
};

} // namespace lamina
