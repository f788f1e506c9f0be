// File › Export › Slide as DICOM… and File › Send to Archive…, as a pathologist uses them: the
// export writes a series Lamina reopens with the same pixels and the attributes typed in,
// Cancel and a refused folder leave nothing behind, de-identification greys out what it
// replaces; a send to a real archive (Orthanc on loopback, user and password) is de-identified
// for teaching, the archive copy opens from the archive with the same pixels and the local
// annotations (the real CMU-1-Small-Region.svs too, when the shared slides are there), and a
// send that failed (archive unreachable) is sent again from the kept series, sending only
// what the archive lacks.

#include "AnnotationActions.h"
#include "AppSettings.h"
#include "MainWindow.h"
#include "OrthancServer.h"
#include "SlideDocuments.h"
#include "SlideView.h"
#include "ViewerHarness.h"
#include "annotation/AnnotationSession.h"
#include "dialogs/ArchiveSignInBox.h"
#include "dialogs/DicomExportDialog.h"
#include "dialogs/DicomSeriesOptionsBox.h"
#include "dialogs/PreferencesDialog.h"
#include "dialogs/SendToArchiveDialog.h"

#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/dicom/DicomInstance.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>
#include <lamina/slide/dicomweb/DicomWebUpload.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>

#include <fstream>

using namespace lamina;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<const SlideSource> openSlide(const std::filesystem::path& path) {
    return FormatRegistry::standard().open(path.string());
}

// The level-0 pixels of two slides over the same region are identical.
void expectSamePixels(const SlideSource& a, const SlideSource& b) {
    QCOMPARE(a.dimensions().width, b.dimensions().width);
    QCOMPARE(a.dimensions().height, b.dimensions().height);
    const RgbaImage left = a.readRegion(0, 300, 200, 700, 500);
    const RgbaImage right = b.readRegion(0, 300, 200, 700, 500);
    const test::ImageDifference d = test::compareImages(left, right);
    QVERIFY2(d.max == 0, qPrintable(QStringLiteral("max difference %1").arg(d.max)));
}

bool waitForJob(JobDialog& dialog, int timeoutMs = 60000) {
    QSignalSpy finished(&dialog, &JobDialog::jobFinished);
    if (!finished.wait(timeoutMs))
        return false;
    return finished.first().first().toBool();
}

} // namespace

class DicomDialogsTest : public QObject {
    Q_OBJECT

private:
    std::filesystem::path slidePath_ = test::synthesizedSlide(2400, 1800, 43);
    std::optional<test::OrthancServer> server_;
    QString orthancWhy_;
    test::ViewerHarness harness_;

    void signIn(SendToArchiveDialog& dialog, const std::string& root) {
        dialog.archive()->setServiceRoot(QString::fromStdString(root));
        dialog.findChild<QComboBox*>(QStringLiteral("signIn"))->setCurrentIndex(2);
        dialog.findChild<QLineEdit*>(QStringLiteral("user"))
            ->setText(QString::fromLatin1(test::OrthancServer::kUser));
        dialog.findChild<QLineEdit*>(QStringLiteral("password"))
            ->setText(QString::fromLatin1(test::OrthancServer::kPassword));
    }

    bool needOrthanc() {
        if (server_)
            return true;
        if (qEnvironmentVariableIsSet("CI"))
            qFatal("%s", qPrintable(orthancWhy_));
        return false;
    }

private slots:
    void initTestCase() {
        std::string why;
        if (auto started = test::OrthancServer::start(why))
            server_.emplace(std::move(*started));
        orthancWhy_ = QString::fromStdString(why);
        QVERIFY(harness_.start());
    }
    void cleanupTestCase() { harness_.stop(); }

    void exportWritesASeriesLaminaReopensWithTheSamePixelsAndTheFormsAttributes() {
        const auto slide = openSlide(slidePath_);
        DicomExportDialog dialog(slide, QStringLiteral("slide.tif"));
        QSignalSpy planned(dialog.seriesOptions(), &DicomSeriesOptionsBox::pixelPlanKnown);
        QVERIFY(planned.wait(20000));
        const QString plan = dialog.seriesOptions()->pixelPlanLabel()->text();
        QVERIFY2(plan.contains(QStringLiteral("copied without decoding")), qPrintable(plan));
        test::TempDir out;
        dialog.setOutputFolder(QString::fromStdString((out / "series").string()));
        dialog.seriesOptions()->field("PatientID")->setText(QStringLiteral("P-1234"));
        dialog.seriesOptions()->field("AccessionNumber")->setText(QStringLiteral("H26-0042"));
        QVERIFY(dialog.start());
        QVERIFY2(waitForJob(dialog), qPrintable(dialog.statusLabel()->text()));
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("Written")));
        const auto files = dicomFilesIn(out / "series");
        QVERIFY(files.size() >= 2);
        const DicomInstance first = DicomInstance::read(files.front());
        QCOMPARE(QString::fromStdString(first.properties.at("dicom.PatientID")),
                 QStringLiteral("P-1234"));
        QCOMPARE(QString::fromStdString(first.properties.at("dicom.AccessionNumber")),
                 QStringLiteral("H26-0042"));
        expectSamePixels(*slide, *openSlide(out / "series"));
    }

    void cancelLeavesNoFolderAndNoHiddenFiles() {
        DicomExportDialog dialog(openSlide(test::synthesizedSlide(9000, 7000, 44)),
                                 QStringLiteral("big.tif"));
        test::TempDir out;
        dialog.setOutputFolder(QString::fromStdString((out / "series").string()));
        // Encoding every tile takes long enough to be cancelled half-way.
        dialog.seriesOptions()->pixelsBox()->setCurrentIndex(2);
        QVERIFY(dialog.start());
        dialog.cancel();
        QVERIFY(!waitForJob(dialog));
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("cancelled")),
                 qPrintable(dialog.statusLabel()->text()));
        QVERIFY(std::filesystem::is_empty(out.path())); // no folder, no .partial
    }

    void aFolderWithFilesIsRefusedByNameAndLeftUntouched() {
        DicomExportDialog dialog(openSlide(slidePath_), QStringLiteral("slide.tif"));
        test::TempDir out;
        std::filesystem::create_directories(out / "used");
        { std::ofstream(out / "used" / "report.pdf") << "keep me"; }
        dialog.setOutputFolder(QString::fromStdString((out / "used").string()));
        QVERIFY(dialog.start());
        QVERIFY(!waitForJob(dialog));
        const QString status = dialog.statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("used")), qPrintable(status));
        QVERIFY(status.contains(QStringLiteral("#b00020")));
        QCOMPARE(std::filesystem::file_size(out / "used" / "report.pdf"), uintmax_t(7));
        QCOMPARE(std::distance(std::filesystem::directory_iterator(out.path()),
                               std::filesystem::directory_iterator()),
                 1);
    }

    void deidentifyingGreysOutThePatientFieldsAndTheLabel() {
        DicomExportDialog dialog(openSlide(slidePath_), QStringLiteral("slide.tif"));
        DicomSeriesOptionsBox* box = dialog.seriesOptions();
        box->field("PatientName")->setText(QStringLiteral("DOE^JANE"));
        box->labelBox()->setChecked(true);
        box->deidentifyBox()->setChecked(true);
        QVERIFY(!box->field("PatientName")->isEnabled());
        QVERIFY(!box->labelBox()->isEnabled());
        QVERIFY(!box->labelBox()->isChecked());
        box->pseudonymEdit()->setText(QStringLiteral("TEACH-07"));
        const DicomSlideWriteOptions o = box->options();
        QVERIFY(o.deidentification.enabled);
        QCOMPARE(QString::fromStdString(o.deidentification.pseudonym), QStringLiteral("TEACH-07"));
        QVERIFY(!o.includeLabel);
        QVERIFY(o.attributes.count("PatientName") == 0); // replaced, never written
    }

    void aValueDicomCannotHoldIsRefusedBeforeAnythingIsWritten() {
        DicomExportDialog dialog(openSlide(slidePath_), QStringLiteral("slide.tif"));
        test::TempDir out;
        dialog.setOutputFolder(QString::fromStdString((out / "series").string()));
        dialog.seriesOptions()->field("PatientID")->setText(QStringLiteral("A\\B"));
        QVERIFY(!dialog.start());
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("PatientID")),
                 qPrintable(dialog.statusLabel()->text()));
        QVERIFY(std::filesystem::is_empty(out.path()));
    }

    void teachingAndResearchDeidentifyOtherDoesNot() {
        SendToArchiveDialog dialog(openSlide(slidePath_), QStringLiteral("slide.tif"), {});
        QCOMPARE(dialog.purposeBox()->currentIndex(), 0); // teaching
        QVERIFY(dialog.seriesOptions()->deidentifyBox()->isChecked());
        dialog.purposeBox()->setCurrentIndex(2);
        QVERIFY(!dialog.seriesOptions()->deidentifyBox()->isChecked());
        dialog.purposeBox()->setCurrentIndex(1);
        QVERIFY(dialog.seriesOptions()->deidentifyBox()->isChecked());
        QVERIFY(!dialog.annotationsBox()->isEnabled()); // nothing saved to carry
    }

    void aSentSlideReopensFromTheArchiveWithTheSamePixelsAndItsAnnotations() {
        if (!needOrthanc())
            QSKIP(qPrintable(orthancWhy_));
        SlideView* local =
            harness_.window().documents().open(QString::fromStdString(slidePath_.string()), true);
        QVERIFY(local && local->annotationSession());
        local->annotationSession()->addDrawn(
            {ShapeKind::Rectangle, {{400, 300}, {900, 300}, {900, 700}, {400, 700}}, {}});
        const std::unique_ptr<QDialog> created =
            harness_.window().annotationActions().createExportDialog(
                AnnotationActions::ExportKind::SendToArchive);
        auto* dialog = qobject_cast<SendToArchiveDialog*>(created.get());
        QVERIFY(dialog);
        test::TempDir staging;
        dialog->setStagingFolder(staging.path());
        signIn(*dialog, server_->dicomWebRoot());
        QVERIFY(dialog->annotationsBox()->isChecked()); // saved before the dialog opened
        dialog->seriesOptions()->pseudonymEdit()->setText(QStringLiteral("TEACH-01"));
        QVERIFY(dialog->start());
        QVERIFY2(waitForJob(*dialog, 120000), qPrintable(dialog->statusLabel()->text()));
        const QString status = dialog->statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("TEACH-01")) &&
                     status.contains(QStringLiteral("opens with this slide")),
                 qPrintable(status));
        QVERIFY(std::filesystem::is_empty(staging.path())); // the archive holds it all
        QVERIFY(!dialog->openCopyButton()->isHidden());

        const int before = harness_.window().slideCount();
        dialog->openCopyButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(harness_.window().slideCount(), before + 1, 30000);
        SlideView* remote = harness_.window().currentView();
        QVERIFY(remote && remote != local);
        QCOMPARE(QString::fromStdString(remote->slide().location()), dialog->sentSeriesAddress());
        QCOMPARE(QString::fromStdString(remote->slide().metadata().backend),
                 QStringLiteral("dicomweb"));
        expectSamePixels(local->slide(), remote->slide());
        QCOMPARE(remote->annotationSession()->document().annotationCount(), size_t(1));
        // De-identified: the archive knows the pseudonym only.
        const auto& props = remote->slide().metadata().properties;
        QCOMPARE(QString::fromStdString(props.at("dicom.PatientID")), QStringLiteral("TEACH-01"));
        QCOMPARE(QString::fromStdString(props.at("dicom.PatientIdentityRemoved")),
                 QStringLiteral("YES"));
    }

    void aRealSvsSentDeidentifiedReopensFromTheArchiveIdentical() {
        if (!needOrthanc())
            QSKIP(qPrintable(orthancWhy_));
        const auto slides = test::testSlidesDir();
        const auto svs = slides ? *slides / "aperio" / "CMU-1-Small-Region.svs" : fs::path();
        if (!slides || !fs::exists(svs))
            QSKIP("CMU-1-Small-Region.svs not found (set LAMINA_TEST_SLIDES)");
        const auto local = openSlide(svs);
        SendToArchiveDialog dialog(local, QStringLiteral("CMU-1-Small-Region.svs"), {});
        test::TempDir staging;
        dialog.setStagingFolder(staging.path());
        signIn(dialog, server_->dicomWebRoot());
        QVERIFY(dialog.seriesOptions()->deidentifyBox()->isChecked()); // teaching
        QVERIFY(dialog.start());
        QVERIFY2(waitForJob(dialog, 120000), qPrintable(dialog.statusLabel()->text()));
        // The archive copy, read back over DICOMweb with the credentials the send registered.
        const auto remote =
            FormatRegistry::standard().open(dialog.sentSeriesAddress().toStdString());
        QCOMPARE(QString::fromStdString(remote->metadata().backend), QStringLiteral("dicomweb"));
        expectSamePixels(*local, *remote); // its JPEG tiles were copied, not re-encoded
        QCOMPARE(QString::fromStdString(
                     remote->metadata().properties.at("dicom.PatientIdentityRemoved")),
                 QStringLiteral("YES"));
    }

    void aSendThatFailedIsSentAgainFromTheKeptSeries() {
        if (!needOrthanc())
            QSKIP(qPrintable(orthancWhy_));
        SendToArchiveDialog dialog(openSlide(test::synthesizedSlide(1800, 1400, 45)),
                                   QStringLiteral("retry.tif"), {});
        test::TempDir staging;
        dialog.setStagingFolder(staging.path());
        dialog.purposeBox()->setCurrentIndex(1); // research
        // A pseudonym of one's own: the same slide sent again is the same series (a random
        // one would make it another patient's).
        dialog.seriesOptions()->pseudonymEdit()->setText(QStringLiteral("STUDY-7"));
        // Nothing listens there: the conversion succeeds, the upload cannot.
        signIn(dialog, "http://127.0.0.1:9/dicom-web");
        QVERIFY(dialog.start());
        QVERIFY(!waitForJob(dialog, 120000));
        const QString failed = dialog.statusLabel()->text();
        QVERIFY2(failed.contains(QStringLiteral("127.0.0.1:9")), qPrintable(failed));
        QCOMPARE(dialog.startButton()->text(), tr("&Send Again"));
        QVERIFY(!std::filesystem::is_empty(staging.path())); // the series waits for the retry

        signIn(dialog, server_->dicomWebRoot());
        QVERIFY(dialog.start());
        QVERIFY2(waitForJob(dialog, 120000), qPrintable(dialog.statusLabel()->text()));
        QVERIFY(std::filesystem::is_empty(staging.path()));
        // Sending once more: the archive has it all, nothing goes out again.
        QVERIFY(dialog.start());
        QVERIFY2(waitForJob(dialog, 120000), qPrintable(dialog.statusLabel()->text()));
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("0 instance(s) sent")),
                 qPrintable(dialog.statusLabel()->text()));
    }

    // Preferences › Archive certificate authority: a file without a certificate is refused
    // by name and the dialog stays open; a real PEM certificate is kept and applied to the
    // archives' clients.
    void preferencesRefuseACertificateFileWithoutACertificateAndApplyAGoodOne() {
        test::TempDir dir;
        const fs::path key = dir / "archive.key", certificate = dir / "archive.pem";
        const auto made = test::runProcess(
            {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.string(),
             "-out", certificate.string(), "-days", "2", "-subj", "/CN=archive.hospital.example"});
        QVERIFY2(made.exitCode == 0, made.err.c_str());
        PreferencesDialog dialog(256ull << 20, 0, QString::fromStdString(key.string()), QString());
        dialog.show();
        QString warning;
        QTimer::singleShot(0, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                warning = box->text();
                box->accept();
            }
        });
        dialog.accept();
        QVERIFY2(warning.contains(QStringLiteral("archive.key holds no certificate")),
                 qPrintable(warning));
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(dialog.isVisible());

        auto* field = dialog.findChild<QLineEdit*>();
        QVERIFY(field);
        field->setText(QString::fromStdString(certificate.string()));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        AppSettings::setTrustedCaFile(dialog.trustedCaFile());
        QCOMPARE(QString::fromStdString(
                     DicomWebSettings::optionsFor("https://archive.hospital.example/dicom-web")
                         .trustedCaFile),
                 QString::fromStdString(certificate.string()));
        AppSettings::setTrustedCaFile(QString());
        QVERIFY(DicomWebSettings::optionsFor("https://a.example/dicom-web").trustedCaFile.empty());
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    test::isolateUserFolders(home);
    QApplication app(argc, argv);
    DicomDialogsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "DicomDialogsTest.moc"
