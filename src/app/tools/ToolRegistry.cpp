#include <lamina/app/tools/BoxTool.h>
#include <lamina/app/tools/BrushTool.h>
#include <lamina/app/tools/FreehandTool.h>
#include <lamina/app/tools/PointTool.h>
#include <lamina/app/tools/PolygonTool.h>
#include <lamina/app/tools/PolylineTool.h>
#include <lamina/app/tools/RulerTool.h>
#include <lamina/app/tools/SelectTool.h>
#include <lamina/app/tools/ToolRegistry.h>
#include <lamina/app/tools/VertexTool.h>

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
