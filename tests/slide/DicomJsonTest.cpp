// The DICOMweb pieces that need no network: series addresses, the DICOM JSON model (real
// shapes and hostile answers), Content-Type parameters as archives write them, and the disk
// frame cache (round trip, a key that does not match, a damaged file, the size limit).

#include "TestSupport.h"
#include "dicomweb/MultipartRelated.h"

#include <lamina/core/Error.h>
#include <lamina/slide/dicomweb/DicomJson.h>
#include <lamina/slide/dicomweb/DicomWebDiskCache.h>
#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <clocale>
#include <fstream>
#include <random>

using namespace lamina;
using lamina::test::TempDir;
namespace fs = std::filesystem;

TEST(DicomWebSeriesUrl, SplitsTheServiceRootAndTheUids) {
    const auto u = DicomWebSeriesUrl::parse(
        "https://pacs.example.org:8443/dicom-web/studies/1.2.840.1/series/1.2.840.2/metadata");
    ASSERT_TRUE(u);
    EXPECT_EQ(u->serviceRoot, "https://pacs.example.org:8443/dicom-web");
    EXPECT_EQ(u->studyUid, "1.2.840.1");
    EXPECT_EQ(u->seriesUid, "1.2.840.2");
    EXPECT_EQ(u->toString(),
              "https://pacs.example.org:8443/dicom-web/studies/1.2.840.1/series/1.2.840.2");
    EXPECT_TRUE(DicomWebSeriesUrl::parse("http://h/studies/1.2/series/3.4?viewer=x"));
}

TEST(DicomWebSeriesUrl, RefusesAddressesThatAreNotASeriesOrSmuggleAPath) {
    for (const char* bad :
         {"ftp://h/studies/1.2/series/3.4", "http://h/studies/1.2", "http://h/studies/1.2/series/",
          "http://h/studies/../series/3.4", "http://h/studies/1.2/series/3.4%2F..",
          "http:///studies/1.2/series/3", "/local/studies/1.2/series/3.4",
          "http://h/studies/1.2/serie/3.4", "http://h/studies/1..2/series/.3"})
        EXPECT_FALSE(DicomWebSeriesUrl::parse(bad)) << bad;
    EXPECT_FALSE(isDicomUid(std::string(65, '1')));
}

TEST(ContentTypeParameter, ReadsQuotedValuesHoldingSemicolonsAsOrthancWritesThem) {
    const std::string orthanc =
        R"(multipart/related; type="image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50"; boundary=bbcd-9f54)";
    EXPECT_EQ(contentTypeParameter(orthanc, "type"),
              "image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50");
    EXPECT_EQ(contentTypeParameter(orthanc, "BOUNDARY"), "bbcd-9f54");
    EXPECT_EQ(multipartBoundary(orthanc, "x"), "bbcd-9f54");
    EXPECT_EQ(contentTypeParameter("image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50",
                                   "transfer-syntax"),
              "1.2.840.10008.1.2.4.50");
    EXPECT_FALSE(contentTypeParameter("image/jpeg", "transfer-syntax"));
    EXPECT_FALSE(contentTypeParameter(R"(a/b; type="unterminated; boundary=x)", "boundary"));
}

namespace {

// An instance as Orthanc's DICOMweb plugin answers it (trimmed), with a sparse tiling.
const char* kInstance = R"({
  "00080016": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.77.1.6"]},
  "00080018": {"vr": "UI", "Value": ["1.2.3.9"]},
  "0020000D": {"vr": "UI", "Value": ["1.2.3"]},
  "0020000E": {"vr": "UI", "Value": ["1.2.3.4"]},
  "00080008": {"vr": "CS", "Value": ["DERIVED", "PRIMARY", "VOLUME", "NONE"]},
  "00080070": {"vr": "LO", "Value": ["Lamina test"]},
  "00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^JANE"}]},
  "00200020": {"vr": "CS"},
  "00280002": {"vr": "US", "Value": [3]},
  "00280004": {"vr": "CS", "Value": ["YBR_FULL_422"]},
  "00280008": {"vr": "IS", "Value": ["2"]},
  "00280010": {"vr": "US", "Value": [256]},
  "00280011": {"vr": "US", "Value": [256]},
  "00280100": {"vr": "US", "Value": [8]},
  "00480006": {"vr": "UL", "Value": [1024]},
  "00480007": {"vr": "UL", "Value": [512]},
  "00480105": {"vr": "SQ", "Value": [{"00480106": {"vr": "SH", "Value": ["1"]},
                                       "00480112": {"vr": "DS", "Value": [40]},
                                       "00282000": {"vr": "OB", "InlineBinary": "AAECAw=="}}]},
  "52009229": {"vr": "SQ", "Value": [{"00289110": {"vr": "SQ", "Value": [
                 {"00280030": {"vr": "DS", "Value": [0.000250000012, "0.00025"]}}]}}]},
  "52009230": {"vr": "SQ", "Value": [
      {"0048021A": {"vr": "SQ", "Value": [{"0048021E": {"vr": "SL", "Value": [1]},
                                           "0048021F": {"vr": "SL", "Value": [1]}}]}},
      {"0048021A": {"vr": "SQ", "Value": [{"0048021E": {"vr": "SL", "Value": [769]},
                                           "0048021F": {"vr": "SL", "Value": [257]}}]}}]}
})";

ErrorKind kindOf(const std::string& json, std::string* message = nullptr) {
    try {
        parseDicomJsonMetadata(json, "http://archive/metadata");
    } catch (const Error& e) {
        if (message)
            *message = e.what();
        return e.kind();
    }
    return ErrorKind::InvalidArgument; // "did not throw"
}

} // namespace

TEST(DicomJson, MetadataGivesTheSameAttributesAFileWould) {
    const auto all = parseDicomJsonMetadata(std::string("[") + kInstance + "]", "src");
    ASSERT_EQ(all.size(), 1u);
    const DicomInstance d = DicomInstance::interpret(all[0], "src");
    EXPECT_EQ(d.role, "VOLUME");
    EXPECT_EQ(d.studyUid, "1.2.3");
    EXPECT_EQ(d.sopInstanceUid, "1.2.3.9");
    EXPECT_EQ(d.frameWidth, 256);
    EXPECT_EQ(d.totalWidth, 1024);
    EXPECT_EQ(d.totalHeight, 512);
    EXPECT_EQ(d.numberOfFrames, 2); // IS given as a string
    ASSERT_TRUE(d.spacingRowMm && d.spacingColumnMm);
    EXPECT_NEAR(*d.spacingRowMm, 0.00025, 1e-9);
    EXPECT_NEAR(*d.spacingColumnMm, 0.00025, 1e-12); // DS given as a string
    EXPECT_EQ(d.objectivePower, 40.0);
    EXPECT_EQ(d.iccProfile, (std::vector<uint8_t>{0, 1, 2, 3}));
    const auto bulk = parseDicomJsonMetadata(
        R"([{"00480105": {"vr": "SQ", "Value": [{"00282000": {"vr": "OB", "BulkDataURI": "http://a/bulk/1"}}]}}])",
        "src");
    EXPECT_EQ(bulk[0].iccProfileUri, "http://a/bulk/1");
    EXPECT_TRUE(bulk[0].iccProfile.empty());
    ASSERT_TRUE(d.sparse);
    EXPECT_EQ(d.framePositions[1], (std::pair<int64_t, int64_t>{768, 256})); // 0-based
    EXPECT_EQ(d.properties.at("dicom.PatientName"), "DOE^JANE");
    EXPECT_EQ(d.properties.at("dicom.Manufacturer"), "Lamina test");
    EXPECT_FALSE(d.properties.count("dicom.PatientOrientation")); // no value
    EXPECT_TRUE(d.transferSyntax.empty());                        // the frames will say it
}

// DS values given as strings ("0.00025") were read with std::stod, which follows the C
// locale: on a French workstation (decimal comma) the pixel spacing came out wrong.
TEST(DicomJson, DecimalStringsReadTheSameUnderADecimalCommaLocale) {
    if (!std::setlocale(LC_ALL, "fr_FR.UTF-8"))
        GTEST_SKIP() << "the fr_FR.UTF-8 locale is not installed (Debian: locales-all)";
    const auto all = parseDicomJsonMetadata(std::string("[") + kInstance + "]", "src");
    const DicomInstance d = DicomInstance::interpret(all[0], "src");
    std::setlocale(LC_ALL, "C");
    ASSERT_TRUE(d.spacingColumnMm);
    EXPECT_NEAR(*d.spacingColumnMm, 0.00025, 1e-12); // the string value
    EXPECT_EQ(d.numberOfFrames, 2);
}

TEST(DicomJson, StudiesAndSeriesSearchResults) {
    const auto studies = parseDicomJsonStudies(
        R"([{"0020000D": {"vr": "UI", "Value": ["1.2"]}, "00100010": {"vr": "PN", "Value": [{"Alphabetic": "A^B"}]},
             "00201206": {"vr": "IS", "Value": [3]}}])",
        "src");
    ASSERT_EQ(studies.size(), 1u);
    EXPECT_EQ(studies[0].patientName, "A^B");
    EXPECT_EQ(studies[0].seriesCount, 3);
    const auto series = parseDicomJsonSeries(
        R"([{"0020000E": {"vr": "UI", "Value": ["1.2.3"]}, "00080060": {"vr": "CS", "Value": ["SM"]}}])",
        "src");
    ASSERT_EQ(series.size(), 1u);
    EXPECT_EQ(series[0].modality, "SM");
    EXPECT_THROW(parseDicomJsonSeries(R"([{"00080060": {"vr": "CS", "Value": ["SM"]}}])", "src"),
                 Error); // no SeriesInstanceUID
    EXPECT_TRUE(parseDicomJsonStudies("[]", "src").empty());
    // UIDs go into addresses: a path smuggled in one is refused.
    EXPECT_THROW(parseDicomJsonStudies(
                     R"([{"0020000D": {"vr": "UI", "Value": ["1.2/../../admin"]}}])", "src"),
                 Error);
}

TEST(DicomJson, HostileAnswersAreCorruptNamingTheSource) {
    std::string message;
    EXPECT_EQ(kindOf("<html>login</html>", &message), ErrorKind::Corrupt);
    EXPECT_NE(message.find("http://archive/metadata"), std::string::npos) << message;
    EXPECT_EQ(kindOf(""), ErrorKind::Corrupt);
    EXPECT_EQ(kindOf("{\"a\": 1}"), ErrorKind::Corrupt);                 // an object, not an array
    EXPECT_EQ(kindOf("[1, 2]"), ErrorKind::Corrupt);                     // elements not objects
    EXPECT_EQ(kindOf(std::string("[") + kInstance), ErrorKind::Corrupt); // truncated
    EXPECT_EQ(kindOf(std::string(100000, '[')), ErrorKind::Corrupt);     // deep nesting
    // Wrong value types are absent values, so interpret() names what is missing.
    const auto odd = parseDicomJsonMetadata(
        R"([{"00080016": {"vr": "UI", "Value": [12]}, "00280010": {"vr": "US", "Value": ["many"]},
             "00280011": {"vr": "US", "Value": [1e300]}, "00480006": "not an attribute",
             "52009229": {"vr": "SQ", "Value": [5]}}])",
        "src");
    ASSERT_EQ(odd.size(), 1u);
    EXPECT_FALSE(odd[0].rows);
    EXPECT_FALSE(odd[0].columns);
    EXPECT_FALSE(odd[0].totalColumns);
    EXPECT_FALSE(odd[0].spacingRowMm);
    try {
        DicomInstance::interpret(odd[0], "http://archive/i");
        ADD_FAILURE() << "a number as SOP class must not pass";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::UnsupportedFormat);
    }
}

TEST(DicomWebDiskCache, FramesSurviveAReopenAndDamagedOrForeignFilesAreMisses) {
    TempDir dir;
    const DicomFrame frame{{0xff, 0xd8, 0, 1, 2, 0xff, 0xd9}, "1.2.840.10008.1.2.4.50"};
    {
        DicomWebDiskCache cache(dir.path(), 1 << 20);
        EXPECT_FALSE(cache.find("1.2/3.4/5.6/0"));
        cache.store("1.2/3.4/5.6/0", frame);
    }
    DicomWebDiskCache cache(dir.path(), 1 << 20);
    EXPECT_GT(cache.bytesUsed(), frame.bytes.size());
    const auto found = cache.find("1.2/3.4/5.6/0");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->bytes, frame.bytes);
    EXPECT_EQ(found->transferSyntax, frame.transferSyntax);
    // Truncate every file: a miss, not a short frame.
    for (const auto& entry : fs::directory_iterator(dir.path()))
        fs::resize_file(entry.path(), fs::file_size(entry.path()) - 3);
    EXPECT_FALSE(cache.find("1.2/3.4/5.6/0"));
}

TEST(DicomWebDiskCache, StaysUnderItsLimitDroppingTheLeastRecentlyUsed) {
    TempDir dir;
    DicomWebDiskCache cache(dir.path(), 100000);
    const DicomFrame frame{std::vector<uint8_t>(10000, 7), "1.2.840.10008.1.2.1"};
    for (int i = 0; i < 30; ++i)
        cache.store("s/s/i/" + std::to_string(i), frame);
    EXPECT_LE(cache.bytesUsed(), 100000u);
    uint64_t onDisk = 0;
    for (const auto& entry : fs::directory_iterator(dir.path()))
        onDisk += fs::file_size(entry.path());
    EXPECT_EQ(onDisk, cache.bytesUsed());
    EXPECT_TRUE(cache.find("s/s/i/29")); // the newest stays
    EXPECT_FALSE(cache.find("s/s/i/0")); // the oldest went
}

// A frame damaged on disk after it was written (one flipped byte: a torn write after a power
// loss, bit rot) is a miss and is removed, never served as a tile.
TEST(DicomWebDiskCache, AFrameDamagedOnDiskIsAMissAndIsRemoved) {
    TempDir dir;
    const DicomFrame frame{std::vector<uint8_t>(5000, 9), "1.2.840.10008.1.2.1"};
    DicomWebDiskCache(dir.path(), 1 << 20).store("s/s/i/1", frame);
    const fs::path file = fs::directory_iterator(dir.path())->path();
    {
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(-100, std::ios::end);
        f.put('\x42');
    }
    DicomWebDiskCache cache(dir.path(), 1 << 20);
    EXPECT_FALSE(cache.find("s/s/i/1"));
    EXPECT_FALSE(fs::exists(file));
}

// kill -9 while frames are being written, many times: after each kill a reopened cache serves
// every frame whole or not at all, and sweeps what the killed writer left half-written.
TEST(DicomWebDiskCache, KilledWhileWritingItNeverServesADamagedFrame) {
    TempDir dir;
    const auto frameFor = [](int i) { // different sizes and contents per key
        return DicomFrame{std::vector<uint8_t>(size_t(20000 + 7919 * (i % 13)), uint8_t(i)),
                          "1.2.840.10008.1.2.1"};
    };
    std::mt19937 random(7);
    int served = 0;
    for (int round = 0; round < 8; ++round) {
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) { // writes until killed
            DicomWebDiskCache cache(dir.path(), 64 << 20);
            for (int i = 0;; i = (i + 1) % 400)
                cache.store("s/s/i/" + std::to_string(i), frameFor(i));
        }
        ::usleep(useconds_t(20000 + random() % 200000)); // a random moment (nothing asserted)
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        ASSERT_TRUE(WIFSIGNALED(status));
        DicomWebDiskCache cache(dir.path(), 64 << 20); // sweeps the dead writer's temporary
        for (const auto& entry : fs::directory_iterator(dir.path()))
            EXPECT_EQ(entry.path().extension(), ".frame") << "left behind: " << entry.path();
        for (int i = 0; i < 400; ++i)
            if (const auto found = cache.find("s/s/i/" + std::to_string(i))) {
                ASSERT_EQ(found->bytes, frameFor(i).bytes) << "frame " << i << ", round " << round;
                ++served;
            }
    }
    EXPECT_GT(served, 0); // the kills did not all land before the first frame
}
