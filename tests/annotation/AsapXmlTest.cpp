// ASAP XML: what ASAP can express survives a round trip; real-shaped files with groups read;
// hostile files give a clear error.

#include <lamina/annotation/formats/AsapXml.h>
#include <lamina/core/Error.h>

#include <gtest/gtest.h>

using namespace lamina;

namespace {

Annotation make(ShapeKind kind, std::vector<PointD> points, std::string className,
                std::string name) {
    Annotation a;
    a.id = Annotation::newId();
    a.geometry = {kind, std::move(points), {}};
    a.className = std::move(className);
    a.name = std::move(name);
    return a;
}

std::string errorOf(const std::string& text) {
    try {
        AsapXml::parse(text, "case.xml");
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("case.xml"), std::string::npos) << e.what();
        return e.cause();
    }
    return "no error";
}

} // namespace

TEST(AsapXml, RoundTripKeepsWhatAsapCanExpress) {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    d.ensureClass("Mitosis", 0x12ab34);
    auto& list = d.layers[0].annotations;
    list.push_back(make(ShapeKind::Point, {{10.5, 20.25}}, "Mitosis", "m1"));
    list.push_back(make(ShapeKind::MultiPoint, {{1, 2}, {3, 4}}, "Immune cells", "cells"));
    list.push_back(make(ShapeKind::Line, {{0, 0}, {300.125, 400}}, "", "ruler"));
    list.push_back(make(ShapeKind::Polyline, {{0, 0}, {10, 0}, {10, 10}}, "", "path"));
    list.push_back(make(ShapeKind::Rectangle, {{100.1, 200.2}, {300.3, 400.4}}, "Stroma", "box"));
    list.push_back(make(ShapeKind::Polygon, {{0, 0}, {100, 0}, {50, 80.5}}, "Tumour", "tri"));
    size_t dropped = 99;
    const std::string xml = AsapXml::serialize(d, &dropped);
    EXPECT_EQ(dropped, 0u);
    const AnnotationDocument back = AsapXml::parse(xml, "rt.xml");
    ASSERT_EQ(back.annotationCount(), list.size());
    for (size_t i = 0; i < list.size(); ++i) {
        const Annotation& a = back.layers[0].annotations[i];
        EXPECT_EQ(a.name, list[i].name);
        EXPECT_EQ(a.className, list[i].className);
        EXPECT_EQ(a.geometry, list[i].geometry) << a.name;
    }
    ASSERT_NE(back.findClass("Mitosis"), nullptr);
    EXPECT_EQ(back.findClass("Mitosis")->rgb, 0x12ab34u);
}

TEST(AsapXml, HolesAreCountedWhenDropped) {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    Annotation a = make(ShapeKind::Polygon, {{0, 0}, {10, 0}, {10, 10}, {0, 10}}, "", "");
    a.geometry.holes.push_back({{2, 2}, {4, 2}, {4, 4}});
    d.layers[0].annotations.push_back(a);
    size_t dropped = 0;
    AsapXml::serialize(d, &dropped);
    EXPECT_EQ(dropped, 1u);
}

// Shaped like files written by ASAP 1.9 and 2.x.
TEST(AsapXml, ReadsAsapFilesWithGroupsAndUnknownGroups) {
    const std::string text = R"(<?xml version="1.0"?>
<ASAP_Annotations>
	<Annotations>
		<Annotation Name="Annotation 0" Type="Polygon" PartOfGroup="metastases" Color="#F4FA58">
			<Coordinates>
				<Coordinate Order="2" X="30" Y="40" />
				<Coordinate Order="0" X="10" Y="20" />
				<Coordinate Order="1" X="30" Y="20" />
			</Coordinates>
		</Annotation>
		<Annotation Name="Annotation 1" Type="Spline" PartOfGroup="not declared" Color="#64FE2E">
			<Coordinates>
				<Coordinate Order="0" X="1" Y="1" /><Coordinate Order="1" X="5" Y="1" />
				<Coordinate Order="2" X="3" Y="4" />
			</Coordinates>
		</Annotation>
		<Annotation Name="Annotation 2" Type="Dot" PartOfGroup="None" Color="#F4FA58">
			<Coordinates><Coordinate Order="0" X="7.5" Y="8.25" /></Coordinates>
		</Annotation>
	</Annotations>
	<AnnotationGroups>
		<Group Name="metastases" PartOfGroup="None" Color="#FF0000"><Attributes /></Group>
	</AnnotationGroups>
</ASAP_Annotations>)";
    const AnnotationDocument d = AsapXml::parse(text, "asap.xml");
    ASSERT_EQ(d.annotationCount(), 3u);
    const auto& list = d.layers[0].annotations;
    EXPECT_EQ(list[0].geometry.points, (std::vector<PointD>{{10, 20}, {30, 20}, {30, 40}}))
        << "coordinates sorted by Order";
    EXPECT_EQ(list[0].className, "metastases");
    EXPECT_EQ(d.findClass("metastases")->rgb, 0xff0000u) << "the group's colour";
    EXPECT_EQ(list[1].className, "not declared");
    ASSERT_NE(d.findClass("not declared"), nullptr) << "unknown group created, not an error";
    EXPECT_EQ(list[2].geometry.kind, ShapeKind::Point);
    EXPECT_TRUE(list[2].className.empty());
}

TEST(AsapXml, HostileFilesGiveAClearError) {
    EXPECT_NE(errorOf("<ASAP_Annotations><Annotations>").find("not well-formed"),
              std::string::npos);
    EXPECT_NE(errorOf(""), "no error");
    // Finite but far beyond any slide: geometry on it would overflow (see ImageScopeXml).
    EXPECT_NE(errorOf(R"(<ASAP_Annotations><Annotations><Annotation Type="Dot"><Coordinates>)"
                      R"(<Coordinate Order="0" X="1e66" Y="1"/></Coordinates></Annotation>)"
                      R"(</Annotations></ASAP_Annotations>)")
                  .find("coordinate X is out of range"),
              std::string::npos);
    EXPECT_NE(errorOf("<svg/>").find("not an ASAP annotation file"), std::string::npos);
    EXPECT_NE(errorOf(R"(<Annotations><Annotation Type="Dot"><Coordinates>
        <Coordinate Order="0" X="nan" Y="1"/></Coordinates></Annotation></Annotations>)")
                  .find("not a finite number"),
              std::string::npos);
    EXPECT_NE(errorOf(R"(<Annotations><Annotation Type="Hexagon"><Coordinates>
        <Coordinate Order="0" X="1" Y="1"/></Coordinates></Annotation></Annotations>)")
                  .find("unknown annotation type"),
              std::string::npos);
    EXPECT_NE(errorOf(R"(<Annotations><Annotation Type="Polygon"><Coordinates>
        <Coordinate Order="0" X="1" Y="1"/></Coordinates></Annotation></Annotations>)")
                  .find("too few coordinates"),
              std::string::npos);
    // Entity expansion ("billion laughs") must not blow up memory or time.
    std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY l0 \"ha\">";
    for (int i = 1; i < 10; ++i)
        laughs += "<!ENTITY l" + std::to_string(i) + " \"" + [&] {
            std::string r;
            for (int k = 0; k < 10; ++k)
                r += "&l" + std::to_string(i - 1) + ";";
            return r;
        }() + "\">";
    laughs += "]><ASAP_Annotations><Annotations><Annotation Name=\"&l9;\" Type=\"Dot\">"
              "<Coordinates><Coordinate Order=\"0\" X=\"1\" Y=\"1\"/></Coordinates>"
              "</Annotation></Annotations></ASAP_Annotations>";
    EXPECT_NE(errorOf(laughs), "no error");
}
