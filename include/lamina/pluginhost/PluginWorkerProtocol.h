#pragma once
// What the viewer (host) and a plugin worker process (lamina-plugin-worker) say to each other
// over their stream socket. A message is a frame: a 4-byte little-endian body length, a 1-byte
// type, a 4-byte payload length, the body (QDataStream, Qt 6.0 format), then the payload: the
// bulk of pixels and raster values, raw 32-bit words in host order, written straight from
// and read straight into their vectors (no copy through the body).
//
//   worker → host  Hello   the plugin loaded (or why not), once, first
//   host → worker  Call    tileSizeLevel0 or process, with the slide's geometry and the tile
//   worker → host  Read    the plugin asks for pixels during a call (readRegion / readRegionAt)
//   host → worker  Pixels  the answer (pixels or the read's error)
//   host → worker  Cancel  the call's PluginContext::cancelled() becomes true
//   worker → host  Done    the call's result or the plugin's exception text
//
// The worker runs third-party code and may be broken or hostile: every decoder checks counts
// against the bytes present and the host's limits before allocating, and throws
// lamina::Error(Corrupt) on anything malformed.
// Thread-safety: pure functions; writeWorkerMessage on one fd must be serialised by the caller.

#include <lamina/plugin/OverlayPlugin.h>

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lamina {

enum class WorkerMessageType : uint8_t { Hello = 1, Call, Read, Pixels, Cancel, Done };

// A frame's largest body: a plugin's biggest legal raster (64 Mi floats) plus its features.
inline constexpr uint32_t kMaxWorkerMessageBytes = 512u << 20;
// A payload's largest size: the largest raster or read (64 Mi words).
inline constexpr uint32_t kMaxWorkerPayloadBytes = 256u << 20;

struct WorkerMessage {
    WorkerMessageType type{};
    QByteArray body;
    std::vector<uint32_t> payload;
};

// Writes one whole frame (`payload`: a whole number of 32-bit words); false when the peer has
// gone (never raises SIGPIPE).
bool writeWorkerMessage(int fd, WorkerMessageType type, const QByteArray& body,
                        std::span<const std::byte> payload = {});
// Reads one whole frame; empty at end of stream. Throws lamina::Error(Corrupt) for a frame
// over kMaxWorkerMessageBytes or of an unknown type, Error(Io) for a read error or a frame
// cut short (the peer died while writing it).
std::optional<WorkerMessage> readWorkerMessage(int fd);

struct WorkerHello {
    std::string error; // empty: loaded
};

// The slide as the worker's PluginSlide shows it (level-0 pixels).
struct WorkerSlideInfo {
    struct Level {
        int64_t width = 0, height = 0;
        double downsample = 1;
    };
    std::vector<Level> levels;
    std::optional<double> micronsPerPixel;
    std::string slideId;
};

struct WorkerCall {
    enum class Kind : uint8_t { TileSize = 1, Process };
    uint64_t id = 0;
    Kind kind = Kind::Process;
    WorkerSlideInfo slide;
    PluginTile tile; // Process only
    QVariantMap parameters;
};

struct WorkerRead {
    uint64_t callId = 0, readId = 0;
    bool resampled = false; // readRegionAt (micronsPerPixel, x..height) vs readRegion
    int level = 0;
    double micronsPerPixel = 0, x = 0, y = 0, width = 0, height = 0;
};

struct WorkerPixels {
    uint64_t readId = 0;
    std::string error; // empty: `image` holds the pixels
    PluginImage image;
};

struct WorkerCancel {
    uint64_t callId = 0;
};

struct WorkerDone {
    uint64_t callId = 0;
    std::string error; // empty: succeeded
    double tileSize = 0;
    PluginResult result;
};

// Bodies. Pixels and Done carry their bulk (pixels, raster values) as the payload instead:
// write payloadOf(m) with them, and give the message's payload to the decoder.
QByteArray encode(const WorkerHello& m);
QByteArray encode(const WorkerCall& m);
QByteArray encode(const WorkerRead& m);
QByteArray encode(const WorkerPixels& m);
QByteArray encode(const WorkerCancel& m);
QByteArray encode(const WorkerDone& m);
std::span<const std::byte> payloadOf(const WorkerPixels& m);
std::span<const std::byte> payloadOf(const WorkerDone& m);

// Each throws lamina::Error(Corrupt) naming what is wrong.
WorkerHello decodeHello(const QByteArray& body);
WorkerCall decodeCall(const QByteArray& body);
WorkerRead decodeRead(const QByteArray& body);
WorkerPixels decodePixels(const QByteArray& body, std::vector<uint32_t> payload);
WorkerCancel decodeCancel(const QByteArray& body);
WorkerDone decodeDone(const QByteArray& body, const std::vector<uint32_t>& payload);

} // namespace lamina
