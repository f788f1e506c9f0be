// Aperio ImageScope XML import: layers, colours (COLORREF), region types, negative regions,
// and hostile files.

#include <lamina/annotation/Measurements.h>
#include <lamina/annotation/formats/AnnotationFormats.h>
#include <lamina/annotation/formats/ImageScopeXml.h>
#include <lamina/core/Error.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace lamina;

namespace {

// Shaped like a file ImageScope 12 saves: two layers, attribute headers, a closing vertex
// repeated, an empty region, a negative region inside a free-hand one.
const char* kTwoLayers = R"(<?xml version="1.0" encoding="UTF-8"?>
<Annotations MicronsPerPixel="0.252100">
<Annotation Id="1" Name="Tumor" ReadOnly="0" NameReadOnly="0" LineColorReadOnly="0" Incremental="0" Type="4" LineColor="255" Visible="1" Selected="1" MarkupImagePath="" MacroName="">
  <Attributes><Attribute Name="Description" Id="0" Value="invasive"/></Attributes>
  <Regions>
    <RegionAttributeHeaders><AttributeHeader Id="9999" Name="Region" ColumnWidth="-1"/></RegionAttributeHeaders>
    <Region Id="1" Type="0" Zoom="0.5" Selected="0" ImageLocation="" ImageFocus="-1" Length="400" Area="10000" LengthMicrons="100" AreaMicrons="625" Text="main" NegativeROA="0" InputRegionId="0" Analyze="1" DisplayId="1">
      <Attributes/>
      <Vertices><Vertex X="0" Y="0" Z="0"/><Vertex X="100" Y="0" Z="0"/><Vertex X="100" Y="100" Z="0"/><Vertex X="0" Y="100" Z="0"/><Vertex X="0" Y="0" Z="0"/></Vertices>
    </Region>
    <Region Id="2" Type="0" Text="" NegativeROA="1"><Attributes/>
      <Vertices><Vertex X="40" Y="40"/><Vertex X="60" Y="40"/><Vertex X="60" Y="60"/><Vertex X="40" Y="60"/></Vertices>
    </Region>
    <Region Id="3" Type="0" Text="nothing drawn" NegativeROA="0"><Attributes/><Vertices/></Region>
  </Regions>
  <Plots/>
</Annotation>
<Annotation Id="2" Name="" LineColor="16711680" Visible="0">
  <Regions>
    <Region Id="1" Type="1" Text="box"><Vertices><Vertex X="200" Y="300"/><Vertex X="260" Y="300"/><Vertex X="260" Y="340"/><Vertex X="200" Y="340"/></Vertices></Region>
    <Region Id="2" Type="2" Text="oval"><Vertices><Vertex X="500" Y="500"/><Vertex X="540" Y="520"/></Vertices></Region>
    <Region Id="3" Type="4" Text="ruler"><Vertices><Vertex X="0" Y="900"/><Vertex X="30" Y="940"/></Vertices></Region>
    <Region Id="4" Type="0" Text="lonely hole" NegativeROA="1"><Vertices><Vertex X="900" Y="900"/><Vertex X="950" Y="900"/><Vertex X="950" Y="950"/></Vertices></Region>
  </Regions>
</Annotation>
</Annotations>
)";

void expectCorrupt(const std::string& text, const std::string& cause) {
    try {
        ImageScopeXml::parse(text, "scope.xml");
        FAIL() << "accepted: " << text.substr(0, 60);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
        EXPECT_NE(std::string(e.what()).find("scope.xml"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(cause), std::string::npos) << e.what();
    }
}

} // namespace

TEST(ImageScopeXml, LayersColoursShapesAndNegativeRegions) {
    const AnnotationDocument d = ImageScopeXml::parse(kTwoLayers, "scope.xml");
    ASSERT_EQ(d.layers.size(), 2u);
    const AnnotationLayer& tumour = d.layers[0];
    EXPECT_EQ(tumour.name, "Tumor");
    EXPECT_TRUE(tumour.visible);
    ASSERT_EQ(tumour.annotations.size(), 1u) << "the hole joined its region; empty one skipped";
    const Annotation& main = tumour.annotations[0];
    EXPECT_EQ(main.name, "main");
    EXPECT_EQ(main.note, "invasive");
    EXPECT_EQ(main.rgb, 0xFF0000u) << "COLORREF 255 is red";
    EXPECT_EQ(main.geometry.points.size(), 4u) << "the repeated closing vertex is dropped";
    ASSERT_EQ(main.geometry.holes.size(), 1u);
    EXPECT_DOUBLE_EQ(measure(main.geometry, Scale{}).area, 10000 - 400);

    const AnnotationLayer& second = d.layers[1];
    EXPECT_EQ(second.name, "Layer 2");
    EXPECT_FALSE(second.visible);
    ASSERT_EQ(second.annotations.size(), 4u);
    EXPECT_EQ(second.annotations[0].rgb, 0x0000FFu) << "COLORREF 0xFF0000 is blue";
    EXPECT_EQ(second.annotations[0].geometry,
              (AnnotationGeometry{ShapeKind::Rectangle, {{200, 300}, {260, 340}}, {}}));
    EXPECT_EQ(second.annotations[1].geometry,
              (AnnotationGeometry{ShapeKind::Ellipse, {{500, 500}, {540, 520}}, {}}));
    EXPECT_EQ(second.annotations[2].geometry.kind, ShapeKind::Line);
    EXPECT_DOUBLE_EQ(measure(second.annotations[2].geometry, Scale{}).length, 50);
    EXPECT_EQ(second.annotations[3].geometry.kind, ShapeKind::Polygon);
    EXPECT_NE(second.annotations[3].note.find("excluded"), std::string::npos)
        << "a negative region outside every region is kept, and says what it was";
}

TEST(ImageScopeXml, AnnotationFilesAreDispatchedByContent) {
    const auto dir = std::filesystem::temp_directory_path() / "lamina-imagescope-test";
    std::filesystem::create_directories(dir);
    const auto scope = dir / "exported.xml";
    std::ofstream(scope) << kTwoLayers;
    EXPECT_EQ(readAnnotationFile(scope).layers.size(), 2u);
    const auto asap = dir / "asap.xml";
    std::ofstream(asap) << R"(<ASAP_Annotations><Annotations><Annotation Name="a" Type="Dot">)"
                           R"(<Coordinates><Coordinate Order="0" X="1" Y="2"/></Coordinates>)"
                           R"(</Annotation></Annotations></ASAP_Annotations>)";
    EXPECT_EQ(readAnnotationFile(asap).layers[0].annotations.at(0).geometry.kind, ShapeKind::Point);
    std::filesystem::remove_all(dir);
}

TEST(ImageScopeXml, HostileFilesGiveAClearError) {
    const std::string text = kTwoLayers;
    expectCorrupt(text.substr(0, text.size() / 2), "not well-formed XML");
    expectCorrupt("", "empty file");
    expectCorrupt("<Slides><Annotation/></Slides>", "not an ImageScope annotation file");
    expectCorrupt(
        R"(<Annotations><Annotation><Regions><Region Type="0"><Vertices>)"
        R"(<Vertex X="nan" Y="1"/></Vertices></Region></Regions></Annotation></Annotations>)",
        "not a finite number");
    expectCorrupt(
        R"(<Annotations><Annotation><Regions><Region Type="0"><Vertices>)"
        R"(<Vertex X="1e999" Y="1"/></Vertices></Region></Regions></Annotation></Annotations>)",
        "not a finite number");
    std::string deep = "<Annotations>";
    for (int i = 0; i < 100000; ++i)
        deep += "<a>";
    expectCorrupt(deep, "not well-formed XML");
    // Found by the imagescope_xml fuzz target: a finite but huge vertex (Y = 1e66) in a
    // negative region overflowed Boost.Geometry's integer robustness while placing the hole,
    // and its bad_numeric_cast escaped as a non-Lamina exception.
    std::ifstream in(LAMINA_TESTS_DIR
                     "/fuzz/regressions/imagescope_xml/huge-vertex-boost-overflow-f965ab38");
    expectCorrupt(std::string{std::istreambuf_iterator<char>(in), {}}, "vertex Y is out of range");
}
