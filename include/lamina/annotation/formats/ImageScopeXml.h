#pragma once
// Aperio ImageScope annotation XML, import only (Lamina does not write it: ImageScope reads
// neither layers' notes nor classes, and QuPath GeoJSON carries everything).
//
// <Annotations [MicronsPerPixel]><Annotation Id Name LineColor Visible><Attributes>
// <Attribute Name="Description" Value/></Attributes><Regions><Region Id Type Text
// NegativeROA><Vertices><Vertex X Y [Z]/>...
// Each <Annotation> (an ImageScope "layer") becomes a Lamina layer named after it, its
// LineColor (a Windows COLORREF, 0x00BBGGRR, in decimal) the colour of its regions. Region
// types: 0 free-hand (polygon; 1 or 2 vertices: point or line), 1 rectangle, 2 ellipse (the
// box of its vertices), 3 arrow and 4 ruler (lines), other types by vertex count. A negative
// region (NegativeROA="1") becomes a hole of the region of the same layer that contains it,
// or, when none does, a polygon of its own noted as an exclusion. Region Text is the name.
// Coordinates are level-0 pixels. Errors: lamina::Error(Corrupt) naming the file, the line
// and the cause (not XML, not ImageScope, non-finite coordinates, more than 20 million
// vertices).
// Thread-safety: stateless functions.

#include <lamina/annotation/AnnotationDocument.h>

#include <filesystem>
#include <string>

namespace lamina {

class ImageScopeXml {
public:
    static AnnotationDocument parse(const std::string& text, const std::string& source);
    static AnnotationDocument read(const std::filesystem::path& path);

    // True when XML `text` is shaped like ImageScope's (regions with vertices) rather than
    // ASAP's (coordinates); cheap, looks at the text only.
    static bool looksLike(const std::string& text);
};

} // namespace lamina
