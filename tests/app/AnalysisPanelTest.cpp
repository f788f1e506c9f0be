// Analysis plugins driven from the viewer as a pathologist drives them: the Analysis dock
// lists the plugins (broken ones with the reason) and builds each one's form from its
// metadata; a run on the view, a selected annotation or the whole tissue fills an overlay in
// the Layers panel tile by tile, without blocking the window; failures and hung plugins end
// the run with the reason shown and the app going on; detections become an editable
// annotation layer in one undo step; results are saved beside the annotations and come back
// when the slide is opened again.

#include "AnnotationActions.h"
#include "ViewerHarness.h"
#include "annotation/AnnotationSession.h"
#include "dialogs/ExportContext.h"
#include "overlay/OverlayStack.h"
#include "panels/LayersPanel.h"
#include "panels/OverlayLayersWidget.h"
#include "panels/PluginsPanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeWidget>

#include <fstream>

using namespace lamina;

class AnalysisPanelTest : public QObject {
    Q_OBJECT

private:
    test::ViewerHarness harness_;
    SlideView* view_ = nullptr;
    AnnotationSession* session_ = nullptr;
    PluginsPanel* panel_ = nullptr;

    OverlayStack& overlays() { return session_->overlays(); }

    // Opens the slide with no annotations and no saved overlays.
    void openFresh() {
        const auto store =
            AnnotationStore(test::ViewerHarness::slidePath().toStdString(), "/nonexistent").path();
        std::filesystem::remove_all(std::filesystem::path(store).replace_extension(".overlays"));
        view_ = harness_.openWithoutAnnotations();
        QVERIFY(view_ && view_->annotationSession());
        session_ = view_->annotationSession();
        panel_ = harness_.window().pluginsPanel();
    }

    // Runs the behaviour test plugin from the form; returns the new overlay's index.
    std::optional<size_t>
    runBehaviour(const QString& mode, int tile,
                 PluginsPanel::Target target = PluginsPanel::Target::CurrentView) {
        panel_->selectPlugin(QStringLiteral("test-behaviour"));
        panel_->setParameter(QStringLiteral("mode"), mode);
        panel_->setParameter(QStringLiteral("tile"), QString::number(tile));
        panel_->setTarget(target);
        QSignalSpy ended(&overlays(), &OverlayStack::jobEnded);
        if (!panel_->runPlugin())
            return std::nullopt;
        if (!ended.wait(20000))
            return std::nullopt;
        return ended.first().first().value<size_t>();
    }

    QImage viewImage() { return view_->grab().toImage(); }

private slots:
    void init() {
        QVERIFY(harness_.start());
        openFresh();
    }
    void cleanup() { harness_.stop(); }

    void pluginsAreListedWithFormsFromTheirMetadataAndBrokenOnesWithTheReason() {
        QComboBox* plugins = panel_->pluginBox();
        QVERIFY(plugins->findData(QStringLiteral("stain-separation")) >= 0);
        QVERIFY(plugins->findData(QStringLiteral("tissue-detection")) >= 0);
        QVERIFY(plugins->findData(QStringLiteral("test-behaviour")) >= 0);
        // The test plugin built for another SDK is listed, greyed out, with the reason.
        bool sawOtherSdk = false;
        auto* model = qobject_cast<QStandardItemModel*>(plugins->model());
        for (int i = 0; i < plugins->count(); ++i)
            if (plugins->itemData(i, Qt::ToolTipRole).toString().contains(QStringLiteral("SDK"))) {
                sawOtherSdk = true;
                QVERIFY(!model->item(i)->isEnabled());
                QVERIFY(plugins->itemText(i).contains(QStringLiteral("unavailable")));
            }
        QVERIFY(sawOtherSdk);

        panel_->selectPlugin(QStringLiteral("stain-separation"));
        auto* stains = qobject_cast<QComboBox*>(panel_->editor(QStringLiteral("stains")));
        QVERIFY(stains);
        QCOMPARE(stains->count(), 2);
        QCOMPARE(stains->currentText(), QStringLiteral("H&E"));
        auto* resolution =
            qobject_cast<QDoubleSpinBox*>(panel_->editor(QStringLiteral("resolution")));
        QVERIFY(resolution);
        QCOMPARE(resolution->minimum(), 0.1);
        QCOMPARE(resolution->maximum(), 64.0);
        QCOMPARE(resolution->value(), 2.0);
        QVERIFY(qobject_cast<QLineEdit*>(panel_->editor(QStringLiteral("dab_vector"))));
        panel_->selectPlugin(QStringLiteral("onnx-classifier"));
        QVERIFY(qobject_cast<QLineEdit*>(panel_->editor(QStringLiteral("model")))); // a file
        QVERIFY(!panel_->editor(QStringLiteral("stains")));
        // A required file left empty: the run does not start and the reason names it.
        panel_->setTarget(PluginsPanel::Target::CurrentView);
        QVERIFY(!panel_->runPlugin());
        QVERIFY2(panel_->status()->text().contains(QStringLiteral("model")),
                 qPrintable(panel_->status()->text()));
        QCOMPARE(overlays().size(), size_t(0));
    }

    void aRunOnTheViewFillsAnOverlayShownOverTheSlideAndSavedBesideTheAnnotations() {
        const QImage before = viewImage();
        const auto index = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(index);
        const PluginOverlay& o = overlays().at(*index);
        QCOMPARE(int(o.state), int(PluginOverlay::State::Finished));
        QVERIFY(o.tileCount > 0);
        QCOMPARE(o.tilesDone, o.tileCount);
        QVERIFY(!o.raster.empty());
        QCOMPARE(o.detectionCount(), o.tileCount); // one centre point per tile
        QCOMPARE(o.measurements().at("tiles"), double(o.tileCount));
        QCOMPARE(panel_->progress()->value(), int(o.tileCount));
        QVERIFY(panel_->status()->text().contains(QStringLiteral("done")));

        // In the Layers panel: a row, with its measurements and a legend.
        OverlayLayersWidget* list = harness_.window().layersPanel()->overlays();
        QCOMPARE(list->tree()->topLevelItemCount(), 1);
        QVERIFY(list->tree()
                    ->topLevelItem(0)
                    ->text(OverlayLayersWidget::Name)
                    .contains(QStringLiteral("current view")));
        QCOMPARE(list->tree()->topLevelItem(0)->text(OverlayLayersWidget::State),
                 QStringLiteral("done"));
        QVERIFY(list->measurements()->text().contains(QStringLiteral("tiles")));
        QVERIFY(!list->legend()->pixmap().isNull());

        // The status bar gives the overlay's value under the cursor.
        const QPointF inside = o.raster.bounds().center();
        emit view_->cursorMoved(inside);
        QStringList statusTexts;
        for (const QLabel* label : harness_.window().statusBar()->findChildren<QLabel*>())
            statusTexts << label->text();
        QVERIFY2(statusTexts.join('|').contains(QStringLiteral("Misbehaving test plugin: 0.5")),
                 qPrintable(statusTexts.join('|')));

        // On screen: the view changed where the overlay is, and hiding it restores the slide.
        const QImage shown = viewImage();
        QVERIFY(shown != before);
        list->tree()->topLevelItem(0)->setCheckState(OverlayLayersWidget::Visible, Qt::Unchecked);
        QVERIFY(!overlays().at(0).visible);
        QCOMPARE(viewImage(), before);
        list->tree()->topLevelItem(0)->setCheckState(OverlayLayersWidget::Visible, Qt::Checked);
        list->opacity()->setValue(20);
        QCOMPARE(overlays().at(0).raster.opacity(), 0.2);

        // Saved beside the annotations: raster, detections and settings.
        const auto folder = overlays().folder();
        for (const char* extension : {".json", ".tif", ".geojson"})
            QVERIFY2(std::filesystem::exists(folder / (o.id.toStdString() + extension)), extension);

        // The same run again comes from the result cache.
        const auto again = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(again);
        QCOMPARE(overlays().at(*again).cachedTiles, overlays().at(*again).tileCount);
        QVERIFY(panel_->status()->text().contains(QStringLiteral("from earlier runs")));
        QCOMPARE(list->tree()->topLevelItemCount(), 2);
    }

    void aPluginThatThrowsFailsTheRunWithItsReasonAndTheAppGoesOn() {
        const auto index = runBehaviour(QStringLiteral("throw"), 2000);
        QVERIFY(index);
        const PluginOverlay& o = overlays().at(*index);
        QCOMPARE(int(o.state), int(PluginOverlay::State::Failed));
        QVERIFY(o.error.contains(QStringLiteral("the model file is damaged")));
        QVERIFY(panel_->status()->text().contains(QStringLiteral("the model file is damaged")));
        QVERIFY(panel_->status()->styleSheet().contains(QStringLiteral("c0392b"))); // red
        OverlayLayersWidget* list = harness_.window().layersPanel()->overlays();
        QCOMPARE(list->tree()->topLevelItem(0)->text(OverlayLayersWidget::State),
                 QStringLiteral("failed"));
        // Garbage (NaN) is refused the same way; then a good run works.
        const auto nan = runBehaviour(QStringLiteral("nan"), 2000);
        QVERIFY(nan);
        QVERIFY(overlays().at(*nan).error.contains(QStringLiteral("NaN")));
        const auto ok = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(ok);
        QCOMPARE(int(overlays().at(*ok).state), int(PluginOverlay::State::Finished));
    }

    // A plugin runs in a worker process: its crash fails its run, and the window, the
    // annotations (saved when Run was pressed) and the other overlays are untouched.
    void aPluginThatCrashesFailsItsRunWhileAnnotationsAndOtherOverlaysStay() {
        const auto first = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(first);
        const size_t firstTiles = overlays().at(*first).tileCount;
        Annotation drawn;
        drawn.id = "drawn-before-the-crash";
        drawn.geometry = {ShapeKind::Rectangle, {{100, 100}, {900, 700}}, {}};
        session_->addAnnotation(drawn);
        panel_->selectPlugin(QStringLiteral("test-behaviour"));
        panel_->setParameter(QStringLiteral("mode"), QStringLiteral("segfault"));
        panel_->setParameter(QStringLiteral("tile"), QStringLiteral("2000"));
        panel_->setTarget(PluginsPanel::Target::CurrentView);
        QSignalSpy ended(&overlays(), &OverlayStack::jobEnded);
        QVERIFY(panel_->runPlugin());
        // On disk as soon as Run was pressed, not at the next autosave (1 s later).
        const auto onDisk = [&] {
            std::ifstream in(session_->storePath());
            const std::string text{std::istreambuf_iterator<char>(in), {}};
            return text.find("drawn-before-the-crash") != std::string::npos;
        };
        QTRY_VERIFY_WITH_TIMEOUT(onDisk(), 700);
        // The crash may already have ended the run while the line above spun the event
        // loop: QSignalSpy::wait would then wait for a second end that never comes.
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 20000);
        const PluginOverlay& crashed = overlays().at(ended.first().first().value<size_t>());
        QCOMPARE(int(crashed.state), int(PluginOverlay::State::Failed));
        QVERIFY2(crashed.error.contains(QStringLiteral("the plugin")) &&
                     crashed.error.contains(QStringLiteral("during tile")),
                 qPrintable(crashed.error));
        QVERIFY(panel_->status()->text().contains(QStringLiteral("during tile")));
        // Everything else is as it was, and the next run works.
        const PluginOverlay& kept = overlays().at(*first);
        QCOMPARE(int(kept.state), int(PluginOverlay::State::Finished));
        QCOMPARE(kept.tileCount, firstTiles);
        QVERIFY(!kept.raster.empty());
        QVERIFY(session_->document().find("drawn-before-the-crash"));
        QVERIFY(harness_.window().isVisible());
        const auto again = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(again);
        QCOMPARE(int(overlays().at(*again).state), int(PluginOverlay::State::Finished));
    }

    void cancelEndsAHungPluginWithinTheGracePeriodWhileTheWindowStaysLive() {
        panel_->selectPlugin(QStringLiteral("test-behaviour"));
        panel_->setParameter(QStringLiteral("mode"), QStringLiteral("hang"));
        panel_->setTarget(PluginsPanel::Target::CurrentView);
        QSignalSpy ended(&overlays(), &OverlayStack::jobEnded);
        QVERIFY(panel_->runPlugin());
        QVERIFY(panel_->cancelButton()->isEnabled());
        // The window is not blocked: the view still pans while the plugin hangs.
        const Camera cameraBefore = view_->camera();
        QTest::keyClick(view_, Qt::Key_Right);
        QVERIFY(view_->camera().center.x != cameraBefore.center.x);
        QTest::qWait(100);
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(panel_->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 5000);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        const PluginOverlay& o = overlays().at(0);
        QCOMPARE(int(o.state), int(PluginOverlay::State::Failed));
        QVERIFY2(o.error.contains(QStringLiteral("did not stop")) &&
                     o.error.contains(QStringLiteral("its process was stopped")),
                 qPrintable(o.error));
        QVERIFY(!panel_->cancelButton()->isEnabled());
        QVERIFY(panel_->runButton()->isEnabled());
    }

    void aSelectedAreaBoundsTheRunAndAPointIsRefusedWithTheReason() {
        Annotation area;
        area.id = "area-1";
        area.name = "Tumour front";
        area.geometry = {ShapeKind::Rectangle, {{2000, 2000}, {4500, 3500}}, {}};
        session_->addAnnotation(area);
        session_->select("area-1");
        const auto index =
            runBehaviour(QStringLiteral("ok"), 1000, PluginsPanel::Target::SelectedAnnotation);
        QVERIFY(index);
        const PluginOverlay& o = overlays().at(*index);
        QCOMPARE(int(o.state), int(PluginOverlay::State::Finished));
        QVERIFY(o.target.contains(QStringLiteral("Tumour front")));
        QCOMPARE(o.tileCount, size_t(3 * 2)); // 2500 x 1500 in 1000-pixel tiles
        const QRectF bounds = o.raster.bounds();
        QVERIFY(QRectF(2000, 2000, 2500, 1500).contains(bounds.center()));
        QVERIFY(bounds.left() >= 2000 && bounds.top() >= 2000);
        // The test plugin's edge tiles use another raster scale: such a result cannot be one
        // raster file; the overlay says so (in red) instead of silently not saving.
        QVERIFY2(o.saveError.contains(QStringLiteral("different scales")), qPrintable(o.saveError));
        QVERIFY(harness_.window().layersPanel()->overlays()->measurements()->text().contains(
            QStringLiteral("Not saved")));
        QVERIFY(panel_->status()->text().contains(QStringLiteral("Not saved")));

        Annotation point;
        point.id = "point-1";
        point.geometry = {ShapeKind::Point, {{100, 100}}, {}};
        session_->addAnnotation(point);
        session_->select("point-1");
        panel_->setTarget(PluginsPanel::Target::SelectedAnnotation);
        QVERIFY(!panel_->runPlugin());
        QVERIFY2(panel_->status()->text().contains(QStringLiteral("not an area")),
                 qPrintable(panel_->status()->text()));
        session_->select("");
        QVERIFY(!panel_->runPlugin());
        QVERIFY(panel_->status()->text().contains(QStringLiteral("select an area")));
        QCOMPARE(overlays().size(), size_t(1));
    }

    void wholeTissueRunsInsideTheTissueFoundFirst() {
        const auto index =
            runBehaviour(QStringLiteral("ok"), 1000, PluginsPanel::Target::WholeTissue);
        QVERIFY(index);
        const PluginOverlay& o = overlays().at(*index);
        QCOMPARE(int(o.state), int(PluginOverlay::State::Finished));
        QVERIFY(o.tileCount > 0);
        QVERIFY(o.tileCount < size_t(16 * 12)); // not every tile of the 16000 x 12000 slide
        QVERIFY(o.target.contains(QStringLiteral("tissue")));
    }

    void detectionsBecomeAnEditableAnnotationLayerInOneUndoStep() {
        const auto index = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(index);
        const size_t detections = overlays().at(*index).detectionCount();
        QVERIFY(detections > 0);
        const size_t layersBefore = session_->document().layers.size();
        OverlayLayersWidget* list = harness_.window().layersPanel()->overlays();
        QVERIFY(list->toAnnotationsButton()->isEnabled());
        QCOMPARE(list->convertCurrentToAnnotations(), detections);
        QCOMPARE(session_->document().layers.size(), layersBefore + 1);
        const AnnotationLayer& added = session_->document().layers.back();
        QCOMPARE(added.annotations.size(), detections);
        QCOMPARE(added.annotations.front().className, std::string("Centre"));
        QVERIFY(session_->isEditable(added.annotations.front().id));
        session_->undoStack().undo();
        QCOMPARE(session_->document().layers.size(), layersBefore);
        QCOMPARE(overlays().at(*index).detectionCount(), detections); // the overlay stays
    }

    void savedResultsComeBackWhenTheSlideIsOpenedAgainAndBrokenOnesAreReported() {
        const auto index = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(index);
        overlays().setColourMap(*index, ColourMap::Inferno);
        overlays().setOpacity(*index, 0.35);
        const PluginOverlay& o = overlays().at(*index);
        const QString id = o.id;
        const QRectF bounds = o.raster.bounds();
        const auto measurements = o.measurements();
        const size_t detections = o.detectionCount();
        const auto folder = overlays().folder();
        // A broken description beside it must not stop the good one from loading.
        std::ofstream(folder / "broken-1.json") << "{ not json";

        harness_.stop();
        QVERIFY(harness_.start());
        view_ = harness_.openShown();
        QVERIFY(view_ && view_->annotationSession());
        session_ = view_->annotationSession();
        QCOMPARE(overlays().size(), size_t(1));
        const PluginOverlay& back = overlays().at(0);
        QCOMPARE(back.id, id);
        QCOMPARE(int(back.state), int(PluginOverlay::State::Finished));
        QCOMPARE(back.raster.bounds(), bounds);
        QCOMPARE(back.detectionCount(), detections);
        QCOMPARE(back.measurements(), measurements);
        QCOMPARE(int(back.raster.colourMap()), int(ColourMap::Inferno));
        QCOMPARE(back.raster.opacity(), 0.35);
        QCOMPARE(overlays().loadErrors().size(), 1);
        QVERIFY(overlays().loadErrors().front().contains(QStringLiteral("broken-1.json")));
        QVERIFY(std::filesystem::exists(folder / "broken-1.json")); // left as it was

        // Removing it deletes its files (and only its files).
        harness_.window().layersPanel()->overlays()->removeCurrent(false);
        QCOMPARE(overlays().size(), size_t(0));
        QVERIFY(!std::filesystem::exists(folder / (id.toStdString() + ".tif")));
        QVERIFY(!std::filesystem::exists(folder / (id.toStdString() + ".json")));
        QVERIFY(std::filesystem::exists(folder / "broken-1.json"));
    }

    // Tissue outlines were nearly invisible on glass and their colour could not be changed
    // (the Colours box is for rasters): detections get an Outlines colour, kept with the result.
    void detectionOutlinesTakeAChosenColourKeptWithTheResult() {
        const auto index = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(index);
        OverlayLayersWidget* list = harness_.window().layersPanel()->overlays();
        QComboBox* outline = list->outlineColour();
        QVERIFY(outline->isEnabled());
        QCOMPARE(outline->currentIndex(), 0); // class colours until chosen
        const int blue = outline->findData(QStringLiteral("#1e5bff"));
        QVERIFY(blue > 0);
        outline->setCurrentIndex(blue);
        QCOMPARE(overlays().at(*index).outlineColour, std::optional<QRgb>(qRgb(0x1e, 0x5b, 0xff)));
        harness_.stop();
        QVERIFY(harness_.start());
        view_ = harness_.openShown();
        session_ = view_->annotationSession();
        QCOMPARE(overlays().size(), size_t(1));
        QCOMPARE(overlays().at(0).outlineColour, std::optional<QRgb>(qRgb(0x1e, 0x5b, 0xff)));
        list = harness_.window().layersPanel()->overlays();
        list->tree()->setCurrentItem(list->tree()->topLevelItem(0));
        QTRY_COMPARE(list->outlineColour()->currentIndex(), blue);
    }

    // After switching tabs the status line showed the previous slide's result.
    void theStatusLineSpeaksOfTheCurrentSlideOnly() {
        const auto index = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(index);
        QVERIFY(panel_->status()->text().contains(QStringLiteral("done")));
        SyntheticSlideOptions o;
        o.width = 4000;
        o.height = 3000;
        o.seed = 91;
        SlideView* other = harness_.window().documents().open(
            QString::fromStdString(test::synthesizedSlide(o).string()), true);
        QVERIFY(other);
        QTRY_COMPARE(harness_.window().currentView(), other);
        QCOMPARE(panel_->status()->text(), QString());
    }

    // Otsu picks the threshold itself: the fixed threshold's field is greyed out until
    // "fixed" is chosen (it looked as if it applied).
    void aFieldThatDoesNotApplyIsGreyedOut() {
        panel_->selectPlugin(QStringLiteral("tissue-detection"));
        auto* mode = qobject_cast<QComboBox*>(panel_->editor(QStringLiteral("threshold")));
        QWidget* fixed = panel_->editor(QStringLiteral("saturation"));
        QVERIFY(mode && fixed);
        QCOMPARE(mode->currentText(), QStringLiteral("otsu"));
        QVERIFY(!fixed->isEnabled());
        mode->setCurrentText(QStringLiteral("fixed"));
        QVERIFY(fixed->isEnabled());
        mode->setCurrentText(QStringLiteral("otsu"));
        QVERIFY(!fixed->isEnabled());
    }

    void resultsSavedByTheCommandLineOpenWithTheSlideInTheViewer() {
        harness_.stop(); // the viewer reads the results folder when the slide opens
        const QString slide = test::ViewerHarness::slidePath();
        QProcess cli;
        cli.start(QStringLiteral(LAMINA_CLI_PATH),
                  {QStringLiteral("plugin"), QStringLiteral("run"),
                   QStringLiteral("test-behaviour"), slide, QStringLiteral("--region"),
                   QStringLiteral("0,0,8000,6000"), QStringLiteral("--param"),
                   QStringLiteral("tile=2000"), QStringLiteral("--save")});
        QVERIFY(cli.waitForFinished(120000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(cli.exitCode() == 0, qPrintable(cli.readAllStandardError()));
        QVERIFY2(out.contains(QStringLiteral("saved with the slide")), qPrintable(out));

        // A raster-only result (a real plugin) beside it.
        QProcess stain;
        stain.start(QStringLiteral(LAMINA_CLI_PATH),
                    {QStringLiteral("plugin"), QStringLiteral("run"),
                     QStringLiteral("stain-separation"), slide, QStringLiteral("--region"),
                     QStringLiteral("2000,2000,2000,2000"), QStringLiteral("--save")});
        QVERIFY(stain.waitForFinished(120000));
        QVERIFY2(stain.exitCode() == 0, qPrintable(stain.readAllStandardError()));

        QVERIFY(harness_.start());
        view_ = harness_.openShown();
        QVERIFY(view_ && view_->annotationSession());
        session_ = view_->annotationSession();
        QCOMPARE(overlays().size(), size_t(2));
        QVERIFY(overlays().loadErrors().isEmpty());
        const PluginOverlay& stained = overlays().at(0); // by id: "stain-separation-1" first
        QCOMPARE(stained.plugin.id, QStringLiteral("stain-separation"));
        QVERIFY(!stained.raster.empty());
        QCOMPARE(stained.detectionCount(), size_t(0));
        QCOMPARE(stained.detections.layers.size(), size_t(1)); // "To annotations" needs it
        const PluginOverlay& o = overlays().at(1);
        QCOMPARE(o.plugin.id, QStringLiteral("test-behaviour"));
        QCOMPARE(o.id, QStringLiteral("test-behaviour-1"));
        QCOMPARE(int(o.state), int(PluginOverlay::State::Finished));
        QCOMPARE(o.target, QStringLiteral("region 0,0,8000,6000"));
        QCOMPARE(o.parameters.value(QStringLiteral("tile")).toInt(), 2000);
        // 4 x 3 tiles of 2000 px: a raster over the region and one detection per tile.
        QCOMPARE(o.raster.bounds(), QRectF(0, 0, 8000, 6000));
        QCOMPARE(o.detectionCount(), size_t(12));
        // The measurements the command line printed are the ones the viewer shows.
        for (const auto& [name, value] : o.measurements())
            QVERIFY2(out.contains(QStringLiteral("%1: ").arg(QString::fromStdString(name))),
                     qPrintable(out));
    }

    void snapshotsAndReportsBurnInTheVisibleOverlays() {
        const QImage plain = [&] {
            harness_.window().annotationActions().copySnapshot();
            return QGuiApplication::clipboard()->image();
        }();
        QVERIFY(!plain.isNull());
        QVERIFY(!ExportContext::fromView(*view_, QStringLiteral("s")).overlays);
        const auto index = runBehaviour(QStringLiteral("ok"), 2000);
        QVERIFY(index);
        overlays().setOpacity(*index, 1.0);
        QVERIFY(harness_.window().annotationActions().copySnapshot());
        const QImage withOverlay = QGuiApplication::clipboard()->image();
        QCOMPARE(withOverlay.size(), plain.size());
        QVERIFY(withOverlay != plain);
        // The overlay's colour (a constant map: the top of viridis) where it lies.
        const QPoint centre(withOverlay.width() / 2, withOverlay.height() / 2);
        QCOMPARE(withOverlay.pixel(centre) & 0xffffffu,
                 RasterOverlay::colourAt(ColourMap::Viridis, 1.0) & 0xffffffu);
        // The export dialogs get it too; hidden, it is left out.
        QVERIFY(ExportContext::fromView(*view_, QStringLiteral("s")).overlays);
        overlays().setVisible(*index, false);
        QVERIFY(!ExportContext::fromView(*view_, QStringLiteral("s")).overlays);
        QVERIFY(harness_.window().annotationActions().copySnapshot());
        QCOMPARE(QGuiApplication::clipboard()->image(), plain);
    }

    void resultsAppearTileByTileWhileTheRunGoesOn() {
        // 40 ms a tile on 2 threads: the overlay must be seen partly filled at least once.
        size_t partialFrames = 0;
        connect(&overlays(), &OverlayStack::changed, this, [&] {
            if (overlays().size() == 0)
                return;
            const PluginOverlay& o = overlays().at(overlays().size() - 1);
            if (o.state == PluginOverlay::State::Running && o.tilesDone > 0 &&
                o.tilesDone < o.tileCount && !o.raster.empty() &&
                panel_->progress()->value() == int(o.tilesDone))
                ++partialFrames;
        });
        const auto index = runBehaviour(QStringLiteral("steady"), 2000);
        QVERIFY(index);
        QVERIFY2(overlays().at(*index).tileCount >= 8,
                 qPrintable(QString::number(overlays().at(*index).tileCount)));
        QVERIFY2(partialFrames >= 2, qPrintable(QString::number(partialFrames)));
        QCOMPARE(int(overlays().at(*index).state), int(PluginOverlay::State::Finished));
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    test::isolateUserFolders(home);
    // The test plugins (one misbehaving on request, one for another SDK, one with broken
    // metadata) beside the shipped ones of the build tree.
    qputenv("LAMINA_PLUGIN_PATH", LAMINA_TEST_PLUGIN_DIR);
    QApplication app(argc, argv);
    AnalysisPanelTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "AnalysisPanelTest.moc"
