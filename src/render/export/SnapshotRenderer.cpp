#include <lamina/core/Error.h>
#include <lamina/core/ImageScaling.h>
#include <lamina/render/AnnotationPainter.h>
#include <lamina/render/Camera.h>
#include <lamina/render/export/RegionSampling.h>
#include <lamina/render/export/SnapshotRenderer.h>

#include <QCoreApplication>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QObject>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace lamina {
namespace {

constexpr int kMaxOutputSide = 16384;
constexpr int64_t kMaxSourcePixels = int64_t{1} << 28; // 1 GiB of RGBA

void drawScaleBar(QPainter& painter, const QRect& area, const ScaleBar& bar) {
    // Bottom-left, on a light badge so it reads on tissue and on glass alike.
    QFont font = painter.font();
    font.setPixelSize(std::max(12, area.height() / 40));
    painter.setFont(font);
    const QFontMetrics metrics(font);
    const QString label = QString::fromStdString(bar.label);
    const int margin = std::max(8, area.width() / 100);
    const int thickness = std::max(3, font.pixelSize() / 4);
    const int barPixels = int(std::lround(bar.screenPixels));
    const int width = std::max(barPixels, metrics.horizontalAdvance(label)) + 2 * margin;
    const int height = metrics.height() + thickness + 3 * margin;
    const QRect badge(area.left() + margin, area.bottom() + 1 - margin - height, width, height);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 210));
    painter.drawRect(badge);
    painter.setPen(Qt::black);
    painter.drawText(QRect(badge.left() + margin, badge.top() + margin, width, metrics.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, label);
    // The bar itself: exactly `barPixels` pixels long, no antialiasing at its ends.
    painter.fillRect(
        QRect(badge.left() + margin, badge.bottom() + 1 - margin - thickness, barPixels, thickness),
        Qt::black);
}

} // namespace

void ensureTextRendering() {
    if (QGuiApplication::instance())
        return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "lamina";
    static char* argv[] = {name, nullptr};
    static QGuiApplication application(argc, argv); // lives until the process exits
}

QRectF framedWithMargin(const QRectF& b, double downsample) {
    const double margin = std::max(0.1 * std::max(b.width(), b.height()), 32 * downsample);
    return b.adjusted(-margin, -margin, margin, margin);
}

std::string snapshotCaption(const SlideSource& slide, const SnapshotOptions& options) {
    std::string caption = options.slideName;
    const auto separator = [&] {
        if (!caption.empty())
            caption += " · ";
    };
    if (const auto magnification = magnificationAt(slide.metadata(), options.downsample)) {
        separator();
        caption += formatMagnification(*magnification);
    }
    separator();
    if (const auto mpp = micronsPerScreenPixel(slide.metadata(), options.downsample))
        caption +=
            (slide.metadata().mppUserEntered ? QObject::tr("%1 (pixel size entered by the user)")
                                                   .arg(formatMicronsPerPixel(*mpp))
                                             : formatMicronsPerPixel(*mpp))
                .toStdString();
    else
        caption += QObject::tr("scale unknown (no MPP)").toStdString();
    separator();
    caption += options.date.toString(Qt::ISODate).toStdString();
    return caption;
}

Snapshot renderSnapshot(const SlideSource& slide, const SnapshotOptions& options) {
    const std::string& source = slide.location();
    const Size dims = slide.dimensions();
    const QRectF region = options.region.normalized();
    const double ds = options.downsample;
    if (!std::isfinite(ds) || ds <= 0)
        throw Error(ErrorKind::InvalidArgument, source, "the snapshot resolution must be positive");
    if (ds < 1 && !options.allowUpscale)
        throw Error(ErrorKind::InvalidArgument, source,
                    "the snapshot would be enlarged beyond the slide's resolution (ask for "
                    "up-scaling explicitly)");
    const bool finite = std::isfinite(region.left()) && std::isfinite(region.top()) &&
                        std::isfinite(region.width()) && std::isfinite(region.height());
    if (!finite || region.isEmpty() || region.right() <= 0 || region.bottom() <= 0 ||
        region.left() >= double(dims.width) || region.top() >= double(dims.height))
        throw Error(ErrorKind::InvalidArgument, source,
                    "the snapshot region is outside the slide (" + std::to_string(dims.width) +
                        " x " + std::to_string(dims.height) + " pixels)");
    const double outW = std::round(region.width() / ds), outH = std::round(region.height() / ds);
    if (outW > kMaxOutputSide || outH > kMaxOutputSide)
        throw Error(ErrorKind::InvalidArgument, source,
                    "the snapshot would be " + std::to_string(int64_t(outW)) + " x " +
                        std::to_string(int64_t(outH)) +
                        " pixels (at most 16384 per side): use the large region export");
    const int width = std::max(1, int(outW)), height = std::max(1, int(outH));

    if (sampledSourcePixels(slide, region, ds) > kMaxSourcePixels)
        throw Error(ErrorKind::InvalidArgument, source,
                    "the snapshot region is too large to read at once: use the large region "
                    "export");
    Snapshot out;
    SampledRegion sampled = sampleRegion(slide, region, width, height);
    out.level = sampled.level;
    const RgbaImage& scaled = sampled.pixels;

    out.micronsPerPixel = micronsPerScreenPixel(slide.metadata(), ds);
    if (options.caption)
        out.caption = options.captionText.value_or(snapshotCaption(slide, options));
    // The caption wraps between its parts ("name · 5× · 2.00 µm/px · date") onto as many lines
    // as the image's width needs: scale information is never cut off.
    const int oneLineBand = std::max(24, height / 25);
    QFont captionFont;
    captionFont.setPixelSize(std::max(11, oneLineBand * 3 / 5));
    QString captionText = QString::fromStdString(out.caption);
    captionText.replace(QLatin1Char(' '), QChar(0x00A0)); // no break inside a part
    captionText.replace(QStringLiteral("\u00A0·\u00A0"), QStringLiteral("\u00A0· "));
    const int captionTextWidth = std::max(1, width - 16);
    const QRect captionBounds =
        options.caption ? QFontMetrics(captionFont)
                              .boundingRect(QRect(0, 0, captionTextWidth, 1 << 20),
                                            Qt::AlignLeft | Qt::TextWordWrap, captionText)
                        : QRect();
    const int captionHeight =
        options.caption ? std::max(oneLineBand, captionBounds.height() + 8) : 0;
    out.slideArea = QRect(0, 0, width, height);
    out.image = QImage(width, height + captionHeight, QImage::Format_ARGB32_Premultiplied);
    out.image.fill(Qt::white);
    QPainter painter(&out.image);
    painter.drawImage(0, 0,
                      QImage(reinterpret_cast<const uchar*>(scaled.data()), width, height,
                             qsizetype(width) * 4, QImage::Format_ARGB32_Premultiplied));
    painter.setClipRect(out.slideArea);
    Camera camera; // level-0 -> output pixels
    camera.downsample = ds;
    camera.center = {region.left() + width * ds / 2, region.top() + height * ds / 2};
    if (options.overlays)
        options.overlays(painter, camera, QSizeF(width, height));
    if (options.annotations) {
        const Scale scale = scaleOf(slide.metadata()); // rulers keep their lengths
        AnnotationPainter::paint(painter, *options.annotations, camera, QSizeF(width, height),
                                 {.lineLengths = &scale});
    }
    if (options.scaleBar) {
        const bool microns = out.micronsPerPixel.has_value();
        out.scaleBar = chooseScaleBar(microns ? *out.micronsPerPixel : ds, microns, width * 0.25);
        if (out.scaleBar->screenPixels >= 1)
            drawScaleBar(painter, out.slideArea, *out.scaleBar);
        else
            out.scaleBar.reset();
    }
    painter.setClipping(false);
    if (options.caption) {
        painter.setFont(captionFont);
        painter.setPen(Qt::black);
        painter.drawText(QRect(8, height, captionTextWidth, captionHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, captionText);
    }
    return out;
}

} // namespace lamina
