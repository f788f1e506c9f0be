// Archive sign-in details in the system keychain, as a pathologist uses them: ticked once, a
// successful search stores them; the next dialog fills them in; a slide of that archive
// reopened from Recent in a new session signs in with them; unticking forgets them; an entry
// Lamina did not write is refused. Runs against a private GNOME Keyring on a private D-Bus
// (tests/support/with-test-keyring.sh) and a real archive (Orthanc with a user and password,
// holding a pydicom-written series). The ctest `KeychainWithoutKeyring` runs the last function
// with no D-Bus at all: the user is told, and the details still serve the session.

#include "AppSettings.h"
#include "ArchiveKeychain.h"
#include "OrthancServer.h"
#include "SlideDocuments.h"
#include "ViewerHarness.h"
#include "dialogs/OpenFromArchiveDialog.h"

#include <lamina/slide/dicom/DicomInstance.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <qt6keychain/keychain.h>

using namespace lamina;

namespace {

// Waits for an asynchronous keychain call; false when it did not answer within 20 s.
template <typename Start>
bool waitFor(Start start) {
    bool answered = false;
    start([&answered] { answered = true; });
    return QTest::qWaitFor([&] { return answered; }, 20000);
}

std::optional<DicomWebCredentials> loadNow(const QString& root, QString* error = nullptr) {
    std::optional<DicomWebCredentials> loaded;
    const bool ok = waitFor([&](auto answered) {
        ArchiveKeychain::load(root, qApp, [&, answered](auto credentials, const QString& e) {
            loaded = credentials;
            if (error)
                *error = e;
            answered();
        });
    });
    if (!ok)
        qWarning("the keychain did not answer");
    return loaded;
}

QString saveNow(const QString& root, const DicomWebCredentials& c) {
    QString error = QStringLiteral("no answer");
    waitFor([&](auto answered) {
        ArchiveKeychain::save(root, c, qApp, [&, answered](const QString& e) {
            error = e;
            answered();
        });
    });
    return error;
}

} // namespace

class KeychainTest : public QObject {
    Q_OBJECT

private:
    std::optional<test::OrthancServer> server_;
    std::unique_ptr<test::TempDir> series_;
    std::string studyUid_, seriesUid_;
    test::ViewerHarness harness_;

    QString root() const { return QString::fromStdString(server_->dicomWebRoot()); }
    QString seriesAddress() const {
        return root() + QString::fromStdString("/studies/" + studyUid_ + "/series/" + seriesUid_);
    }
    static DicomWebCredentials rightPassword() {
        return {"", test::OrthancServer::kUser, test::OrthancServer::kPassword};
    }
    // Types the test archive's address, user and password, ticks "Remember", searches.
    void searchRememberingTheRightPassword(OpenFromArchiveDialog& dialog) const {
        dialog.setServiceRoot(root());
        dialog.findChild<QComboBox*>(QStringLiteral("signIn"))->setCurrentIndex(2);
        dialog.findChild<QLineEdit*>(QStringLiteral("user"))
            ->setText(QString::fromLatin1(test::OrthancServer::kUser));
        dialog.findChild<QLineEdit*>(QStringLiteral("password"))
            ->setText(QString::fromLatin1(test::OrthancServer::kPassword));
        dialog.rememberBox()->setChecked(true);
        dialog.search();
    }
    // Skips (fails under CI) without a private keyring.
    static bool keyringMissing() { return qEnvironmentVariableIsSet("LAMINA_NO_TEST_KEYRING"); }

private slots:
    void initTestCase() {
        std::string why;
        series_ = std::make_unique<test::TempDir>();
        why = test::writeMultiPyramidDicom(series_->path());
        if (why.empty())
            if (auto started = test::OrthancServer::start(why))
                server_.emplace(std::move(*started));
        if (!server_) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL(why.c_str());
            QSKIP(why.c_str());
        }
        server_->upload(series_->path());
        const DicomInstance d = DicomInstance::read(series_->path() / "level0.dcm");
        studyUid_ = d.studyUid;
        seriesUid_ = d.seriesUid;
        QVERIFY(harness_.start());
    }
    void init() {
        if (keyringMissing() && !QString::fromLatin1(QTest::currentTestFunction())
                                     .startsWith(QStringLiteral("withoutAKeychain"))) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("gnome-keyring or dbus-run-session missing (scripts/install-deps.sh)");
            QSKIP("gnome-keyring or dbus-run-session missing (scripts/install-deps.sh)");
        }
    }
    void cleanupTestCase() { harness_.stop(); }

    void detailsRoundTripThroughTheKeychainPerArchive() {
        const QString a = QStringLiteral("https://a.example/dicom-web");
        const QString b = QStringLiteral("https://b.example/dicom-web/"); // trailing slash
        QCOMPARE(saveNow(a, {"tok-123", "", ""}), QString());
        QCOMPARE(saveNow(b, {"", "alice", "pa:ss\"word"}), QString());
        QVERIFY(ArchiveKeychain::isRemembered(a));
        QVERIFY(ArchiveKeychain::isRemembered(QStringLiteral("https://b.example/dicom-web")));
        auto loaded = loadNow(a);
        QVERIFY(loaded);
        QCOMPARE(QString::fromStdString(loaded->bearerToken), QStringLiteral("tok-123"));
        loaded = loadNow(b);
        QVERIFY(loaded);
        QCOMPARE(QString::fromStdString(loaded->user), QStringLiteral("alice"));
        QCOMPARE(QString::fromStdString(loaded->password), QStringLiteral("pa:ss\"word"));
        QString error;
        QVERIFY(!loadNow(QStringLiteral("https://c.example/dicom-web"), &error));
        QCOMPARE(error, QString()); // nothing stored is not an error
        QVERIFY(waitFor([&](auto answered) {
            ArchiveKeychain::forget(a, qApp, [answered](const QString&) { answered(); });
        }));
        QVERIFY(!ArchiveKeychain::isRemembered(a));
        QVERIFY(!loadNow(a));
        // The secret is in the keychain only: in no file of Lamina's settings or data.
        AppSettings::setArchive(b, QStringLiteral("alice"));
        for (const char* variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME"}) {
            QDirIterator files(qEnvironmentVariable(variable), QDir::Files,
                               QDirIterator::Subdirectories);
            while (files.hasNext()) {
                QFile file(files.next());
                QVERIFY(file.open(QIODevice::ReadOnly));
                QVERIFY2(!file.readAll().contains("pa:ss"), qPrintable(file.fileName()));
            }
        }
    }

    void anEntryLaminaDidNotWriteIsRefusedNotUsed() {
        const QString root = QStringLiteral("https://foreign.example/dicom-web");
        auto* job = new QKeychain::WritePasswordJob(QStringLiteral("Lamina DICOMweb"));
        job->setKey(root);
        job->setTextData(QStringLiteral("<not json>"));
        QSignalSpy done(job, &QKeychain::Job::finished);
        job->start();
        QVERIFY(done.wait(20000));
        QString error;
        QVERIFY(!loadNow(root, &error));
        QVERIFY2(error.contains(QStringLiteral("not written by Lamina")), qPrintable(error));
        QVERIFY(ArchiveKeychain::decode(R"({"user": 3})") == std::nullopt);
        QVERIFY(ArchiveKeychain::decode(R"({"token": ""})") == std::nullopt);
        QVERIFY(ArchiveKeychain::decode(QByteArray("\xff\xfe", 2)) == std::nullopt);
    }

    void aSuccessfulSearchStoresTheDetailsAndTheNextDialogFillsThemIn() {
        {
            OpenFromArchiveDialog dialog;
            QSignalSpy stored(&dialog, &OpenFromArchiveDialog::keychainFinished);
            searchRememberingTheRightPassword(dialog);
            QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 1, 20000);
            QCOMPARE(stored.at(0).at(0).toBool(), true);
            QVERIFY2(dialog.keychainLabel()->text().contains(QStringLiteral("saved in the system")),
                     qPrintable(dialog.keychainLabel()->text()));
            QCOMPARE(dialog.studiesTable()->rowCount(), 1);
        }
        QVERIFY(ArchiveKeychain::isRemembered(root()));
        AppSettings::setArchive(root(), QString::fromLatin1(test::OrthancServer::kUser));
        OpenFromArchiveDialog next; // opens on the remembered archive
        QSignalSpy filled(&next, &OpenFromArchiveDialog::keychainFinished);
        QTRY_COMPARE_WITH_TIMEOUT(filled.count(), 1, 20000);
        QVERIFY(next.rememberBox()->isChecked());
        QVERIFY(next.keychainLabel()->text().contains(QStringLiteral("filled in")));
        QCOMPARE(QString::fromStdString(next.credentials().password),
                 QString::fromLatin1(test::OrthancServer::kPassword));
        QSignalSpy searched(&next, &OpenFromArchiveDialog::searchFinished);
        next.search();
        QTRY_VERIFY_WITH_TIMEOUT(!searched.isEmpty(), 20000);
        QCOMPARE(searched.at(0).at(0).toBool(), true);
    }

    void aRememberedArchivesSlideReopensSignedInFromTheKeychain() {
        // As after a restart: nothing in the session, the details in the keychain.
        QCOMPARE(saveNow(root(), rightPassword()), QString());
        QVERIFY(!DicomWebSettings::hasCredentials(root().toStdString()));
        harness_.window().documents().openInBackground(
            seriesAddress()); // File › Open Recent does this
        QTRY_COMPARE_WITH_TIMEOUT(harness_.window().slideCount(), 1, 20000);
        QCOMPARE(QString::fromStdString(harness_.window().currentView()->slide().location()),
                 seriesAddress());
        QCOMPARE(QString::fromStdString(
                     DicomWebSettings::optionsFor(root().toStdString()).credentials.password),
                 QString::fromLatin1(test::OrthancServer::kPassword));
        harness_.window().closeTab(0);
    }

    void untickingForgetsTheDetails() {
        QCOMPARE(saveNow(root(), rightPassword()), QString());
        AppSettings::setArchive(root(), QString::fromLatin1(test::OrthancServer::kUser));
        OpenFromArchiveDialog dialog;
        QSignalSpy filled(&dialog, &OpenFromArchiveDialog::keychainFinished);
        QTRY_COMPARE_WITH_TIMEOUT(filled.count(), 1, 20000);
        dialog.rememberBox()->setChecked(false);
        QSignalSpy searched(&dialog, &OpenFromArchiveDialog::searchFinished);
        dialog.search();
        QTRY_COMPARE_WITH_TIMEOUT(filled.count(), 2, 20000); // forgotten after the search
        QVERIFY(!ArchiveKeychain::isRemembered(root()));
        QVERIFY(!loadNow(root()));
        QVERIFY2(dialog.keychainLabel()->text().contains(QStringLiteral("removed from the system")),
                 qPrintable(dialog.keychainLabel()->text()));
    }

    void withoutAKeychainTheDetailsStayForTheSessionAndTheUserIsTold() {
        if (!keyringMissing())
            QSKIP("runs as the ctest KeychainWithoutKeyring, without D-Bus");
        OpenFromArchiveDialog dialog;
        QSignalSpy stored(&dialog, &OpenFromArchiveDialog::keychainFinished);
        searchRememberingTheRightPassword(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 1, 30000);
        QCOMPARE(stored.at(0).at(0).toBool(), false);
        const QString status = dialog.keychainLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("kept for this session only")), qPrintable(status));
        QVERIFY(status.contains(QStringLiteral("#b00020")));
        QVERIFY(!status.contains(QString::fromLatin1(test::OrthancServer::kPassword)));
        QVERIFY(!ArchiveKeychain::isRemembered(root()));
        QCOMPARE(dialog.studiesTable()->rowCount(), 1); // the search itself worked
    }
};

int main(int argc, char** argv) {
    QTemporaryDir home;
    test::isolateUserFolders(home);
    QApplication app(argc, argv);
    KeychainTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "KeychainTest.moc"
