#include <lamina/codec/Jpeg2000TileEncoder.h>
#include <lamina/codec/JpegTileEncoder.h>
#include <lamina/core/Error.h>
#include <lamina/slide/writer/PyramidTiffWriter.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lamina {
namespace {

// Aperio's JPEG 2000 compression codes; libtiff writes them as opaque raw tiles.
constexpr uint16_t kJpeg2000YCbCr = 33003, kJpeg2000Rgb = 33005;

std::string sizeText(int64_t width, int64_t height) {
    return std::to_string(width) + "x" + std::to_string(height);
}

// Tags of a directory whose data are complete JPEG streams: 8-bit RGB stored as YCbCr 2x2,
// no shared JPEGTables.
void setJpegTags(TIFF* t) {
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 3);
    TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
    TIFFSetField(t, TIFFTAG_JPEGTABLESMODE, 0);
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_YCBCR);
    TIFFSetField(t, TIFFTAG_YCBCRSUBSAMPLING, 2, 2);
}

} // namespace

std::string AperioDescription::forLevel(const PyramidLevelPlan& level, bool isLevel0) const {
    const std::string size = sizeText(level.width, level.height);
    const std::string tile =
        " (" + std::to_string(tileSize) + "x" + std::to_string(tileSize) + ") " + codec;
    if (!isLevel0)
        return software + "\n" + sizeText(baseWidth, baseHeight) + " -> " + size + " -" + tile;
    // OpenSlide's Aperio reader takes "key = value" fields after the first '|'.
    std::string text = software + "\n" + size + " [0,0 " + size + "]" + tile;
    for (const auto& [key, value] : fields)
        if (!value.empty()) // an unknown value is left out, never written empty
            text += "|" + key + " = " + value;
    return text;
}

std::string AperioDescription::forAssociated(const std::string& name, int64_t width,
                                             int64_t height) const {
    return software + "\n" +
           (name == "thumbnail" ? sizeText(baseWidth, baseHeight) + " -> " : name + " ") +
           sizeText(width, height);
}

PyramidTiffWriter::PyramidTiffWriter(const std::filesystem::path& file, std::string reportedFile,
                                     const PyramidPlan& plan, Format format)
    : tiff_(file, format.bigTiff ? "w8" : "w"), reportedFile_(std::move(reportedFile)), plan_(plan),
      format_(std::move(format)) {
    const bool grey = format_.samplesPerPixel == 1;
    if ((format_.samplesPerPixel != 1 && format_.samplesPerPixel != 3) ||
        (grey && !libtiffCompresses(format_.codec)))
        throw Error(ErrorKind::InvalidArgument, reportedFile_,
                    "JPEG and JPEG 2000 pyramid tiles must be RGB");
}

bool PyramidTiffWriter::libtiffCompresses(TiffTileCodec codec) {
    return codec == TiffTileCodec::Lzw || codec == TiffTileCodec::Deflate ||
           codec == TiffTileCodec::None;
}

void PyramidTiffWriter::fail(const std::string& what) const {
    throw Error(ErrorKind::Io, reportedFile_, what + ": " + tiff_.lastError());
}

void PyramidTiffWriter::setTileColourTags() const {
    TIFF* t = tiff_.get();
    if (format_.codec == TiffTileCodec::Jpeg)
        return setJpegTags(t);
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, format_.samplesPerPixel);
    TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    // Aperio says RGB for its YCbCr JPEG 2000 (33003) too.
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC,
                 format_.samplesPerPixel == 1 ? PHOTOMETRIC_MINISBLACK : PHOTOMETRIC_RGB);
    switch (format_.codec) {
    case TiffTileCodec::Jpeg2000Rgb:
        TIFFSetField(t, TIFFTAG_COMPRESSION, kJpeg2000Rgb);
        break;
    case TiffTileCodec::Jpeg2000YCbCr:
        TIFFSetField(t, TIFFTAG_COMPRESSION, kJpeg2000YCbCr);
        break;
    case TiffTileCodec::Lzw: // with the horizontal predictor, as many generic TIFF writers do
        TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
        TIFFSetField(t, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
        break;
    case TiffTileCodec::Deflate:
        TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
        break;
    case TiffTileCodec::None:
    case TiffTileCodec::Jpeg:
        TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
        break;
    }
}

void PyramidTiffWriter::beginLevel(size_t level, const std::string& description,
                                   std::optional<double> micronsPerPixel) {
    TIFF* t = tiff_.get();
    const PyramidLevelPlan& l = plan_.levels.at(level);
    TIFFSetField(t, TIFFTAG_SUBFILETYPE, level == 0 ? 0 : FILETYPE_REDUCEDIMAGE);
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, uint32_t(l.width));
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, uint32_t(l.height));
    TIFFSetField(t, TIFFTAG_TILEWIDTH, uint32_t(plan_.tileSize));
    TIFFSetField(t, TIFFTAG_TILELENGTH, uint32_t(plan_.tileSize));
    setTileColourTags();
    TIFFSetField(t, TIFFTAG_IMAGEDESCRIPTION, description.c_str());
    if (!format_.software.empty())
        TIFFSetField(t, TIFFTAG_SOFTWARE, format_.software.c_str());
    if (micronsPerPixel && *micronsPerPixel > 0) {
        TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_CENTIMETER);
        TIFFSetField(t, TIFFTAG_XRESOLUTION, float(1e4 / *micronsPerPixel));
        TIFFSetField(t, TIFFTAG_YRESOLUTION, float(1e4 / *micronsPerPixel));
    }
}

void PyramidTiffWriter::failWriting(const std::string& what, int error) const {
    // libtiff's own message ("TIFFAppendToStrip: Write error at scanline 4294967295") does
    // not say why; the system's does ("No space left on device", "Read-only file system").
    if (error != 0)
        throw Error(ErrorKind::Io, reportedFile_, what + ": " + std::strerror(error));
    fail(what);
}

void PyramidTiffWriter::writeTile(uint32_t index, std::vector<unsigned char> tile) {
    // `tile` is ours: libtiff may modify the buffer it is given (predictor, byte order).
    errno = 0;
    const tmsize_t written =
        libtiffCompresses(format_.codec)
            ? TIFFWriteEncodedTile(tiff_.get(), index, tile.data(), tmsize_t(tile.size()))
            : TIFFWriteRawTile(tiff_.get(), index, tile.data(), tmsize_t(tile.size()));
    if (written < 0)
        failWriting("writing a tile failed", errno);
}

void PyramidTiffWriter::finishLevel() {
    errno = 0;
    if (!TIFFWriteDirectory(tiff_.get()))
        failWriting("writing a TIFF directory failed", errno);
}

void PyramidTiffWriter::writeStrippedImage(const uint8_t* rgb, int32_t width, int32_t height,
                                           const std::string& description, bool jpeg,
                                           bool reducedImage) {
    TIFF* t = tiff_.get();
    TIFFSetField(t, TIFFTAG_SUBFILETYPE, reducedImage ? FILETYPE_REDUCEDIMAGE : 0);
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, uint32_t(width));
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, uint32_t(height));
    TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, uint32_t(height));
    TIFFSetField(t, TIFFTAG_IMAGEDESCRIPTION, description.c_str());
    if (jpeg) {
        setJpegTags(t);
        std::vector<unsigned char> bytes =
            JpegTileEncoder::forThisThread().encode(rgb, width, height, size_t(width) * 3, 90);
        if (TIFFWriteRawStrip(t, 0, bytes.data(), tmsize_t(bytes.size())) < 0)
            fail("writing an associated image failed");
    } else {
        TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
        TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 3);
        TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
        TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
        std::vector<uint8_t> pixels(rgb, rgb + size_t(width) * size_t(height) * 3);
        if (TIFFWriteEncodedStrip(t, 0, pixels.data(), tmsize_t(pixels.size())) < 0)
            fail("writing an associated image failed");
    }
    finishLevel();
}

void PyramidTiffWriter::close() {
    try {
        tiff_.close();
    } catch (const Error& e) {
        throw Error(ErrorKind::Io, reportedFile_, e.cause());
    }
}

std::vector<unsigned char> PyramidTiffWriter::encodeTile(const Format& format, int quality,
                                                         const uint8_t* pixels, int32_t tileSize,
                                                         size_t stride) {
    using Components = Jpeg2000TileEncoder::Components;
    switch (format.codec) {
    case TiffTileCodec::Jpeg:
        return JpegTileEncoder::forThisThread().encode(pixels, tileSize, tileSize, stride, quality);
    case TiffTileCodec::Jpeg2000Rgb:
        return Jpeg2000TileEncoder::encode(pixels, tileSize, tileSize, stride, quality,
                                           Components::Rgb);
    case TiffTileCodec::Jpeg2000YCbCr:
        return Jpeg2000TileEncoder::encode(pixels, tileSize, tileSize, stride, quality,
                                           Components::YCbCr);
    case TiffTileCodec::Lzw:
    case TiffTileCodec::Deflate:
    case TiffTileCodec::None:
        break;
    }
    const size_t row = size_t(tileSize) * size_t(format.samplesPerPixel);
    std::vector<unsigned char> packed(row * size_t(tileSize));
    for (int32_t y = 0; y < tileSize; ++y)
        std::copy_n(pixels + size_t(y) * stride, row, packed.data() + size_t(y) * row);
    return packed;
}

} // namespace lamina
