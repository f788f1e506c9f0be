// Snapshots for reports: exact pixels at native resolution, the right level when reduced,
// a scale bar as long as its label says, annotations burned at the right place, a caption
// with no patient data, and clear refusals.

#include "TestSupport.h"

#include <lamina/core/Error.h>
#include <lamina/render/export/SnapshotRenderer.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/PixelSizeOverride.h>

#include <gtest/gtest.h>

#include <QFont>
#include <QFontMetrics>

using namespace lamina;

namespace {

std::shared_ptr<const SlideSource> slide() {
    return FormatRegistry::standard().open(test::synthesizedSlide(8192, 6144, 11));
}

QImage asImage(const RgbaImage& pixels) {
    return QImage(reinterpret_cast<const uchar*>(pixels.data()), pixels.width(), pixels.height(),
                  qsizetype(pixels.width()) * 4, QImage::Format_ARGB32_Premultiplied)
        .copy();
}

SnapshotOptions plain(QRectF region, double downsample) {
    SnapshotOptions o;
    o.region = region;
    o.downsample = downsample;
    o.scaleBar = false;
    o.caption = false;
    return o;
}

} // namespace

TEST(SnapshotRenderer, NativeResolutionEqualsReadRegion) {
    ensureTextRendering();
    const auto s = slide();
    const Snapshot shot = renderSnapshot(*s, plain(QRectF(1000, 2000, 640, 480), 1));
    EXPECT_EQ(shot.level, 0);
    EXPECT_EQ(shot.image.size(), QSize(640, 480));
    EXPECT_EQ(shot.image, asImage(s->readRegion(0, 1000, 2000, 640, 480)));
    EXPECT_DOUBLE_EQ(*shot.micronsPerPixel, 0.25);
}

TEST(SnapshotRenderer, ReducedSnapshotComesFromTheMatchingLevel) {
    ensureTextRendering();
    const auto s = slide();
    // Downsample 4 = level 1 of this pyramid: its pixels, unscaled.
    const Snapshot shot = renderSnapshot(*s, plain(QRectF(4096, 2048, 2048, 1024), 4));
    EXPECT_EQ(shot.level, 1);
    EXPECT_EQ(shot.image, asImage(s->readRegion(1, 4096, 2048, 512, 256)));
    // Downsample 8: from level 1, halved.
    const Snapshot half = renderSnapshot(*s, plain(QRectF(4096, 2048, 2048, 1024), 8));
    EXPECT_EQ(half.level, 1);
    EXPECT_EQ(half.image.size(), QSize(256, 128));
}

TEST(SnapshotRenderer, ScaleBarIsAsLongAsItsLabelSays) {
    ensureTextRendering();
    const auto s = slide();
    SnapshotOptions o = plain(QRectF(0, 0, 4000, 3000), 4); // 1 µm per output pixel
    o.scaleBar = true;
    const Snapshot shot = renderSnapshot(*s, o);
    ASSERT_TRUE(shot.scaleBar);
    EXPECT_EQ(shot.scaleBar->label, "200 µm"); // longest 1-2-5 length within a quarter width
    EXPECT_DOUBLE_EQ(shot.scaleBar->screenPixels, 200);
    // Measure the drawn bar: the longest run of black pixels in the bottom-left badge.
    int longest = 0;
    for (int y = shot.image.height() - 60; y < shot.image.height(); ++y) {
        int run = 0;
        for (int x = 0; x < 400; ++x) {
            run = shot.image.pixel(x, y) == qRgb(0, 0, 0) ? run + 1 : 0;
            longest = std::max(longest, run);
        }
    }
    EXPECT_NEAR(longest, 200, 1);
}

TEST(SnapshotRenderer, RectangleAnnotationIsBurnedAtItsPixels) {
    ensureTextRendering();
    const auto s = slide();
    AnnotationDocument doc = AnnotationDocument::withDefaults();
    Annotation box;
    box.id = "box";
    box.rgb = 0x00FF00;
    box.geometry = {ShapeKind::Rectangle, {{1100, 2100}, {1300, 2200}}, {}};
    doc.layers[0].annotations.push_back(box);
    SnapshotOptions o = plain(QRectF(1000, 2000, 400, 300), 1);
    const Snapshot without = renderSnapshot(*s, o);
    o.annotations = &doc;
    const Snapshot with = renderSnapshot(*s, o);
    // On the outline (x = 100 in the output), green dominates; far away, nothing changed.
    const QColor edge = with.image.pixelColor(100, 150);
    EXPECT_GT(edge.green(), edge.red() + 60);
    EXPECT_EQ(with.image.pixel(20, 20), without.image.pixel(20, 20));
    EXPECT_EQ(with.image.pixel(350, 270), without.image.pixel(350, 270));
    EXPECT_NE(with.image.pixel(200, 150), without.image.pixel(200, 150)) << "inside is tinted";
    // Hidden layers are not burned in.
    doc.layers[0].visible = false;
    EXPECT_EQ(renderSnapshot(*s, o).image, without.image);
}

TEST(SnapshotRenderer, CaptionSaysNameMagnificationScaleAndDateOnly) {
    ensureTextRendering();
    const auto s = slide();
    SnapshotOptions o = plain(QRectF(0, 0, 1600, 1200), 4);
    o.caption = true;
    o.slideName = "case-12.svs";
    o.date = QDate(2026, 11, 28);
    const Snapshot shot = renderSnapshot(*s, o);
    EXPECT_EQ(shot.caption, "case-12.svs · 10× · 1.00 µm/px · 2026-11-28");
    EXPECT_GT(shot.image.height(), shot.slideArea.height()) << "a band below the image";
    // Nothing from the slide's properties (where scanners put label text) is in it.
    for (const auto& [key, value] : s->metadata().properties) {
        const bool numeric =
            key.find("level") != std::string::npos || key.find("mpp") != std::string::npos ||
            key.find("MPP") != std::string::npos || key.find("objective") != std::string::npos ||
            key.find("AppMag") != std::string::npos;
        if (value.size() > 3 && !numeric) {
            EXPECT_EQ(shot.caption.find(value), std::string::npos) << key << " = " << value;
        }
    }
}

TEST(SnapshotRenderer, BadRequestsAreRefusedWithTheReason) {
    ensureTextRendering();
    const auto s = slide();
    const auto cause = [&](const SnapshotOptions& o) {
        try {
            renderSnapshot(*s, o);
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
            return e.cause();
        }
        return std::string("no error");
    };
    EXPECT_NE(cause(plain(QRectF(9000, 0, 100, 100), 1)).find("outside the slide"),
              std::string::npos);
    EXPECT_NE(cause(plain(QRectF(0, 0, 100, 100), 0.5)).find("enlarged"), std::string::npos);
    SnapshotOptions up = plain(QRectF(0, 0, 100, 100), 0.5);
    up.allowUpscale = true;
    EXPECT_EQ(renderSnapshot(*s, up).image.size(), QSize(200, 200));
    up.region = QRectF(0, 0, 8192, 6144);
    up.downsample = 0.25; // 32768 x 24576 output pixels
    EXPECT_NE(cause(up).find("large region export"), std::string::npos);
    EXPECT_NE(cause(plain(QRectF(0, 0, 100, 100), std::nan(""))).find("positive"),
              std::string::npos);
}

// A 264 px snapshot used to end its caption at "· 2.00", losing µm/px and the date: the
// caption now wraps between its parts onto as many lines as it needs.
TEST(SnapshotRenderer, NarrowSnapshotWrapsItsCaptionInsteadOfCuttingTheScale) {
    ensureTextRendering();
    const auto s = slide();
    SnapshotOptions o = plain(QRectF(2000, 2000, 264 * 8, 200 * 8), 8);
    o.caption = true;
    o.slideName = "a-rather-long-slide-name-from-the-scanner.svs";
    o.date = QDate(2026, 12, 7);
    const Snapshot shot = renderSnapshot(*s, o);
    ASSERT_EQ(shot.slideArea.width(), 264);
    EXPECT_NE(shot.caption.find("µm/px"), std::string::npos) << shot.caption;
    EXPECT_NE(shot.caption.find("2026-12-07"), std::string::npos) << shot.caption;
    QFont font;
    font.setPixelSize(14);
    const QFontMetrics metrics(font);
    ASSERT_GT(metrics.horizontalAdvance(QString::fromStdString(shot.caption)), 264)
        << "the caption must be too long for one line for this test to mean anything";
    const int band = shot.image.height() - shot.slideArea.height();
    EXPECT_GE(band, 2 * metrics.lineSpacing()) << "room for at least two lines";
    // Text (dark pixels) in the lower half of the band: a second line was drawn.
    int dark = 0;
    for (int y = shot.slideArea.height() + band / 2; y < shot.image.height(); ++y)
        for (int x = 0; x < shot.image.width(); ++x)
            dark += qGray(shot.image.pixel(x, y)) < 100;
    EXPECT_GT(dark, 20);
}

// Rulers keep their length in snapshots (a Breslow depth must be readable in the report):
// the same two points as a line and as a two-point polyline differ only by the label.
TEST(SnapshotRenderer, RulersShowTheirLengthInSnapshots) {
    ensureTextRendering();
    const auto s = slide();
    AnnotationDocument doc = AnnotationDocument::withDefaults();
    Annotation ruler;
    ruler.id = "r";
    ruler.geometry = {ShapeKind::Line, {{2100, 2100}, {2500, 2100}}, {}}; // 100 µm
    doc.layers[0].annotations = {ruler};
    SnapshotOptions o = plain(QRectF(2000, 2000, 1600, 800), 2);
    o.annotations = &doc;
    const Snapshot withLabel = renderSnapshot(*s, o);
    doc.layers[0].annotations[0].geometry.kind = ShapeKind::Polyline;
    const Snapshot withoutLabel = renderSnapshot(*s, o);
    int differing = 0, outside = 0;
    // The label sits right of the end point (250, 50 in output pixels).
    const QRect labelArea(250, 0, 200, 80);
    for (int y = 0; y < withLabel.image.height(); ++y)
        for (int x = 0; x < withLabel.image.width(); ++x)
            if (withLabel.image.pixel(x, y) != withoutLabel.image.pixel(x, y))
                ++(labelArea.contains(x, y) ? differing : outside);
    EXPECT_GT(differing, 200) << "a label badge near the end point";
    EXPECT_EQ(outside, 0);
}

// A pixel size the user entered is said so in the caption (and everywhere a scale is shown).
TEST(SnapshotRenderer, UserEnteredPixelSizeIsSaidInTheCaption) {
    ensureTextRendering();
    const auto overridden = std::make_shared<PixelSizeOverride>(slide(), 0.5);
    SnapshotOptions o = plain(QRectF(1000, 1000, 800, 600), 2);
    o.caption = true;
    const Snapshot shot = renderSnapshot(*overridden, o);
    EXPECT_NE(shot.caption.find("1.00 µm/px (pixel size entered by the user)"), std::string::npos)
        << shot.caption;
    EXPECT_DOUBLE_EQ(*shot.micronsPerPixel, 1.0);
}
