#include "OrthancServer.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace lamina::test {
namespace fs = std::filesystem;
namespace {

std::string base64(const std::string& in) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (const unsigned char c : in) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += table[(buffer >> bits) & 63];
        }
    }
    if (bits > 0)
        out += table[(buffer << (6 - bits)) & 63];
    while (out.size() % 4)
        out += '=';
    return out;
}

std::optional<fs::path> dicomWebPlugin() {
    for (const char* p : {"/usr/share/orthanc/plugins/libOrthancDicomWeb.so",
                          "/usr/lib/orthanc/libOrthancDicomWeb.so.1.7"})
        if (fs::exists(p))
            return fs::path(p);
    return std::nullopt;
}

} // namespace

int freeLoopbackPort() {
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (s < 0 || ::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("no free loopback port");
    ::close(s);
    return ntohs(address.sin_port);
}

LoopbackAnswer loopbackRequest(int port, const std::string& method, const std::string& path,
                               const std::string& body, const std::string& user,
                               const std::string& password) {
    LoopbackAnswer answer;
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(uint16_t(port));
    if (s < 0 || ::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (s >= 0)
            ::close(s);
        return answer; // status 0: nothing listens
    }
    std::ostringstream request;
    request << method << ' ' << path << " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            << "Content-Length: " << body.size() << "\r\n";
    if (!user.empty())
        request << "Authorization: Basic " << base64(user + ":" + password) << "\r\n";
    request << "\r\n" << body;
    const std::string bytes = request.str();
    for (size_t sent = 0; sent < bytes.size();) {
        const ssize_t n = ::send(s, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;
        sent += size_t(n);
    }
    std::string reply;
    char buffer[65536];
    for (ssize_t n; (n = ::recv(s, buffer, sizeof buffer, 0)) > 0;)
        reply.append(buffer, size_t(n));
    ::close(s);
    if (reply.rfind("HTTP/1.", 0) == 0 && reply.size() > 12)
        answer.status = std::atoi(reply.c_str() + 9);
    if (const size_t end = reply.find("\r\n\r\n"); end != std::string::npos)
        answer.body = reply.substr(end + 4);
    return answer;
}

std::optional<OrthancServer> OrthancServer::start(std::string& why) {
    const auto plugin = dicomWebPlugin();
    if (runProcess({"Orthanc", "--version"}).exitCode != 0 || !plugin) {
        why = "Orthanc with its DICOMweb plugin is not installed (scripts/install-deps.sh "
              "installs orthanc and orthanc-dicomweb)";
        return std::nullopt;
    }
    OrthancServer server;
    server.dir_ = std::make_unique<TempDir>();
    const fs::path dir = server.dir_->path();
    fs::create_directories(dir / "storage");
    server.port_ = freeLoopbackPort();
    {
        std::ofstream config(dir / "orthanc.json");
        config << "{\n"
               << R"("Name": "lamina-tests", "StorageDirectory": ")" << (dir / "storage").string()
               << R"(", "IndexDirectory": ")" << (dir / "storage").string() << "\",\n"
               << R"("HttpPort": )" << server.port_ << ",\n"
               << R"("DicomServerEnabled": false, "RemoteAccessAllowed": false,
                  "AuthenticationEnabled": true,
                  "RegisteredUsers": { ")"
               << kUser << R"(": ")" << kPassword << R"(" },
                  "HttpThreadsCount": 8, "SaveJobs": false, "StorageCompression": false,
                  "HttpCompressionEnabled": true,
                  "Plugins": [ ")"
               << plugin->string() << R"(" ],
                  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "SeriesMetadata": "Full",
                                "StudiesMetadata": "Full", "EnableWado": false }
               })";
    }
    server.pid_ = ::fork();
    if (server.pid_ < 0)
        throw std::runtime_error("fork failed");
    if (server.pid_ == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive a crashed test
        const int log = ::open((dir / "orthanc.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(log, STDOUT_FILENO);
        ::dup2(log, STDERR_FILENO);
        const std::string config = (dir / "orthanc.json").string();
        ::execlp("Orthanc", "Orthanc", config.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // Ready when /system answers (a few hundred ms; up to 30 s on a loaded machine).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (loopbackRequest(server.port_, "GET", "/system", {}, kUser, kPassword).status != 200) {
        int status = 0;
        if (::waitpid(server.pid_, &status, WNOHANG) == server.pid_) {
            server.pid_ = -1;
            std::ifstream log(dir / "orthanc.log");
            std::stringstream text;
            text << log.rdbuf();
            throw std::runtime_error("Orthanc exited at start: " + text.str());
        }
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("Orthanc did not answer within 30 s");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return server;
}

OrthancServer::OrthancServer(OrthancServer&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), port_(other.port_), dir_(std::move(other.dir_)) {}

OrthancServer::~OrthancServer() {
    kill();
}

std::string OrthancServer::dicomWebRoot() const {
    return "http://127.0.0.1:" + std::to_string(port_) + "/dicom-web";
}

void OrthancServer::upload(const fs::path& folder) const {
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() != ".dcm")
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        const auto answer = loopbackRequest(port_, "POST", "/instances", bytes, kUser, kPassword);
        if (answer.status != 200)
            throw std::runtime_error("Orthanc refused " + entry.path().string() + ": HTTP " +
                                     std::to_string(answer.status) + " " + answer.body);
    }
}

void OrthancServer::deleteSeries(const std::string& seriesUid) const {
    // Orthanc names resources by its own IDs: look the UID up first.
    const auto found = loopbackRequest(port_, "POST", "/tools/lookup", seriesUid, kUser, kPassword);
    const auto matches = nlohmann::json::parse(found.body, nullptr, false);
    if (found.status != 200 || !matches.is_array() || matches.empty() || !matches[0].contains("ID"))
        throw std::runtime_error("Orthanc does not know series " + seriesUid + ": HTTP " +
                                 std::to_string(found.status) + " " + found.body);
    const std::string id = matches[0]["ID"].get<std::string>();
    const auto deleted = loopbackRequest(port_, "DELETE", "/series/" + id, {}, kUser, kPassword);
    if (deleted.status != 200)
        throw std::runtime_error("Orthanc did not delete series " + seriesUid + ": HTTP " +
                                 std::to_string(deleted.status) + " " + deleted.body);
}

void OrthancServer::kill() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

} // namespace lamina::test
