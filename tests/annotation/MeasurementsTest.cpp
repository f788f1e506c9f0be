// Areas, lengths, counts and centroids against shapes whose answers are known by hand.

#include <lamina/annotation/Measurements.h>
#include <lamina/annotation/MeasurementsCsv.h>
#include <lamina/core/Error.h>

#include <gtest/gtest.h>

#include <numbers>

using namespace lamina;

TEST(Measurements, RectangleInMicronsAndWithoutScale) {
    const AnnotationGeometry box{ShapeKind::Rectangle, {{100, 300}, {0, 250}}, {}};
    const ShapeMeasurements um = measure(box, Scale{0.5, 0.5});
    EXPECT_TRUE(um.hasMicrons);
    EXPECT_DOUBLE_EQ(um.area, 100 * 50 * 0.25);
    EXPECT_DOUBLE_EQ(um.perimeter, 300 * 0.5);
    EXPECT_DOUBLE_EQ(um.centroid.x, 50);
    EXPECT_DOUBLE_EQ(um.centroid.y, 275);
    const ShapeMeasurements px = measure(box, Scale{});
    EXPECT_FALSE(px.hasMicrons);
    EXPECT_DOUBLE_EQ(px.area, 5000);
}

TEST(Measurements, AnisotropicPixelsScaleEachAxis) {
    const AnnotationGeometry box{ShapeKind::Rectangle, {{0, 0}, {10, 10}}, {}};
    EXPECT_DOUBLE_EQ(measure(box, Scale{0.25, 0.5}).area, 2.5 * 5);
    const AnnotationGeometry line{ShapeKind::Line, {{0, 0}, {12, 10}}, {}};
    EXPECT_DOUBLE_EQ(measure(line, Scale{0.25, 0.4}).length, 5); // 3-4-5 in µm
}

TEST(Measurements, PolygonWithHoleSubtractsItWhicheverWayItWinds) {
    AnnotationGeometry g{ShapeKind::Polygon, {{0, 0}, {0, 100}, {100, 100}, {100, 0}}, {}};
    g.holes.push_back({{25, 25}, {75, 25}, {75, 75}, {25, 75}});
    const ShapeMeasurements m = measure(g, Scale{1, 1});
    EXPECT_DOUBLE_EQ(m.area, 10000 - 2500);
    EXPECT_DOUBLE_EQ(m.perimeter, 400 + 200);
}

TEST(Measurements, EllipseAreaIsPiAB) {
    const AnnotationGeometry e{ShapeKind::Ellipse, {{0, 0}, {200, 100}}, {}};
    const ShapeMeasurements m = measure(e, Scale{1, 1});
    EXPECT_NEAR(m.area, std::numbers::pi * 100 * 50, std::numbers::pi * 100 * 50 * 0.002);
    EXPECT_NEAR(m.centroid.x, 100, 1e-9);
}

TEST(Measurements, PointsCountAndPolylinesMeasureTheirPath) {
    const AnnotationGeometry cells{ShapeKind::MultiPoint, {{0, 0}, {2, 0}, {4, 6}}, {}};
    const ShapeMeasurements c = measure(cells, Scale{});
    EXPECT_EQ(c.points, 3u);
    EXPECT_DOUBLE_EQ(c.centroid.x, 2);
    const AnnotationGeometry path{ShapeKind::Polyline, {{0, 0}, {3, 4}, {3, 10}}, {}};
    EXPECT_DOUBLE_EQ(measure(path, Scale{}).length, 11);
}

TEST(Measurements, TotalsPerClass) {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    auto add = [&](ShapeKind k, std::vector<PointD> p, std::string cls) {
        Annotation a;
        a.id = Annotation::newId();
        a.geometry = {k, std::move(p), {}};
        a.className = std::move(cls);
        d.layers[0].annotations.push_back(a);
    };
    add(ShapeKind::Rectangle, {{0, 0}, {10, 10}}, "Tumour");
    add(ShapeKind::Rectangle, {{0, 0}, {20, 10}}, "Tumour");
    add(ShapeKind::MultiPoint, {{0, 0}, {1, 1}}, "Immune cells");
    const auto totals = totalsByClass(d, Scale{1, 1});
    EXPECT_EQ(totals.at("Tumour").annotations, 2u);
    EXPECT_DOUBLE_EQ(totals.at("Tumour").area, 300);
    EXPECT_EQ(totals.at("Immune cells").points, 2u);
}

TEST(Measurements, DegenerateShapesDoNotThrow) {
    const AnnotationGeometry flat{ShapeKind::Polygon, {{0, 0}, {10, 0}, {20, 0}}, {}};
    EXPECT_NO_THROW(measure(flat, Scale{1, 1}));
    EXPECT_DOUBLE_EQ(measure(flat, Scale{1, 1}).area, 0);
}

TEST(MeasurementsCsv, OneRowPerAnnotationWithUnitsQuotingAndFormulasDefused) {
    AnnotationDocument d = AnnotationDocument::withDefaults();
    Annotation box;
    box.id = "b";
    box.name = "margin, \"close\"";
    box.className = "Tumour";
    box.geometry = {ShapeKind::Rectangle, {{0, 0}, {100, 200}}, {}};
    Annotation evil;
    evil.id = "e";
    evil.name = "=HYPERLINK(\"http://x\")";
    evil.geometry = {ShapeKind::Line, {{0, 0}, {30, 40}}, {}};
    d.layers[0].annotations = {box, evil};
    const std::string csv = measurementsCsv(d, Scale{0.5, 0.5});
    EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
              "id,name,class,layer,shape,area_um2,perimeter_um,length_um,points,centroid_x_px,"
              "centroid_y_px");
    EXPECT_NE(csv.find("b,\"margin, \"\"close\"\"\",Tumour,Annotations,rectangle,5000,300,0,0,"
                       "50.00,100.00\r\n"),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find("e,\"'=HYPERLINK(\"\"http://x\"\")\",,Annotations,line,0,0,25,0,"),
              std::string::npos)
        << csv;
    EXPECT_NE(measurementsCsv(d, Scale{}).find("area_px2,perimeter_px,length_px"),
              std::string::npos)
        << "without MPP the header says pixels";
    // A pixel size the user entered (the file states none) is said on every row.
    const std::string entered = measurementsCsv(d, Scale{0.5, 0.5, true});
    EXPECT_NE(entered.find("centroid_y_px,scale\r\n"), std::string::npos) << entered;
    EXPECT_NE(entered.find(",50.00,100.00,user-entered\r\n"), std::string::npos) << entered;
}

TEST(MeasurementsCsv, WriteIsAtomicAndNamesTheFileOnError) {
    const AnnotationDocument d = AnnotationDocument::withDefaults();
    try {
        writeMeasurementsCsv(d, Scale{}, "/nonexistent-folder/m.csv");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-folder/m.csv"), std::string::npos);
    }
}
