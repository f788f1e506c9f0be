// Widgets and tools driven as a user drives them (QTest mouse and key events), on the
// offscreen platform. Settings and data folders point into a temporary folder.

#include "AnnotationActions.h"
#include "AppSettings.h"
#include "DemoSlide.h"
#include "MainWindow.h"
#include "PyramidMenus.h"
#include "SlideDocuments.h"
#include "SlideView.h"
#include "ViewerHarness.h"
#include "Workspace.h"
#include "annotation/AnnotationSession.h"
#include "panels/OverviewPanel.h"
#include "panels/SlideInfoPanel.h"

#include <lamina/annotation/AnnotationStore.h>

#include <QApplication>
#include <QFile>
#include <QGestureEvent>
#include <QLabel>
#include <QMenu>
#include <QPinchGesture>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <cstdio>

using namespace lamina;

class ViewerWidgetsTest : public QObject {
    Q_OBJECT

private:
    test::ViewerHarness harness_;
    static QString slidePath() { return test::ViewerHarness::slidePath(); }
    SlideView* openShown() { return harness_.openShown(); }
    MainWindow* window() { return &harness_.window(); }

private slots:
    void init() { QVERIFY(harness_.start()); }
    void cleanup() { harness_.stop(); }

    void numberKeysSelectMagnificationPresets() {
        SlideView* view = openShown();
        QVERIFY(view);
        const double presets[] = {1.25, 2.5, 5, 10, 20, 40};
        for (int i = 0; i < 6; ++i) {
            QTest::keyClick(window(), Qt::Key(Qt::Key_1 + i));
            QVERIFY(view->magnification());
            QCOMPARE(std::round(*view->magnification() * 100) / 100, presets[i]);
        }
        QTest::keyClick(window(), Qt::Key_0); // fit: the whole slide is visible
        const QRectF visible = view->camera().visibleSlideRect(view->viewportDevicePixels());
        QVERIFY(visible.width() >= 16000 - 1 && visible.height() >= 12000 - 1);
        QTest::keyClick(window(), Qt::Key_R);
        QCOMPARE(view->camera().rotation, 90.0);
        QTest::keyClick(window(), Qt::Key_R, Qt::ShiftModifier);
        QCOMPARE(view->camera().rotation, 0.0);
        const double before = view->camera().downsample;
        QTest::keyClick(window(), Qt::Key_Plus);
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

    // Autosave writes a snapshot on a worker thread; edits made while it writes are saved by
    // the save that follows, and closing waits for both.
    void backgroundSaveCatchesUpWithEditsMadeWhileItRuns() {
        QTemporaryDir dir;
        const std::string slide = dir.filePath(QStringLiteral("busy.svs")).toStdString();
        const std::string data = dir.filePath(QStringLiteral("data")).toStdString();
        {
            AnnotationSession session(slide, data);
            for (int i = 0; i < 5000; ++i) {
                Annotation a;
                a.id = Annotation::newId();
                a.geometry = {ShapeKind::Polygon, {{0, 0}, {double(i), 1}, {1, double(i + 2)}}, {}};
                session.mutableDocument().layers[0].annotations.push_back(std::move(a));
            }
            session.documentChanged();
            session.saveNow(); // returns at once; the worker writes 5000 shapes
            Annotation late;
            late.id = "late";
            late.geometry = {ShapeKind::Point, {{1, 2}}, {}};
            session.addAnnotation(late); // made while the first save may still run
            session.saveNow();
            QTRY_VERIFY_WITH_TIMEOUT(AnnotationStore(slide, data).load().find("late").has_value(),
                                     10000);
            QCOMPARE(AnnotationStore(slide, data).load().annotationCount(), size_t(5001));
            Annotation last;
            last.id = "last";
            last.geometry = {ShapeKind::Point, {{3, 4}}, {}};
            session.addAnnotation(last);
        } // closing saves what the timer has not yet
        QVERIFY(AnnotationStore(slide, data).load().find("last").has_value());
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
        QVERIFY(window()->annotationActions().exportAnnotations(xml));
        QVERIFY(window()->annotationActions().importAnnotations(xml));
        QCOMPARE(session->document().annotationCount(), 2 * count);
        QCOMPARE(session->document().layers.back().name, std::string("export.xml"));
        session->undoStack().undo(); // the import is one step
        QCOMPARE(session->document().annotationCount(), count);
        QFile bad(dir.filePath(QStringLiteral("bad.geojson")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"type\": \"FeatureCollection\", \"features\": [");
        bad.close();
        QVERIFY(!window()->annotationActions().importAnnotations(bad.fileName()));
        QVERIFY(window()->documents().lastError().contains(QStringLiteral("bad.geojson")));
        QCOMPARE(session->document().annotationCount(), count);
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

    // What the documents report (an autosave that failed, a keychain that cannot be read)
    // must reach the window's status bar, which replaced Qt's default one.
    void documentMessagesAppearInTheStatusBar() {
        emit window()->documents().statusMessage(QStringLiteral("Annotations NOT saved: test"), 0);
        QCOMPARE(window()->statusBar()->currentMessage(),
                 QStringLiteral("Annotations NOT saved: test"));
    }

    void slideThatCannotBeOpenedLeavesTheAppUsable() {
        QTemporaryDir dir;
        const QString bogus = dir.filePath(QStringLiteral("broken.svs"));
        QFile file(bogus);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("II*\0 this is not a slide");
        file.close();
        QVERIFY(!window()->documents().open(bogus, /*quietErrors=*/true));
        QVERIFY(window()->documents().lastError().contains(QStringLiteral("broken.svs")));
        QCOMPARE(window()->slideCount(), 0);
        QVERIFY(openShown()); // still works
        QCOMPARE(window()->slideCount(), 1);
    }

    void focalPlanesAndOpticalPathsSwitchInPlaceKeepingTheViewAndAnnotations() {
        // A DICOM z-stack with two optical paths (pydicom): View › Focal Plane / Optical Path
        // and Page Up / Page Down show another pyramid in the same tab.
        QTemporaryDir dir;
        const std::string why = test::writeMultiPyramidDicom(dir.path().toStdString());
        if (!why.empty()) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL(why.c_str());
            QSKIP(why.c_str());
        }
        SlideView* view = window()->documents().open(dir.path(), true);
        QVERIFY(view);
        QTest::qWait(1);
        const auto menuTitled = [this](const QString& title) -> QMenu* {
            for (QMenu* m : window()->findChildren<QMenu*>())
                if (m->title() == title)
                    return m;
            return nullptr;
        };
        QMenu* planes = menuTitled(QStringLiteral("Focal &Plane"));
        QMenu* paths = menuTitled(QStringLiteral("&Optical Path"));
        QVERIFY(planes && paths);
        QVERIFY(planes->isEnabled() && paths->isEnabled());
        QCOMPARE(planes->actions().size(), 3);
        QCOMPARE(paths->actions().size(), 2);
        QVERIFY(planes->actions()[1]->isChecked()); // the middle plane first
        QCOMPARE(planes->actions()[2]->text(), QStringLiteral("focal plane +2 µm"));

        view->setMagnification(40);
        view->centerOn(QPointF(40, 20));
        const Camera before = view->camera();
        AnnotationSession* session = view->annotationSession();
        const SlideId firstId = view->slide().id();
        QTest::keyClick(window(), Qt::Key_PageUp);
        QCOMPARE(view->slide().shownPyramid(), size_t(2));
        QVERIFY(view->slide().id() != firstId); // cached apart
        QCOMPARE(view->camera().center.x, before.center.x);
        QCOMPARE(view->camera().downsample, before.downsample);
        QCOMPARE(view->annotationSession(), session);
        QVERIFY(planes->actions()[2]->isChecked());
        QVERIFY(!window()->pyramidMenus().stepFocalPlane(+1)); // the top of the stack
        // The other optical path at the same plane; its pixels are on screen.
        paths->actions()[1]->trigger();
        QCOMPARE(view->slide().shownPyramid(), size_t(5));
        QTRY_VERIFY_WITH_TIMEOUT(view->isSharp(), 20000);
        const QImage shot = view->grab().toImage();
        QCOMPARE(shot.pixelColor(shot.width() / 2, shot.height() / 2), QColor(140, 180, 10));
        QTest::keyClick(window(), Qt::Key_PageDown);
        QTest::keyClick(window(), Qt::Key_PageDown);
        QCOMPARE(view->slide().shownPyramid(), size_t(3));
        QVERIFY(!window()->pyramidMenus().stepFocalPlane(-1));
        // A slide with one pyramid: both menus disabled.
        QVERIFY(openShown());
        QVERIFY(!planes->isEnabled() && !paths->isEnabled());
    }

    void labelAndMacroStayHiddenUntilAsked() {
        QVERIFY(openShown());
        SlideInfoPanel* info = window()->infoPanel();
        QVERIFY(!info->identifyingImagesShown());
        auto* button = info->findChild<QPushButton*>();
        QVERIFY(button && button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(info->identifyingImagesShown());
        // A tall macro image used to squeeze the property table to two rows: images are capped.
        for (const QLabel* image : info->findChildren<QLabel*>())
            if (!image->pixmap().isNull())
                QVERIFY2(image->pixmap().height() <= 160,
                         qPrintable(QString::number(image->pixmap().height())));
        // The same button hides them again (it used to stay disabled once clicked).
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!info->identifyingImagesShown());
        QVERIFY(button->text().startsWith(QStringLiteral("Show")));
    }

    void overviewClickMovesTheView() {
        SlideView* view = openShown();
        QVERIFY(view);
        view->setMagnification(20);
        OverviewPanel* overview = window()->overviewPanel();
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
        window()->documents().openDemoSlide();
        QTRY_VERIFY_WITH_TIMEOUT(window()->slideCount() == 1, 300000);
        QVERIFY(DemoSlide::exists());
        QCOMPARE(window()->currentView()->slide().dimensions(), (Size{40000, 32000}));
        window()->documents().openDemoSlide();
        QCOMPARE(window()->slideCount(), 2);
    }

    void severalSlidesOpenInTabsAndRecentIsRemembered() {
        SlideView* first = openShown();
        SlideView* second = openShown();
        QVERIFY(first && second);
        QCOMPARE(window()->slideCount(), 2);
        // Two tabs of one slide edit the same annotations (no conflicting saves).
        QVERIFY(first->annotationSession() != nullptr);
        QCOMPARE(first->annotationSession(), second->annotationSession());
        QCOMPARE(AppSettings::recentSlides().value(0), QFileInfo(slidePath()).absoluteFilePath());
        window()->closeTab(0);
        QVERIFY(harness_.workspace().cache().stats().bytes >
                0); // the other tab still shows the slide
        window()->closeTab(0);
        QCOMPARE(window()->slideCount(), 0);
        QTest::qWait(1); // closed views are deleted later
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        harness_.workspace().loader().waitIdle();
        // Wait for in-flight reads to land, then the last release drops them too.
        QTRY_COMPARE(harness_.workspace().cache().stats().pinnedBytes, uint64_t(0));
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
    test::isolateUserFolders(home);
    QApplication app(argc, argv);
    ViewerWidgetsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "ViewerWidgetsTest.moc"
