#pragma once
// Writes synthetic whole-slide images for the demo, the tests and the benchmarks: a pyramidal
// tiled TIFF that OpenSlide reads as an Aperio SVS (Aperio ImageDescription with MPP and
// AppMag; a thumbnail, a label and a macro image). Pyramid tiles are JPEG (libjpeg-turbo, the
// default), Aperio JPEG 2000 (OpenJPEG; RGB = 33005 or YCbCr = 33003), LZW (with horizontal
// predictor), deflate or uncompressed, so every tile codec Lamina reads can be tested.
//
// Memory stays bounded whatever the size: level 0 is generated and written one row of tiles
// at a time, lower levels are downsampled from it on the fly and their compressed tiles
// spooled to a temporary file until their TIFF directories are written. Peak memory is about
// 3 x width x tileSize x 3 bytes (about 140 MB for a 60000-pixel-wide slide with 256 tiles).
// The output appears atomically: it is written under a temporary name and renamed at the end.
// Output bytes are deterministic for given options (no dates, no host names).
// Thread-safety: one call writes one file; the call uses its own worker threads.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lamina {

struct SyntheticSlideOptions {
    enum class Pattern { Tissue, Grid };
    enum class BigTiff { Auto, Yes, No };
    enum class Compression { Jpeg, Jpeg2000, Jpeg2000YCbCr, Lzw, Deflate, None };

    std::filesystem::path output;
    int64_t width = 0;  // level-0 pixels
    int64_t height = 0; // level-0 pixels
    int32_t tileSize = 256;
    int32_t quality = 80; // JPEG quality (JPEG 2000: mapped to a compression ratio)
    Compression compression = Compression::Jpeg;
    uint64_t seed = 1;
    Pattern pattern = Pattern::Tissue;
    double mpp = 0.25;          // µm per level-0 pixel (0.25 = a 40x scan)
    double objectivePower = 40; // AppMag
    int32_t levelStep = 4;      // downsample between levels: 2 or 4 (Aperio uses 4)
    int32_t threads = 0;        // 0 = all cores
    BigTiff bigTiff = BigTiff::Auto;
};

struct SyntheticSlideReport {
    struct Level {
        int64_t width, height;
    };
    std::vector<Level> levels;
    uint64_t fileBytes = 0;
    uint64_t tiles = 0;
    uint64_t backgroundTiles = 0; // tiles that were pure glass (encoded once, reused)
    bool bigTiff = false;
};

// Throws lamina::Error: InvalidArgument for bad options (the message names the option), Io
// when the output cannot be written. Never leaves a partial file at `output`.
// `progress` (optional) receives the fraction done, 0..1, from the calling thread.
SyntheticSlideReport writeSyntheticSlide(const SyntheticSlideOptions& options,
                                         const std::function<void(double)>& progress = {});

// "jpeg", "jp2k", "jp2k-ycbcr", "lzw", "deflate", "none" <-> Compression. Parsing throws
// lamina::Error(InvalidArgument) naming the accepted words.
SyntheticSlideOptions::Compression parseCompression(const std::string& word);
std::string compressionName(SyntheticSlideOptions::Compression compression);

} // namespace lamina
