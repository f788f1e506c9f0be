// Widgets and tools driven as a user drives them (QTest mouse and key events), on the
// offscreen platform. Settings and data folders point into a temporary folder.

#include "TestSupport.h"

#include <lamina/annotation/AnnotationStore.h>
#include <lamina/app/AppSettings.h>
#include <lamina/app/DemoSlide.h>
#include <lamina/app/MainWindow.h>
#include <lamina/app/SlideView.h>
#include <lamina/app/Workspace.h>
#include <lamina/app/annotation/AnnotationSession.h>
#include <lamina/app/panels/OverviewPanel.h>
#include <lamina/app/panels/SlideInfoPanel.h>
#include <lamina/app/tools/BoxTool.h>
#include <lamina/app/tools/PolygonTool.h>
#include <lamina/app/tools/SelectTool.h>

#include <QApplication>
#include <QFile>
#include <QGestureEvent>
#include <QLabel>
#include <QPinchGesture>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <cstdio>

using namespace lamina;

class ViewerWidgetsTest : public QObject {
    Q_OBJECT

private:
    QString slidePath() {
        SyntheticSlideOptions o;
        o.width = 16000;
        o.height = 12000;
        o.seed = 5;
        return QString::fromStdString(test::synthesizedSlide(o).string());
    }
    std::unique_ptr<Workspace> workspace_;
    std::unique_ptr<MainWindow> window_;

    SlideView* openShown() {
        SlideView* view = window_->openSlide(slidePath(), true);
        if (view)
            QTest::qWait(1); // let the tab lay out
        return view;
    }

private slots:
    void init() {
        workspace_ = std::make_unique<Workspace>(256ull << 20, 2);
        window_ = std::make_unique<MainWindow>(*workspace_);
        window_->resize(1200, 800);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }
    void cleanup() {
        window_.reset();
        workspace_.reset();
    }

    void numberKeysSelectMagnificationPresets() {
        SlideView* view = openShown();
        QVERIFY(view);
        const double presets[] = {1.25, 2.5, 5, 10, 20, 40};
        for (int i = 0; i < 6; ++i) {
            QTest::keyClick(window_.get(), Qt::Key(Qt::Key_1 + i));
            QVERIFY(view->magnification());
            QCOMPARE(std::round(*view->magnification() * 100) / 100, presets[i]);
        }
        QTest::keyClick(window_.get(), Qt::Key_0); // fit: the whole slide is visible
        const QRectF visible = view->camera().visibleSlideRect(view->viewportDevicePixels());
        QVERIFY(visible.width() >= 16000 - 1 && visible.height() >= 12000 - 1);
        QTest::keyClick(window_.get(), Qt::Key_R);
        QCOMPARE(view->camera().rotation, 90.0);
        QTest::keyClick(window_.get(), Qt::Key_R, Qt::ShiftModifier);
        QCOMPARE(view->camera().rotation, 0.0);
        const double before = view->camera().downsample;
        QTest::keyClick(window_.get(), Qt::Key_Plus);
        QVERIFY(view->camera().downsample < before);
    }

    void wheelZoomKeepsThePointUnderTheCursor() {
        SlideView* view = openShown();
        QVERIFY(view);
        view->setMagnification(5);
        const QPointF cursor(view->width() * 0.3, view->height() * 0.7);
        const QSizeF vp = view->viewportDevicePixels();
        const QPointF before = view->camera().toSlide(cursor * view->devicePixelRatioF(), vp);
        QWheelEvent wheel(cursor, view->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view, &wheel);
        const QPointF after = view->camera().toSlide(cursor * view->devicePixelRatioF(), vp);
        QVERIFY(std::abs(after.x() - before.x()) < 0.5 && std::abs(after.y() - before.y()) < 0.5);
        QVERIFY(*view->magnification() > 5.5);
    }

    void pinchZoomsAroundThePointBetweenTheFingers() {
        SlideView* view = openShown();
        QVERIFY(view);
        view->setMagnification(5);
        const QPointF fingers(view->width() * 0.6, view->height() * 0.4);
        const QSizeF vp = view->viewportDevicePixels();
        const QPointF before = view->camera().toSlide(fingers * view->devicePixelRatioF(), vp);
        QPinchGesture pinch;
        pinch.setCenterPoint(view->mapToGlobal(fingers));
        pinch.setScaleFactor(2.0);
        pinch.setChangeFlags(QPinchGesture::ScaleFactorChanged);
        QGestureEvent event({&pinch});
        QApplication::sendEvent(view, &event);
        const QPointF after = view->camera().toSlide(fingers * view->devicePixelRatioF(), vp);
        QVERIFY(std::abs(after.x() - before.x()) < 0.5 && std::abs(after.y() - before.y()) < 0.5);
        QVERIFY(std::abs(*view->magnification() - 10) < 0.01);
    }

    void rectangleToolDrawsUndoesRedoesAndAutosaves() {
        SlideView* view = openShown();
        QVERIFY(view && view->annotationSession());
        AnnotationSession* session = view->annotationSession();
        const size_t before = session->document().annotationCount();
        view->setMagnification(5);
        RectangleTool tool;
        view->setTool(&tool);
        const QPoint a(100, 120), b(300, 220);
        const QSizeF vp = view->viewportDevicePixels();
        const QPointF slideA = view->camera().toSlide(QPointF(a) * view->devicePixelRatioF(), vp);
        const QPointF slideB = view->camera().toSlide(QPointF(b) * view->devicePixelRatioF(), vp);
        QTest::mousePress(view, Qt::LeftButton, {}, a);
        QTest::mouseMove(view, b);
        QTest::mouseRelease(view, Qt::LeftButton, {}, b);
        QCOMPARE(session->document().annotationCount(), before + 1);
        const Annotation& drawn = session->document().layers[0].annotations.back();
        QCOMPARE(drawn.geometry.kind, ShapeKind::Rectangle);
        QVERIFY(std::abs(drawn.geometry.points[0].x - slideA.x()) < 1e-6);
        QVERIFY(std::abs(drawn.geometry.points[1].y - slideB.y()) < 1e-6);
        // The view did not pan while drawing.
        QCOMPARE(view->camera().toSlide(QPointF(a) * view->devicePixelRatioF(), vp), slideA);
        session->undoStack().undo();
        QCOMPARE(session->document().annotationCount(), before);
        session->undoStack().redo();
        QCOMPARE(session->document().annotationCount(), before + 1);
        // Autosaved within two seconds, without asking.
        QTRY_VERIFY_WITH_TIMEOUT(std::filesystem::exists(session->storePath()), 2000);
        AnnotationStore reread(slidePath().toStdString(), "/nonexistent");
        QCOMPARE(reread.load().annotationCount(), before + 1);
        view->setTool(nullptr);
    }

    void selectToolPicksAnAnnotationAndDeleteRemovesItUndoably() {
        SlideView* view = openShown();
        QVERIFY(view && view->annotationSession());
        AnnotationSession* session = view->annotationSession();
        view->setMagnification(5);
        RectangleTool rectangle;
        view->setTool(&rectangle);
        QTest::mousePress(view, Qt::LeftButton, {}, QPoint(100, 100));
        QTest::mouseMove(view, QPoint(200, 180));
        QTest::mouseRelease(view, Qt::LeftButton, {}, QPoint(200, 180));
        const size_t count = session->document().annotationCount();
        const std::string drawn = session->document().layers[0].annotations.back().id;
        SelectTool select;
        view->setTool(&select);
        QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(150, 140));
        QCOMPARE(session->selectedId(), drawn);
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(session->document().annotationCount(), count - 1);
        QVERIFY(session->selectedId().empty());
        session->undoStack().undo();
        QCOMPARE(session->document().annotationCount(), count);
        view->setTool(nullptr);
    }

    // kill -9 in the middle of editing: on restart, every edit older than 2 s is there.
    void killedMidEditLosesNothingOlderThanTwoSeconds() {
        QTemporaryDir dir;
        const QString slide = dir.filePath(QStringLiteral("killed.svs"));
        QFile(slide).open(QIODevice::WriteOnly); // the store only needs the path
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--annotate-until-killed"), slide, dir.filePath("data")});
        QVERIFY(child.waitForStarted());
        int made = 0;
        while (made < 35 && child.waitForReadyRead(5000))
            while (child.canReadLine())
                made = child.readLine().trimmed().toInt();
        QVERIFY2(made >= 35, "the child stopped editing");
        child.kill(); // SIGKILL: no destructor, no final save
        QVERIFY(child.waitForFinished());
        AnnotationStore store(slide.toStdString(), dir.filePath("data").toStdString());
        const AnnotationDocument saved = store.load();
        // Edits are 100 ms apart: those made more than 2 s before the kill are the first
        // made - 20. All of them must be on disk, in order.
        const auto& list = saved.layers.at(0).annotations;
        QVERIFY2(list.size() >= size_t(made - 20),
                 qPrintable(QStringLiteral("%1 saved of %2 made").arg(list.size()).arg(made)));
        for (size_t i = 0; i < list.size(); ++i)
            QCOMPARE(list[i].name, std::to_string(i));
    }

    void annotationsExportAndImportThroughTheFileMenu() {
        SlideView* view = openShown();
        QVERIFY(view && view->annotationSession());
        AnnotationSession* session = view->annotationSession();
        Annotation a;
        a.id = Annotation::newId();
        a.className = "Tumour";
        a.geometry = {ShapeKind::Polygon, {{10, 10}, {400, 10}, {200, 300}}, {}};
        session->addAnnotation(a);
        const size_t count = session->document().annotationCount();
        QTemporaryDir dir;
        const QString xml = dir.filePath(QStringLiteral("export.xml"));
        QVERIFY(window_->exportAnnotations(xml));
        QVERIFY(window_->importAnnotations(xml));
        QCOMPARE(session->document().annotationCount(), 2 * count);
        QCOMPARE(session->document().layers.back().name, std::string("export.xml"));
        session->undoStack().undo(); // the import is one step
        QCOMPARE(session->document().annotationCount(), count);
        QFile bad(dir.filePath(QStringLiteral("bad.geojson")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"type\": \"FeatureCollection\", \"features\": [");
        bad.close();
        QVERIFY(!window_->importAnnotations(bad.fileName()));
        QVERIFY(window_->lastError().contains(QStringLiteral("bad.geojson")));
        QCOMPARE(session->document().annotationCount(), count);
    }

    void polygonToolClosesWithEnterAndEscapeAbandons() {
        SlideView* view = openShown();
        QVERIFY(view && view->annotationSession());
        AnnotationSession* session = view->annotationSession();
        const size_t before = session->document().annotationCount();
        PolygonTool tool;
        view->setTool(&tool);
        for (const QPoint p : {QPoint(100, 100), QPoint(200, 110), QPoint(160, 200)})
            QTest::mouseClick(view, Qt::LeftButton, {}, p);
        QVERIFY(tool.busy());
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(session->document().annotationCount(), before + 1);
        QCOMPARE(session->document().layers[0].annotations.back().geometry.points.size(),
                 size_t(3));
        QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(300, 300));
        QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(350, 300));
        QTest::keyClick(view, Qt::Key_Escape);
        QVERIFY(!tool.busy());
        QCOMPARE(session->document().annotationCount(), before + 1);
        view->setTool(nullptr);
    }

    void draggingMovesTheSlideWithTheMouse() {
        SlideView* view = openShown();
        QVERIFY(view);
        view->setMagnification(10);
        const QPoint start(400, 300), end(250, 380);
        const QPointF grabbed = view->camera().toSlide(QPointF(start) * view->devicePixelRatioF(),
                                                       view->viewportDevicePixels());
        QTest::mousePress(view, Qt::LeftButton, {}, start);
        QTest::mouseMove(view, QPoint(330, 340));
        QTest::mouseMove(view, end);
        QTest::mouseRelease(view, Qt::LeftButton, {}, end, 500); // slow release: no glide
        const QPointF now = view->camera().toScreen(grabbed, view->viewportDevicePixels()) /
                            view->devicePixelRatioF();
        QVERIFY2(std::abs(now.x() - end.x()) < 1 && std::abs(now.y() - end.y()) < 1,
                 qPrintable(QStringLiteral("grabbed point is at %1,%2").arg(now.x()).arg(now.y())));
    }

    void arrowKeysPan() {
        SlideView* view = openShown();
        QVERIFY(view);
        view->setMagnification(10);
        const double x = view->camera().center.x;
        QTest::keyClick(view, Qt::Key_Right);
        QVERIFY(view->camera().center.x > x);
    }

    void viewBecomesSharpAndNeverBlankAfterTheFirstFrame() {
        SlideView* view = openShown();
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->isSharp(), 20000);
        view->setMagnification(40); // jump deep: fine tiles are not there yet
        view->repaint();
        QVERIFY(view->lastFrameStats().tilesMissing == 0 ||
                view->lastFrameStats().fallbackDrawn > 0);
        QTRY_VERIFY_WITH_TIMEOUT(view->isSharp(), 20000);
        view->repaint();
        QVERIFY(view->lastFrameStats().sharp());
    }

    void slideThatCannotBeOpenedLeavesTheAppUsable() {
        QTemporaryDir dir;
        const QString bogus = dir.filePath(QStringLiteral("broken.svs"));
        QFile file(bogus);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("II*\0 this is not a slide");
        file.close();
        QVERIFY(!window_->openSlide(bogus, /*quietErrors=*/true));
        QVERIFY(window_->lastError().contains(QStringLiteral("broken.svs")));
        QCOMPARE(window_->slideCount(), 0);
        QVERIFY(openShown()); // still works
        QCOMPARE(window_->slideCount(), 1);
    }

    void labelAndMacroStayHiddenUntilAsked() {
        QVERIFY(openShown());
        SlideInfoPanel* info = window_->infoPanel();
        QVERIFY(!info->identifyingImagesShown());
        auto* button = info->findChild<QPushButton*>();
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(info->identifyingImagesShown());
    }

    void overviewClickMovesTheView() {
        SlideView* view = openShown();
        QVERIFY(view);
        view->setMagnification(20);
        OverviewPanel* overview = window_->overviewPanel();
        const QPointF before(view->camera().center.x, view->camera().center.y);
        QTest::mouseClick(overview, Qt::LeftButton, {},
                          QPoint(overview->width() / 4, overview->height() / 2));
        const QPointF after(view->camera().center.x, view->camera().center.y);
        QVERIFY(after.x() < before.x() - 1000); // a quarter across: the left part of the slide
    }

    // The welcome page's "Open demo slide": written once on a worker thread (with a progress
    // dialog), then opened; the second time it is opened at once.
    void demoSlideIsWrittenOnceThenOpened() {
        QVERIFY(!DemoSlide::exists());
        window_->openDemoSlide();
        QTRY_VERIFY_WITH_TIMEOUT(window_->slideCount() == 1, 300000);
        QVERIFY(DemoSlide::exists());
        QCOMPARE(window_->currentView()->slide().dimensions(), (Size{40000, 32000}));
        window_->openDemoSlide();
        QCOMPARE(window_->slideCount(), 2);
    }

    void severalSlidesOpenInTabsAndRecentIsRemembered() {
        SlideView* first = openShown();
        SlideView* second = openShown();
        QVERIFY(first && second);
        QCOMPARE(window_->slideCount(), 2);
        // Two tabs of one slide edit the same annotations (no conflicting saves).
        QVERIFY(first->annotationSession() != nullptr);
        QCOMPARE(first->annotationSession(), second->annotationSession());
        QCOMPARE(AppSettings::recentSlides().value(0), QFileInfo(slidePath()).absoluteFilePath());
        window_->closeTab(0);
        QVERIFY(workspace_->cache().stats().bytes > 0); // the other tab still shows the slide
        window_->closeTab(0);
        QCOMPARE(window_->slideCount(), 0);
        QTest::qWait(1); // closed views are deleted later
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        workspace_->loader().waitIdle();
        // Wait for in-flight reads to land, then the last release drops them too.
        QTRY_COMPARE(workspace_->cache().stats().pinnedBytes, uint64_t(0));
    }
};

// Child mode for the kill test: edits annotations of SLIDE every 100 ms through a real
// AnnotationSession (autosave included) and prints how many it has made, until killed.
int annotateUntilKilled(const std::string& slide, const std::string& dataFolder) {
    AnnotationSession session(slide, dataFolder);
    int made = 0;
    QTimer edit;
    QObject::connect(&edit, &QTimer::timeout, [&] {
        Annotation a;
        a.id = Annotation::newId();
        a.name = std::to_string(made);
        a.geometry = {ShapeKind::Point, {{double(made), 1.0}}, {}};
        session.addAnnotation(a);
        std::printf("%d\n", ++made);
        std::fflush(stdout);
    });
    edit.start(100);
    return QCoreApplication::exec();
}

int main(int argc, char** argv) {
    if (argc == 4 && std::string(argv[1]) == "--annotate-until-killed") {
        QCoreApplication app(argc, argv);
        return annotateUntilKilled(argv[2], argv[3]);
    }
    // Keep the user's real settings and data untouched.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    ViewerWidgetsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "ViewerWidgetsTest.moc"
