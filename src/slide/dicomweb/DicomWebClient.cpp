#include "dicomweb/MultipartRelated.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/slide/dicomweb/DicomWebClient.h>

#include <QCoreApplication>
#include <QFile>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>

namespace lamina {
namespace {

constexpr const char* kJsonAccept = "application/dicom+json";
constexpr const char* kStoredFramesAccept =
    R"(multipart/related; type="application/octet-stream"; transfer-syntax=*)";
constexpr const char* kJpegFramesAccept =
    R"(multipart/related; type="image/jpeg"; transfer-syntax=1.2.840.10008.1.2.4.50)";

// The result of one request after its retries: the answer, or the error it ended with.
struct Outcome {
    HttpAnswer answer;
    std::exception_ptr error;
};

// One blocking call's requests: the caller waits until `remaining` is 0.
struct Call {
    std::vector<DicomWebClient::Request> requests;
    // STOW-RS: the files of each request's multipart body (empty: a GET).
    std::vector<std::vector<std::filesystem::path>> uploads;
    uint64_t maxBytes = 0;
    std::vector<Outcome> outcomes;
    std::mutex mutex;
    std::condition_variable done;
    size_t remaining = 0;
};

bool transientStatus(int status) {
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
           status == 504;
}

bool transientNetworkError(QNetworkReply::NetworkError e) {
    switch (e) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer time-out aborts this way
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyTimeoutError:
        return true;
    default:
        return false;
    }
}

// The transfer syntax of a frame part: its own transfer-syntax parameter, else what its media
// type implies, else the answer's type parameter.
std::string transferSyntaxOf(const std::string& partType, const std::string& answerType) {
    for (const std::string& type : {partType, answerType}) {
        if (type.empty())
            continue;
        if (auto ts = contentTypeParameter(type, "transfer-syntax"))
            return *ts;
        const std::string media = contentTypeMediaType(type);
        if (media == "image/jpeg")
            return "1.2.840.10008.1.2.4.50";
        if (media == "image/jp2" || media == "image/jpx" || media == "image/j2c")
            return "1.2.840.10008.1.2.4.90";
        if (media == "application/octet-stream")
            return "1.2.840.10008.1.2.1"; // PS3.18: uncompressed explicit little endian
    }
    return {};
}

} // namespace

std::string DicomWebCredentials::authorizationHeader() const {
    if (!bearerToken.empty())
        return "Bearer " + bearerToken;
    if (!user.empty())
        return "Basic " + QByteArray::fromStdString(user + ":" + password).toBase64().toStdString();
    return {};
}

// The network thread and its QNetworkAccessManager. Everything Qt happens on that thread;
// callers hand requests over with a queued call and wait on the Call's condition variable.
class DicomWebClient::Engine {
public:
    Engine(std::string root, DicomWebOptions options, QList<QSslCertificate> trusted)
        : root_(std::move(root)), options_(std::move(options)),
          authorization_(QByteArray::fromStdString(options_.credentials.authorizationHeader())) {
        if (!trusted.isEmpty()) {
            tls_ = QSslConfiguration::defaultConfiguration();
            tls_->addCaCertificates(trusted); // beside the system's, verification unchanged
        }
        thread_.setObjectName(QStringLiteral("lamina-dicomweb"));
        context_.moveToThread(&thread_);
        thread_.start();
        QMetaObject::invokeMethod(
            &context_, [this] { network_ = new QNetworkAccessManager(&context_); },
            Qt::BlockingQueuedConnection);
    }
    ~Engine() {
        // The manager and any reply left are deleted on their own thread.
        QMetaObject::invokeMethod(
            &context_, [this] { delete network_; }, Qt::BlockingQueuedConnection);
        thread_.quit();
        thread_.wait();
    }

    std::vector<Outcome> run(const std::vector<Request>& requests, uint64_t maxBytes,
                             std::vector<std::vector<std::filesystem::path>> uploads = {}) {
        auto call = std::make_shared<Call>();
        call->requests = requests;
        call->uploads = std::move(uploads);
        call->maxBytes = maxBytes;
        call->outcomes.resize(requests.size());
        call->remaining = requests.size();
        if (requests.empty())
            return {};
        QMetaObject::invokeMethod(
            &context_,
            [this, call] {
                for (size_t i = 0; i < call->requests.size(); ++i)
                    send(call, i, 0);
            },
            Qt::QueuedConnection);
        std::unique_lock lock(call->mutex);
        call->done.wait(lock, [&] { return call->remaining == 0; });
        return std::move(call->outcomes);
    }

    std::string urlOf(const std::string& path) const { return root_ + path; }

    const std::string root_;
    const DicomWebOptions options_;
    std::atomic<uint64_t> requests_{0}, retries_{0};
    std::atomic<bool> jpegOnly_{false}; // the archive refused transfer-syntax=*

private:
    // On the network thread.
    void send(const std::shared_ptr<Call>& call, size_t index, int attempt) {
        const Request& r = call->requests[index];
        QNetworkRequest request(QUrl(QString::fromStdString(urlOf(r.path))));
        request.setRawHeader("Accept", QByteArray::fromStdString(r.accept));
        if (!authorization_.isEmpty())
            request.setRawHeader("Authorization", authorization_);
        request.setTransferTimeout(options_.timeoutMs);
        if (tls_)
            request.setSslConfiguration(*tls_);
        ++requests_;
        const bool upload = index < call->uploads.size() && !call->uploads[index].empty();
        QNetworkReply* reply = nullptr;
        if (upload) {
            // A fresh body per attempt: the parts stream from their files.
            auto* body = new QHttpMultiPart(QHttpMultiPart::RelatedType);
            for (const auto& file : call->uploads[index]) {
                QHttpPart part;
                part.setHeader(QNetworkRequest::ContentTypeHeader, "application/dicom");
                auto* device = new QFile(QString::fromStdString(file.string()), body);
                device->open(QIODevice::ReadOnly);
                part.setBodyDevice(device);
                body->append(part);
            }
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArray("multipart/related; type=\"application/dicom\"; "
                                         "boundary=\"") +
                                  body->boundary() + '"');
            // A redirected upload would carry the credentials elsewhere: never followed.
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::ManualRedirectPolicy);
            reply = network_->post(request, body);
            body->setParent(reply);
        } else {
            // Redirects are checked here (redirected() below), not followed blindly: Qt would
            // send the Authorization header to wherever the archive points.
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::UserVerifiedRedirectPolicy);
            request.setMaximumRedirectsAllowed(5);
            // Qt refuses a compressed answer that inflates past 10 MiB at more than 40:1, yet a
            // large series' DICOM JSON does (Orthanc gzips it by default; repeated per-frame
            // items compress ~100:1). The body limit below, counted on the decompressed
            // bytes Qt hands over, bounds memory instead.
            request.setDecompressedSafetyCheckThreshold(-1);
            reply = network_->get(request);
        }
        auto refusedRedirect = std::make_shared<std::string>();
        // Where the reply is now: the request's address, then each redirect followed (the
        // reply's own url() may already name the target when redirected() is emitted).
        auto current = std::make_shared<QUrl>(request.url());
        QObject::connect(reply, &QNetworkReply::redirected, reply, [=, this](const QUrl& to) {
            const QUrl target = current->resolved(to);
            if (const std::string why = redirectRefusal(*current, target); !why.empty()) {
                *refusedRedirect = why;
                reply->abort();
                return;
            }
            *current = target;
            emit reply->redirectAllowed();
        });
        auto body = std::make_shared<std::vector<uint8_t>>();
        auto tooLarge = std::make_shared<bool>(false);
        auto tooLong = std::make_shared<bool>(false);
        // A slow answer that trickles bytes still ends: four time-outs in all.
        QTimer::singleShot(4 * options_.timeoutMs, reply, [reply, tooLong] {
            *tooLong = true;
            reply->abort();
        });
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [=] {
            const QByteArray chunk = reply->readAll();
            if (body->size() + uint64_t(chunk.size()) > call->maxBytes) {
                *tooLarge = true;
                reply->abort();
                return;
            }
            body->insert(body->end(), chunk.begin(), chunk.end());
        });
        QObject::connect(reply, &QNetworkReply::finished, reply, [=, this] {
            reply->deleteLater();
            if (!*tooLarge && !*tooLong) {
                const QByteArray rest = reply->readAll();
                body->insert(body->end(), rest.begin(), rest.end());
            }
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QNetworkReply::NetworkError error = reply->error();
            const std::string url =
                reply->url().toDisplayString(QUrl::RemoveUserInfo).toStdString();
            Outcome outcome;
            outcome.answer.status = status;
            outcome.answer.contentType =
                reply->header(QNetworkRequest::ContentTypeHeader).toString().toStdString();
            // STOW-RS answers 409 when no instance was stored; its body says why.
            const bool stowAnswer = upload && (status == 409 || status == 202);
            const bool ok = ((status >= 200 && status < 300) || stowAnswer) && !*tooLarge &&
                            !*tooLong && (error == QNetworkReply::NoError || stowAnswer);
            if (ok) {
                outcome.answer.body = std::move(*body);
                finish(call, index, std::move(outcome));
                return;
            }
            // A 2xx whose body failed (connection dropped mid-answer) is judged by the error.
            const bool success = status >= 200 && status < 300;
            const bool transient =
                !*tooLarge && !*tooLong && refusedRedirect->empty() &&
                (status && !success ? transientStatus(status) : transientNetworkError(error));
            if (transient && attempt < options_.retries) {
                ++retries_;
                const int delay = options_.firstBackoffMs << attempt;
                QTimer::singleShot(delay, &context_, [=, this] { send(call, index, attempt + 1); });
                return;
            }
            const std::string attempts =
                attempt ? " (after " + std::to_string(attempt + 1) + " attempts)" : "";
            try {
                if (!refusedRedirect->empty())
                    throw Error(ErrorKind::Io, url, *refusedRedirect);
                if (*tooLarge)
                    throw Error(ErrorKind::Corrupt, url,
                                "the answer is larger than " + std::to_string(call->maxBytes) +
                                    " bytes");
                if (*tooLong)
                    throw Error(ErrorKind::Io, url,
                                "the answer did not finish within " +
                                    std::to_string(4 * options_.timeoutMs / 1000) + " s" +
                                    attempts);
                if (status == 401 || status == 403)
                    throw Error(ErrorKind::Io, url,
                                "the archive refused access (HTTP " + std::to_string(status) +
                                    "): check the user name and password, or the token");
                if (status == 404)
                    throw Error(ErrorKind::NotFound, url,
                                "the archive has no such study, series or instance (HTTP 404)");
                if (success)
                    throw Error(ErrorKind::Io, url,
                                "the archive's answer (HTTP " + std::to_string(status) +
                                    ") could not be read: " + reply->errorString().toStdString() +
                                    attempts);
                if (status)
                    throw Error(ErrorKind::Io, url,
                                "the archive answered HTTP " + std::to_string(status) + " " +
                                    reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute)
                                        .toString()
                                        .toStdString() +
                                    attempts);
                if (error == QNetworkReply::OperationCanceledError ||
                    error == QNetworkReply::TimeoutError)
                    throw Error(ErrorKind::Io, url,
                                "no answer within " + std::to_string(options_.timeoutMs / 1000) +
                                    " s" + attempts);
                if (error == QNetworkReply::SslHandshakeFailedError)
                    throw Error(ErrorKind::Io, url,
                                "the archive's certificate is not trusted (" +
                                    reply->errorString().toStdString() +
                                    "): ask the archive's administrator for its certificate "
                                    "authority and trust it in Preferences "
                                    "(LAMINA_DICOMWEB_CA_FILE for lamina-cli)");
                throw Error(ErrorKind::Io, url,
                            "cannot reach the archive: " + reply->errorString().toStdString() +
                                attempts);
            } catch (const Error&) {
                outcome.error = std::current_exception();
            }
            finish(call, index, std::move(outcome));
        });
    }

    // Why a redirect from `from` to `to` is not followed ("" when it may be): credentials go
    // to the archive's own origin only (scheme, host and port), and never from HTTPS to HTTP.
    std::string redirectRefusal(const QUrl& from, const QUrl& to) const {
        const std::string target = to.toDisplayString(QUrl::RemoveUserInfo).toStdString();
        if (from.scheme() == QLatin1String("https") && to.scheme() != QLatin1String("https"))
            return "the archive redirected this secure request to " + target +
                   ", which is not HTTPS: Lamina does not follow it";
        const bool sameOrigin = from.scheme() == to.scheme() && from.host() == to.host() &&
                                from.port(from.scheme() == QLatin1String("https") ? 443 : 80) ==
                                    to.port(to.scheme() == QLatin1String("https") ? 443 : 80);
        if (!sameOrigin && !authorization_.isEmpty())
            return "the archive redirected this request to another address (" + target +
                   "): Lamina does not follow it, so the sign-in details go to the archive only";
        return {};
    }

    static void finish(const std::shared_ptr<Call>& call, size_t index, Outcome outcome) {
        std::lock_guard lock(call->mutex);
        call->outcomes[index] = std::move(outcome);
        if (--call->remaining == 0)
            call->done.notify_all();
    }

    const QByteArray authorization_; // never logged
    QThread thread_;
    QObject context_;                          // lives on thread_
    QNetworkAccessManager* network_ = nullptr; // child of context_, on thread_
    std::optional<QSslConfiguration> tls_;     // with the trusted CA file's authorities
};

DicomWebClient::DicomWebClient(std::string serviceRoot, DicomWebOptions options) {
    while (!serviceRoot.empty() && serviceRoot.back() == '/')
        serviceRoot.pop_back();
    if (serviceRoot.rfind("http://", 0) != 0 && serviceRoot.rfind("https://", 0) != 0)
        throw Error(ErrorKind::InvalidArgument, serviceRoot,
                    "a DICOMweb address starts with http:// or https://");
    if (!QCoreApplication::instance())
        throw Error(ErrorKind::InvalidArgument, serviceRoot,
                    "DICOMweb needs a Qt application object in the process");
    options.framesPerRequest = std::clamp(options.framesPerRequest, 1, 256);
    options.requestsInFlight = std::clamp(options.requestsInFlight, 1, 16);
    options.retries = std::clamp(options.retries, 0, 10);
    options.timeoutMs = std::max(options.timeoutMs, 1);
    QList<QSslCertificate> trusted;
    if (!options.trustedCaFile.empty()) {
        const QString path = QString::fromStdString(options.trustedCaFile);
        if (!QFile::exists(path))
            throw Error(ErrorKind::NotFound, options.trustedCaFile,
                        "the certificate authority file to trust does not exist");
        trusted = QSslCertificate::fromPath(path, QSsl::Pem);
        if (trusted.isEmpty())
            throw Error(ErrorKind::InvalidArgument, options.trustedCaFile,
                        "holds no PEM certificate to trust");
    }
    engine_ =
        std::make_unique<Engine>(std::move(serviceRoot), std::move(options), std::move(trusted));
}

DicomWebClient::~DicomWebClient() = default;

const std::string& DicomWebClient::serviceRoot() const {
    return engine_->root_;
}

const DicomWebOptions& DicomWebClient::options() const {
    return engine_->options_;
}

uint64_t DicomWebClient::requestCount() const {
    return engine_->requests_;
}

uint64_t DicomWebClient::retryCount() const {
    return engine_->retries_;
}

std::vector<HttpAnswer> DicomWebClient::getAll(const std::vector<Request>& requests,
                                               uint64_t maxBytes) const {
    std::vector<Outcome> outcomes = engine_->run(requests, maxBytes);
    std::vector<HttpAnswer> answers;
    for (auto& o : outcomes) {
        if (o.error)
            std::rethrow_exception(o.error);
        answers.push_back(std::move(o.answer));
    }
    return answers;
}

HttpAnswer DicomWebClient::get(const std::string& path, const std::string& accept,
                               uint64_t maxBytes) const {
    return std::move(getAll({{path, accept}}, maxBytes).front());
}

namespace {

// Percent-encodes a query or path value, but keeps DICOM's matching characters ('*', '?')
// and the person-name separator '^' as they are: Orthanc 1.10 does not decode them.
std::string encoded(const std::string& value) {
    return QUrl::toPercentEncoding(QString::fromStdString(value), "*?^").toStdString();
}

std::string_view textOf(const HttpAnswer& a) {
    return {reinterpret_cast<const char*>(a.body.data()), a.body.size()};
}

} // namespace

std::vector<DicomWebStudy> DicomWebClient::searchStudies(const DicomWebStudyQuery& q) const {
    std::string path = "/studies?ModalitiesInStudy=SM&limit=" + std::to_string(q.limit) +
                       "&includefield=00081030&includefield=00080050&includefield=00201206";
    const auto wildcard = [](std::string v) { return v.ends_with('*') ? v : v + "*"; };
    if (!q.patientName.empty())
        path += "&PatientName=" + encoded(wildcard(q.patientName));
    if (!q.patientId.empty())
        path += "&PatientID=" + encoded(wildcard(q.patientId));
    if (!q.studyDate.empty())
        path += "&StudyDate=" + encoded(q.studyDate);
    if (!q.accessionNumber.empty())
        path += "&AccessionNumber=" + encoded(q.accessionNumber);
    const HttpAnswer a = get(path, kJsonAccept, uint64_t(64) << 20);
    if (a.body.empty()) // 204 No Content: nothing matches
        return {};
    return parseDicomJsonStudies(textOf(a), engine_->urlOf(path));
}

std::vector<DicomWebSeries> DicomWebClient::searchSeries(const std::string& studyUid) const {
    const std::string path = "/studies/" + encoded(studyUid) +
                             "/series?Modality=SM&includefield=0008103E&includefield=00201209";
    const HttpAnswer a = get(path, kJsonAccept, uint64_t(64) << 20);
    if (a.body.empty())
        return {};
    return parseDicomJsonSeries(textOf(a), engine_->urlOf(path));
}

std::vector<DicomAttributes> DicomWebClient::seriesMetadata(const std::string& studyUid,
                                                            const std::string& seriesUid) const {
    const std::string path =
        "/studies/" + encoded(studyUid) + "/series/" + encoded(seriesUid) + "/metadata";
    const HttpAnswer a = get(path, kJsonAccept, engine_->options_.maxMetadataBytes);
    return parseDicomJsonMetadata(textOf(a), engine_->urlOf(path));
}

std::vector<uint8_t> DicomWebClient::retrieveBulkData(const std::string& uri) const {
    const std::string& root = engine_->root_;
    if (uri.rfind(root + "/", 0) != 0 || uri.find("..") != std::string::npos)
        throw Error(ErrorKind::InvalidArgument, uri,
                    "bulk data outside the archive " + root + " is not fetched");
    const std::string path = uri.substr(root.size());
    const HttpAnswer a =
        get(path, R"(multipart/related; type="application/octet-stream")", uint64_t(64) << 20);
    if (contentTypeMediaType(a.contentType) != "multipart/related")
        return a.body; // an archive that answers the bytes themselves
    const auto parts = parseMultipartRelated(a.body, a.contentType, uri);
    if (parts.empty())
        throw Error(ErrorKind::Corrupt, uri, "the bulk data answer has no part");
    return {parts.front().body.begin(), parts.front().body.end()};
}

HttpAnswer DicomWebClient::storeInstances(const std::vector<std::filesystem::path>& files) const {
    if (files.empty())
        throw Error(ErrorKind::InvalidArgument, engine_->urlOf("/studies"), "nothing to send");
    for (const auto& f : files)
        if (!std::filesystem::is_regular_file(f))
            throw Error(ErrorKind::NotFound, f.string(), "no such file to send");
    std::vector<Outcome> outcomes =
        engine_->run({{"/studies", kJsonAccept}}, uint64_t(64) << 20, {files});
    if (outcomes.front().error)
        std::rethrow_exception(outcomes.front().error);
    return std::move(outcomes.front().answer);
}

std::vector<std::string> DicomWebClient::instancesInSeries(const std::string& studyUid,
                                                           const std::string& seriesUid) const {
    const std::string path = "/studies/" + encoded(studyUid) + "/series/" + encoded(seriesUid) +
                             "/instances?includefield=00080018";
    HttpAnswer a;
    try {
        a = get(path, kJsonAccept, uint64_t(64) << 20);
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::NotFound) // Orthanc: 404 for a series it does not have
            return {};
        throw;
    }
    if (a.body.empty())
        return {};
    return parseDicomJsonInstanceUids(textOf(a), engine_->urlOf(path));
}

std::vector<DicomFrame> DicomWebClient::retrieveFrames(const std::string& studyUid,
                                                       const std::string& seriesUid,
                                                       const std::string& sopInstanceUid,
                                                       const std::vector<int64_t>& frames) const {
    const std::string instance = "/studies/" + encoded(studyUid) + "/series/" + encoded(seriesUid) +
                                 "/instances/" + encoded(sopInstanceUid) + "/frames/";
    const size_t chunk = size_t(engine_->options_.framesPerRequest);
    std::vector<Request> requests;
    std::vector<size_t> firstFrame; // index into `frames` of each request's first frame
    for (size_t at = 0; at < frames.size(); at += chunk) {
        std::string list;
        for (size_t i = at; i < std::min(frames.size(), at + chunk); ++i)
            list += (i > at ? "," : "") + std::to_string(frames[i] + 1); // WADO-RS: 1-based
        requests.push_back({instance + list, ""});
        firstFrame.push_back(at);
    }
    const auto runAll = [&](const char* accept) {
        for (auto& r : requests)
            r.accept = accept;
        return engine_->run(requests, uint64_t(1) << 30);
    };
    std::vector<Outcome> outcomes =
        runAll(engine_->jpegOnly_ ? kJpegFramesAccept : kStoredFramesAccept);
    // An archive that cannot send the stored bytes says 406 (or, like Orthanc for some
    // syntaxes, 400): ask for JPEG baseline instead, from now on.
    const bool refused = std::any_of(outcomes.begin(), outcomes.end(), [](const Outcome& o) {
        return o.answer.status == 406 || o.answer.status == 400 || o.answer.status == 415;
    });
    if (refused && !engine_->jpegOnly_) {
        logger().info("{}: the archive does not send stored frames; asking for JPEG",
                      engine_->root_);
        engine_->jpegOnly_ = true;
        outcomes = runAll(kJpegFramesAccept);
    }
    std::vector<DicomFrame> out(frames.size());
    for (size_t r = 0; r < requests.size(); ++r) {
        const std::string url = engine_->urlOf(requests[r].path);
        std::vector<MultipartPart> parts;
        // A body cut short (a server dying mid-answer closes the connection, which ends an
        // answer without Content-Length as if it were complete) fails to parse: asked again
        // like any transient failure, so that a dead server reads as unreachable.
        for (int attempt = 0;; ++attempt) {
            if (outcomes[r].error)
                std::rethrow_exception(outcomes[r].error);
            try {
                parts = parseMultipartRelated(outcomes[r].answer.body,
                                              outcomes[r].answer.contentType, url);
                break;
            } catch (const Error&) {
                if (attempt >= engine_->options_.retries)
                    throw;
                ++engine_->retries_;
                outcomes[r] = std::move(engine_->run({requests[r]}, uint64_t(1) << 30).front());
            }
        }
        const HttpAnswer& answer = outcomes[r].answer;
        const size_t wanted = std::min(chunk, frames.size() - firstFrame[r]);
        if (parts.size() != wanted)
            throw Error(ErrorKind::Corrupt, url,
                        "asked for " + std::to_string(wanted) + " frames, the archive sent " +
                            std::to_string(parts.size()));
        const std::string answerType =
            contentTypeParameter(answer.contentType, "type").value_or("");
        for (size_t k = 0; k < parts.size(); ++k) {
            const auto type = parts[k].headers.find("content-type");
            DicomFrame& frame = out[firstFrame[r] + k];
            frame.transferSyntax = transferSyntaxOf(
                type == parts[k].headers.end() ? std::string() : type->second, answerType);
            requireSupportedTransferSyntax(frame.transferSyntax, url);
            frame.bytes.assign(parts[k].body.begin(), parts[k].body.end());
        }
    }
    return out;
}

} // namespace lamina
