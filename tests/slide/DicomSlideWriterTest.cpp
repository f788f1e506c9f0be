// The DICOM whole-slide writer, checked by tools not ours: every instance it writes must pass
// dciodvfy (dicom3tools) with zero errors and have every frame read by pydicom through its
// Extended Offset Table; Lamina must read the series back with the source's geometry, scale,
// colour profile and — for copied JPEG / JPEG 2000 tiles — the same pixels, bit for bit. A
// de-identified series must hold none of the source's identifying values in any attribute.
// Every real slide in ../shared/slides that Lamina opens, and synthetic slides of every codec.

#include "TestSupport.h"

#include <lamina/codec/Jpeg2000Codestream.h>
#include <lamina/codec/JpegStream.h>
#include <lamina/codec/JpegTileEncoder.h>
#include <lamina/core/Error.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/PixelSizeOverride.h>
#include <lamina/slide/writer/Deidentification.h>
#include <lamina/slide/writer/DicomMetadataFile.h>
#include <lamina/slide/writer/DicomSlideWriter.h>
#include <lamina/slide/writer/DicomUid.h>

#include <dcmtk/dcmdata/dctk.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>

using namespace lamina;
using lamina::test::TempDir;
namespace fs = std::filesystem;

namespace {

bool inCi() {
    return std::getenv("CI") != nullptr;
}

// dciodvfy's error lines for one file ("" when it is silent about errors).
std::string dciodvfyErrors(const fs::path& file) {
    const auto r = test::runProcess({"dciodvfy", file.string()});
    std::string errors;
    std::istringstream lines(r.err + r.out);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind("Error", 0) == 0)
            errors += line + "\n";
    return errors;
}

bool hasDciodvfy() {
    return fs::exists("/usr/bin/dciodvfy");
}

// Every output through dciodvfy and pydicom.
void expectPeersAccept(const std::vector<fs::path>& files) {
    ASSERT_FALSE(files.empty());
    for (const auto& f : files)
        EXPECT_EQ(dciodvfyErrors(f), "") << f;
    std::vector<std::string> argv = {"/usr/bin/python3",
                                     LAMINA_TESTS_DIR "/slide/read_dicom_frames.py"};
    for (const auto& f : files)
        argv.push_back(f.string());
    const auto r = test::runProcess(argv);
    EXPECT_EQ(r.exitCode, 0) << r.err;
}

// Largest channel difference over a level, tile by tile when both have the same tile grid
// (regions of a level whose downsample is not a whole number are resampled by OpenSlide,
// tiles are not), else over its first 1024 rows.
int maxDifference(const SlideSource& a, int levelA, const SlideSource& b, int levelB,
                  double* mean = nullptr) {
    const LevelInfo& la = a.level(levelA);
    const LevelInfo& lb = b.level(levelB);
    int worst = 0;
    double sum = 0;
    uint64_t n = 0;
    const auto compare = [&](const RgbaImage& pa, const RgbaImage& pb) {
        EXPECT_EQ(pa.width(), pb.width());
        EXPECT_EQ(pa.height(), pb.height());
        for (size_t i = 0; i < size_t(pa.width()) * size_t(pa.height()); ++i)
            for (int shift : {0, 8, 16}) {
                const int d = std::abs(int((pa.data()[i] >> shift) & 0xFF) -
                                       int((pb.data()[i] >> shift) & 0xFF));
                worst = std::max(worst, d);
                sum += d;
                ++n;
            }
    };
    if (la.tileWidth == lb.tileWidth && la.tileHeight == lb.tileHeight) {
        for (int64_t row = 0; row < la.tilesDown(); ++row)
            for (int64_t col = 0; col < la.tilesAcross(); ++col)
                compare(a.readTile(levelA, col, row), b.readTile(levelB, col, row));
    } else {
        const auto w = int32_t(std::min<int64_t>(la.width, 4096));
        const auto h = int32_t(std::min<int64_t>(la.height, 1024));
        compare(a.readRegion(levelA, 0, 0, w, h), b.readRegion(levelB, 0, 0, w, h));
    }
    if (mean)
        *mean = sum / double(std::max<uint64_t>(1, n));
    return worst;
}

// Writes `slide` into a fresh folder, checks it with the peers and reads it back: same
// geometry and scale, copied levels bit-identical, encoded ones close.
void roundTrip(const SlideSource& slide, const DicomSlideWriteOptions& options = {}) {
    TempDir dir;
    const auto result = writeDicomSlide(slide, dir / "series", options);
    ASSERT_GE(result.levels.size(), size_t(slide.levelCount()));
    expectPeersAccept(result.files);
    const auto back = FormatRegistry::standard().open((dir / "series").string());
    ASSERT_EQ(back->dimensions().width, slide.dimensions().width);
    ASSERT_EQ(back->dimensions().height, slide.dimensions().height);
    EXPECT_NEAR(*back->metadata().mppX, *slide.metadata().mppX, 1e-6);
    EXPECT_NEAR(*back->metadata().mppY, *slide.metadata().mppY, 1e-6);
    if (!slide.metadata().iccProfile.empty()) {
        EXPECT_EQ(back->metadata().iccProfile, slide.metadata().iccProfile);
    }
    EXPECT_LT(std::max(back->level(back->levelCount() - 1).width,
                       back->level(back->levelCount() - 1).height),
              1024);
    for (int level = 0; level < slide.levelCount(); ++level) {
        ASSERT_EQ(back->level(level).width, slide.level(level).width) << level;
        double mean = 0;
        const int worst = maxDifference(slide, level, *back, level, &mean);
        const auto& how = result.levels[size_t(level)].how;
        if (how == "copied")
            EXPECT_EQ(worst, 0) << slide.location() << " level " << level;
        else // JPEG q90, 4:2:0: tiny levels of sharp-edged pictures are mostly edges
            EXPECT_LT(mean, slide.level(level).width < 256 ? 12.0 : 3.0)
                << slide.location() << " level " << level << " worst " << worst;
    }
}

std::shared_ptr<const SlideSource> openWithScale(const fs::path& file) {
    std::shared_ptr<const SlideSource> slide = FormatRegistry::standard().open(file.string());
    if (!slide->metadata().mppX)
        slide = std::make_shared<PixelSizeOverride>(slide, 0.5);
    return slide;
}

std::string levelHow(const DicomSlideWriteResult& r, size_t level) {
    return r.levels.at(level).how + " " + r.levels.at(level).transferSyntax;
}

} // namespace

TEST(DicomSlideWriter, EveryRealSlidePassesDciodvfyAndPydicomAndReadsBackWithTheSamePixels) {
    if (!hasDciodvfy()) {
        if (inCi())
            FAIL() << "dciodvfy missing (scripts/install-deps.sh installs dicom3tools)";
        GTEST_SKIP() << "dciodvfy missing (scripts/install-deps.sh installs dicom3tools)";
    }
    const auto files = test::realSlideFiles();
    if (files.empty())
        GTEST_SKIP() << "no real slides (LAMINA_TEST_SLIDES)";
    int written = 0;
    for (const auto& file : files) {
        SCOPED_TRACE(file.string());
        std::shared_ptr<const SlideSource> slide;
        try {
            slide = openWithScale(file);
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::UnsupportedFormat) << e.what(); // QPTIFF
            continue;
        }
        DicomSlideWriteOptions options;
        options.includeLabel = true;
        options.includeThumbnail = true;
        roundTrip(*slide, options);
        ++written;
    }
    EXPECT_GE(written, 7);
}

TEST(DicomSlideWriter, StoredJpegAndJpeg2000TilesAreCopiedWithTheirColourSpace) {
    const auto dir = test::testSlidesDir();
    if (!dir)
        GTEST_SKIP() << "no real slides (LAMINA_TEST_SLIDES)";
    TempDir out;
    // Aperio's RGB JPEG: copied, marked RGB (APP14 transform 0) so any decoder keeps RGB.
    const auto cmu = openWithScale(*dir / "aperio/CMU-1-Small-Region.svs");
    auto r = writeDicomSlide(*cmu, out / "cmu", {});
    EXPECT_EQ(levelHow(r, 0), "copied 1.2.840.10008.1.2.4.50");
    DcmFileFormat f;
    ASSERT_TRUE(f.loadFile((out / "cmu/level-0.dcm").c_str()).good());
    OFString photometric;
    f.getDataset()->findAndGetOFString(DCM_PhotometricInterpretation, photometric);
    EXPECT_EQ(photometric, "RGB");
    const auto back = FormatRegistry::standard().open((out / "cmu").string());
    const auto stored = back->readStoredTile(0, 0, 0);
    ASSERT_TRUE(stored);
    std::string why;
    const auto info = readJpegFrameInfo(*stored, why);
    ASSERT_TRUE(info) << why;
    EXPECT_EQ(info->adobeTransform, 0);
    EXPECT_FALSE(info->jfif);
    // Aperio JPEG 2000 (33005, irreversible colour transform): copied as YBR_ICT.
    const auto tcga = openWithScale(*dir / "aperio/tcga-cr-7395-01a-01-ts1.svs");
    r = writeDicomSlide(*tcga, out / "tcga", {});
    EXPECT_EQ(levelHow(r, 0), "copied 1.2.840.10008.1.2.4.91");
    EXPECT_EQ(levelHow(r, 1), "copied 1.2.840.10008.1.2.4.91");
    EXPECT_EQ(r.levels.at(2).how, "generated");
    DcmFileFormat j;
    ASSERT_TRUE(j.loadFile((out / "tcga/level-0.dcm").c_str()).good());
    j.getDataset()->findAndGetOFString(DCM_PhotometricInterpretation, photometric);
    EXPECT_EQ(photometric, "YBR_ICT");
    // Asked to encode: nothing is copied.
    DicomSlideWriteOptions encode;
    encode.reencodeAll = true;
    r = writeDicomSlide(*tcga, out / "tcga-encoded", encode);
    EXPECT_EQ(levelHow(r, 0), "encoded 1.2.840.10008.1.2.4.50");
}

TEST(DicomSlideWriter, SyntheticSlidesOfEveryCodecRoundTrip) {
    using C = SyntheticSlideOptions::Compression;
    for (const C codec : {C::Jpeg, C::Jpeg2000, C::Jpeg2000YCbCr, C::Lzw, C::None}) {
        SCOPED_TRACE(compressionName(codec));
        SyntheticSlideOptions o;
        o.width = 2600;
        o.height = 1900;
        o.seed = 5;
        o.levelStep = 2;
        o.compression = codec;
        o.tileSize = 256;
        const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
        roundTrip(*slide);
    }
}

TEST(DicomSlideWriter, LosslessJpeg2000ReencodingKeepsEveryPixel) {
    SyntheticSlideOptions o;
    o.width = 1400;
    o.height = 1100;
    o.seed = 9;
    o.compression = SyntheticSlideOptions::Compression::Lzw;
    const auto slide = FormatRegistry::standard().open(test::synthesizedSlide(o).string());
    DicomSlideWriteOptions options;
    options.reencoding = DicomReencoding::Jpeg2000Lossless;
    options.reencodeAll = true;
    TempDir dir;
    const auto r = writeDicomSlide(*slide, dir / "s", options);
    EXPECT_EQ(levelHow(r, 0), "encoded 1.2.840.10008.1.2.4.90");
    expectPeersAccept(r.files);
    const auto back = FormatRegistry::standard().open((dir / "s").string());
    EXPECT_EQ(maxDifference(*slide, 0, *back, 0), 0);
    DcmFileFormat f;
    ASSERT_TRUE(f.loadFile((dir / "s/level-0.dcm").c_str()).good());
    OFString lossy;
    f.getDataset()->findAndGetOFString(DCM_LossyImageCompression, lossy);
    EXPECT_EQ(lossy, "00");
}

namespace {

// Every text value of every attribute (nested sequences included) of a file.
void collectValues(DcmItem& item, std::vector<std::pair<std::string, std::string>>& out) {
    for (unsigned long i = 0; i < item.card(); ++i) {
        DcmElement* e = item.getElement(i);
        if (e->ident() == EVR_SQ) {
            auto* sq = static_cast<DcmSequenceOfItems*>(e);
            for (unsigned long k = 0; k < sq->card(); ++k)
                collectValues(*sq->getItem(k), out);
            continue;
        }
        OFString v;
        DcmTag tag = e->getTag();
        if (tag.getEVR() != EVR_OB && tag.getEVR() != EVR_OV && e->getOFStringArray(v).good())
            out.emplace_back(tag.getTagName(), v.c_str());
    }
}

std::vector<std::pair<std::string, std::string>> allValues(const fs::path& file) {
    DcmFileFormat f;
    EXPECT_TRUE(f.loadFile(file.c_str()).good()) << file;
    std::vector<std::pair<std::string, std::string>> out;
    collectValues(*f.getDataset(), out);
    return out;
}

std::string attribute(const fs::path& file, const DcmTagKey& key) {
    DcmFileFormat f;
    EXPECT_TRUE(f.loadFile(file.c_str()).good()) << file;
    OFString v;
    f.getDataset()->findAndGetOFStringArray(key, v);
    return v.c_str();
}

} // namespace

TEST(DicomSlideWriter, DeidentifiedSeriesHoldsNoOriginalIdentifyingValue) {
    // A slide of a known patient: the writer's own output with the patient's attributes.
    TempDir dir;
    const fs::path metadata = dir / "patient.json";
    std::ofstream(metadata) << R"({"PatientName": "Dupont^Jeanne", "PatientID": "PAT-12345",
        "PatientBirthDate": "19700312", "PatientSex": "F", "AccessionNumber": "ACC-777",
        "ContainerIdentifier": "S-2026-991", "StudyDescription": "Biopsie colique",
        "ReferringPhysicianName": "Martin^Paul", "InstitutionName": "CHU de Test",
        "StudyDate": "20260105", "StudyTime": "101530", "StudyID": "ST-42",
        "DeviceSerialNumber": "SCANNER-0042", "SeriesDescription": "HES Dupont"})";
    DicomSlideWriteOptions identified;
    identified.attributes = readDicomMetadataFile(metadata);
    identified.includeLabel = true;
    const auto source =
        FormatRegistry::standard().open(test::synthesizedSlide(1500, 1200, 12).string());
    const auto original = writeDicomSlide(*source, dir / "identified", identified);
    EXPECT_EQ(attribute(original.files[0], DCM_PatientName), "Dupont^Jeanne");
    EXPECT_EQ(attribute(original.files[0], DCM_AccessionNumber), "ACC-777");
    const std::string originalStudy = attribute(original.files[0], DCM_StudyInstanceUID);
    const std::string originalFrame = attribute(original.files[0], DCM_FrameOfReferenceUID);

    // Its de-identified copy, from the DICOM series itself.
    const auto dicom = FormatRegistry::standard().open((dir / "identified").string());
    DicomSlideWriteOptions deid;
    deid.deidentification.enabled = true;
    deid.deidentification.pseudonym = "TEACH-0001";
    deid.purpose = "teaching";
    const auto r = writeDicomSlide(*dicom, dir / "teaching", deid);
    EXPECT_EQ(r.pseudonym, "TEACH-0001");
    expectPeersAccept(r.files);
    const std::vector<std::string> identifying = {
        "Dupont",     "Jeanne",  "PAT-12345",    "19700312",    "ACC-777",
        "S-2026-991", "Biopsie", "Martin",       "CHU de Test", "20260105",
        "101530",     "ST-42",   "SCANNER-0042", originalStudy, originalFrame};
    std::set<std::string> studies, series;
    for (const auto& file : r.files) {
        EXPECT_EQ(file.filename().string().rfind("level-", 0), 0u) << "no label or overview";
        for (const auto& [name, value] : allValues(file))
            for (const auto& secret : identifying)
                EXPECT_EQ(value.find(secret), std::string::npos)
                    << file.filename() << " " << name << " = " << value;
        EXPECT_EQ(attribute(file, DCM_PatientName), "TEACH-0001");
        EXPECT_EQ(attribute(file, DCM_PatientIdentityRemoved), "YES");
        EXPECT_EQ(attribute(file, DCM_PatientBirthDate), "");
        EXPECT_EQ(attribute(file, DCM_StudyDate),
                  shiftDicomDate("20260105", dateShiftDays("TEACH-0001")));
        EXPECT_NE(attribute(file, DCM_SeriesDescription).find("teaching"), std::string::npos);
        studies.insert(attribute(file, DCM_StudyInstanceUID));
        series.insert(attribute(file, DCM_SeriesInstanceUID));
    }
    EXPECT_EQ(studies.size(), 1u); // replaced consistently
    EXPECT_EQ(series.size(), 1u);
    // The same pseudonym maps the same study to the same new study (a case stays a case).
    const auto again = writeDicomSlide(*dicom, dir / "teaching-again", deid);
    EXPECT_EQ(again.studyUid, r.studyUid);
    // A label would show the name: refused.
    deid.includeLabel = true;
    try {
        writeDicomSlide(*dicom, dir / "with-label", deid);
        FAIL() << "a de-identified slide with its label was written";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
    }
    EXPECT_FALSE(fs::exists(dir / "with-label"));
}

TEST(DicomSlideWriter, SameSlideAndOptionsGiveTheSameUidsSoAnUploadCanResume) {
    const auto slide =
        FormatRegistry::standard().open(test::synthesizedSlide(1200, 900, 4).string());
    TempDir dir;
    const auto a = writeDicomSlide(*slide, dir / "a", {});
    const auto b = writeDicomSlide(*slide, dir / "b", {});
    EXPECT_EQ(a.seriesUid, b.seriesUid);
    EXPECT_EQ(attribute(a.files[0], DCM_SOPInstanceUID), attribute(b.files[0], DCM_SOPInstanceUID));
    DicomSlideWriteOptions other;
    other.quality = 70;
    const auto c = writeDicomSlide(*slide, dir / "c", other);
    EXPECT_NE(c.seriesUid, a.seriesUid);
}

TEST(DicomSlideWriter, RefusesWhatItCannotWriteAndLeavesNothingBehind) {
    TempDir dir;
    const auto slide =
        FormatRegistry::standard().open(test::synthesizedSlide(2000, 1500, 6).string());
    // A folder with the user's files in it is never written into.
    fs::create_directory(dir / "busy");
    std::ofstream(dir / "busy/notes.txt") << "mine";
    try {
        writeDicomSlide(*slide, dir / "busy", {});
        FAIL() << "wrote into a folder that is not empty";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Io);
        EXPECT_NE(std::string(e.what()).find("busy"), std::string::npos) << e.what();
    }
    EXPECT_EQ(std::distance(fs::directory_iterator(dir / "busy"), fs::directory_iterator()), 1);
    // Cancelled half-way: no folder, no hidden temporary.
    try {
        writeDicomSlide(*slide, dir / "cancelled", {},
                        [](uint64_t done, uint64_t total) { return done < total / 2; });
        FAIL() << "not cancelled";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Cancelled);
    }
    for (const auto& entry : fs::directory_iterator(dir.path()))
        EXPECT_EQ(entry.path().filename(), "busy") << entry.path();
    // No scale: DICOM needs one; the message says how to give it.
    const auto boxes = test::testSlidesDir();
    if (boxes) {
        const auto noScale = FormatRegistry::standard().open(
            (*boxes / "generic-tiff/openslide-python-boxes.tiff").string());
        try {
            writeDicomSlide(*noScale, dir / "boxes", {});
            FAIL() << "wrote a slide without a pixel size";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
            EXPECT_NE(std::string(e.what()).find("Pixel Size"), std::string::npos);
        }
        EXPECT_FALSE(fs::exists(dir / "boxes"));
    }
}

TEST(DicomMetadataFile, RefusesHostileAndWrongFilesNamingTheFileAndTheCause) {
    TempDir dir;
    const auto refused = [&](const std::string& content, ErrorKind kind, const std::string& word) {
        const fs::path file = dir / "m.json";
        std::ofstream(file, std::ios::trunc) << content;
        try {
            readDicomMetadataFile(file);
            ADD_FAILURE() << "accepted " << content;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), kind) << content << ": " << e.what();
            EXPECT_EQ(e.file(), file.string());
            EXPECT_NE(std::string(e.what()).find(word), std::string::npos) << e.what();
        }
    };
    refused("{not json", ErrorKind::Corrupt, "not JSON");
    refused(R"(["PatientID"])", ErrorKind::Corrupt, "object");
    refused(R"({"PatientID": {"nested": 1}})", ErrorKind::Corrupt, "PatientID");
    refused(R"({"PatientIdentity": "x"})", ErrorKind::InvalidArgument, "not a DICOM keyword");
    refused(R"({"SOPInstanceUID": "1.2.3"})", ErrorKind::InvalidArgument, "Lamina itself");
    refused(R"({"Rows": "12"})", ErrorKind::InvalidArgument, "Lamina itself");
    refused(R"({"PixelData": "x"})", ErrorKind::InvalidArgument, "Lamina itself");
    refused(R"({"PatientBirthDate": "12/03/1970"})", ErrorKind::InvalidArgument,
            "PatientBirthDate");
    refused(R"({"PatientID": ")" + std::string(65, 'x') + R"("})", ErrorKind::InvalidArgument,
            "longer");
    refused(R"({"PatientID": "a\\b"})", ErrorKind::InvalidArgument, "PatientID");
    refused("{\"PatientName\": \"" + std::string(2 << 20, 'a') + "\"}", ErrorKind::Corrupt,
            "1 MiB");
    try {
        readDicomMetadataFile(dir / "absent.json");
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::NotFound);
    }
    std::ofstream(dir / "ok.json") << R"({"PatientID": "12345", "AccessionNumber": 778,
        "PatientName": "Durand^Marie", "StudyInstanceUID": "1.2.826.0.1.3680043.10.1"})";
    const auto values = readDicomMetadataFile(dir / "ok.json");
    EXPECT_EQ(values.at("AccessionNumber"), "778");
    EXPECT_EQ(values.at("PatientName"), "Durand^Marie");
}

TEST(JpegStream, ParsesMergesAndMarksStreamsAndRefusesDamagedOnes) {
    // A real stream from our encoder (4:2:0).
    std::vector<uint8_t> rgb(64 * 48 * 3, 200);
    const auto jpeg = JpegTileEncoder::forThisThread().encode(rgb.data(), 64, 48, 64 * 3, 90);
    std::string why;
    const auto info = readJpegFrameInfo(jpeg, why);
    ASSERT_TRUE(info) << why;
    EXPECT_TRUE(info->baseline);
    EXPECT_EQ(info->width, 64);
    EXPECT_EQ(info->height, 48);
    EXPECT_EQ(info->components, 3);
    EXPECT_EQ(info->lumaH, 2);
    EXPECT_EQ(info->lumaV, 2);
    // Marked RGB: one APP14, no JFIF, the image data unchanged after the header.
    const auto marked = withAdobeRgbMarker(jpeg);
    const auto markedInfo = readJpegFrameInfo(marked, why);
    ASSERT_TRUE(markedInfo) << why;
    EXPECT_EQ(markedInfo->adobeTransform, 0);
    EXPECT_FALSE(markedInfo->jfif);
    EXPECT_EQ(withAdobeRgbMarker(marked), marked); // idempotent
    EXPECT_TRUE(std::equal(jpeg.end() - 100, jpeg.end(), marked.end() - 100));
    // Tables merged after SOI.
    const std::vector<uint8_t> tables = {0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x03, 0x07, 0xFF, 0xD9};
    const auto merged = mergeJpegTables(tables, jpeg);
    EXPECT_EQ(merged.size(), jpeg.size() + 5);
    EXPECT_EQ(std::vector<uint8_t>(merged.begin() + 2, merged.begin() + 7),
              std::vector<uint8_t>(tables.begin() + 2, tables.begin() + 7));
    // Damaged: every truncation of the header, a segment longer than the stream, no SOI.
    for (size_t n = 0; n < 200 && n < jpeg.size(); ++n)
        EXPECT_FALSE(readJpegFrameInfo(std::span(jpeg).first(n), why)) << n;
    std::vector<uint8_t> bad = jpeg;
    bad[4] = 0xFF; // the first segment's length now runs past the end
    bad[5] = 0xFF;
    EXPECT_FALSE(readJpegFrameInfo(bad, why));
    EXPECT_THROW(withAdobeRgbMarker(bad), Error);
    EXPECT_THROW(mergeJpegTables(tables, std::vector<uint8_t>{1, 2, 3}), Error);
    EXPECT_THROW(mergeJpegTables(std::vector<uint8_t>{0xFF}, jpeg), Error);
    const std::vector<uint8_t> sofTooShort = {0xFF, 0xD8, 0xFF, 0xC0, 0x00,
                                              0x04, 0x08, 0x00, 0xFF, 0xDA};
    EXPECT_FALSE(readJpegFrameInfo(sofTooShort, why));
    const std::vector<uint8_t> tooManyComponents = {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x08, 0x08,
                                                    0x00, 0x10, 0x00, 0x10, 0x09, 0xFF, 0xDA};
    EXPECT_FALSE(readJpegFrameInfo(tooManyComponents, why));
}

TEST(Jpeg2000Codestream, ReadsRealTilesAndRefusesDamagedOnes) {
    const auto dir = test::testSlidesDir();
    if (!dir)
        GTEST_SKIP() << "no real slides (LAMINA_TEST_SLIDES)";
    const auto tcga =
        FormatRegistry::standard().open((*dir / "aperio/tcga-cr-7395-01a-01-ts1.svs").string());
    const auto tile = tcga->readStoredTile(0, 3, 2);
    ASSERT_TRUE(tile);
    std::string why;
    const auto info = readJpeg2000CodestreamInfo(*tile, why);
    ASSERT_TRUE(info) << why;
    EXPECT_EQ(info->width, 256);
    EXPECT_EQ(info->components, 3);
    EXPECT_EQ(info->precision, 8);
    EXPECT_TRUE(info->colourTransform);
    EXPECT_FALSE(info->reversible);
    for (size_t n = 0; n < 50; ++n) // SOC and SIZ (47 bytes for 3 components)
        EXPECT_FALSE(readJpeg2000CodestreamInfo(std::span(*tile).first(n), why)) << n;
    std::vector<uint8_t> bad = *tile;
    bad[4] = 0xFF; // SIZ length past the end
    EXPECT_FALSE(readJpeg2000CodestreamInfo(bad, why));
}

TEST(DicomUid, RandomAndDerivedUidsAreValidAndDerivedOnesRepeat) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string uid = randomDicomUid();
        EXPECT_EQ(uid.rfind("2.25.", 0), 0u);
        EXPECT_LE(uid.size(), 64u);
        EXPECT_EQ(uid.find_first_not_of("0123456789.", 0), std::string::npos);
        EXPECT_NE(uid[5], '0');
        seen.insert(uid);
    }
    EXPECT_EQ(seen.size(), 1000u);
    EXPECT_EQ(derivedDicomUid("slide|series"), derivedDicomUid("slide|series"));
    EXPECT_NE(derivedDicomUid("slide|series"), derivedDicomUid("slide|serieS"));
    EXPECT_NE(deidentifiedUid("1.2.3", "A"), deidentifiedUid("1.2.3", "B"));
}

TEST(Deidentification, DatesMoveBackConsistentlyAndNonDatesAreDropped) {
    EXPECT_EQ(shiftDicomDate("20240301", 1), "20240229"); // leap year
    EXPECT_EQ(shiftDicomDate("20230301", 1), "20230228");
    EXPECT_EQ(shiftDicomDate("20260101", 365), "20250101");
    EXPECT_EQ(shiftDicomDate("2026-01-01", 3), "");
    EXPECT_EQ(shiftDicomDate("20261301", 3), "");
    EXPECT_EQ(shiftDicomDate("", 3), "");
    const int d = dateShiftDays("TEACH-0001");
    EXPECT_GE(d, 1);
    EXPECT_LE(d, 3650);
    EXPECT_EQ(d, dateShiftDays("TEACH-0001"));
    const std::string p = randomPseudonym();
    EXPECT_EQ(p.rfind("ANON-", 0), 0u);
    EXPECT_NE(p, randomPseudonym());
}
