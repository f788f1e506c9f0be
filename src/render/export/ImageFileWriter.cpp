#include <lamina/core/Error.h>
#include <lamina/render/export/ImageFileWriter.h>

#include <QImage>
#include <QImageWriter>
#include <QSaveFile>

#include <filesystem>

namespace lamina {

void writeImageFile(const RgbaImage& image, const std::string& path, int jpegQuality) {
    // Wraps the pixels without copying: RgbaImage uses Qt's premultiplied ARGB32 layout.
    writeImageFile(QImage(reinterpret_cast<const uchar*>(image.data()), image.width(),
                          image.height(), qsizetype(image.width()) * 4,
                          QImage::Format_ARGB32_Premultiplied),
                   path, jpegQuality);
}

void writeImageFile(const QImage& source, const std::string& path, int jpegQuality) {
    std::string extension = std::filesystem::path(path).extension().string();
    for (auto& c : extension)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    const char* format = extension == ".png"                           ? "png"
                         : extension == ".jpg" || extension == ".jpeg" ? "jpeg"
                         : extension == ".tif" || extension == ".tiff" ? "tiff"
                                                                       : nullptr;
    if (!format)
        throw Error(ErrorKind::InvalidArgument, path,
                    "unknown image type '" + extension + "' (use .png, .jpg or .tif)");
    const QImage view = source.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        throw Error(ErrorKind::Io, path, "cannot write: " + file.errorString().toStdString());
    QImageWriter writer(&file, format);
    if (std::string(format) == "jpeg")
        writer.setQuality(jpegQuality);
    // JPEG has no alpha: flatten onto white, as a pathologist expects glass to look.
    QImage toWrite = view;
    if (std::string(format) == "jpeg") {
        toWrite = QImage(view.size(), QImage::Format_RGB32);
        toWrite.fill(Qt::white);
        for (int y = 0; y < view.height(); ++y) {
            const auto* src = reinterpret_cast<const uint32_t*>(view.constScanLine(y));
            auto* dst = reinterpret_cast<uint32_t*>(toWrite.scanLine(y));
            for (int x = 0; x < view.width(); ++x) {
                const uint32_t p = src[x];
                const unsigned inv = 255 - alphaOf(p);
                dst[x] = opaqueRgb(uint8_t(redOf(p) + inv), uint8_t(greenOf(p) + inv),
                                   uint8_t(blueOf(p) + inv));
            }
        }
    }
    if (!writer.write(toWrite))
        throw Error(ErrorKind::Io, path,
                    "cannot encode image: " + writer.errorString().toStdString());
    if (!file.commit())
        throw Error(ErrorKind::Io, path, "cannot write: " + file.errorString().toStdString());
}

} // namespace lamina
