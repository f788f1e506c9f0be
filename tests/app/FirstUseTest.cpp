// First use: what a new pathologist and their IT person hit on the first day (issue 18),
// each driven as they met it: opening DICOM from File › Open, a slide without a scale, where
// reports and exports go, text cut off in the panels, the overview after switching tabs, a
// second `lamina SLIDE` joining the running window, and the Help menu.

#include "AnnotationActions.h"
#include "SingleInstance.h"
#include "SlideLocation.h"
#include "ViewerHarness.h"
#include "annotation/AnnotationSession.h"
#include "dialogs/AboutDialog.h"
#include "dialogs/ExportContext.h"
#include "dialogs/OpenFromArchiveDialog.h"
#include "dialogs/RegionExportDialog.h"
#include "dialogs/ReportDialog.h"
#include "dialogs/ResolutionEditor.h"
#include "dialogs/ShortcutsDialog.h"
#include "panels/AnnotationListPanel.h"
#include "panels/LayersPanel.h"
#include "panels/OverviewPanel.h"

#include <lamina/annotation/AnnotationClass.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/SlideThumbnail.h>

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QUuid>

#include <cmath>

using namespace lamina;

namespace {

QString slideWithoutScale() {
    SyntheticSlideOptions o;
    o.width = 6000;
    o.height = 4000;
    o.seed = 93;
    o.mpp = 0;
    o.objectivePower = 0;
    return QString::fromStdString(test::synthesizedSlide(o).string());
}

QString otherSlide(uint64_t seed) {
    SyntheticSlideOptions o;
    o.width = 9000;
    o.height = 7000;
    o.seed = seed;
    return QString::fromStdString(test::synthesizedSlide(o).string());
}

QAction* actionNamed(QWidget& window, const QString& text) {
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == text)
            return a;
    return nullptr;
}

QMessageBox* shownMessageBox(const QString& objectName) {
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* box = qobject_cast<QMessageBox*>(w);
            box && box->isVisible() && box->objectName() == objectName)
            return box;
    return nullptr;
}

// Euclidean distance of two 0xRRGGBB colours.
double colourDistance(uint32_t a, uint32_t b) {
    const auto channel = [](uint32_t c, int shift) { return double((c >> shift) & 0xff); };
    return std::hypot(channel(a, 16) - channel(b, 16), channel(a, 8) - channel(b, 8),
                      channel(a, 0) - channel(b, 0));
}

} // namespace

class FirstUseTest : public QObject {
    Q_OBJECT

private:
    test::ViewerHarness harness_;
    MainWindow& window() { return harness_.window(); }

private slots:
    void init() { QVERIFY(harness_.start()); }
    void cleanup() { harness_.stop(); }

    // File › Open showed no DICOM files, and a DICOM folder could only be opened from the
    // command line.
    void fileOpenOffersDicomFilesAndFolders() {
        QVERIFY(slideFileDialogFilter().contains(QStringLiteral("*.dcm")));
        QVERIFY(slideFileDialogFilter().contains(QStringLiteral("*.svs")));
        QVERIFY(actionNamed(window(), QStringLiteral("Open DICOM &Folder…")));
        const QString folder = qEnvironmentVariableIsSet("LAMINA_TEST_SLIDES")
                                   ? qEnvironmentVariable("LAMINA_TEST_SLIDES") + "/dicom"
                                   : QStringLiteral(LAMINA_DEFAULT_TEST_SLIDES "/dicom");
        if (!QFileInfo(folder).isDir())
            QSKIP("no DICOM test slides (LAMINA_TEST_SLIDES)");
        QVERIFY2(window().documents().open(folder, true),
                 qPrintable(window().documents().lastError()));
    }

    // Keys 1-6 and M did nothing on a slide without MPP: the window says why and takes a
    // pixel size, remembered for the slide and marked as entered by the user.
    void aSlideWithoutScaleSaysWhyAndTakesAUserPixelSize() {
        SlideView* view = window().documents().open(slideWithoutScale(), true);
        QVERIFY(view);
        QVERIFY(!view->magnification());
        const Camera before = view->camera();
        QTest::keyClick(&window(), Qt::Key_4);
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = shownMessageBox(QStringLiteral("unknownMagnification"))));
        QVERIFY(box->text().contains(QStringLiteral("pixel size")));
        QCOMPARE(view->camera().downsample, before.downsample); // nothing moved silently
        box->close();

        window().setPixelSize(view, 0.5);
        view = window().currentView();
        QVERIFY(view->slide().metadata().mppUserEntered);
        QCOMPARE(*view->magnification() > 0, true);
        QTest::keyClick(&window(), Qt::Key_4); // 10×: 1 µm per screen pixel
        QCOMPARE(view->camera().downsample, 2.0);
        QVERIFY(view->scale().userEntered);

        // Remembered for this slide: it opens with the same pixel size next time.
        harness_.stop();
        QVERIFY(harness_.start());
        SlideView* again = window().documents().open(slideWithoutScale(), true);
        QVERIFY(again && again->slide().metadata().mppUserEntered);
        QCOMPARE(*again->slide().metadata().mppX, 0.5);
        // 0 removes it.
        window().setPixelSize(again, std::nullopt);
        QVERIFY(!window().currentView()->slide().metadata().mppX);
    }

    // Report › Write wrote relative to the working directory and said nothing: the default
    // is beside the slide (or the last folder used), a bare name goes there too.
    void reportGoesBesideTheSlideNotTheWorkingDirectory() {
        SlideView* view = harness_.openShown();
        QVERIFY(view);
        auto dialog =
            window().annotationActions().createExportDialog(AnnotationActions::ExportKind::Report);
        auto* report = qobject_cast<ReportDialog*>(dialog.get());
        QVERIFY(report);
        const QString slideFolder =
            QFileInfo(QString::fromStdString(view->slide().location())).absolutePath();
        QCOMPARE(QFileInfo(report->bundlePath()).absolutePath(), slideFolder);
        QVERIFY(QDir::isAbsolutePath(report->bundlePath()));
        report->findChild<QLineEdit*>()->setText(QStringLiteral("bare-name.json"));
        QCOMPARE(report->bundlePath(),
                 QDir(slideFolder).filePath(QStringLiteral("bare-name.json")));
        // Export Annotations proposes a file name beside the slide too.
        const QString annotations = window().annotationActions().defaultAnnotationExportPath();
        QCOMPARE(QFileInfo(annotations).absolutePath(), slideFolder);
        QVERIFY(annotations.endsWith(QStringLiteral("-annotations.geojson")));
    }

    // The toolbar said 20×, Go to Magnification 19.95 and the region dialog 20.04×.
    void theRegionDialogRoundsMagnificationsAsTheToolbarDoes() {
        SlideMetadata twentyX;
        twentyX.mppX = twentyX.mppY = 0.499;
        LevelInfo base;
        base.width = 40000;
        base.height = 30000;
        twentyX.levels = {base};
        ResolutionEditor editor(twentyX, 1.0);
        editor.setMode(ResolutionEditor::Mode::Magnification);
        QCOMPARE(editor.value(), 20.0);
    }

    // Text cut off at default sizes: annotation table headers ("Un…", "nnota…") and the
    // dock tabs ("Anal…").
    void panelsShowTheirTextWhole() {
        QVERIFY(harness_.openShown());
        QTableView* table = window().annotationListPanel()->table();
        QHeaderView* header = table->horizontalHeader();
        for (int c = 0; c < header->count(); ++c) {
            const QString text = table->model()->headerData(c, Qt::Horizontal).toString();
            QVERIFY2(header->sectionSize(c) >= header->fontMetrics().horizontalAdvance(text),
                     qPrintable(text));
        }
        QVERIFY(header->textElideMode() == Qt::ElideNone);
        QTest::qWait(50); // the dock tab bars exist once laid out
        int bars = 0;
        for (QTabBar* bar : window().findChildren<QTabBar*>(Qt::FindDirectChildrenOnly)) {
            ++bars;
            QCOMPARE(int(bar->elideMode()), int(Qt::ElideNone));
        }
        QVERIFY(bars > 0);
        // The class box is never narrower than its longest class ("Immu…ells").
        QComboBox* classes = window().annotationActions().currentClassBox();
        QVERIFY(classes->minimumWidth() >= classes->sizeHint().width());
    }

    // The welcome page showed the layer opacity slider at 0.
    void theWelcomePageShowsNoZeroOpacity() {
        auto* slider = window().layersPanel()->findChild<QSlider*>();
        QVERIFY(slider);
        QVERIFY(!slider->isEnabled());
        QCOMPARE(slider->value(), 100);
    }

    // "Unclassified" and "Other" were nearly the same yellow.
    void unclassifiedIsFarFromEveryDefaultClassColour() {
        for (const AnnotationClass& c : AnnotationClass::defaults())
            QVERIFY2(colourDistance(kUnclassifiedRgb, c.rgb) > 120, c.name.c_str());
    }

    // The archive dialog's "Otherwise passwords…" stood orphaned under "No sign-in".
    void theKeychainNoteShowsOnlyWithASignIn() {
        OpenFromArchiveDialog dialog(&window());
        dialog.show();
        auto* signIn = dialog.findChild<QComboBox*>(); // the first combo: how to sign in
        QLabel* note = nullptr;
        for (QLabel* l : dialog.findChildren<QLabel*>())
            if (l->text().contains(QStringLiteral("Otherwise passwords")))
                note = l;
        QVERIFY(signIn && note);
        signIn->setCurrentIndex(0); // No sign-in
        QVERIFY(!note->isVisible());
        signIn->setCurrentIndex(2); // user name and password
        QVERIFY(note->isVisible());
    }

    // The overview turned into a grey wash after switching tabs (three slides open, 4 pressed
    // on the last, the first tab clicked): the first view shows its whole slide, and its
    // outline, larger than the thumbnail, was filled over the thumbnail and the whole dock.
    void theOverviewIsNotWashedOverByAViewOfTheWholeSlide() {
        SlideView* first = harness_.openShown();
        QVERIFY(first);
        QVERIFY(window().documents().open(otherSlide(94), true));
        QVERIFY(window().documents().open(otherSlide(95), true));
        QTest::qWait(50);
        QTest::keyClick(&window(), Qt::Key_4);
        auto* tabs = window().findChild<QTabWidget*>();
        QVERIFY(tabs);
        tabs->setCurrentIndex(0);
        QTest::qWait(50);
        QCOMPARE(window().currentView(), first);
        first->fitToWindow();
        OverviewPanel* overview = window().overviewPanel();
        overview->resize(300, 300);
        const QImage shot = overview->grab().toImage();
        // The dock's corner is its background, untinted.
        QCOMPARE(shot.pixelColor(3, 3), overview->palette().window().color());
        // The thumbnail's pixels are the slide's, untinted: compare with the slide itself.
        const RgbaImage thumb = renderThumbnail(first->slide(), 512);
        const QImage expected =
            QImage(reinterpret_cast<const uchar*>(thumb.data()), thumb.width(), thumb.height(),
                   qsizetype(thumb.width()) * 4, QImage::Format_ARGB32_Premultiplied)
                .copy();
        const QColor centre = shot.pixelColor(shot.width() / 2, shot.height() / 2);
        const QColor truth = expected.pixelColor(expected.width() / 2, expected.height() / 2);
        QVERIFY2(std::abs(centre.blue() - truth.blue()) < 12 &&
                     std::abs(centre.red() - truth.red()) < 12,
                 qPrintable(QStringLiteral("%1 vs %2").arg(centre.name(), truth.name())));
        // Zoomed in, the part shown is marked (filled) again.
        first->setMagnification(10);
        const QImage zoomed = overview->grab().toImage();
        QVERIFY(zoomed != shot);
    }

    // A second `lamina SLIDE` (a double-click in the file manager) hands its slides to the
    // running window instead of starting another process.
    void aSecondLaunchHandsItsSlidesToTheRunningOne() {
        const QString name =
            QStringLiteral("lamina-test-") + QUuid::createUuid().toString(QUuid::Id128);
        SingleInstance running(name);
        QVERIFY(!running.forwardToRunning({QStringLiteral("x.svs")}, 200)); // nobody yet
        QVERIFY(running.listen());
        QSignalSpy requests(&running, &SingleInstance::openRequested);
        SingleInstance second(name);
        bool forwarded = false;
        // The running side answers from its event loop: forward from a nested one.
        QTimer::singleShot(0, [&] {
            forwarded = second.forwardToRunning(
                {QStringLiteral("relative.svs"), QStringLiteral("https://archive/studies/1")});
        });
        QTRY_VERIFY(requests.size() == 1 || forwarded);
        QTRY_COMPARE(requests.size(), 1);
        const QStringList got = requests.first().first().toStringList();
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0], QFileInfo(QStringLiteral("relative.svs")).absoluteFilePath());
        QCOMPARE(got[1], QStringLiteral("https://archive/studies/1"));
    }

    // Help › Keyboard Shortcuts lists every action from the actions themselves, searchable.
    void keyboardShortcutsListEveryActionWithItsKeys() {
        QVERIFY(harness_.openShown());
        ShortcutsDialog dialog(window());
        QTableWidget* table = dialog.table();
        QStringList rows;
        for (int r = 0; r < table->rowCount(); ++r)
            rows << table->item(r, 0)->text() + QLatin1Char('|') + table->item(r, 1)->text();
        // Every menu action with a shortcut is listed with it.
        for (QAction* a : window().menuBar()->findChildren<QAction*>()) {
            if (a->shortcut().isEmpty() || a->text().isEmpty())
                continue;
            const QString text = QString(a->text()).remove(QLatin1Char('&'));
            QVERIFY2(std::any_of(rows.begin(), rows.end(),
                                 [&](const QString& r) {
                                     return r.startsWith(text + QLatin1Char('|')) &&
                                            r.contains(
                                                a->shortcut().toString(QKeySequence::NativeText));
                                 }),
                     qPrintable(text));
        }
        QVERIFY(rows.join('\n').contains(QStringLiteral("Ruler|")));
        dialog.searchField()->setText(QStringLiteral("rotate"));
        QVERIFY(dialog.visibleRows() >= 3);
        QVERIFY(dialog.visibleRows() < table->rowCount());
    }

    // Help › About: the versions in use and an honest intended-use line.
    void aboutNamesTheLibrariesAndTheIntendedUse() {
        const auto versions = AboutDialog::libraryVersions();
        QStringList names;
        for (const auto& [name, version] : versions) {
            names << name;
            QVERIFY2(!version.isEmpty() && version.at(0).isDigit(), qPrintable(name));
        }
        for (const char* expected :
             {"Qt", "OpenSlide", "libtiff", "DCMTK", "libjpeg-turbo", "OpenJPEG", "OpenCV"})
            QVERIFY2(names.contains(QLatin1String(expected)), expected);
        QVERIFY(
            AboutDialog::intendedUse().contains(QStringLiteral("not a certified medical device")));
        AboutDialog about;
        QCOMPARE(about.findChild<QTableWidget*>()->rowCount(), int(versions.size()));
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    test::isolateUserFolders(home);
    QApplication app(argc, argv);
    FirstUseTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "FirstUseTest.moc"
