#pragma once
// File › Open from Archive…: browse a DICOMweb archive and pick a slide. The user gives the
// archive's address (or pastes a whole series address) and how to sign in
// (ArchiveSignInBox), and optional patient / study filters; QIDO-RS lists
// the studies holding slide microscopy (SM), then a study's SM series; Open hands back the
// series address for the main window to open. Credentials are registered with
// DicomWebSettings for the session; with "Remember in the system keychain" ticked they are
// also stored in the OS keychain (ArchiveKeychain) once a search succeeds with them, and
// filled in from there next time; unticking forgets them. Never written anywhere else, never
// logged. The address and user name are remembered (AppSettings).
// Searches run on a worker thread (the dialog stays live); an answer that arrives after a
// newer search, or after the dialog closed, is dropped. Errors show in red under the lists.
// Thread-safety: GUI thread only.

#include <lamina/slide/dicomweb/DicomWebClient.h>

#include <QDialog>

#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace lamina {

class ArchiveSignInBox;

class OpenFromArchiveDialog : public QDialog {
    Q_OBJECT
public:
    explicit OpenFromArchiveDialog(QWidget* parent = nullptr);

    // The address of the chosen series ("…/studies/UID/series/UID"); empty until one is.
    QString seriesAddress() const;
    // The archive's service root as typed (a pasted series address counts as its root).
    QString serviceRoot() const;
    DicomWebCredentials credentials() const;

    void setServiceRoot(const QString& root);
    // Starts a study search with the current filters (also the Search button).
    void search();

    QTableWidget* studiesTable() const { return studies_; }
    QTableWidget* seriesTable() const { return series_; }
    QLabel* statusLabel() const { return status_; }
    QCheckBox* rememberBox() const;
    // What the system keychain did (filled in, saved, removed) or why it could not.
    QLabel* keychainLabel() const;

signals:
    // A search (studies or series) ended: ok, or the error shown.
    void searchFinished(bool ok);
    // The system keychain answered: details filled in (loaded), saved or forgotten, or not
    // (the error is shown).
    void keychainFinished(bool ok);

public slots:
    void accept() override; // registers the credentials, remembers address and user

private:
    void searchSeries(const QString& studyUid);
    // Runs `work` on a worker thread with a client for the current root and credentials;
    // `done` runs on the GUI thread with the result, if this is still the latest request.
    template <typename Result>
    void ask(std::function<Result(const DicomWebClient&)> work,
             std::function<void(const Result&)> done);
    void showError(const QString& message);
    void updateOpenButton();

    ArchiveSignInBox* signIn_; // address, sign-in, keychain
    QLineEdit* patientName_;
    QLineEdit* patientId_;
    QLineEdit* studyDate_;
    QLineEdit* accession_;
    QTableWidget* studies_;
    QTableWidget* series_;
    QLabel* status_;
    QDialogButtonBox* buttons_;
    uint64_t generation_ = 0; // the latest request; older answers are dropped
};

} // namespace lamina
