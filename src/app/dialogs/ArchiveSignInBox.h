#pragma once
// The "DICOMweb archive" part of Open from Archive… and Send to Archive…: the archive's
// address (the last one used and the archives whose sign-in is remembered are offered), how
// to sign in (nothing, a bearer token, or a user name and password), and "Remember in the
// system keychain". Remembered details are filled in from the keychain (ArchiveKeychain)
// when the address is a remembered archive; once the archive accepted them (afterSuccess),
// they are saved there or forgotten as the box says. commit() makes them this session's
// credentials for that archive (DicomWebSettings) and remembers address and user name
// (AppSettings). Passwords and tokens are never written anywhere else, never logged.
// Thread-safety: GUI thread only.

#include <lamina/slide/dicomweb/DicomWebClient.h>

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace lamina {

class ArchiveSignInBox : public QGroupBox {
    Q_OBJECT
public:
    explicit ArchiveSignInBox(QWidget* parent = nullptr);

    // The service root as typed, trailing slashes dropped; a pasted series address
    // (…/studies/UID/series/UID) counts as its root.
    QString serviceRoot() const;
    QString addressText() const;
    void setServiceRoot(const QString& root);
    DicomWebCredentials credentials() const;
    // Options for a client of this archive with these credentials, for a person waiting (one
    // retry, a short timeout: say what is wrong rather than insist).
    DicomWebOptions clientOptions() const;

    // The archive accepted the details: save them in the keychain or forget them, as ticked.
    void afterSuccess();
    // Registers the details as this session's for the archive and remembers address and
    // user (no keychain access: after afterSuccess, which did the keychain part).
    void rememberForSession();
    // rememberForSession() and the keychain choice (its outcome is logged: the dialog may be
    // closing), for a dialog that ends without a request having proved the details.
    void commit();

    QCheckBox* rememberBox() const { return remember_; }
    QLabel* keychainLabel() const { return keychainNote_; }

signals:
    void addressChanged();
    // The system keychain answered: details filled in, saved or forgotten (ok), or not.
    void keychainFinished(bool ok);

private:
    void loadRememberedSignIn();
    void showKeychainNote(const QString& message, bool isError);

    QFormLayout* form_;
    QLineEdit* address_;
    QComboBox* signIn_;
    QLineEdit* token_;
    QLineEdit* user_;
    QLineEdit* password_;
    QCheckBox* remember_;
    QLabel* keychainNote_;
};

} // namespace lamina
