#pragma once
// A real DICOMweb archive for the tests: Orthanc (Debian `orthanc`) with its DICOMweb plugin
// (`orthanc-dicomweb`), started on a free loopback port with a temporary configuration and
// storage (no DICOM port, no remote access, HTTP basic authentication, gzip answers as
// deployed archives send, series metadata in full), stopped (or killed, to test the error path) by
// the test. Instances are uploaded through Orthanc's REST API. Thread-safety: one test thread.

#include "TestSupport.h"

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace lamina::test {

class OrthancServer {
public:
    static constexpr const char* kUser = "pathologist";
    static constexpr const char* kPassword = "slide-reader";

    // nullopt (with `why`) when Orthanc or its DICOMweb plugin is not installed. Throws
    // std::runtime_error when installed but it does not start.
    static std::optional<OrthancServer> start(std::string& why);
    OrthancServer(OrthancServer&& other) noexcept;
    OrthancServer& operator=(OrthancServer&&) = delete;
    ~OrthancServer(); // kills the server

    int port() const { return port_; }
    std::string dicomWebRoot() const; // "http://127.0.0.1:PORT/dicom-web"
    // Uploads every .dcm file of `folder`; throws std::runtime_error on a refusal.
    void upload(const std::filesystem::path& folder) const;
    // Removes a series (by its SeriesInstanceUID); throws std::runtime_error when Orthanc
    // does not hold it or refuses.
    void deleteSeries(const std::string& seriesUid) const;
    // SIGKILL, as a crash or a pulled cable would do.
    void kill();

private:
    OrthancServer() = default;
    pid_t pid_ = -1;
    int port_ = 0;
    std::unique_ptr<TempDir> dir_;
};

// Minimal HTTP/1.1 over loopback (Connection: close), for the fixtures: the status and body.
struct LoopbackAnswer {
    int status = 0;
    std::string body;
};
LoopbackAnswer loopbackRequest(int port, const std::string& method, const std::string& path,
                               const std::string& body = {}, const std::string& user = {},
                               const std::string& password = {});

// A free TCP port on 127.0.0.1 (bound once, then released).
int freeLoopbackPort();

} // namespace lamina::test
