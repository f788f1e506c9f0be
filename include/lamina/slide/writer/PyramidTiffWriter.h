#pragma once
// Writes a tiled pyramidal TIFF, one level (directory) after the other, as Aperio SVS lays it
// out: level 0 first, then the reduced levels (NewSubfileType 1), then optional stripped
// associated images (thumbnail, label, macro). The callers produce and encode tiles on their
// own worker threads (encodeTile() is thread-safe) and hand them over in tile order; this
// class owns the libtiff handle (TiffFile: memory cap, libtiff's messages captured into the
// errors), the directory tags of each codec, and the Aperio ImageDescription format that
// OpenSlide 3.4 reads the scale from. Used by `lamina-cli synth` and the large-region export.
//
// Coordinates: pixels of the level being written; tile `index` = row * across + column.
// Thread-safety: one thread drives a writer; encodeTile() may run on any thread at once.

#include <lamina/slide/TiffFile.h>
#include <lamina/slide/writer/PyramidPlan.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lamina {

enum class TiffTileCodec {
    Jpeg,          // complete JPEG streams (YCbCr 4:2:0) written raw: Compression 7
    Jpeg2000Rgb,   // Aperio 33005, bare J2K codestreams written raw
    Jpeg2000YCbCr, // Aperio 33003
    Lzw,           // libtiff compresses (horizontal predictor)
    Deflate,       // libtiff compresses
    None,
};

// Aperio's ImageDescription of one level. Level 0 reads
//   "<software>\n<W>x<H> [0,0 <W>x<H>] (<T>x<T>) <codec>|key = value|..."
// and a reduced level "<software>\n<W0>x<H0> -> <W>x<H> - (<T>x<T>) <codec>".
struct AperioDescription {
    std::string software = "Aperio Image Library v12.0.0";
    int64_t baseWidth = 0, baseHeight = 0; // level 0
    int tileSize = 0;
    std::string codec;                                       // e.g. "JPEG/RGB Q=90"
    std::vector<std::pair<std::string, std::string>> fields; // level 0 only (AppMag, MPP, …)

    std::string forLevel(const PyramidLevelPlan& level, bool isLevel0) const;
    // An associated image's: "<software>\n<name> <W>x<H>", the thumbnail's
    // "<software>\n<W0>x<H0> -> <W>x<H>" (OpenSlide tells them apart by these words).
    std::string forAssociated(const std::string& name, int64_t width, int64_t height) const;
};

class PyramidTiffWriter {
public:
    struct Format {
        TiffTileCodec codec = TiffTileCodec::Jpeg;
        int samplesPerPixel = 3; // 3 (RGB) for every codec; 1 (8-bit grey) for Lzw, Deflate, None
        bool bigTiff = false;
        std::string software; // the Software tag; empty: none
    };

    // Creates `file` (a temporary, usually); errors name `reportedFile`, the file the user
    // asked for. Throws lamina::Error(InvalidArgument) for a codec that cannot hold
    // `samplesPerPixel`, Error(Io) when the file cannot be created.
    PyramidTiffWriter(const std::filesystem::path& file, std::string reportedFile,
                      const PyramidPlan& plan, Format format);

    // Starts the directory of plan level `level`. `micronsPerPixel`, when known, also goes to
    // XResolution/YResolution (pixels per cm) for generic TIFF readers.
    void beginLevel(size_t level, const std::string& description,
                    std::optional<double> micronsPerPixel = std::nullopt);
    // Tile `index` of the current level, as encodeTile() made it. Throws lamina::Error(Io).
    void writeTile(uint32_t index, std::vector<unsigned char> tile);
    void finishLevel();

    // One stripped RGB image in one strip (an associated image): JPEG or LZW.
    void writeStrippedImage(const uint8_t* rgb, int32_t width, int32_t height,
                            const std::string& description, bool jpeg, bool reducedImage);

    // Flushes and closes; throws lamina::Error(Io) if libtiff reported an error.
    void close();

    // One tile of tileSize² pixels (rows `stride` bytes apart) as writeTile() takes it: the
    // compressed stream for JPEG / JPEG 2000, else the packed pixels (libtiff compresses).
    static std::vector<unsigned char> encodeTile(const Format& format, int quality,
                                                 const uint8_t* pixels, int32_t tileSize,
                                                 size_t stride);
    // Whether writeTile() hands tiles to libtiff to compress (true) or writes them raw.
    static bool libtiffCompresses(TiffTileCodec codec);

private:
    void setTileColourTags() const;
    [[noreturn]] void fail(const std::string& what) const;
    // With the system's reason (errno) when there is one: a full or read-only disk.
    [[noreturn]] void failWriting(const std::string& what, int error) const;

    TiffFile tiff_;
    std::string reportedFile_;
    const PyramidPlan& plan_;
    Format format_;
};

} // namespace lamina
