#include "BenchTilesCommand.h"

#include <lamina/codec/Jpeg2000TileDecoder.h>
#include <lamina/core/Error.h>
#include <lamina/core/ThreadPool.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/TiffFile.h>

#include <openslide.h>
#include <turbojpeg.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

namespace lamina::cli {
namespace {

struct TilePos {
    int64_t col, row;
};

// Runs body(i) for every tile on `threads` threads; returns tiles per second.
double timed(size_t threads, size_t count, const std::function<void(size_t)>& body) {
    ThreadPool pool(threads);
    const auto start = std::chrono::steady_clock::now();
    pool.parallelFor(threads, [&](size_t t) {
        for (size_t i = t; i < count; i += threads)
            body(i);
    });
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return double(count) / s;
}

} // namespace

CLI::App* BenchTilesCommand::configure(CLI::App& app) {
    auto* sub = benchGroup(app).add_subcommand(
        "tiles",
        "Random level-0 tiles: Lamina vs openslide_read_region vs libtiff + bare JPEG/JPEG 2000 "
        "decoder");
    sub->add_option("slide", slidePath_, "Slide file (tiled TIFF: SVS or generic)")->required();
    sub->add_option("--threads", threads_, "Threads")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    sub->add_option("--tiles", tiles_, "Tiles per method")
        ->check(CLI::Range(1, 1000000))
        ->capture_default_str();
    sub->add_flag("--json", json_, "Print JSON");
    return sub;
}

int BenchTilesCommand::run() {
    const auto slide = FormatRegistry::standard().open(slidePath_);
    const LevelInfo& l = slide->level(0);
    const int64_t fullAcross = l.width / l.tileWidth, fullDown = l.height / l.tileHeight;
    if (fullAcross < 1 || fullDown < 1)
        throw Error(ErrorKind::InvalidArgument, slidePath_, "level 0 has no whole tile");
    // Every whole level-0 tile once, in a random order, repeated in that same order when more
    // tiles are asked for. The fixed cycle matters: OpenSlide keeps a 32 MiB tile cache per
    // handle, and random repeats would let it serve some tiles from there. A cycle longer
    // than its cache never hits an LRU cache (on slides too small for that, see the warning).
    std::vector<TilePos> all;
    for (int64_t row = 0; row < fullDown; ++row)
        for (int64_t col = 0; col < fullAcross; ++col)
            all.push_back({col, row});
    std::shuffle(all.begin(), all.end(), std::mt19937_64(42));
    std::vector<TilePos> tiles(static_cast<size_t>(tiles_));
    for (size_t i = 0; i < tiles.size(); ++i)
        tiles[i] = all[i % all.size()];
    constexpr double kOpenSlideCacheBytes = 32.0 * 1024 * 1024;
    const double cycleBytes = double(all.size()) * l.tileWidth * l.tileHeight * 4;
    const bool openslideMayHit = tiles.size() > all.size() && cycleBytes < 2 * kOpenSlideCacheBytes;
    const auto threads = size_t(threads_);

    // Untimed pass first so the file is in the page cache for all three methods alike.
    timed(threads, tiles.size(), [&](size_t i) { slide->readTile(0, tiles[i].col, tiles[i].row); });

    // (a) Lamina's backend for this slide.
    const double lamina = timed(threads, tiles.size(),
                                [&](size_t i) { slide->readTile(0, tiles[i].col, tiles[i].row); });

    // (b) OpenSlide's read_region of the same tiles (one handle, as OpenSlide allows).
    openslide_t* osr = openslide_open(slidePath_.c_str());
    if (!osr || openslide_get_error(osr)) {
        if (osr)
            openslide_close(osr);
        throw Error(ErrorKind::UnsupportedFormat, slidePath_, "OpenSlide cannot open it");
    }
    const double openslide = timed(threads, tiles.size(), [&](size_t i) {
        thread_local std::vector<uint32_t> buffer;
        buffer.resize(size_t(l.tileWidth) * size_t(l.tileHeight));
        openslide_read_region(osr, buffer.data(), tiles[i].col * l.tileWidth,
                              tiles[i].row * l.tileHeight, 0, l.tileWidth, l.tileHeight);
    });
    openslide_close(osr);

    // (c) The limit: raw tile bytes read by libtiff + the bare decoder, nothing else. JPEG:
    // TurboJPEG (colours of RGB-photometric JPEG come out wrong here; the work is the same).
    // JPEG 2000: OpenJPEG without colour conversion. Other codecs have no separate limit.
    std::atomic<bool> limitOk{true};
    double limit = 0;
    std::string limitName;
    {
        TiffFile probe(slidePath_, "r");
        uint16_t compression = 0;
        TIFFGetFieldDefaulted(probe.get(), TIFFTAG_COMPRESSION, &compression);
        const bool jpeg = compression == COMPRESSION_JPEG;
        const bool jpeg2000 = compression == 33003 || compression == 33005; // Aperio's codes
        limitName = jpeg ? "libtiff+tjpeg" : "libtiff+openjpeg";
        if ((jpeg || jpeg2000) && TIFFIsTiled(probe.get())) {
            limit = timed(threads, tiles.size(), [&](size_t i) {
                thread_local std::unique_ptr<TiffFile> tiff;
                thread_local std::vector<uint8_t> raw;
                if (!tiff)
                    tiff = std::make_unique<TiffFile>(slidePath_, "r");
                const auto index =
                    TIFFComputeTile(tiff->get(), uint32_t(tiles[i].col * l.tileWidth),
                                    uint32_t(tiles[i].row * l.tileHeight), 0, 0);
                uint64_t* counts = nullptr;
                TIFFGetField(tiff->get(), TIFFTAG_TILEBYTECOUNTS, &counts);
                raw.resize(counts ? size_t(counts[index]) : 0);
                const tmsize_t n =
                    TIFFReadRawTile(tiff->get(), index, raw.data(), tmsize_t(raw.size()));
                if (n <= 0) {
                    limitOk = false;
                    return;
                }
                raw.resize(size_t(n));
                if (jpeg2000) {
                    if (!Jpeg2000TileDecoder::decodeOnly(raw))
                        limitOk = false;
                    return;
                }
                thread_local tjhandle decoder = tjInitDecompress();
                thread_local std::vector<uint8_t> stream;
                thread_local std::vector<uint32_t> pixels;
                uint32_t tablesSize = 0;
                const uint8_t* tables = nullptr;
                stream.clear();
                if (TIFFGetField(tiff->get(), TIFFTAG_JPEGTABLES, &tablesSize, &tables) &&
                    tablesSize > 4 && n > 2) {
                    stream.insert(stream.end(), tables, tables + tablesSize - 2); // drop EOI
                    stream.insert(stream.end(), raw.begin() + 2, raw.end());      // drop SOI
                } else {
                    stream = raw;
                }
                pixels.resize(size_t(l.tileWidth) * size_t(l.tileHeight));
                if (tjDecompress2(decoder, stream.data(), static_cast<unsigned long>(stream.size()),
                                  reinterpret_cast<unsigned char*>(pixels.data()), l.tileWidth, 0,
                                  l.tileHeight, TJPF_BGRA, 0) != 0)
                    limitOk = false;
            });
        }
    }

    nlohmann::ordered_json j;
    j["slide"] = slidePath_;
    j["backend"] = slide->metadata().backend;
    j["threads"] = threads;
    j["tiles"] = tiles.size();
    j["tile_size"] = std::to_string(l.tileWidth) + "x" + std::to_string(l.tileHeight);
    j["fast"] = {{"tiles_per_s", lamina}};
    j["openslide"] = {{"tiles_per_s", openslide}};
    j["limit"] = limit > 0 && limitOk
                     ? nlohmann::ordered_json{{"tiles_per_s", limit}, {"method", limitName}}
                     : nlohmann::ordered_json(nullptr);
    j["fast_over_openslide"] = lamina / openslide;
    j["distinct_tiles"] = all.size();
    j["openslide_cache_may_hit"] = openslideMayHit;
    j["fast_over_limit"] =
        limit > 0 ? nlohmann::ordered_json(lamina / limit) : nlohmann::ordered_json(nullptr);
    if (json_) {
        std::cout << j.dump(2) << '\n';
        return 0;
    }
    std::cout << slidePath_ << " (backend " << slide->metadata().backend << "), " << tiles.size()
              << " random level-0 tiles, " << threads << " thread(s)\n"
              << "  lamina          " << lamina << " tiles/s\n"
              << "  openslide       " << openslide
              << " tiles/s   (lamina / openslide = " << lamina / openslide << ")\n";
    if (limit > 0)
        std::cout << "  " << limitName << std::string(16 - limitName.size(), ' ') << limit
                  << " tiles/s   (lamina / limit = " << lamina / limit << ")"
                  << (limitOk ? "" : "  [some tiles failed to decode]") << '\n';
    if (openslideMayHit)
        std::cout << "  note: only " << all.size()
                  << " distinct tiles, so OpenSlide's tile cache serves repeats: ask for at most "
                  << all.size() << " tiles for a fair ratio\n";
    return 0;
}

} // namespace lamina::cli
