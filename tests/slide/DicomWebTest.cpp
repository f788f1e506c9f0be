// Slides streamed from a real DICOMweb archive: Orthanc with its DICOMweb plugin (a server no
// one here wrote), started by the tests on a free loopback port and loaded with synthetic
// slides converted by OrthancWSIDicomizer. The series must be found by QIDO-RS, open from its
// address with the local copy's geometry, spacing, id and pixels, bring tiles several frames
// per request, refuse clients without credentials, and, when the archive dies mid-session,
// keep disk-cached tiles and fail the others with a clear error instead of hanging.
// The error paths an archive rarely shows on demand (garbage, 503s, silence, missing frames)
// come from a deliberately misbehaving server (fake_dicomweb_server.py).

#include "OrthancServer.h"
#include "QtApplicationEnvironment.h"
#include "TestSupport.h"
#include "dicomweb/DicomWebSlideSource.h"

#include <lamina/cache/TileCache.h>
#include <lamina/core/Error.h>
#include <lamina/render/TileLoader.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/dicom/DicomInstance.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>

#include <gtest/gtest.h>

#include <QByteArray>
#include <QCoreApplication>

#include <chrono>
#include <fstream>

using namespace lamina;
using lamina::test::OrthancServer;
using lamina::test::runProcess;
using lamina::test::TempDir;
namespace fs = std::filesystem;

namespace {

[[maybe_unused]] const auto* const kQtApplication =
    ::testing::AddGlobalTestEnvironment(new test::QtApplicationEnvironment);

// A converted slide and the archive holding it (one per test process: ctest runs each test in
// its own process).
struct Archive {
    std::optional<OrthancServer> server;
    std::unique_ptr<TempDir> local; // the converted files, also read locally for comparison
    std::string studyUid, seriesUid;
    std::string seriesUrl() const {
        return server->dicomWebRoot() + "/studies/" + studyUid + "/series/" + seriesUid;
    }
};

// Starts Orthanc and loads a 3000 x 2000 synthetic slide split into 1 MB instances (so a
// level spans several instances). Empty `why` and a running server, or the reason to skip.
Archive startArchive(std::string& why) {
    Archive a;
    if (!test::hasDicomizer()) {
        why = "OrthancWSIDicomizer missing (scripts/install-deps.sh installs orthanc-wsi)";
        return a;
    }
    auto started = OrthancServer::start(why);
    if (!started)
        return a;
    a.server.emplace(std::move(*started));
    a.local = std::make_unique<TempDir>();
    test::dicomize(test::synthesizedSlide(3000, 2000, 31), a.local->path(), 0.75, 0.5,
                   {"--max-size=1"});
    a.server->upload(a.local->path());
    const DicomInstance d = DicomInstance::read(a.local->path() / "wsi-000000.dcm");
    a.studyUid = d.studyUid;
    a.seriesUid = d.seriesUid;
    DicomWebSettings::setCredentials(a.server->dicomWebRoot(),
                                     {"", OrthancServer::kUser, OrthancServer::kPassword});
    return a;
}

#define START_ARCHIVE(name)                                                                        \
    std::string why;                                                                               \
    Archive name = startArchive(why);                                                              \
    if (!why.empty()) {                                                                            \
        if (std::getenv("CI"))                                                                     \
            FAIL() << why;                                                                         \
        GTEST_SKIP() << why;                                                                       \
    }                                                                                              \
    ASSERT_FALSE(HasFailure())

std::shared_ptr<DicomWebClient> clientFor(const Archive& a, DicomWebOptions options = {}) {
    options.credentials = {"", OrthancServer::kUser, OrthancServer::kPassword};
    return std::make_shared<DicomWebClient>(a.server->dicomWebRoot(), options);
}

DicomWebStudyQuery patientNamed(const std::string& name) {
    DicomWebStudyQuery q;
    q.patientName = name;
    return q;
}

DicomWebOptions options(int timeoutMs, int retries, int firstBackoffMs) {
    DicomWebOptions o;
    o.timeoutMs = timeoutMs;
    o.retries = retries;
    o.firstBackoffMs = firstBackoffMs;
    return o;
}

ErrorKind kindOf(const std::function<void()>& f, std::string* message = nullptr) {
    try {
        f();
    } catch (const Error& e) {
        if (message)
            *message = e.what();
        return e.kind();
    }
    ADD_FAILURE() << "no lamina::Error thrown";
    return ErrorKind::InvalidArgument;
}

} // namespace

TEST(DicomWeb, ArchiveSearchFindsTheSlideStudyAndItsMicroscopySeries) {
    START_ARCHIVE(archive);
    const auto client = clientFor(archive);
    const auto studies = client->searchStudies(patientNamed("TEST"));
    ASSERT_EQ(studies.size(), 1u);
    EXPECT_EQ(studies[0].studyUid, archive.studyUid);
    EXPECT_EQ(studies[0].patientName, "TEST^ONLY");
    EXPECT_EQ(studies[0].patientId, "T0");
    EXPECT_TRUE(client->searchStudies(patientNamed("NOBODY")).empty());
    const auto series = client->searchSeries(archive.studyUid);
    ASSERT_EQ(series.size(), 1u);
    EXPECT_EQ(series[0].seriesUid, archive.seriesUid);
    EXPECT_EQ(series[0].modality, "SM");
    EXPECT_GT(series[0].instanceCount, 1); // split into 1 MB instances
}

TEST(DicomWeb, SeriesAddressOpensWithTheLocalCopysGeometrySpacingIdAndPixels) {
    START_ARCHIVE(archive);
    const auto remote = FormatRegistry::standard().open(archive.seriesUrl());
    const auto local = FormatRegistry::standard().open(archive.local->path().string());
    EXPECT_EQ(remote->metadata().backend, "dicomweb");
    EXPECT_EQ(remote->location(), archive.seriesUrl());
    EXPECT_EQ(remote->id(), local->id()); // annotations follow the slide wherever it is read
    EXPECT_EQ(remote->id().text(), "dicom:" + archive.studyUid + "/" + archive.seriesUid);
    ASSERT_EQ(remote->levelCount(), local->levelCount());
    for (int l = 0; l < local->levelCount(); ++l) {
        EXPECT_EQ(remote->level(l).width, local->level(l).width);
        EXPECT_EQ(remote->level(l).height, local->level(l).height);
        EXPECT_EQ(remote->level(l).tileWidth, local->level(l).tileWidth);
    }
    ASSERT_TRUE(remote->metadata().mppX && remote->metadata().mppY);
    EXPECT_DOUBLE_EQ(*remote->metadata().mppX, *local->metadata().mppX);
    EXPECT_DOUBLE_EQ(*remote->metadata().mppY, *local->metadata().mppY);
    EXPECT_EQ(remote->metadata().associatedImages, local->metadata().associatedImages);
    // The ICC profile: inline in the files, a BulkDataURI in Orthanc's metadata, fetched.
    EXPECT_FALSE(local->metadata().iccProfile.empty());
    EXPECT_EQ(remote->metadata().iccProfile, local->metadata().iccProfile);
    EXPECT_EQ(remote->metadata().properties.at("dicom.PatientID"), "T0");
    // Pixels: regions across tile and instance borders on every level, and the edge.
    for (int l = 0; l < local->levelCount(); ++l) {
        const auto ds = remote->level(l).downsample;
        for (const auto& [x, y] : {std::pair<int64_t, int64_t>{0, 0}, {1000, 700}, {2800, 1900}}) {
            const RgbaImage a = remote->readRegion(l, x, y, 300, 200);
            const RgbaImage b = local->readRegion(l, x, y, 300, 200);
            const auto diff = test::compareImages(a, b);
            EXPECT_EQ(diff.max, 0)
                << "level " << l << " at " << x << "," << y << " (downsample " << ds << ")";
        }
    }
}

// tests/support/delay_proxy.py stands in for a wide-area link (scripts/bench-dicomweb.sh
// measures through it): the slide reads the same through it, and a request really costs the
// round trip (a lower bound, so not a timing threshold: no machine makes a proxy faster).
TEST(DicomWeb, ThroughALinkOf25MsEachWayTheSeriesReadsTheSameAndARequestCostsTheRoundTrip) {
    START_ARCHIVE(archive);
    test::BackgroundProcess proxy({"python3", LAMINA_TESTS_DIR "/support/delay_proxy.py",
                                   std::to_string(archive.server->port()), "25"});
    const std::string root = "http://127.0.0.1:" + proxy.firstLine() + "/dicom-web";
    DicomWebOptions o;
    o.credentials = {"", OrthancServer::kUser, OrthancServer::kPassword};
    const auto client = std::make_shared<DicomWebClient>(root, o);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(client->searchSeries(archive.studyUid).size(), 1u);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(100))
        << "connection (3 delays) and answer (1 delay)";
    const auto remote =
        DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(root + "/studies/" + archive.studyUid +
                                                            "/series/" + archive.seriesUid),
                                  client, nullptr);
    const auto local = FormatRegistry::standard().open(archive.local->path().string());
    for (int l = 0; l < local->levelCount(); ++l)
        EXPECT_EQ(test::compareImages(remote->readRegion(l, 1000, 700, 600, 400),
                                      local->readRegion(l, 1000, 700, 600, 400))
                      .max,
                  0)
            << "level " << l;
}

TEST(DicomWeb, SeriesWithSeveralPyramidsOffersTheSameChoiceAndPixelsAsItsFiles) {
    // Two optical paths x three focal planes (pydicom), read through Orthanc's metadata: the
    // per-frame Z offsets and optical paths come from DICOM JSON this time.
    TempDir files;
    std::string why = test::writeMultiPyramidDicom(files.path());
    auto server = why.empty() ? OrthancServer::start(why) : std::nullopt;
    if (!why.empty()) {
        if (std::getenv("CI"))
            FAIL() << why;
        GTEST_SKIP() << why;
    }
    server->upload(files.path());
    const auto local = FormatRegistry::standard().open(files.path().string());
    const DicomInstance d = DicomInstance::read(files.path() / "level0.dcm");
    DicomWebSettings::setCredentials(server->dicomWebRoot(),
                                     {"", OrthancServer::kUser, OrthancServer::kPassword});
    const auto remote = FormatRegistry::standard().open(server->dicomWebRoot() + "/studies/" +
                                                        d.studyUid + "/series/" + d.seriesUid);
    const auto pyramids = remote->pyramids();
    ASSERT_EQ(pyramids.size(), local->pyramids().size());
    EXPECT_EQ(remote->shownPyramid(), local->shownPyramid());
    for (size_t i = 0; i < pyramids.size(); ++i) {
        EXPECT_EQ(pyramids[i].label(), local->pyramids()[i].label());
        const auto r = remote->withPyramid(i);
        const auto l = local->withPyramid(i);
        EXPECT_EQ(r->metadata().backend, "dicomweb");
        EXPECT_EQ(r->id(), l->id());
        ASSERT_EQ(r->levelCount(), l->levelCount()) << i;
        for (int level = 0; level < l->levelCount(); ++level)
            EXPECT_EQ(test::compareImages(r->readRegion(level, 0, 0, 70, 50),
                                          l->readRegion(level, 0, 0, 70, 50))
                          .max,
                      0)
                << "pyramid " << i << " level " << level;
    }
}

TEST(DicomWeb, TilesArriveSeveralFramesPerRequestThroughTheTileLoader) {
    START_ARCHIVE(archive);
    const auto url = *DicomWebSeriesUrl::parse(archive.seriesUrl());
    const auto client = clientFor(archive);
    std::shared_ptr<const SlideSource> slide = DicomWebSlideSource::open(url, client, nullptr);
    // A loader thread takes enough tiles for several frame requests sent together.
    EXPECT_EQ(slide->preferredTileBatch(),
              client->options().framesPerRequest * client->options().requestsInFlight);
    const uint64_t before = client->requestCount();
    TileCache cache(256 << 20);
    TileLoader loader(cache, 2);
    std::vector<TileRequest> requests;
    const LevelInfo& level0 = slide->level(0);
    for (int64_t row = 0; row < level0.tilesDown(); ++row)
        for (int64_t col = 0; col < level0.tilesAcross(); ++col)
            requests.push_back({slide, 0, col, row, double(row * 100 + col), false});
    loader.setRequests(1, requests);
    loader.waitIdle();
    EXPECT_EQ(loader.stats().loaded, requests.size());
    EXPECT_EQ(loader.stats().failed, 0u);
    const uint64_t used = client->requestCount() - before;
    // Tile by tile would be one request per tile.
    EXPECT_LE(used, requests.size() / 4) << used << " requests for " << requests.size() << " tiles";
    // And the pixels are the frames': one tile against a direct region read.
    const auto cached = cache.find({slide->id().hash(), 0, 3, 2});
    ASSERT_TRUE(cached);
    const RgbaImage direct = slide->readRegion(0, 3 * level0.tileWidth, 2 * level0.tileHeight,
                                               level0.tileWidth, level0.tileHeight);
    EXPECT_EQ(test::compareImages(*cached, direct).max, 0);
}

TEST(DicomWeb, ArchiveRefusesAClientWithoutCredentialsAndTheErrorSaysSo) {
    START_ARCHIVE(archive);
    const DicomWebClient anonymous(archive.server->dicomWebRoot());
    std::string message;
    EXPECT_EQ(kindOf([&] { anonymous.searchStudies({}); }, &message), ErrorKind::Io);
    EXPECT_NE(message.find("refused access (HTTP 401)"), std::string::npos) << message;
    EXPECT_EQ(message.find(OrthancServer::kPassword), std::string::npos) << message;
    EXPECT_EQ(anonymous.retryCount(), 0u); // a refusal is not retried
    DicomWebOptions wrongPassword;
    wrongPassword.credentials = {"", OrthancServer::kUser, "not-the-password"};
    DicomWebClient wrong(archive.server->dicomWebRoot(), wrongPassword);
    EXPECT_EQ(kindOf([&] { wrong.searchStudies({}); }), ErrorKind::Io);
}

TEST(DicomWeb, UnknownSeriesIsNotFoundAndNonSeriesAddressesAreRefused) {
    START_ARCHIVE(archive);
    std::string message;
    EXPECT_EQ(kindOf(
                  [&] {
                      FormatRegistry::standard().open(archive.server->dicomWebRoot() +
                                                      "/studies/1.2.3/series/4.5.6");
                  },
                  &message),
              ErrorKind::NotFound);
    EXPECT_NE(message.find("/studies/1.2.3/series/4.5.6"), std::string::npos) << message;
    EXPECT_EQ(kindOf([&] {
                  FormatRegistry::standard().open(archive.server->dicomWebRoot() + "/studies/" +
                                                  archive.studyUid);
              }),
              ErrorKind::UnsupportedFormat);
}

TEST(DicomWeb, WhenTheArchiveDiesCachedTilesStayAndOthersFailClearly) {
    START_ARCHIVE(archive);
    TempDir cacheDir;
    auto disk = std::make_shared<DicomWebDiskCache>(cacheDir.path(), 64 << 20);
    const auto client = clientFor(archive, options(2000, 2, 50));
    const auto slide =
        DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(archive.seriesUrl()), client, disk);
    const RgbaImage before = slide->readTile(0, 1, 1);
    EXPECT_GT(disk->bytesUsed(), 0u);
    archive.server->kill();
    // The frame read before comes from the disk cache.
    const RgbaImage after = slide->readTile(0, 1, 1);
    EXPECT_EQ(test::compareImages(before, after).max, 0);
    EXPECT_GE(disk->hits(), 1u);
    // Another one needs the archive: retried, then a clear error (no hang, no crash).
    std::string message;
    EXPECT_EQ(kindOf([&] { slide->readTile(0, 5, 4); }, &message), ErrorKind::Io);
    EXPECT_NE(message.find("cannot reach the archive"), std::string::npos) << message;
    EXPECT_NE(message.find("after 3 attempts"), std::string::npos) << message;
    EXPECT_EQ(client->retryCount(), 2u);
}

// --- A misbehaving archive ------------------------------------------------------------------

namespace {

// Metadata of a one-instance 512 x 512 slide of 256 x 256 JPEG frames, TILED_FULL.
const char* kMetadata = R"([{
  "00080016": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.77.1.6"]},
  "00080018": {"vr": "UI", "Value": ["1.2.3.4.5.6"]},
  "0020000D": {"vr": "UI", "Value": ["1.2.3"]},
  "0020000E": {"vr": "UI", "Value": ["1.2.3.4"]},
  "00080008": {"vr": "CS", "Value": ["DERIVED", "PRIMARY", "VOLUME", "NONE"]},
  "00280002": {"vr": "US", "Value": [3]},
  "00280004": {"vr": "CS", "Value": ["YBR_FULL_422"]},
  "00280100": {"vr": "US", "Value": [8]},
  "00280010": {"vr": "US", "Value": [256]},
  "00280011": {"vr": "US", "Value": [256]},
  "00280008": {"vr": "IS", "Value": [4]},
  "00480006": {"vr": "UL", "Value": [512]},
  "00480007": {"vr": "UL", "Value": [512]},
  "00209311": {"vr": "CS", "Value": ["TILED_FULL"]}
}])";

struct FakeArchive {
    TempDir dir;
    std::unique_ptr<test::BackgroundProcess> process;
    std::string root;
    // With `certificate` and `key` (PEM), the archive speaks HTTPS.
    explicit FakeArchive(const std::string& mode, const fs::path& certificate = {},
                         const fs::path& key = {}) {
        std::ofstream(dir / "metadata.json") << kMetadata;
        std::vector<std::string> argv = {"python3",
                                         LAMINA_TESTS_DIR "/slide/fake_dicomweb_server.py", mode,
                                         (dir / "metadata.json").string()};
        if (!certificate.empty())
            argv.insert(argv.begin(), {"env", "FAKE_TLS_CERT=" + certificate.string(),
                                       "FAKE_TLS_KEY=" + key.string()});
        process = std::make_unique<test::BackgroundProcess>(argv);
        root = std::string(certificate.empty() ? "http" : "https") +
               "://127.0.0.1:" + process->firstLine() + "/dicom-web";
    }
    std::string seriesUrl() const { return root + "/studies/1.2.3/series/1.2.3.4"; }
    int port() const { return std::stoi(root.substr(root.rfind(':') + 1)); }
    // Opens the series through `client`: the kind of error (and its message) it fails with.
    ErrorKind openFails(const std::shared_ptr<DicomWebClient>& client, std::string& message) const {
        return kindOf(
            [&] {
                DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(seriesUrl()), client, nullptr);
            },
            &message);
    }
};

DicomWebOptions quick() {
    return options(500, 2, 20);
}

} // namespace

TEST(DicomWebHostile, GarbageMetadataIsCorruptNamingTheAddress) {
    FakeArchive fake("garbage-metadata");
    const auto client = std::make_shared<DicomWebClient>(fake.root, quick());
    std::string message;
    EXPECT_EQ(fake.openFails(client, message), ErrorKind::Corrupt);
    EXPECT_NE(message.find(fake.seriesUrl() + "/metadata"), std::string::npos) << message;
    EXPECT_NE(message.find("malformed DICOM JSON"), std::string::npos) << message;
}

TEST(DicomWebHostile, TransientFailuresAreRetriedWithBackOffThenTheSlideOpens) {
    FakeArchive fake("flaky");
    const auto client = std::make_shared<DicomWebClient>(fake.root, quick());
    const auto slide =
        DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(fake.seriesUrl()), client, nullptr);
    EXPECT_EQ(client->retryCount(), 2u); // two 503s, then the answer
    EXPECT_EQ(slide->dimensions().width, 512);
    EXPECT_EQ(slide->level(0).tilesAcross(), 2);
}

TEST(DicomWebHostile, SilentArchiveTimesOutWithAClearErrorInsteadOfHanging) {
    FakeArchive fake("hang");
    const auto client = std::make_shared<DicomWebClient>(fake.root, quick());
    std::string message;
    EXPECT_EQ(kindOf([&] { client->searchStudies({}); }, &message), ErrorKind::Io);
    EXPECT_NE(message.find("no answer within"), std::string::npos) << message;
    EXPECT_EQ(client->retryCount(), 2u);
}

TEST(DicomWebHostile, FramesAnswerWithAPartMissingOrUndecodableIsCorrupt) {
    {
        FakeArchive fake("bad-frames");
        const auto client = std::make_shared<DicomWebClient>(fake.root, quick());
        const auto slide =
            DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(fake.seriesUrl()), client, nullptr);
        const auto results = slide->readTiles(0, {{0, 0}, {1, 0}});
        ASSERT_EQ(results.size(), 2u);
        for (const auto& r : results) {
            EXPECT_FALSE(r.tile);
            EXPECT_NE(r.error.find("asked for 2 frames, the archive sent 1"), std::string::npos)
                << r.error;
        }
    }
    {
        FakeArchive fake("well-formed"); // but the frame bytes are not JPEG
        const auto client = std::make_shared<DicomWebClient>(fake.root, quick());
        const auto slide =
            DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(fake.seriesUrl()), client, nullptr);
        std::string message;
        EXPECT_EQ(kindOf([&] { slide->readTile(0, 1, 1); }, &message), ErrorKind::Corrupt);
        EXPECT_NE(message.find("cannot be decoded"), std::string::npos) << message;
    }
}

TEST(DicomWebHostile, FramesCutShortAreAskedAgainThenRefusedAsTruncated) {
    FakeArchive fake("truncated");
    const auto client = std::make_shared<DicomWebClient>(fake.root, quick());
    const auto slide =
        DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(fake.seriesUrl()), client, nullptr);
    std::string message;
    EXPECT_EQ(kindOf([&] { slide->readTile(0, 0, 0); }, &message), ErrorKind::Corrupt);
    EXPECT_NE(message.find("malformed multipart/related answer"), std::string::npos) << message;
    EXPECT_EQ(client->retryCount(), 2u);
}

// Orthanc gzips its answers by default, and a large series' metadata inflates past Qt's own
// decompression guard (10 MiB at more than 40:1): such a series could not be opened.
TEST(DicomWebHostile, GzipMetadataInflatingPastQtsGuardOpensTheSeries) {
    FakeArchive fake("gzip-metadata");
    const auto client = std::make_shared<DicomWebClient>(fake.root, quick());
    const auto slide =
        DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(fake.seriesUrl()), client, nullptr);
    EXPECT_EQ(slide->dimensions().width, 512);
    EXPECT_EQ(slide->level(0).tilesAcross(), 2);
    // The answer really came compressed (Qt asked for gzip).
    EXPECT_EQ(test::loopbackRequest(fake.port(), "GET", "/gzipped").body, "1");
}

TEST(DicomWebHostile, MetadataInflatingBeyondItsLimitIsRefusedNamingTheAddress) {
    FakeArchive fake("gzip-metadata"); // 24 MiB once inflated
    DicomWebOptions o = quick();
    o.maxMetadataBytes = uint64_t(8) << 20;
    const auto client = std::make_shared<DicomWebClient>(fake.root, o);
    std::string message;
    EXPECT_EQ(fake.openFails(client, message), ErrorKind::Corrupt);
    EXPECT_NE(message.find(fake.seriesUrl() + "/metadata"), std::string::npos) << message;
    EXPECT_NE(message.find("larger than 8388608 bytes"), std::string::npos) << message;
    EXPECT_EQ(client->retryCount(), 0u); // too large is not transient
}

TEST(DicomWebHostile, BulkDataOutsideTheArchiveIsNeverFetched) {
    // Credentials go to the archive only: a metadata answer pointing elsewhere is refused
    // before any request.
    const DicomWebClient client("http://127.0.0.1:9/dicom-web", quick());
    for (const char* uri :
         {"http://elsewhere.example/dicom-web/bulk/1", "http://127.0.0.1:9/dicom-webX/bulk",
          "http://127.0.0.1:9/dicom-web/../x"}) {
        try {
            client.retrieveBulkData(uri);
            ADD_FAILURE() << uri << " was fetched";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument) << uri;
        }
    }
    EXPECT_EQ(client.requestCount(), 0u);
}

TEST(DicomWebHostile, UnauthorizedAnswerNamesTheCauseAndIsNotRetried) {
    FakeArchive fake("unauthorized");
    const auto client = std::make_shared<DicomWebClient>(fake.root, quick());
    std::string message;
    EXPECT_EQ(kindOf([&] { client->searchSeries("1.2.3"); }, &message), ErrorKind::Io);
    EXPECT_NE(message.find("refused access (HTTP 401)"), std::string::npos) << message;
    EXPECT_EQ(client->retryCount(), 0u);
}

// Found by the attacker run of the reliability issue: an archive answering 302 to another
// origin received Lamina's Authorization header. Now the credentials stay with the archive.
TEST(DicomWebHostile, CredentialsNeverFollowARedirectToAnotherOrigin) {
    const std::vector<DicomWebCredentials> signIns = {{"a-bearer-token", "", ""},
                                                      {"", "pathologist", "secret"}};
    for (const DicomWebCredentials& credentials : signIns) {
        FakeArchive fake("redirect-elsewhere");
        DicomWebOptions o = quick();
        o.credentials = credentials;
        const auto client = std::make_shared<DicomWebClient>(fake.root, o);
        std::string message;
        EXPECT_EQ(fake.openFails(client, message), ErrorKind::Io);
        EXPECT_NE(message.find("redirected this request to another address"), std::string::npos)
            << message;
        EXPECT_EQ(message.find("secret"), std::string::npos) << message;
        EXPECT_EQ(message.find("a-bearer-token"), std::string::npos) << message;
        EXPECT_EQ(client->retryCount(), 0u); // a refused redirect is not retried
        EXPECT_EQ(test::loopbackRequest(fake.port(), "GET", "/seen").body, "0");
    }
    // Without credentials there is nothing to leak: the redirect is followed.
    FakeArchive fake("redirect-elsewhere");
    const auto anonymous = std::make_shared<DicomWebClient>(fake.root, quick());
    const auto slide =
        DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(fake.seriesUrl()), anonymous, nullptr);
    EXPECT_GT(slide->levelCount(), 0);
}

TEST(DicomWebHostile, ARedirectWithinTheArchiveIsFollowedSignedIn) {
    FakeArchive fake("redirect-same-origin");
    DicomWebOptions o = quick();
    o.credentials = {"", "pathologist", "secret"};
    const auto client = std::make_shared<DicomWebClient>(fake.root, o);
    const auto slide =
        DicomWebSlideSource::open(*DicomWebSeriesUrl::parse(fake.seriesUrl()), client, nullptr);
    EXPECT_GT(slide->levelCount(), 0);
}

// An archive with a self-signed certificate (as an in-house server may have) is refused,
// saying the certificate is not trusted and what to do; trusting its authority's PEM file
// lets it in, but only under the name the certificate gives (host names are still checked).
TEST(DicomWebHostile, ASelfSignedArchiveIsRefusedUntilItsAuthorityIsTrusted) {
    TempDir keys;
    const fs::path certificate = keys / "archive.pem", key = keys / "archive.key";
    const auto made =
        runProcess({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    key.string(), "-out", certificate.string(), "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    ASSERT_EQ(made.exitCode, 0) << made.err;
    FakeArchive fake("well-formed", certificate, key);
    ASSERT_EQ(fake.root.rfind("https://", 0), 0u);
    const auto open = [&](const DicomWebOptions& o, const std::string& root) {
        const auto client = std::make_shared<DicomWebClient>(root, o);
        return DicomWebSlideSource::open(
            *DicomWebSeriesUrl::parse(root + "/studies/1.2.3/series/1.2.3.4"), client, nullptr);
    };
    std::string message;
    EXPECT_EQ(kindOf([&] { open(quick(), fake.root); }, &message), ErrorKind::Io);
    EXPECT_NE(message.find("the archive's certificate is not trusted"), std::string::npos)
        << message;
    EXPECT_NE(message.find("self-signed"), std::string::npos) << message; // Qt's reason
    EXPECT_NE(message.find(fake.root), std::string::npos) << message;

    DicomWebOptions trusting = quick();
    trusting.trustedCaFile = certificate.string();
    EXPECT_EQ(open(trusting, fake.root)->dimensions().width, 512);
    // The same server under a name its certificate does not carry: still refused.
    std::string localhost = fake.root;
    localhost.replace(localhost.find("127.0.0.1"), 9, "localhost");
    EXPECT_EQ(kindOf([&] { open(trusting, localhost); }, &message), ErrorKind::Io);
    EXPECT_NE(message.find("certificate is not trusted"), std::string::npos) << message;

    // A CA file that is missing or holds no certificate: said at once, naming the file.
    DicomWebOptions missing = quick();
    missing.trustedCaFile = (keys / "none.pem").string();
    EXPECT_EQ(kindOf([&] { DicomWebClient(fake.root, missing); }, &message), ErrorKind::NotFound);
    EXPECT_NE(message.find("none.pem"), std::string::npos) << message;
    DicomWebOptions notPem = quick();
    notPem.trustedCaFile = key.string(); // a private key, not a certificate
    EXPECT_EQ(kindOf([&] { DicomWebClient(fake.root, notPem); }, &message),
              ErrorKind::InvalidArgument);
    EXPECT_NE(message.find("holds no PEM certificate"), std::string::npos) << message;
}

// LAMINA_LOG=trace logs everything Lamina logs; still no password, token or Authorization
// value may reach a log line, an error, the output or a file (the disk cache), signed in
// with a password or a token, against an archive that answers, one that refuses, and one
// that redirects elsewhere.
TEST(DicomWebHostile, CredentialsAppearInNoLogLineOutputOrFileEvenAtTraceLevel) {
    const std::string password = "pw-7f3a9c-secret", token = "tok-51be02-secret";
    const std::string basic =
        QByteArray("pathologist:" + QByteArray::fromStdString(password)).toBase64().toStdString();
    for (const char* mode : {"well-formed", "unauthorized", "redirect-elsewhere"})
        for (const bool withToken : {false, true}) {
            FakeArchive fake(mode);
            TempDir home;
            std::vector<std::string> argv = {"env",
                                             "LAMINA_LOG=trace",
                                             "HOME=" + home.path().string(),
                                             "XDG_CONFIG_HOME=" + (home / "config").string(),
                                             "XDG_CACHE_HOME=" + (home / "cache").string(),
                                             "LAMINA_DICOMWEB_CACHE=" + (home / "frames").string()};
            if (withToken)
                argv.push_back("LAMINA_DICOMWEB_TOKEN=" + token);
            else
                argv.insert(argv.end(), {"LAMINA_DICOMWEB_USER=pathologist",
                                         "LAMINA_DICOMWEB_PASSWORD=" + password});
            argv.insert(argv.end(), {test::laminaCliPath(), "region", fake.seriesUrl(), "--level",
                                     "0", "--x", "0", "--y", "0", "--width", "300", "--height",
                                     "300", "-o", (home / "region.png").string()});
            const auto run = runProcess(argv);
            const std::string everything = run.out + run.err;
            EXPECT_NE(everything.find(mode == std::string("well-formed") ? "lamina" : "archive"),
                      std::string::npos)
                << "nothing logged or said: " << everything;
            for (const std::string& secret : {password, token, basic}) {
                EXPECT_EQ(everything.find(secret), std::string::npos)
                    << mode << ": " << secret << " in the output:\n"
                    << everything;
                for (const auto& entry : fs::recursive_directory_iterator(home.path()))
                    if (entry.is_regular_file()) {
                        std::ifstream in(entry.path(), std::ios::binary);
                        const std::string bytes{std::istreambuf_iterator<char>(in), {}};
                        EXPECT_EQ(bytes.find(secret), std::string::npos)
                            << mode << ": " << secret << " in " << entry.path();
                    }
            }
        }
}
