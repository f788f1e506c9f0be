#pragma once
// Click vertices of an open path (a margin, a tract); double-click or Enter ends it.
// Thread-safety: GUI thread only.

#include "tools/ClickPathTool.h"

namespace lamina {

class PolylineTool : public ClickPathTool {
public:
    PolylineTool() : ClickPathTool(false) {}
    QString name() const override { return QObject::tr("Polyline"); }
    QString toolTip() const override {
        return QObject::tr("Click vertices of an open line; double-click or press Enter to end");
    }
    QKeySequence shortcut() const override { return QKeySequence(Qt::Key_V); }
};

} // namespace lamina
