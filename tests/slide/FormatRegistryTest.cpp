#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/slide/FormatRegistry.h>

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

using namespace lamina;
using lamina::test::TempDir;

namespace {

// A one-level in-memory slide for registry tests.
class SolidSlide : public SlideSource {
public:
    explicit SolidSlide(const std::string& location)
        : SlideSource([&] {
              SlideMetadata m;
              m.location = location;
              m.backend = "fake";
              m.levels = {{64, 64, 1.0, 32, 32}};
              return m;
          }()) {}

protected:
    RgbaImage doReadRegion(int, int64_t, int64_t, int32_t w, int32_t h) const override {
        return RgbaImage(w, h, opaqueRgb(1, 2, 3));
    }
    RgbaImage doReadAssociated(const std::string&) const override { return {}; }
};

// Claims files starting with `magic`; opens them, or reports them broken when `broken`.
class MagicBackend : public SlideBackend {
public:
    MagicBackend(std::string name, std::string magic, bool broken)
        : name_(std::move(name)), magic_(std::move(magic)), broken_(broken) {}
    std::string name() const override { return name_; }
    bool detect(const LocationProbe& p) const override {
        ++detections;
        return p.header.size() >= magic_.size() &&
               std::memcmp(p.header.data(), magic_.data(), magic_.size()) == 0;
    }
    std::unique_ptr<SlideSource> open(const LocationProbe& p) const override {
        if (broken_)
            throw Error(ErrorKind::Corrupt, p.location, name_ + " says: broken");
        return std::make_unique<SolidSlide>(p.location);
    }
    mutable int detections = 0;

private:
    std::string name_, magic_;
    bool broken_;
};

void writeFile(const std::filesystem::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary) << content;
}

} // namespace

TEST(FormatRegistry, FirstBackendThatDetectsTheFormatOpensIt) {
    TempDir dir;
    writeFile(dir / "a.fake", "BBBB rest of file");
    FormatRegistry registry;
    registry.add(std::make_unique<MagicBackend>("first", "AAAA", false));
    registry.add(std::make_unique<MagicBackend>("second", "BBBB", false));
    const auto slide = registry.open((dir / "a.fake").string());
    EXPECT_EQ(slide->metadata().backend, "fake");
    EXPECT_EQ(registry.backendNames(), (std::vector<std::string>{"first", "second"}));
}

TEST(FormatRegistry, BrokenFileOfAKnownFormatIsAnErrorNotTheNextBackend) {
    TempDir dir;
    writeFile(dir / "b.fake", "AAAA broken");
    FormatRegistry registry;
    registry.add(std::make_unique<MagicBackend>("strict", "AAAA", true));
    auto lenient = std::make_unique<MagicBackend>("lenient", "AAAA", false);
    const auto* lenientPtr = lenient.get();
    registry.add(std::move(lenient));
    try {
        registry.open((dir / "b.fake").string());
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Corrupt);
        EXPECT_NE(std::string(e.what()).find("b.fake"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("strict says: broken"), std::string::npos);
    }
    EXPECT_EQ(lenientPtr->detections, 0);
}

TEST(FormatRegistry, UnknownFormatIsUnsupported) {
    TempDir dir;
    writeFile(dir / "c.svs", "this is a text file, not a slide\n");
    try {
        FormatRegistry::standard().open((dir / "c.svs").string());
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::UnsupportedFormat);
        EXPECT_NE(std::string(e.what()).find("c.svs"), std::string::npos);
    }
}

TEST(FormatRegistry, ProbeDistinguishesMissingEmptyAndFolders) {
    TempDir dir;
    writeFile(dir / "empty.svs", "");
    auto kindOf = [](const std::string& location) {
        try {
            FormatRegistry::standard().open(location);
        } catch (const Error& e) {
            return e.kind();
        }
        return ErrorKind::Cancelled; // "no error" marker for the comparison below
    };
    EXPECT_EQ(kindOf((dir / "missing.svs").string()), ErrorKind::NotFound);
    EXPECT_EQ(kindOf((dir / "empty.svs").string()), ErrorKind::Corrupt);
    EXPECT_EQ(kindOf(dir.path().string()), ErrorKind::Io);
    EXPECT_EQ(kindOf(""), ErrorKind::InvalidArgument);
    EXPECT_EQ(kindOf("https://example.invalid/dicom-web/studies/1"), ErrorKind::UnsupportedFormat);
}

TEST(FormatRegistry, StandardOrderEndsWithTheUnsupportedFormatsBackend) {
    const auto names = FormatRegistry::standard().backendNames();
    ASSERT_FALSE(names.empty());
    EXPECT_EQ(names.back(), "unsupported");
    EXPECT_NE(std::find(names.begin(), names.end(), "openslide"), names.end());
}

TEST(LocationProbe, RecognisesTiffAndDicomMagic) {
    LocationProbe p;
    p.header = {'I', 'I', 42, 0};
    EXPECT_TRUE(p.isTiff());
    p.header = {'M', 'M', 0, 43};
    EXPECT_TRUE(p.isTiff());
    p.header = {'I', 'I', 41, 0};
    EXPECT_FALSE(p.isTiff());
    p.header.assign(132, 0);
    std::memcpy(p.header.data() + 128, "DICM", 4);
    EXPECT_TRUE(p.isDicomFile());
}
