#pragma once
// The one place drawing tools are created, in toolbar order. Adding a tool: write its class
// (deriving AnnotationTool) and add one line here.
// Thread-safety: GUI thread only.

#include "tools/AnnotationTool.h"

#include <memory>
#include <vector>

namespace lamina {

class ToolRegistry {
public:
    static std::vector<std::unique_ptr<AnnotationTool>> createAll();
};

} // namespace lamina
