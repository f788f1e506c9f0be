// Every annotation tool driven by QTest mouse and key events on the offscreen view: draw,
// select, move, edit vertices, paint, erase, count, copy and paste, undo and redo.

#include "AnnotationActions.h"
#include "ViewerHarness.h"
#include "annotation/AnnotationCommands.h"
#include "annotation/AnnotationSession.h"
#include "tools/BoxTool.h"
#include "tools/BrushTool.h"
#include "tools/FreehandTool.h"
#include "tools/PointTool.h"
#include "tools/PolygonTool.h"
#include "tools/PolylineTool.h"
#include "tools/RulerTool.h"
#include "tools/SelectTool.h"
#include "tools/VertexTool.h"

#include <lamina/annotation/AnnotationStore.h>
#include <lamina/annotation/Measurements.h>

#include <QApplication>
#include <QClipboard>

#include <cmath>
#include <numbers>

using namespace lamina;

namespace {

constexpr double kCentreX = 8000, kCentreY = 6000;

// Widget (logical) pixel showing level-0 point (x, y).
QPoint screenOf(SlideView* view, double x, double y) {
    const QPointF device =
        view->camera().slideToScreen(view->viewportDevicePixels()).map(QPointF(x, y));
    return (device / view->devicePixelRatioF()).toPoint();
}

Annotation box(const std::string& id, double x, double y, double w, double h) {
    Annotation a;
    a.id = id;
    a.geometry = {ShapeKind::Rectangle, {{x, y}, {x + w, y + h}}, {}};
    return a;
}

const Annotation& find(AnnotationSession* session, const std::string& id) {
    const auto where = session->document().find(id);
    if (!where)
        qFatal("annotation %s is gone", id.c_str());
    return session->document().layers[where->layer].annotations[where->index];
}

double areaOf(const AnnotationGeometry& g) {
    return measure(g, Scale{}).area;
}

// Drags with the left button through `steps` intermediate moves.
void drag(SlideView* view, QPoint from, QPoint to, int steps = 5,
          Qt::KeyboardModifiers modifiers = {}) {
    QTest::mousePress(view, Qt::LeftButton, modifiers, from);
    for (int i = 1; i <= steps; ++i)
        QTest::mouseMove(view, from + (to - from) * i / steps);
    QTest::mouseRelease(view, Qt::LeftButton, modifiers, to);
}

} // namespace

class AnnotationToolsTest : public QObject {
    Q_OBJECT

private:
    test::ViewerHarness harness_;
    SlideView* view_ = nullptr;
    AnnotationSession* session_ = nullptr;
    std::unique_ptr<AnnotationTool> tool_; // outlives the view's use of it

    // Makes a tool of type T the view's tool.
    template <typename T, typename... Args>
    T& useTool(Args... args) {
        view_->setTool(nullptr);
        tool_ = std::make_unique<T>(args...);
        view_->setTool(tool_.get());
        return static_cast<T&>(*tool_);
    }

private slots:
    void init() {
        QVERIFY(harness_.start());
        view_ = harness_.openWithoutAnnotations();
        QVERIFY(view_ && view_->annotationSession());
        session_ = view_->annotationSession();
        QCOMPARE(session_->document().annotationCount(), size_t(0));
        view_->setMagnification(5);
        view_->centerOn({kCentreX, kCentreY});
    }
    void cleanup() {
        view_->setTool(nullptr);
        harness_.stop();
    }

    void rectangleToolDrawsUndoesRedoesAndAutosaves() {
        useTool<RectangleTool>();
        const QPoint a(100, 120), b(300, 220);
        const QSizeF vp = view_->viewportDevicePixels();
        const QPointF slideA = view_->camera().toSlide(QPointF(a) * view_->devicePixelRatioF(), vp);
        const QPointF slideB = view_->camera().toSlide(QPointF(b) * view_->devicePixelRatioF(), vp);
        drag(view_, a, b, 1);
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        const Annotation& drawn = session_->document().layers[0].annotations.back();
        QCOMPARE(drawn.geometry.kind, ShapeKind::Rectangle);
        QVERIFY(std::abs(drawn.geometry.points[0].x - slideA.x()) < 1e-6);
        QVERIFY(std::abs(drawn.geometry.points[1].y - slideB.y()) < 1e-6);
        // The view did not pan while drawing.
        QCOMPARE(view_->camera().toSlide(QPointF(a) * view_->devicePixelRatioF(), vp), slideA);
        session_->undoStack().undo();
        QCOMPARE(session_->document().annotationCount(), size_t(0));
        session_->undoStack().redo();
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        // Autosaved within two seconds, without asking.
        QTRY_VERIFY_WITH_TIMEOUT(
            AnnotationStore(test::ViewerHarness::slidePath().toStdString(), "/nonexistent")
                    .load()
                    .annotationCount() == 1,
            2000);
    }

    void ellipseAndRulerToolsDrawUndoAndRedo() {
        useTool<EllipseTool>();
        const QPoint centre = screenOf(view_, kCentreX, kCentreY);
        drag(view_, centre, centre + QPoint(100, 60), 4);
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        const AnnotationGeometry ellipse = session_->document().layers[0].annotations[0].geometry;
        QCOMPARE(ellipse.kind, ShapeKind::Ellipse);
        const double px = view_->devicePixelRatioF() * view_->camera().downsample;
        QVERIFY(std::abs((ellipse.points[1].x - ellipse.points[0].x) - 100 * px) < 1e-6);

        useTool<RulerTool>();
        drag(view_, centre + QPoint(0, 100), centre + QPoint(30, 140), 4);
        QCOMPARE(session_->document().annotationCount(), size_t(2));
        const Annotation& ruler = session_->document().layers[0].annotations[1];
        QCOMPARE(ruler.geometry.kind, ShapeKind::Line);
        // 50 screen pixels long; the synthetic slide has 0.25 µm per level-0 pixel.
        const double microns = 50 * px * 0.25;
        QVERIFY(std::abs(measure(ruler.geometry, view_->scale()).length - microns) < 1e-6);
        // No length baked into the name: it went stale once a vertex moved, and reports
        // printed it beside the new length.
        QVERIFY2(ruler.name.empty(), ruler.name.c_str());
        // A click without a drag draws nothing.
        QTest::mouseClick(view_, Qt::LeftButton, {}, centre + QPoint(300, 0));
        QCOMPARE(session_->document().annotationCount(), size_t(2));

        session_->undoStack().undo();
        session_->undoStack().undo();
        QCOMPARE(session_->document().annotationCount(), size_t(0));
        session_->undoStack().redo();
        session_->undoStack().redo();
        QCOMPARE(session_->document().annotationCount(), size_t(2));
        QCOMPARE(session_->document().layers[0].annotations[0].geometry, ellipse);
    }

    void polygonToolClosesWithEnterAndEscapeAbandons() {
        auto& tool = useTool<PolygonTool>();
        for (const QPoint p : {QPoint(100, 100), QPoint(200, 110), QPoint(160, 200)})
            QTest::mouseClick(view_, Qt::LeftButton, {}, p);
        QVERIFY(tool.busy());
        QTest::keyClick(view_, Qt::Key_Return);
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        QCOMPARE(session_->document().layers[0].annotations.back().geometry.points.size(),
                 size_t(3));
        QTest::mouseClick(view_, Qt::LeftButton, {}, QPoint(300, 300));
        QTest::mouseClick(view_, Qt::LeftButton, {}, QPoint(350, 300));
        QTest::keyClick(view_, Qt::Key_Escape);
        QVERIFY(!tool.busy());
        QCOMPARE(session_->document().annotationCount(), size_t(1));
    }

    void polylineToolEndsOpenWithEnterOrDoubleClick() {
        useTool<PolylineTool>();
        for (const QPoint p : {QPoint(100, 100), QPoint(200, 110), QPoint(260, 200)})
            QTest::mouseClick(view_, Qt::LeftButton, {}, p);
        QTest::keyClick(view_, Qt::Key_Enter);
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        const auto& g = session_->document().layers[0].annotations.back().geometry;
        QCOMPARE(g.kind, ShapeKind::Polyline);
        QCOMPARE(g.points.size(), size_t(3));
        QTest::mouseClick(view_, Qt::LeftButton, {}, QPoint(400, 300));
        QTest::mouseClick(view_, Qt::LeftButton, {}, QPoint(450, 320));
        QTest::mouseDClick(view_, Qt::LeftButton, {}, QPoint(450, 320));
        QCOMPARE(session_->document().annotationCount(), size_t(2));
        QCOMPARE(session_->document().layers[0].annotations.back().geometry.points.size(),
                 size_t(2));
    }

    void selectByClickShiftClickAndRubberBand() {
        session_->addAnnotation(box("a", kCentreX - 1600, kCentreY - 400, 400, 400));
        session_->addAnnotation(box("b", kCentreX - 400, kCentreY - 400, 400, 400));
        session_->addAnnotation(box("c", kCentreX + 800, kCentreY - 400, 400, 400));
        session_->select({});
        useTool<SelectTool>();
        QTest::mouseClick(view_, Qt::LeftButton, {},
                          screenOf(view_, kCentreX - 1400, kCentreY - 200));
        QCOMPARE(session_->selection(), (std::vector<std::string>{"a"}));
        QTest::mouseClick(view_, Qt::LeftButton, Qt::ShiftModifier,
                          screenOf(view_, kCentreX - 200, kCentreY - 200));
        QCOMPARE(session_->selection(), (std::vector<std::string>{"a", "b"}));
        QTest::mouseClick(view_, Qt::LeftButton, Qt::ShiftModifier,
                          screenOf(view_, kCentreX - 1400, kCentreY - 200));
        // Shift toggles
        QCOMPARE(session_->selection(), (std::vector<std::string>{"b"}));
        // A band from empty space around a and b (c only partly inside: not selected).
        drag(view_, screenOf(view_, kCentreX - 1700, kCentreY - 500),
             screenOf(view_, kCentreX + 900, kCentreY + 100));
        QCOMPARE(session_->selection(), (std::vector<std::string>{"a", "b"}));
        // Shift+band adds c.
        drag(view_, screenOf(view_, kCentreX + 700, kCentreY - 500),
             screenOf(view_, kCentreX + 1300, kCentreY + 100), 5, Qt::ShiftModifier);
        QCOMPARE(session_->selection(), (std::vector<std::string>{"a", "b", "c"}));
        // A click on empty space clears.
        QTest::mouseClick(view_, Qt::LeftButton, {}, screenOf(view_, kCentreX, kCentreY + 1000));
        QVERIFY(session_->selection().empty());
    }

    void draggingMovesTheSelectionAsOneUndoStepAndLockedStays() {
        session_->addAnnotation(box("a", kCentreX - 1600, kCentreY - 400, 400, 400));
        session_->addAnnotation(box("b", kCentreX - 400, kCentreY - 400, 400, 400));
        Annotation locked = box("locked", kCentreX + 800, kCentreY - 400, 400, 400);
        locked.locked = true;
        session_->addAnnotation(locked);
        session_->setSelection({"a", "b", "locked"});
        const auto before = session_->document();
        const int steps = session_->undoStack().count();
        useTool<SelectTool>();
        const QPoint from = screenOf(view_, kCentreX - 200, kCentreY - 200);
        drag(view_, from, from + QPoint(50, 30), 10);
        const double dx = 50 * view_->devicePixelRatioF() * view_->camera().downsample;
        const double dy = 30 * view_->devicePixelRatioF() * view_->camera().downsample;
        QVERIFY(std::abs(find(session_, "a").geometry.points[0].x - (kCentreX - 1600 + dx)) < 1e-6);
        QVERIFY(std::abs(find(session_, "b").geometry.points[1].y - (kCentreY + dy)) < 1e-6);
        QCOMPARE(find(session_, "locked").geometry, before.layers[0].annotations[2].geometry);
        // The spatial index followed the move: a click where "a" went finds it.
        const auto selection = session_->selection();
        session_->select({});
        QTest::mouseClick(view_, Qt::LeftButton, {},
                          screenOf(view_, kCentreX - 1400 + dx, kCentreY - 200 + dy));
        QCOMPARE(session_->selection(), std::vector<std::string>{"a"});
        session_->setSelection(selection);
        // one drag, one undo step
        QCOMPARE(session_->undoStack().count(), steps + 1);
        session_->undoStack().undo();
        QCOMPARE(session_->document(), before);
        // Delete removes the selection except what is locked, in one step.
        QTest::keyClick(view_, Qt::Key_Delete);
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        QCOMPARE(session_->document().layers[0].annotations[0].id, std::string("locked"));
        session_->undoStack().undo();
        QCOMPARE(session_->document(), before);
    }

    void escapeDuringAMoveRestoresTheShape() {
        session_->addAnnotation(box("a", kCentreX - 400, kCentreY - 400, 400, 400));
        session_->select("a");
        const auto before = session_->document();
        useTool<SelectTool>();
        const QPoint from = screenOf(view_, kCentreX - 200, kCentreY - 200);
        QTest::mousePress(view_, Qt::LeftButton, {}, from);
        QTest::mouseMove(view_, from + QPoint(40, 0));
        QTest::mouseMove(view_, from + QPoint(80, 0));
        QVERIFY(find(session_, "a").geometry != before.layers[0].annotations[0].geometry);
        QTest::keyClick(view_, Qt::Key_Escape);
        QTest::mouseRelease(view_, Qt::LeftButton, {}, from + QPoint(80, 0));
        QCOMPARE(session_->document(), before);
    }

    void vertexToolMovesInsertsAndDeletesVertices() {
        Annotation triangle;
        triangle.id = "t";
        triangle.geometry = {ShapeKind::Polygon,
                             {{kCentreX - 800, kCentreY - 800},
                              {kCentreX + 800, kCentreY - 800},
                              {kCentreX, kCentreY + 800}},
                             {}};
        session_->addAnnotation(triangle);
        session_->select("t");
        useTool<VertexTool>();
        // Drag the first vertex.
        const QPoint v0 = screenOf(view_, kCentreX - 800, kCentreY - 800);
        drag(view_, v0, v0 + QPoint(-20, -10));
        const PointD moved = find(session_, "t").geometry.points[0];
        QVERIFY(moved.x < kCentreX - 800 - 100 && moved.y < kCentreY - 800 - 40);
        // Double-click the top edge: a fourth vertex where clicked.
        QTest::mouseDClick(view_, Qt::LeftButton, {}, screenOf(view_, kCentreX, kCentreY - 800));
        QTest::mouseRelease(view_, Qt::LeftButton, {}, screenOf(view_, kCentreX, kCentreY - 800));
        QCOMPARE(find(session_, "t").geometry.points.size(), size_t(4));
        QVERIFY(std::abs(find(session_, "t").geometry.points[1].x - kCentreX) < 10);
        // Hover it and press Delete: back to three, and the annotation itself stays.
        QTest::mouseMove(view_, screenOf(view_, kCentreX, kCentreY - 800));
        QTest::keyClick(view_, Qt::Key_Delete);
        QCOMPARE(find(session_, "t").geometry.points.size(), size_t(3));
        // Alt+click a vertex of a triangle: refused (it would no longer be a polygon).
        QTest::mouseClick(view_, Qt::LeftButton, Qt::AltModifier,
                          screenOf(view_, kCentreX, kCentreY + 800));
        QCOMPARE(find(session_, "t").geometry.points.size(), size_t(3));
        // Undo all the way back to the original triangle.
        while (find(session_, "t").geometry != triangle.geometry && session_->undoStack().canUndo())
            session_->undoStack().undo();
        QCOMPARE(find(session_, "t").geometry, triangle.geometry);
        // A locked annotation shows its vertices but does not change.
        session_->undoStack().push(new ChangeAnnotationValue<bool>(
            *session_, {"t"}, &Annotation::locked, true, QStringLiteral("Lock")));
        drag(view_, v0, v0 + QPoint(-20, -10));
        QCOMPARE(find(session_, "t").geometry, triangle.geometry);
    }

    void freehandToolClosesASimplifiedPolygon() {
        useTool<FreehandTool>();
        const QPoint centre = screenOf(view_, kCentreX, kCentreY);
        const int radius = 100;
        QTest::mousePress(view_, Qt::LeftButton, {}, centre + QPoint(radius, 0));
        for (int i = 1; i <= 360; ++i) {
            const double t = i * std::numbers::pi / 180;
            QTest::mouseMove(view_, centre + QPoint(int(std::lround(radius * std::cos(t))),
                                                    int(std::lround(radius * std::sin(t)))));
        }
        QTest::mouseRelease(view_, Qt::LeftButton, {}, centre + QPoint(radius, 0));
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        const auto& g = session_->document().layers[0].annotations.back().geometry;
        QCOMPARE(g.kind, ShapeKind::Polygon);
        QVERIFY2(g.points.size() < 120, "simplified at one screen pixel");
        QVERIFY(g.points.size() > 20);
        const double r = radius * view_->devicePixelRatioF() * view_->camera().downsample;
        QVERIFY(std::abs(areaOf(g) - std::numbers::pi * r * r) < 0.03 * std::numbers::pi * r * r);
    }

    void brushGrowsTheSelectedRegionAndEraserSplitsIt() {
        useTool<BrushTool>(BrushTool::Mode::Paint);
        const QPoint left = screenOf(view_, kCentreX - 800, kCentreY);
        drag(view_, left, left + QPoint(100, 0));
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        const std::string id = session_->selectedId();
        QVERIFY(!id.empty());
        const double first = areaOf(find(session_, id).geometry);
        // A second stroke overlapping the first grows the same region.
        drag(view_, left + QPoint(80, 0), left + QPoint(200, 0));
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        const double grown = areaOf(find(session_, id).geometry);
        QVERIFY(grown > 1.8 * first);
        // The eraser cuts a vertical band through the middle: two regions.
        auto& eraser = useTool<BrushTool>(BrushTool::Mode::Erase);
        const int steps = session_->undoStack().count();
        drag(view_, left + QPoint(100, -60), left + QPoint(100, 60));
        QCOMPARE(session_->document().annotationCount(), size_t(2));
        QVERIFY(areaOf(find(session_, id).geometry) < grown);
        QCOMPARE(session_->undoStack().count(), steps + 1);
        session_->undoStack().undo();
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        QCOMPARE(areaOf(find(session_, id).geometry), grown);
        // Erasing with nothing selected cuts from whatever region it crosses.
        session_->select({});
        drag(view_, left + QPoint(-40, -60), left + QPoint(240, 60), 20);
        QVERIFY(session_->document().annotationCount() >= 1);
        QVERIFY(areaOf(find(session_, id).geometry) < grown);
        // [ and ] change the size.
        const double size = eraser.diameter();
        QTest::keyClick(view_, Qt::Key_BracketRight);
        QVERIFY(eraser.diameter() > size);
    }

    // Counting as in QuPath: plain clicks go into one point set (they used to make one
    // annotation per click); Shift+click, another class or Escape starts the next set.
    void pointToolClicksCountIntoOnePointSet() {
        useTool<PointTool>();
        QTest::mouseClick(view_, Qt::LeftButton, {}, QPoint(200, 200));
        QTest::mouseClick(view_, Qt::LeftButton, {}, QPoint(220, 200));
        QTest::mouseClick(view_, Qt::LeftButton, {}, QPoint(240, 200));
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        const auto& g = session_->document().layers[0].annotations.back().geometry;
        QCOMPARE(g.kind, ShapeKind::MultiPoint);
        QCOMPARE(measure(g, {}).points, size_t(3));
        QTest::mouseClick(view_, Qt::LeftButton, Qt::ShiftModifier, QPoint(300, 200));
        QCOMPARE(session_->document().annotationCount(), size_t(2)); // Shift: a new set
        QTest::mouseClick(view_, Qt::LeftButton, {}, QPoint(320, 200));
        QCOMPARE(session_->document().annotationCount(), size_t(2)); // into the new one
        session_->setCurrentClass("Tumour");
        QTest::mouseClick(view_, Qt::LeftButton, {}, QPoint(340, 200));
        QCOMPARE(session_->document().annotationCount(), size_t(3)); // another class
        QCOMPARE(session_->document().layers[0].annotations.back().className,
                 std::string("Tumour"));
        session_->setCurrentClass("");
    }

    void copyAndPasteGiveNewIdsAtTheSamePlace() {
        session_->addAnnotation(box("a", kCentreX - 400, kCentreY - 400, 400, 400));
        session_->select("a");
        QVERIFY(harness_.window().annotationActions().copyAnnotations());
        QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("FeatureCollection")));
        QVERIFY(harness_.window().annotationActions().pasteAnnotations());
        QCOMPARE(session_->document().annotationCount(), size_t(2));
        const Annotation& pasted = session_->document().layers[0].annotations.back();
        QVERIFY(pasted.id != "a");
        QCOMPARE(pasted.geometry, find(session_, "a").geometry);
        QCOMPARE(session_->selection(), std::vector<std::string>{pasted.id});
        session_->undoStack().undo();
        QCOMPARE(session_->document().annotationCount(), size_t(1));
        // Text that is not GeoJSON is refused with a message, nothing changes.
        QGuiApplication::clipboard()->setText(
            QStringLiteral("{\"type\": \"Feature\", \"geometry\": 7}"));
        QVERIFY(!harness_.window().annotationActions().pasteAnnotations());
        QCOMPARE(session_->document().annotationCount(), size_t(1));
    }

    void propertyChangesAreUndoableAndOpacityDragsMerge() {
        session_->addAnnotation(box("a", 0, 0, 10, 10));
        session_->addAnnotation(box("b", 20, 0, 10, 10));
        auto& stack = session_->undoStack();
        stack.push(new ChangeAnnotationValue<std::string>(
            *session_, {"a", "b"}, &Annotation::className, std::string("Tumour"), "Classify"));
        QCOMPARE(find(session_, "a").className, std::string("Tumour"));
        QCOMPARE(find(session_, "b").className, std::string("Tumour"));
        stack.undo();
        QVERIFY(find(session_, "b").className.empty());
        const std::string layer = session_->document().layers[0].id;
        const int steps = stack.index();
        for (double opacity : {0.8, 0.6, 0.4})
            stack.push(new ChangeLayerValue<double>(*session_, layer, &AnnotationLayer::opacity,
                                                    opacity, "Opacity"));
        QCOMPARE(session_->document().layers[0].opacity, 0.4);
        QCOMPARE(stack.index(), steps + 1);
        stack.undo();
        QCOMPARE(session_->document().layers[0].opacity, 1.0);
    }

    void middleButtonPansWhileAToolIsActive() {
        useTool<RectangleTool>();
        const PointD before = view_->camera().center;
        QTest::mousePress(view_, Qt::MiddleButton, {}, QPoint(300, 300));
        QTest::mouseMove(view_, QPoint(350, 300));
        QTest::mouseRelease(view_, Qt::MiddleButton, {}, QPoint(350, 300));
        QVERIFY(view_->camera().center.x < before.x);
        QCOMPARE(session_->document().annotationCount(), size_t(0));
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    test::isolateUserFolders(home);
    QApplication app(argc, argv);
    AnnotationToolsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "AnnotationToolsTest.moc"
