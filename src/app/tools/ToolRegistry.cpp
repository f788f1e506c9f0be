#include "tools/ToolRegistry.h"

#include "tools/BoxTool.h"
#include "tools/BrushTool.h"
#include "tools/FreehandTool.h"
#include "tools/PointTool.h"
#include "tools/PolygonTool.h"
#include "tools/PolylineTool.h"
#include "tools/RulerTool.h"
#include "tools/SelectTool.h"
#include "tools/VertexTool.h"

namespace lamina {

std::vector<std::unique_ptr<AnnotationTool>> ToolRegistry::createAll() {
    std::vector<std::unique_ptr<AnnotationTool>> tools;
    tools.push_back(std::make_unique<SelectTool>());
    tools.push_back(std::make_unique<VertexTool>());
    tools.push_back(std::make_unique<RectangleTool>());
    tools.push_back(std::make_unique<EllipseTool>());
    tools.push_back(std::make_unique<PolygonTool>());
    tools.push_back(std::make_unique<FreehandTool>());
    tools.push_back(std::make_unique<PolylineTool>());
    tools.push_back(std::make_unique<BrushTool>(BrushTool::Mode::Paint));
    tools.push_back(std::make_unique<BrushTool>(BrushTool::Mode::Erase));
    tools.push_back(std::make_unique<PointTool>());
    tools.push_back(std::make_unique<RulerTool>());
    return tools;
}

} // namespace lamina
