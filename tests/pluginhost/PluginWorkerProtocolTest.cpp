// The host/worker wire format: every message survives a round trip through a real socket, and
// what a broken or hostile worker could send (truncations, counts past the end, trailing
// bytes, unknown types, frames over the limit) is refused as Corrupt before any allocation;
// a frame cut short by the end of the connection is Io (the worker died).

#include "PluginHostTestSupport.h"

#include <lamina/pluginhost/PluginWorkerProtocol.h>

#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <span>

using namespace lamina;
using lamina::pluginhost_test::kindOf;

namespace {

WorkerDone sampleDone() {
    WorkerDone d;
    d.callId = 7;
    d.tileSize = 512;
    PluginRaster raster;
    raster.kind = PluginRaster::Kind::Labels;
    raster.width = 3, raster.height = 2;
    raster.originX = 100, raster.originY = 200, raster.level0PixelsPerPixel = 16;
    raster.values = {0, 1, 2, 3, 4, 5};
    d.result.raster = raster;
    PluginFeature f;
    f.points = {{1, 2}, {3, 4}, {5, 6}};
    f.className = "Tumour é";
    f.score = 0.25;
    d.result.features = {f};
    d.result.measurements = {{"area_mm2", 1.5}, {"count", 3}};
    return d;
}

} // namespace

TEST(PluginWorkerProtocol, EveryMessageSurvivesARoundTripThroughASocket) {
    int fds[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    WorkerCall call;
    call.id = 3;
    call.slide.levels = {{4000, 3000, 1}, {1000, 750, 4}};
    call.slide.micronsPerPixel = 0.25;
    call.slide.slideId = "slide-1";
    call.tile = {10, 20, 512, 512, {{0, 0}, {10, 0}, {0, 10}}, 4, 12};
    call.parameters = {{QStringLiteral("mode"), QStringLiteral("ok")},
                       {QStringLiteral("tile"), 512.0}};
    std::thread writer([&] { // a big message must not deadlock on the socket's buffer
        WorkerDone big = sampleDone();
        big.result.raster->width = 1000, big.result.raster->height = 1000;
        big.result.raster->values.assign(1000000, 0.5f);
        writeWorkerMessage(fds[0], WorkerMessageType::Call, encode(call));
        writeWorkerMessage(fds[0], WorkerMessageType::Done, encode(big), payloadOf(big));
        close(fds[0]);
    });
    auto m = readWorkerMessage(fds[1]);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->type, WorkerMessageType::Call);
    const WorkerCall back = decodeCall(m->body);
    EXPECT_EQ(back.id, 3u);
    ASSERT_EQ(back.slide.levels.size(), 2u);
    EXPECT_EQ(back.slide.levels[1].width, 1000);
    EXPECT_EQ(back.slide.levels[1].downsample, 4);
    EXPECT_EQ(back.slide.micronsPerPixel, 0.25);
    EXPECT_EQ(back.slide.slideId, "slide-1");
    EXPECT_EQ(back.tile.regionOutline.size(), 3u);
    EXPECT_EQ(back.tile.index, 4);
    EXPECT_EQ(back.parameters, call.parameters);
    m = readWorkerMessage(fds[1]);
    ASSERT_TRUE(m);
    const WorkerDone done = decodeDone(m->body, m->payload);
    EXPECT_EQ(done.result.raster->values.size(), 1000000u);
    EXPECT_FALSE(readWorkerMessage(fds[1])) << "end of stream";
    writer.join();
    close(fds[1]);

    const WorkerDone sample = sampleDone();
    const auto words = [](std::span<const std::byte> bytes) {
        std::vector<uint32_t> w(bytes.size() / 4);
        if (!bytes.empty())
            std::memcpy(w.data(), bytes.data(), bytes.size());
        return w;
    };
    const WorkerDone d = decodeDone(encode(sample), words(payloadOf(sample)));
    EXPECT_EQ(d.callId, 7u);
    EXPECT_EQ(d.result.raster->kind, PluginRaster::Kind::Labels);
    EXPECT_EQ(d.result.raster->values[5], 5);
    EXPECT_EQ(d.result.features.at(0).className, "Tumour é");
    EXPECT_EQ(d.result.features.at(0).points.at(2).second, 6);
    EXPECT_EQ(d.result.measurements.at("area_mm2"), 1.5);
    WorkerPixels pixels;
    pixels.readId = 9;
    pixels.image.width = 2, pixels.image.height = 1;
    pixels.image.pixels = {0xff102030u, 0u};
    EXPECT_EQ(decodePixels(encode(pixels), words(payloadOf(pixels))).image.pixels,
              pixels.image.pixels);
    EXPECT_EQ(decodeRead(encode(WorkerRead{1, 2, true, 0, 0.5, 1, 2, 3, 4})).micronsPerPixel, 0.5);
    EXPECT_EQ(decodeHello(encode(WorkerHello{"does not load"})).error, "does not load");
}

TEST(PluginWorkerProtocol, TruncatedPaddedAndOverlongMessagesAreRefusedAsCorrupt) {
    const QByteArray good = encode(sampleDone());
    const std::vector<uint32_t> values(6);
    // Every truncation, and one byte too many.
    for (qsizetype n = 0; n < good.size(); ++n)
        EXPECT_EQ(kindOf([&] { decodeDone(good.left(n), values); }), ErrorKind::Corrupt) << n;
    EXPECT_EQ(kindOf([&] { decodeDone(good + QByteArray(1, '\0'), values); }), ErrorKind::Corrupt);
    // Raster values without a raster.
    EXPECT_EQ(kindOf([&] { decodeDone(encode(WorkerDone{}), values); }), ErrorKind::Corrupt);
    // A count claiming four billion features in a short message: refused, not allocated.
    QByteArray hostile = encode(WorkerDone{});
    hostile.chop(8); // the empty feature and measurement counts
    hostile.append(QByteArray::fromHex("ffffffff00000000"));
    EXPECT_EQ(kindOf([&] { decodeDone(hostile, {}); }), ErrorKind::Corrupt);
    // Pixels whose size and count differ.
    WorkerPixels pixels;
    pixels.image.width = 1000, pixels.image.height = 1000;
    pixels.image.pixels = {1, 2, 3};
    EXPECT_EQ(kindOf([&] { decodePixels(encode(pixels), pixels.image.pixels); }),
              ErrorKind::Corrupt);
    // A read with an infinite coordinate.
    EXPECT_EQ(kindOf([&] {
                  decodeRead(encode(WorkerRead{1, 2, false, 0, 0, INFINITY, 0, 1, 1}));
              }),
              ErrorKind::Corrupt);

    // Frames: over the size limit, and of an unknown type.
    int fds[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    const unsigned char huge[] = {0xff, 0xff, 0xff, 0x7f, uint8_t(WorkerMessageType::Done),
                                  0,    0,    0,    0};
    ASSERT_EQ(write(fds[0], huge, sizeof huge), ssize_t(sizeof huge));
    EXPECT_EQ(kindOf([&] { readWorkerMessage(fds[1]); }), ErrorKind::Corrupt);
    const unsigned char unknown[] = {0, 0, 0, 0, 99, 0, 0, 0, 0};
    ASSERT_EQ(write(fds[0], unknown, sizeof unknown), ssize_t(sizeof unknown));
    EXPECT_EQ(kindOf([&] { readWorkerMessage(fds[1]); }), ErrorKind::Corrupt);
    // A payload over the limit, and one that is not a whole number of words.
    const unsigned char bulky[] = {0, 0, 0, 0, uint8_t(WorkerMessageType::Pixels), 0, 0, 0, 0x40};
    ASSERT_EQ(write(fds[0], bulky, sizeof bulky), ssize_t(sizeof bulky));
    EXPECT_EQ(kindOf([&] { readWorkerMessage(fds[1]); }), ErrorKind::Corrupt);
    const unsigned char ragged[] = {0, 0, 0, 0, uint8_t(WorkerMessageType::Pixels), 3, 0, 0, 0};
    ASSERT_EQ(write(fds[0], ragged, sizeof ragged), ssize_t(sizeof ragged));
    EXPECT_EQ(kindOf([&] { readWorkerMessage(fds[1]); }), ErrorKind::Corrupt);
    // A frame cut short by the end of the stream: the peer died while writing (not Corrupt).
    const unsigned char cut[] = {10, 0, 0, 0, uint8_t(WorkerMessageType::Hello), 0, 0, 0, 0, 1, 2};
    ASSERT_EQ(write(fds[0], cut, sizeof cut), ssize_t(sizeof cut));
    close(fds[0]);
    EXPECT_EQ(kindOf([&] { readWorkerMessage(fds[1]); }), ErrorKind::Io);
    close(fds[1]);
}
