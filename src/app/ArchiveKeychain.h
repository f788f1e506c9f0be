#pragma once
// DICOMweb sign-in details kept in the operating system's keychain (the Secret Service —
// GNOME Keyring, KWallet — on Linux; Keychain on macOS; Credential Manager on Windows) through
// QtKeychain, only when the user ticks "Remember in the system keychain". One entry per
// archive (service "Lamina DICOMweb", key = the service root), its value a small JSON object
// {"token"} or {"user", "password"}. Lamina writes the secret nowhere else and never logs it;
// the list of roots that have an entry (not a secret) is in AppSettings, so the keychain is
// only asked about archives the user chose to remember (asking may pop an unlock prompt).
// Every call is asynchronous (the keychain may wait for the user to unlock it): the callback
// runs later on the GUI thread, and not at all if `context` is destroyed first.
// Thread-safety: GUI thread only.

#include <lamina/slide/dicomweb/DicomWebClient.h>

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace lamina::ArchiveKeychain {

// `credentials`: the entry (nothing when there is none); `error`: why the keychain could not
// be read (no keychain on this system, locked and the user refused, an entry Lamina did not
// write), empty on success.
using LoadDone =
    std::function<void(std::optional<DicomWebCredentials> credentials, const QString& error)>;
// `error`: empty on success.
using Done = std::function<void(const QString& error)>;

void load(const QString& serviceRoot, QObject* context, LoadDone done);
// Stores the details and adds the root to AppSettings' remembered archives.
void save(const QString& serviceRoot, const DicomWebCredentials& credentials, QObject* context,
          Done done);
// Deletes the entry (none is fine) and drops the root from the remembered archives.
void forget(const QString& serviceRoot, QObject* context, Done done);

// True when the user chose to remember this archive's details (AppSettings; no keychain
// access).
bool isRemembered(const QString& serviceRoot);

// The value stored for `credentials`, and back (nothing for a value Lamina did not write).
QByteArray encode(const DicomWebCredentials& credentials);
std::optional<DicomWebCredentials> decode(const QByteArray& value);

} // namespace lamina::ArchiveKeychain
