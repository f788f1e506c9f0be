// File › Export's dialogs driven as a user drives them: the snapshot dialog (area, resolution,
// layer ticks, the final size it states, refusing to enlarge, saving), the large-region export
// (runs in the background, writes a pyramid OpenSlide opens, cancels leaving nothing), and the
// report dialog (snapshots with measurements, the label only when ticked and with a warning,
// bundle and PDF written).

#include "AnnotationActions.h"
#include "ViewerHarness.h"
#include "annotation/AnnotationSession.h"
#include "dialogs/RegionExportDialog.h"
#include "dialogs/ReportDialog.h"
#include "dialogs/ResolutionEditor.h"
#include "dialogs/SnapshotDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>

using namespace lamina;

namespace {

Annotation box(const std::string& id, double x, double y, double side) {
    Annotation a;
    a.id = id;
    a.className = "Tumour";
    a.geometry = {ShapeKind::Rectangle, {{x, y}, {x + side, y + side}}, {}};
    return a;
}

int mediaCount(const QString& bundlePath) {
    QFile file(bundlePath);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    int count = 0;
    for (const auto& e : QJsonDocument::fromJson(file.readAll()).object()["entry"].toArray())
        count += e.toObject()["resource"].toObject()["resourceType"].toString() == "Media";
    return count;
}

} // namespace

class ExportDialogsTest : public QObject {
    Q_OBJECT

private:
    test::ViewerHarness harness_;
    SlideView* view_ = nullptr;
    AnnotationSession* session_ = nullptr;
    QTemporaryDir out_;

    template <typename Dialog>
    std::unique_ptr<Dialog> open(AnnotationActions::ExportKind kind) {
        std::unique_ptr<QDialog> d = harness_.window().annotationActions().createExportDialog(kind);
        auto* typed = qobject_cast<Dialog*>(d.get());
        if (!typed)
            return nullptr;
        d.release();
        return std::unique_ptr<Dialog>(typed);
    }

private slots:
    void init() {
        QVERIFY(harness_.start());
        view_ = harness_.openWithoutAnnotations();
        QVERIFY(view_ && view_->annotationSession());
        session_ = view_->annotationSession();
        view_->setMagnification(5);
        session_->addAnnotation(box("b", 8000, 6000, 800));
    }
    void cleanup() { harness_.stop(); }

    void snapshotDialogStatesTheFinalSizeAndFollowsTheLayerTicks() {
        session_->select("b");
        auto dialog = open<SnapshotDialog>(AnnotationActions::ExportKind::Snapshot);
        QVERIFY(dialog);
        QCOMPARE(dialog->areaBox()->currentIndex(), 1); // the selection, when there is one
        dialog->resolution()->setMode(ResolutionEditor::Mode::MicronsPerPixel);
        dialog->resolution()->setValue(1.0); // 4 level-0 pixels per output pixel
        dialog->refreshPreviewNow();
        const SnapshotOptions o = dialog->options();
        QCOMPARE(o.downsample, 4.0);
        // 800 px box + a margin of max(80, 32 x 4) = 128 on each side: 1056 px -> 264 output.
        QCOMPARE(o.region, QRectF(8000 - 128, 6000 - 128, 1056, 1056));
        QVERIFY2(dialog->sizeLabel()->text().contains(QStringLiteral("264 × 264 pixels")),
                 qPrintable(dialog->sizeLabel()->text()));
        QVERIFY(dialog->sizeLabel()->text().contains(QStringLiteral("1.000 µm/px")));
        QVERIFY(!dialog->preview()->pixmap().isNull());
        const Snapshot with = dialog->render();
        QCOMPARE(with.slideArea.size(), QSize(264, 264));
        // Unticking the layer leaves the annotation out.
        dialog->layerList()->item(0)->setCheckState(Qt::Unchecked);
        dialog->refreshPreviewNow();
        const Snapshot without = dialog->render();
        QVERIFY(with.image != without.image);
        const QColor edge = with.image.pixelColor(32, 132); // the box's left edge
        QVERIFY(edge.red() > edge.green() + 60);
        // Saving writes the image at its final size.
        const QString path = out_.filePath(QStringLiteral("snap.jpg"));
        QVERIFY2(dialog->saveTo(path), qPrintable(dialog->lastError()));
        QCOMPARE(QImage(path).width(), 264);
    }

    void snapshotDialogRefusesToEnlargeUnlessAsked() {
        auto dialog = open<SnapshotDialog>(AnnotationActions::ExportKind::Snapshot);
        QVERIFY(dialog);
        dialog->resolution()->setMode(ResolutionEditor::Mode::MicronsPerPixel);
        dialog->resolution()->setValue(0.1); // finer than the 0.25 µm/px scan
        dialog->refreshPreviewNow();
        QVERIFY(dialog->sizeLabel()->text().contains(QStringLiteral("enlarge")));
        const auto buttons = dialog->findChildren<QPushButton*>();
        const auto save = std::find_if(buttons.begin(), buttons.end(), [](QPushButton* b) {
            return b->text().contains(QStringLiteral("Save"));
        });
        QVERIFY(save != buttons.end());
        QVERIFY(!(*save)->isEnabled());
        QVERIFY(!dialog->saveTo(out_.filePath(QStringLiteral("never.png"))));
        QVERIFY(!QFile::exists(out_.filePath(QStringLiteral("never.png"))));
    }

    void regionExportRunsInTheBackgroundAndWritesAPyramid() {
        auto dialog = open<RegionExportDialog>(AnnotationActions::ExportKind::LargeRegion);
        QVERIFY(dialog);
        dialog->areaBox()->setCurrentIndex(2); // whole slide
        dialog->resolution()->setMode(ResolutionEditor::Mode::MicronsPerPixel);
        dialog->resolution()->setValue(4.0);      // 16000 x 12000 at 0.25 -> 1000 x 750
        dialog->contentBox()->setCurrentIndex(1); // with outlines
        const QString path = out_.filePath(QStringLiteral("region.tif"));
        dialog->setOutputPath(path);
        QSignalSpy finished(dialog.get(), &RegionExportDialog::exportFinished);
        QVERIFY(dialog->start());
        QVERIFY(dialog->isRunning());
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QCOMPARE(dialog->progressBar()->value(), dialog->progressBar()->maximum());
        const auto slide = test::openWithOpenSlide(path.toStdString());
        QVERIFY(slide && !openslide_get_error(slide.get()));
        int64_t w = 0, h = 0;
        openslide_get_level0_dimensions(slide.get(), &w, &h);
        QCOMPARE(w, int64_t(1000));
        QCOMPARE(h, int64_t(750));
        QCOMPARE(QString(openslide_get_property_value(slide.get(), "openslide.mpp-x")),
                 QStringLiteral("4"));
    }

    void regionExportCancelLeavesNothing() {
        auto dialog = open<RegionExportDialog>(AnnotationActions::ExportKind::LargeRegion);
        QVERIFY(dialog);
        dialog->areaBox()->setCurrentIndex(2);
        dialog->resolution()->setMode(ResolutionEditor::Mode::MicronsPerPixel);
        dialog->resolution()->setValue(0.25); // full resolution: hundreds of tiles
        const QString path = out_.filePath(QStringLiteral("cancelled.tif"));
        dialog->setOutputPath(path);
        QSignalSpy finished(dialog.get(), &RegionExportDialog::exportFinished);
        QVERIFY(dialog->start());
        dialog->cancel();
        QVERIFY(finished.wait(60000));
        QVERIFY(!finished.at(0).at(0).toBool());
        QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("cancelled")));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(out_.path())
                     .entryList({QStringLiteral("*cancelled*")}, QDir::Files | QDir::Hidden)
                     .size(),
                 0); // no partial file either
    }

    void reportDialogWarnsBeforeTheLabelAndWritesBundleAndPdf() {
        auto dialog = open<ReportDialog>(AnnotationActions::ExportKind::Report);
        QVERIFY(dialog);
        QVERIFY(!dialog->writeTo(out_.filePath(QStringLiteral("empty.json")), {}));
        QVERIFY(dialog->statusLabel()->text().contains(QStringLiteral("snapshot")));
        QVERIFY(dialog->addSnapshot(ExportContext::Area::View));
        QCOMPARE(dialog->snapshotList()->count(), 1);
        QVERIFY(dialog->snapshotList()->item(0)->text().contains(QStringLiteral("Tumour")));
        dialog->conclusion()->setPlainText(QStringLiteral("Benign."));

        QVERIFY(!dialog->labelWarning()->isVisibleTo(dialog.get()));
        const QString plain = out_.filePath(QStringLiteral("plain.json"));
        QVERIFY(dialog->writeTo(plain, out_.filePath(QStringLiteral("plain.pdf"))));
        QCOMPARE(mediaCount(plain), 1);
        QVERIFY(QFile(out_.filePath(QStringLiteral("plain.pdf"))).size() > 1000);

        dialog->includeLabel()->setChecked(true);
        QVERIFY(dialog->labelWarning()->isVisibleTo(dialog.get()));
        QVERIFY(dialog->labelWarning()->text().contains(QStringLiteral("patient")));
        const QString labelled = out_.filePath(QStringLiteral("labelled.json"));
        QVERIFY(dialog->writeTo(labelled, {}));
        QCOMPARE(mediaCount(labelled), 2);
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    test::isolateUserFolders(home);
    QApplication app(argc, argv);
    ExportDialogsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "ExportDialogsTest.moc"
