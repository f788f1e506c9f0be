// QuPath GeoJSON: every field survives a round trip; QuPath-shaped exports read with their
// classes, ellipses, holes, detections and measurements; hostile files give a clear error.

#include <lamina/annotation/formats/QuPathGeoJson.h>
#include <lamina/core/Error.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using namespace lamina;

namespace {

Annotation make(ShapeKind kind, std::vector<PointD> points, std::string className = {}) {
    Annotation a;
    a.id = Annotation::newId();
    a.geometry = {kind, std::move(points), {}};
    a.className = std::move(className);
    return a;
}

// One of everything: every shape kind, holes, names, notes, locks, colours, two layers.
AnnotationDocument everything() {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    d.ensureClass("Mitosis", 0x12ab34);
    auto& first = d.layers[0];
    first.annotations.push_back(make(ShapeKind::Point, {{10.5, 20.25}}, "Mitosis"));
    first.annotations.push_back(make(ShapeKind::MultiPoint, {{1, 2}, {3, 4}, {5, 6}}));
    first.annotations.push_back(make(ShapeKind::Line, {{0, 0}, {300, 400}}));
    first.annotations.push_back(make(ShapeKind::Polyline, {{0, 0}, {10, 0}, {10, 10}}));
    first.annotations.push_back(make(ShapeKind::Rectangle, {{100.1, 200.2}, {300.3, 400.4}}));
    first.annotations.push_back(make(ShapeKind::Ellipse, {{1000, 1000}, {1333.3, 1100.7}}));
    Annotation withHole =
        make(ShapeKind::Polygon, {{0, 0}, {100, 0}, {100, 100}, {0, 100}}, "Tumour");
    withHole.geometry.holes.push_back({{25, 25}, {75, 25}, {75, 75}});
    withHole.name = "Tumour region é";
    withHole.note = "Teaching case: invasive front\nsecond line";
    withHole.locked = true;
    withHole.rgb = 0x102030;
    first.annotations.push_back(withHole);
    AnnotationLayer second{Annotation::newId(), "Second reader", false, true, 0.4, {}};
    second.annotations.push_back(make(ShapeKind::Polygon, {{5, 5}, {6, 5}, {6, 6}}, "Stroma"));
    d.layers.push_back(second);
    d.layers.push_back({Annotation::newId(), "Empty layer", true, false, 1.0, {}});
    return d;
}

std::string errorOf(const std::string& text, const QuPathGeoJson::Limits& limits = {}) {
    try {
        QuPathGeoJson::parse(text, "case.geojson", limits);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
        EXPECT_NE(std::string(e.what()).find("case.geojson"), std::string::npos) << e.what();
        return e.cause();
    }
    return "no error";
}

} // namespace

TEST(QuPathGeoJson, RoundTripKeepsEveryField) {
    const AnnotationDocument original = everything();
    const std::string text = QuPathGeoJson::serialize(original);
    const AnnotationDocument back = QuPathGeoJson::parse(text, "round-trip.geojson");
    ASSERT_EQ(back.layers.size(), original.layers.size());
    for (size_t l = 0; l < original.layers.size(); ++l) {
        EXPECT_EQ(back.layers[l].name, original.layers[l].name);
        EXPECT_EQ(back.layers[l].visible, original.layers[l].visible);
        EXPECT_EQ(back.layers[l].locked, original.layers[l].locked);
        EXPECT_EQ(back.layers[l].opacity, original.layers[l].opacity);
        ASSERT_EQ(back.layers[l].annotations.size(), original.layers[l].annotations.size());
        for (size_t i = 0; i < original.layers[l].annotations.size(); ++i)
            EXPECT_EQ(back.layers[l].annotations[i], original.layers[l].annotations[i])
                << "layer " << l << " annotation " << i << " ("
                << shapeKindName(original.layers[l].annotations[i].geometry.kind) << ")";
    }
    EXPECT_EQ(back.classes, original.classes);
    EXPECT_EQ(back, original);
    EXPECT_EQ(QuPathGeoJson::serialize(back), text) << "writing is deterministic";
}

// Shaped like QuPath 0.4 exports ("Export objects as GeoJSON"), plus older spellings.
TEST(QuPathGeoJson, ReadsQuPathShapedExports) {
    const std::string text = R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "id": "5b0c3b9e-4ad1-4a3c-9d48-2f6b8e3f1a01",
     "geometry": {"type": "Polygon",
                  "coordinates": [[[0,0],[200,0],[200,100],[0,100],[0,0]],
                                  [[50,25],[150,25],[150,75],[50,75],[50,25]]]},
     "properties": {"objectType": "annotation", "name": "Invasive front",
                    "classification": {"name": "Tumor", "color": [200, 0, 0]},
                    "isLocked": true,
                    "measurements": {"Area µm^2": 4000.5, "Perimeter µm": 600}}},
    {"type": "Feature", "id": "5b0c3b9e-4ad1-4a3c-9d48-2f6b8e3f1a02",
     "geometry": {"type": "Polygon", "isEllipse": true,
                  "coordinates": [[[100,50],[50,100],[0,50],[50,0],[100,50]]]},
     "properties": {"objectType": "annotation",
                    "classification": {"names": ["Tumor", "Positive"], "color": [250, 62, 62]}}},
    {"type": "Feature",
     "geometry": {"type": "MultiPolygon",
                  "coordinates": [[[[0,0],[10,0],[10,10],[0,0]]], [[[20,20],[30,20],[30,30],[20,20]]]]},
     "properties": {"object_type": "detection", "measurements": [{"name": "Nucleus: Area", "value": 20}]}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7, 8]}, "properties": null}
  ]
})";
    const AnnotationDocument d = QuPathGeoJson::parse(text, "qupath.geojson");
    ASSERT_EQ(d.layers.size(), 2u); // Annotations, Detections
    const auto& annotations = d.layers[0].annotations;
    ASSERT_EQ(annotations.size(), 3u);
    EXPECT_EQ(annotations[0].id, "5b0c3b9e-4ad1-4a3c-9d48-2f6b8e3f1a01");
    EXPECT_EQ(annotations[0].className, "Tumor");
    EXPECT_EQ(annotations[0].name, "Invasive front");
    EXPECT_TRUE(annotations[0].locked);
    EXPECT_EQ(annotations[0].geometry.points.size(), 4u) << "closing vertex dropped";
    ASSERT_EQ(annotations[0].geometry.holes.size(), 1u);
    ASSERT_NE(d.findClass("Tumor"), nullptr);
    EXPECT_EQ(d.findClass("Tumor")->rgb, 0xc80000u);
    EXPECT_EQ(annotations[1].geometry.kind, ShapeKind::Ellipse);
    EXPECT_EQ(annotations[1].geometry.points, (std::vector<PointD>{{0, 0}, {100, 100}}));
    EXPECT_EQ(annotations[1].className, "Tumor: Positive");
    EXPECT_EQ(annotations[2].geometry.kind, ShapeKind::Point);
    EXPECT_EQ(d.layers[1].name, "Detections");
    EXPECT_EQ(d.layers[1].annotations.size(), 2u) << "one annotation per MultiPolygon part";
    EXPECT_NE(d.layers[1].annotations[0].id, d.layers[1].annotations[1].id);
}

TEST(QuPathGeoJson, BareFeatureAndArrayOfFeaturesAreAccepted) {
    const std::string feature =
        R"({"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[3,4]]}})";
    EXPECT_EQ(QuPathGeoJson::parse(feature, "f").annotationCount(), 1u);
    EXPECT_EQ(QuPathGeoJson::parse("[" + feature + "," + feature + "]", "a").annotationCount(), 2u);
}

TEST(QuPathGeoJson, HostileFilesGiveAClearErrorNamingTheFeature) {
    EXPECT_NE(errorOf(R"({"type":"FeatureCollection","features":[)").find("not valid JSON"),
              std::string::npos);
    // Finite but far beyond any slide: geometry on it would overflow (see ImageScopeXml).
    EXPECT_NE(errorOf(R"({"type":"Feature","geometry":{"type":"Point","coordinates":[1e66,1]}})")
                  .find("a coordinate is out of range"),
              std::string::npos);
    EXPECT_NE(errorOf("").find("not valid JSON"), std::string::npos);
    EXPECT_NE(errorOf(R"({"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,1]}})")
                  .find("not valid JSON"),
              std::string::npos);
    // Out of double range: refused by the JSON parser or as not finite, either way an error.
    EXPECT_NE(errorOf(R"({"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,1]}})"),
              "no error");
    EXPECT_NE(errorOf(R"({"type":"Feature","geometry":{"type":"Point","coordinates":["1",2]}})")
                  .find("must be a number"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"type":"FeatureCollection","features":{}})").find("\"features\" array"),
              std::string::npos);
    EXPECT_NE(errorOf(R"([{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}},
                    {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1]]]}}])")
                  .find("feature 1: a polygon ring needs at least three"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"type":"Feature","geometry":{"type":"Circle","coordinates":[1,2]}})")
                  .find("unsupported geometry type"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"type":"Feature","properties":{"isLocked":"yes"},
                         "geometry":{"type":"Point","coordinates":[1,2]}})")
                  .find("isLocked"),
              std::string::npos);
    EXPECT_NE(errorOf(R"({"type":"Topology"})").find("expected a FeatureCollection"),
              std::string::npos);
    EXPECT_NE(errorOf("42").find("expected a FeatureCollection"), std::string::npos);
}

TEST(QuPathGeoJson, DeepNestingIsRefusedWithoutExhaustingTheStack) {
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    EXPECT_NE(errorOf(deep).find("nested deeper than 64"), std::string::npos);
}

TEST(QuPathGeoJson, VertexLimitsAreEnforced) {
    std::string ring = "[";
    for (int i = 0; i < 1000; ++i)
        ring += (i ? "," : "") + std::string("[") + std::to_string(i) + "," +
                std::to_string(i % 7) + "]";
    ring += "]";
    const std::string text =
        R"({"type":"Feature","geometry":{"type":"LineString","coordinates":)" + ring + "}}";
    EXPECT_EQ(errorOf(text, {.maxRingVertices = 10'000}), "no error");
    EXPECT_NE(errorOf(text, {.maxRingVertices = 999}).find("1000 vertices (more than 999)"),
              std::string::npos);
    EXPECT_NE(errorOf("[" + std::string(text) + "," + text + "]", {.maxFileVertices = 1500})
                  .find("more than 1500 vertices in the file"),
              std::string::npos);
}

// Other tools' fields survive a read and a write: QuPath cells carry a nucleusGeometry, and
// pipelines add their own properties. QuPath's measurements are recomputed, not kept.
TEST(QuPathGeoJson, UnknownFieldsArePreservedOnReExport) {
    const std::string text = R"({"type":"FeatureCollection","features":[
      {"type":"Feature","id":"cell-1",
       "geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,0]]]},
       "nucleusGeometry":{"type":"Polygon","coordinates":[[[2,2],[4,2],[4,4],[2,2]]]},
       "properties":{"objectType":"cell","pipeline":{"model":"stardist","score":0.93},
                     "tags":["a","b"],"measurements":{"Area":50}}}]})";
    const AnnotationDocument d = QuPathGeoJson::parse(text, "cells.geojson");
    const Annotation& cell = d.layers.at(0).annotations.at(0);
    EXPECT_EQ(cell.foreign.feature,
              R"("nucleusGeometry":{"type":"Polygon","coordinates":[[[2,2],[4,2],[4,4],[2,2]]]})");
    EXPECT_EQ(cell.foreign.properties,
              R"("pipeline":{"model":"stardist","score":0.93},"tags":["a","b"])");
    const std::string written = QuPathGeoJson::serialize(d);
    EXPECT_EQ(written.find("measurements"), std::string::npos);
    const AnnotationDocument back = QuPathGeoJson::parse(written, "again.geojson");
    EXPECT_EQ(back.layers.at(0).annotations.at(0).foreign, cell.foreign);
    // And a strict, independent parser reads what was written.
    const auto strict = nlohmann::json::parse(written);
    EXPECT_EQ(strict["features"][0]["nucleusGeometry"]["type"], "Polygon");
    EXPECT_EQ(strict["features"][0]["properties"]["pipeline"]["score"], 0.93);
}

TEST(QuPathGeoJson, TextIsEscapedSoAnyNameWritesValidJson) {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    Annotation a;
    a.id = "x";
    a.name = "quote \" backslash \\ newline \n tab \t bell \x07 é 腫瘍";
    a.note = "line 1\r\nline 2";
    a.geometry = {ShapeKind::Point, {{0.1, 1e-7}}, {}};
    d.layers[0].annotations.push_back(a);
    const std::string written = QuPathGeoJson::serialize(d);
    const auto strict = nlohmann::json::parse(written);
    EXPECT_EQ(strict["features"][0]["properties"]["name"], a.name);
    const AnnotationDocument back = QuPathGeoJson::parse(written, "escaped.geojson");
    EXPECT_EQ(back.layers[0].annotations[0], a) << "numbers and text read back exactly";
}
