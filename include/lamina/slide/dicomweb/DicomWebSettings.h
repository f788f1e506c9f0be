#pragma once
// Process-wide DICOMweb settings: the credentials of each archive (per service root, set by
// the Open from archive dialog for the session; never written to disk by Lamina, never
// logged), and the optional on-disk frame cache. Without credentials set for a root, the
// environment is used, for scripts and lamina-cli:
//   LAMINA_DICOMWEB_TOKEN                       bearer token, or
//   LAMINA_DICOMWEB_USER, LAMINA_DICOMWEB_PASSWORD   HTTP basic
//   LAMINA_DICOMWEB_CACHE, LAMINA_DICOMWEB_CACHE_MB  disk cache folder and size (MiB, 2048)
//   LAMINA_DICOMWEB_TIMEOUT_MS                  time-out without bytes (30000)
//   LAMINA_DICOMWEB_CA_FILE                     PEM certificate authorities to trust too
//   LAMINA_DICOMWEB_FRAMES_PER_REQUEST          frames asked per WADO-RS request (32)
//   LAMINA_DICOMWEB_REQUESTS_IN_FLIGHT          frame requests per loader thread at once (4)
// Thread-safety: every function may be called from any thread.

#include <lamina/slide/dicomweb/DicomWebClient.h>
#include <lamina/slide/dicomweb/DicomWebDiskCache.h>

#include <filesystem>
#include <memory>
#include <string>

namespace lamina {

class DicomWebSettings {
public:
    static void setCredentials(const std::string& serviceRoot, DicomWebCredentials credentials);
    // True when setCredentials() was called for this root in this session.
    static bool hasCredentials(const std::string& serviceRoot);
    // The options a client of this root gets (credentials set here, else the environment's).
    static DicomWebOptions optionsFor(const std::string& serviceRoot);
    // Certificate authorities (a PEM file) every archive's certificate may chain to, beside
    // the system's (Preferences); empty = LAMINA_DICOMWEB_CA_FILE, if set.
    static void setTrustedCaFile(const std::string& path);
    // Turns the disk cache on (a folder and a size) or off (an empty folder). Throws
    // lamina::Error(Io) when the folder cannot be created.
    static void setDiskCache(const std::filesystem::path& folder, uint64_t maxBytes);
    // The disk cache, or null when off (the environment's, unless set here).
    static std::shared_ptr<DicomWebDiskCache> diskCache();
};

} // namespace lamina
