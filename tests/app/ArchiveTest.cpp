// Slides from a DICOMweb archive, as a pathologist meets them: File › Open from Archive…
// browses a real archive (Orthanc + DICOMweb plugin, started here on a free loopback port with
// a user and password), a wrong password is refused in red, the chosen series opens in a tab
// without blocking the window, its annotations are kept under its Study/Series UIDs, and when
// the archive dies mid-session the view says why tiles are missing instead of hanging.

#include "OrthancServer.h"
#include "SlideDocuments.h"
#include "ViewerHarness.h"
#include "annotation/AnnotationSession.h"
#include "dialogs/OpenFromArchiveDialog.h"

#include <lamina/slide/dicom/DicomInstance.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>

using namespace lamina;

class ArchiveTest : public QObject {
    Q_OBJECT

private:
    std::optional<test::OrthancServer> server_;
    std::unique_ptr<test::TempDir> converted_;
    std::string study_, series_;
    test::ViewerHarness harness_;

    QString seriesAddress() const {
        return QString::fromStdString(server_->dicomWebRoot() + "/studies/" + study_ + "/series/" +
                                      series_);
    }

    // The dialog pointed at the test archive, signed in with `password`.
    void fillIn(OpenFromArchiveDialog& dialog, const QString& password) {
        dialog.setServiceRoot(QString::fromStdString(server_->dicomWebRoot()));
        dialog.findChild<QComboBox*>()->setCurrentIndex(2); // user name and password
        const auto edits = dialog.findChildren<QLineEdit*>();
        for (QLineEdit* e : edits) {
            if (e->echoMode() == QLineEdit::Password && e->isVisibleTo(&dialog))
                e->setText(password);
            else if (e->placeholderText() == QStringLiteral("Patient name"))
                e->setText(QStringLiteral("TEST"));
        }
        for (QLineEdit* e : edits) // the user name field: visible, plain, empty placeholder
            if (e->echoMode() == QLineEdit::Normal && e->placeholderText().isEmpty() &&
                e != edits.first() && e->isVisibleTo(&dialog))
                e->setText(QString::fromLatin1(test::OrthancServer::kUser));
    }

private slots:
    void initTestCase() {
        std::string why;
        if (!test::hasDicomizer())
            why = "OrthancWSIDicomizer missing (scripts/install-deps.sh installs orthanc-wsi)";
        else if (auto started = test::OrthancServer::start(why))
            server_.emplace(std::move(*started));
        if (!server_) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL(why.c_str());
            QSKIP(why.c_str());
        }
        converted_ = std::make_unique<test::TempDir>();
        test::dicomize(test::synthesizedSlide(2400, 1800, 41), converted_->path(), 0.6, 0.45);
        server_->upload(converted_->path());
        const DicomInstance d = DicomInstance::read(converted_->path() / "wsi-000000.dcm");
        study_ = d.studyUid;
        series_ = d.seriesUid;
        QVERIFY(harness_.start());
    }
    void cleanupTestCase() { harness_.stop(); }

    void browsingFindsTheSlideAndOpenGivesItsAddress() {
        OpenFromArchiveDialog dialog;
        fillIn(dialog, QString::fromLatin1(test::OrthancServer::kPassword));
        QSignalSpy finished(&dialog, &OpenFromArchiveDialog::searchFinished);
        dialog.search();
        // The study search, then the series search of the one study found.
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(dialog.studiesTable()->rowCount(), 1);
        QCOMPARE(dialog.studiesTable()->item(0, 0)->text(), QStringLiteral("TEST, ONLY"));
        QCOMPARE(dialog.seriesTable()->rowCount(), 1);
        QCOMPARE(dialog.seriesAddress(), seriesAddress());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        // The credentials now serve the viewer's requests for this archive (this session).
        const auto options = DicomWebSettings::optionsFor(server_->dicomWebRoot());
        QCOMPARE(QString::fromStdString(options.credentials.user),
                 QString::fromLatin1(test::OrthancServer::kUser));
    }

    void aWrongPasswordIsRefusedInRed() {
        OpenFromArchiveDialog dialog;
        fillIn(dialog, QStringLiteral("not-the-password"));
        QSignalSpy finished(&dialog, &OpenFromArchiveDialog::searchFinished);
        dialog.search();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(dialog.studiesTable()->rowCount(), 0);
        const QString status = dialog.statusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("refused access")), qPrintable(status));
        QVERIFY(status.contains(QStringLiteral("#b00020")));
        QVERIFY(!status.contains(QStringLiteral("not-the-password")));
    }

    void theSlideOpensInATabAndTheArchiveDyingShowsInTheView() {
        DicomWebSettings::setCredentials(server_->dicomWebRoot(), {"", test::OrthancServer::kUser,
                                                                   test::OrthancServer::kPassword});
        harness_.window().documents().openInBackground(seriesAddress());
        QTRY_COMPARE_WITH_TIMEOUT(harness_.window().slideCount(), 1, 20000);
        SlideView* view = harness_.window().currentView();
        QVERIFY(view);
        QCOMPARE(QString::fromStdString(view->slide().metadata().backend),
                 QStringLiteral("dicomweb"));
        auto* tabs = harness_.window().findChild<QTabWidget*>();
        QVERIFY(tabs->tabText(tabs->currentIndex()).contains(QStringLiteral("series")));
        // Annotations are kept under the UIDs, in the data folder.
        const std::string store = view->annotationSession()->storePath().filename().string();
        QCOMPARE(QString::fromStdString(store),
                 QString::fromStdString("dicom-" + study_ + "-" + series_ + ".geojson"));
        QTRY_VERIFY_WITH_TIMEOUT(view->isSharp() && view->lastFrameStats().sharp(), 20000);
        QCOMPARE(view->lastFrameStats().failed, 0);

        server_->kill();
        view->setMagnification(40);
        view->centerOn(QPointF(1900, 1500)); // tiles never read before
        QTRY_VERIFY_WITH_TIMEOUT(view->lastFrameStats().failed > 0, 30000);
        const QString why = QString::fromStdString(view->lastFrameStats().firstFailure);
        QVERIFY2(why.contains(QStringLiteral("cannot reach the archive")), qPrintable(why));
        QVERIFY(harness_.window().isVisible()); // still up, still usable
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    test::isolateUserFolders(home);
    QApplication app(argc, argv);
    ArchiveTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "ArchiveTest.moc"
