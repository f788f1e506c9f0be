// The annotation docks and dialogs driven as a user drives them: the layers panel, the
// annotation list, the measurements totals and CSV, the class editor and the current class.

#include "AnnotationActions.h"
#include "AppSettings.h"
#include "ViewerHarness.h"
#include "annotation/AnnotationSession.h"
#include "dialogs/ClassEditorDialog.h"
#include "panels/AnnotationListPanel.h"
#include "panels/AnnotationTableModel.h"
#include "panels/LayersPanel.h"
#include "panels/MeasurementsPanel.h"
#include "tools/BoxTool.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTableWidget>
#include <QTreeWidget>

using namespace lamina;

namespace {

Annotation box(const std::string& id, const std::string& className, double x, double y,
               double side) {
    Annotation a;
    a.id = id;
    a.className = className;
    a.geometry = {ShapeKind::Rectangle, {{x, y}, {x + side, y + side}}, {}};
    return a;
}

} // namespace

class AnnotationPanelsTest : public QObject {
    Q_OBJECT

private:
    test::ViewerHarness harness_;
    SlideView* view_ = nullptr;
    AnnotationSession* session_ = nullptr;

private slots:
    void init() {
        QVERIFY(harness_.start());
        view_ = harness_.openWithoutAnnotations();
        QVERIFY(view_ && view_->annotationSession());
        session_ = view_->annotationSession();
    }
    void cleanup() { harness_.stop(); }

    void layersPanelShowsHidesLocksRenamesAndOrdersUndoably() {
        LayersPanel* panel = harness_.window().layersPanel();
        QTreeWidget* tree = panel->tree();
        QCOMPARE(tree->topLevelItemCount(), 1);
        panel->addLayer();
        QCOMPARE(session_->document().layers.size(), size_t(2));
        // the new layer is where drawing goes
        QCOMPARE(session_->activeLayer(), size_t(1));
        // topmost first
        QCOMPARE(tree->indexOfTopLevelItem(tree->currentItem()), 0);
        session_->addDrawn({ShapeKind::Point, {{10, 10}}, {}});
        QCOMPARE(session_->document().layers[1].annotations.size(), size_t(1));
        QCOMPARE(tree->topLevelItem(0)->text(LayersPanel::Count), QStringLiteral("1"));

        tree->topLevelItem(0)->setCheckState(LayersPanel::Visible, Qt::Unchecked);
        QVERIFY(!session_->document().layers[1].visible);
        session_->undoStack().undo();
        QVERIFY(session_->document().layers[1].visible);
        QCOMPARE(tree->topLevelItem(0)->checkState(LayersPanel::Visible), Qt::Checked);

        tree->topLevelItem(0)->setCheckState(LayersPanel::Locked, Qt::Checked);
        const std::string point = session_->document().layers[1].annotations[0].id;
        QVERIFY(!session_->isEditable(point));
        // a locked layer keeps all
        QCOMPARE(session_->removeAnnotations({point}), size_t(0));

        tree->topLevelItem(0)->setText(LayersPanel::Name, QStringLiteral("Teaching"));
        QCOMPARE(session_->document().layers[1].name, std::string("Teaching"));
        tree->topLevelItem(0)->setText(LayersPanel::Name, QStringLiteral("  "));
        QCOMPARE(session_->document().layers[1].name, std::string("Teaching"));
        QCOMPARE(tree->topLevelItem(0)->text(LayersPanel::Name), QStringLiteral("Teaching"));

        const int steps = session_->undoStack().index();
        for (int value : {80, 60, 40})
            panel->opacity()->setValue(value);
        QCOMPARE(session_->document().layers[1].opacity, 0.4);
        // one slider drag, one undo step
        QCOMPARE(session_->undoStack().index(), steps + 1);

        panel->moveCurrentLayer(-1);
        QCOMPARE(session_->document().layers[0].name, std::string("Teaching"));
        // the moved layer stays current
        QCOMPARE(session_->activeLayer(), size_t(0));
        QCOMPARE(tree->topLevelItem(1)->text(LayersPanel::Name), QStringLiteral("Teaching"));
        panel->removeCurrentLayer();
        QCOMPARE(session_->document().layers.size(), size_t(1));
        session_->undoStack().undo();
        QCOMPARE(session_->document().layers.size(), size_t(2));
        QCOMPARE(session_->document().layers[0].annotations.size(), size_t(1));
    }

    void annotationListFiltersSelectsZoomsAndRenames() {
        session_->addAnnotation(box("t1", "Tumour", 1000, 1000, 400));
        session_->addAnnotation(box("t2", "Tumour", 9000, 7000, 200));
        Annotation named = box("s1", "Stroma", 5000, 5000, 100);
        named.name = "Margin";
        session_->addAnnotation(named);
        AnnotationListPanel* panel = harness_.window().annotationListPanel();
        QTableView* table = panel->table();
        QCOMPARE(table->model()->rowCount(), 3);
        panel->setFilterText(QStringLiteral("marg"));
        QCOMPARE(table->model()->rowCount(), 1);
        panel->setFilterText(QStringLiteral("tumour")); // matches the class too
        QCOMPARE(table->model()->rowCount(), 2);
        panel->setFilterText({});

        // Table selection -> view selection, and back.
        table->selectRow(1);
        QCOMPARE(session_->selection(), std::vector<std::string>{"t2"});
        session_->setSelection({"s1", "t1"});
        QCOMPARE(table->selectionModel()->selectedRows().size(), 2);

        // Double-click zooms the view to the annotation.
        QSignalSpy zoomed(panel, &AnnotationListPanel::zoomToRequested);
        const QModelIndex second = table->model()->index(1, AnnotationTableModel::Shape);
        emit table->doubleClicked(second);
        QCOMPARE(zoomed.count(), 1);
        QVERIFY(std::abs(view_->camera().center.x - 9100) < 1);
        QVERIFY(std::abs(view_->camera().center.y - 7100) < 1);

        // Renaming a row is an undoable edit.
        QVERIFY(table->model()->setData(table->model()->index(0, AnnotationTableModel::Name),
                                        QStringLiteral("Focus A")));
        QCOMPARE(session_->document().layers[0].annotations[0].name, std::string("Focus A"));
        session_->undoStack().undo();
        QVERIFY(session_->document().layers[0].annotations[0].name.empty());

        // Area column in µm² (the synthetic slide has MPP 0.25): 400 px side = 100 µm.
        const QString header =
            table->model()->headerData(AnnotationTableModel::Area, Qt::Horizontal).toString();
        QVERIFY(header.contains(QStringLiteral("µm²")));
        QCOMPARE(table->model()->index(0, AnnotationTableModel::Area).data().toString(),
                 QStringLiteral("10000.0"));
    }

    void measurementsPanelTotalsPerClassAndExportsCsv() {
        session_->addAnnotation(box("t1", "Tumour", 0, 0, 4000)); // 1 mm side at 0.25 µm/px
        session_->addAnnotation(box("t2", "Tumour", 5000, 0, 4000));
        session_->addAnnotation(box("u", "", 0, 5000, 400));
        MeasurementsPanel* panel = harness_.window().measurementsPanel();
        panel->recompute();
        QTableWidget* table = panel->table();
        QList<QTableWidgetItem*> tumour =
            table->findItems(QStringLiteral("Tumour"), Qt::MatchExactly);
        QCOMPARE(tumour.size(), 1);
        const int row = tumour.front()->row();
        QCOMPARE(table->item(row, 1)->text(), QStringLiteral("2"));
        // mm²
        QCOMPARE(table->item(row, 2)->text(), QStringLiteral("2.0000"));
        QCOMPARE(table->findItems(QStringLiteral("Unclassified"), Qt::MatchExactly).size(), 1);

        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("m.csv"));
        QCOMPARE(panel->exportCsv(csv), QString());
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 4); // header + 3 annotations
        const QString error = panel->exportCsv(QStringLiteral("/nonexistent-dir/m.csv"));
        QVERIFY(error.contains(QStringLiteral("/nonexistent-dir/m.csv")));
    }

    void classEditorRenamesRemovesAndSavesUserDefaults() {
        session_->addAnnotation(box("t", "Tumour", 0, 0, 100));
        session_->addAnnotation(box("s", "Stroma", 200, 0, 100));
        ClassEditorDialog dialog(session_->document().classes);
        QTableWidget* table = dialog.table();
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 1)->text() == QStringLiteral("Tumour"))
                table->item(row, 1)->setText(QStringLiteral("Carcinoma"));
        for (int row = table->rowCount() - 1; row >= 0; --row)
            if (table->item(row, 1)->text() == QStringLiteral("Stroma"))
                table->removeRow(row);
        dialog.addClass(QStringLiteral("Carcinoma"), Qt::red); // a duplicate name is dropped
        const auto classes = dialog.classes();
        QCOMPARE(std::count_if(classes.begin(), classes.end(),
                               [](const AnnotationClass& c) { return c.name == "Carcinoma"; }),
                 1);
        session_->replaceClasses(classes, dialog.renamed());
        QCOMPARE(session_->document().layers[0].annotations[0].className, std::string("Carcinoma"));
        QVERIFY(session_->document().layers[0].annotations[1].className.empty());
        QVERIFY(!session_->document().findClass("Stroma"));
        session_->undoStack().undo();
        QCOMPARE(session_->document().layers[0].annotations[0].className, std::string("Tumour"));
        QCOMPARE(session_->document().layers[0].annotations[1].className, std::string("Stroma"));

        // Saved as the user's defaults, they are what a slide with nothing saved starts with.
        AppSettings::setAnnotationClasses(classes);
        QTemporaryDir dir;
        AnnotationSession fresh(dir.filePath(QStringLiteral("new.svs")).toStdString(),
                                dir.filePath(QStringLiteral("data")).toStdString(),
                                AppSettings::annotationClasses());
        QCOMPARE(fresh.document().classes, classes);
        AppSettings::setAnnotationClasses({});
        QCOMPARE(AppSettings::annotationClasses(), AnnotationClass::defaults());
    }

    void imageScopeLayersImportAsLayersInOneUndoStep() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("case.xml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"(<Annotations><Annotation Id="1" Name="Tumor" LineColor="255"><Regions>
            <Region Type="1"><Vertices><Vertex X="0" Y="0"/><Vertex X="9" Y="0"/>
            <Vertex X="9" Y="9"/><Vertex X="0" Y="9"/></Vertices></Region></Regions></Annotation>
            <Annotation Id="2" Name="Normal" LineColor="65280"><Regions>
            <Region Type="2"><Vertices><Vertex X="20" Y="20"/><Vertex X="30" Y="40"/></Vertices>
            </Region></Regions></Annotation></Annotations>)");
        file.close();
        QVERIFY(harness_.window().annotationActions().importAnnotations(path));
        const auto& layers = session_->document().layers;
        QCOMPARE(layers.size(), size_t(3));
        QCOMPARE(layers[1].name, std::string("case.xml — Tumor"));
        QCOMPARE(layers[2].annotations.at(0).geometry.kind, ShapeKind::Ellipse);
        QCOMPARE(harness_.window().layersPanel()->tree()->topLevelItemCount(), 3);
        session_->undoStack().undo();
        QCOMPARE(session_->document().layers.size(), size_t(1));
    }

    void copySnapshotPutsTheViewOnTheClipboardWithItsAnnotations() {
        view_->setMagnification(5);
        const QRectF visible = view_->camera().visibleSlideRect(view_->viewportDevicePixels());
        session_->addAnnotation(
            box("b", "Tumour", visible.center().x() - 400, visible.center().y() - 400, 800));
        QVERIFY(harness_.window().annotationActions().copySnapshot());
        const QImage image = QGuiApplication::clipboard()->image();
        // The view's size in device pixels (the visible area at the view's scale).
        QVERIFY(std::abs(image.width() - view_->viewportDevicePixels().width()) <= 1);
        QVERIFY(std::abs(image.height() - view_->viewportDevicePixels().height()) <= 1);
        // The box (800 level-0 px = 100 device px at 5x) has its left edge 50 px left of
        // the centre: red there.
        const int y = image.height() / 2;
        bool red = false;
        for (int x = image.width() / 2 - 60; x < image.width() / 2 - 40 && !red; ++x) {
            const QColor c = image.pixelColor(x, y);
            red = c.red() > c.green() + 80 && c.red() > c.blue() + 80;
        }
        QVERIFY2(red, "the annotation is burned in");
    }

    void currentClassIsGivenToNewAnnotations() {
        QComboBox* classes = harness_.window().annotationActions().currentClassBox();
        const int tumour = classes->findText(QStringLiteral("Tumour"));
        QVERIFY(tumour > 0);
        classes->setCurrentIndex(tumour);
        emit classes->activated(tumour);
        QCOMPARE(session_->currentClass(), std::string("Tumour"));
        RectangleTool tool;
        view_->setTool(&tool);
        QTest::mousePress(view_, Qt::LeftButton, {}, QPoint(100, 100));
        QTest::mouseMove(view_, QPoint(200, 180));
        QTest::mouseRelease(view_, Qt::LeftButton, {}, QPoint(200, 180));
        view_->setTool(nullptr);
        QCOMPARE(session_->document().layers[0].annotations.back().className,
                 std::string("Tumour"));
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    test::isolateUserFolders(home);
    QApplication app(argc, argv);
    AnnotationPanelsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "AnnotationPanelsTest.moc"
