#pragma once
// A DICOMweb client (QIDO-RS search, WADO-RS metadata and frames) for one archive's service
// root (e.g. "https://pacs.example.org/dicom-web").
//
// Requests run on the client's own network thread (a QNetworkAccessManager with its event
// loop), so any thread may call it and block for the answer; several requests are in flight
// at once (getAll, frames in chunks). Transient failures (connection refused or reset,
// timeouts, HTTP 408/429/5xx) are retried with exponential back-off; a request never waits
// longer than its time-out without bytes arriving, nor longer than four time-outs in all.
// Every failure is a lamina::Error naming the URL (never the credentials) and the cause:
// NotFound for 404, Io for refused access (401/403), unreachable servers and time-outs,
// Corrupt for answers that do not follow the standard.
//
// Needs a QCoreApplication in the process (lamina and lamina-cli create one; its event loop
// need not run). Credentials are sent as an Authorization header and never logged. A
// redirect is followed only to the archive's own origin (scheme, host, port) when signed in,
// and never from HTTPS to HTTP; any other is an Io error naming where it pointed, so the
// credentials never reach another server. HTTPS certificates are verified against the
// system's authorities plus, when given, one PEM file of the hospital's own (trustedCaFile);
// a certificate that fails is an Io error saying so: errors are never ignored.
// Thread-safety: every method may be called from any thread.

#include <lamina/slide/dicom/DicomInstance.h>
#include <lamina/slide/dicomweb/DicomJson.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace lamina {

struct DicomWebCredentials {
    std::string bearerToken;    // "Authorization: Bearer ..." when set
    std::string user, password; // HTTP basic otherwise, when user is set
    bool empty() const { return bearerToken.empty() && user.empty(); }
    std::string authorizationHeader() const; // empty when no credentials
};

struct DicomWebOptions {
    DicomWebCredentials credentials;
    int timeoutMs = 30000;     // without a byte arriving
    int retries = 3;           // after the first attempt, for transient failures only
    int firstBackoffMs = 250;  // doubled at each retry
    int framesPerRequest = 32; // WADO-RS frame list length (docs/performance.md)
    // Frame requests a tile loader's thread keeps in flight at once: its batch is
    // framesPerRequest x this many tiles. Over a link of 50 ms each way one request per
    // thread left the loader waiting on round trips (docs/performance.md, 2026-12-08).
    int requestsInFlight = 4;
    // PEM certificate authorities trusted beside the system's (an in-house archive's CA).
    std::string trustedCaFile;
    // Largest series metadata answer accepted, counted after HTTP decompression (archives
    // such as Orthanc gzip it): 1 GiB holds a series of ~100 000 per-frame items; a larger
    // or endlessly inflating answer is a Corrupt error, not an allocation.
    uint64_t maxMetadataBytes = uint64_t(1) << 30;
};

// What QIDO-RS searches for (empty fields are not sent). Name and ID match with a trailing
// wildcard; the date is DICOM's "YYYYMMDD" or a range "YYYYMMDD-YYYYMMDD".
struct DicomWebStudyQuery {
    std::string patientName, patientId, studyDate, accessionNumber;
    int limit = 200;
};

struct HttpAnswer {
    int status = 0;
    std::string contentType;
    std::vector<uint8_t> body;
};

class DicomWebClient {
public:
    // Throws lamina::Error(InvalidArgument) without a QCoreApplication or for a root that is
    // not an http(s) URL.
    DicomWebClient(std::string serviceRoot, DicomWebOptions options = {});
    ~DicomWebClient();
    DicomWebClient(const DicomWebClient&) = delete;
    DicomWebClient& operator=(const DicomWebClient&) = delete;

    const std::string& serviceRoot() const;
    const DicomWebOptions& options() const;

    // GET serviceRoot + path (path starts with '/'), with retries. Answers other than 2xx
    // throw. `maxBytes` bounds the body (a larger answer is an error, not an allocation);
    // compressed answers (Content-Encoding gzip / deflate) are accepted, and the bound counts
    // their decompressed bytes.
    HttpAnswer get(const std::string& path, const std::string& accept,
                   uint64_t maxBytes = uint64_t(1) << 30) const;
    struct Request {
        std::string path, accept;
    };
    // All requests in flight at once; answers in order. Throws the first failure (in request
    // order) after every request has finished or failed.
    std::vector<HttpAnswer> getAll(const std::vector<Request>& requests,
                                   uint64_t maxBytes = uint64_t(1) << 30) const;

    // QIDO-RS: studies holding slide microscopy (ModalitiesInStudy=SM) that match the query.
    std::vector<DicomWebStudy> searchStudies(const DicomWebStudyQuery& query) const;
    // QIDO-RS: the slide microscopy series (Modality=SM) of a study.
    std::vector<DicomWebSeries> searchSeries(const std::string& studyUid) const;
    // WADO-RS: the attributes of every instance of a series.
    std::vector<DicomAttributes> seriesMetadata(const std::string& studyUid,
                                                const std::string& seriesUid) const;
    // WADO-RS: frames (0-based) of an instance as stored (transfer-syntax=*), or as JPEG
    // baseline when the archive refuses that; options().framesPerRequest frames per request,
    // the requests in flight together. Answers are parsed strictly (one part per frame).
    std::vector<DicomFrame> retrieveFrames(const std::string& studyUid,
                                           const std::string& seriesUid,
                                           const std::string& sopInstanceUid,
                                           const std::vector<int64_t>& frames) const;

    // WADO-RS bulk data (e.g. an ICC profile the metadata refers to by BulkDataURI). Only
    // URIs under this client's service root are fetched (credentials never go elsewhere):
    // others throw lamina::Error(InvalidArgument).
    std::vector<uint8_t> retrieveBulkData(const std::string& uri) const;

    // STOW-RS: POST serviceRoot/studies with `files` (DICOM Part 10 files) as one
    // multipart/related; type="application/dicom" body streamed from disk. The archive's
    // answer is returned whatever its status (200 stored, 202 some refused, 409 none stored:
    // the body's FailedSOPSequence says which); transient failures are retried like GETs;
    // redirects are not followed. Throws lamina::Error(Io) for unreachable archives, refused
    // access (401/403) and other statuses.
    HttpAnswer storeInstances(const std::vector<std::filesystem::path>& files) const;
    // QIDO-RS: the SOP Instance UIDs the archive holds in a series (empty when none).
    std::vector<std::string> instancesInSeries(const std::string& studyUid,
                                               const std::string& seriesUid) const;

    // Requests sent and retried since construction (for tests and benchmarks).
    uint64_t requestCount() const;
    uint64_t retryCount() const;

private:
    class Engine;
    std::unique_ptr<Engine> engine_;
};

} // namespace lamina
