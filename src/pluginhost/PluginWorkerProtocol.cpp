#include <lamina/core/Error.h>
#include <lamina/pluginhost/PluginWorkerProtocol.h>

#include <sys/socket.h>
#include <unistd.h>

#include <QDataStream>
#include <QIODevice>

#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace lamina {
namespace {

constexpr auto kStreamVersion = QDataStream::Qt_6_0;
constexpr int64_t kMaxRasterValues = int64_t(1) << 26; // as PluginRun's limit

[[noreturn]] void malformed(const std::string& why) {
    throw Error(ErrorKind::Corrupt, "plugin worker connection", "malformed message: " + why);
}

// Writes with length-prefixed strings and element counts (uint32).
class Writer {
public:
    Writer() : stream_(&bytes_, QIODevice::WriteOnly) { stream_.setVersion(kStreamVersion); }
    QByteArray take() { return bytes_; }

    Writer& u64(uint64_t v) { return put(quint64(v)); }
    Writer& i64(int64_t v) { return put(qint64(v)); }
    Writer& i32(int v) { return put(qint32(v)); }
    Writer& u32(uint32_t v) { return put(quint32(v)); }
    Writer& f64(double v) { return put(v); }
    Writer& boolean(bool v) { return put(quint8(v ? 1 : 0)); }
    Writer& text(const std::string& s) {
        u32(uint32_t(s.size()));
        stream_.writeRawData(s.data(), int(s.size()));
        return *this;
    }
    Writer& variantMap(const QVariantMap& m) { return put(m); }

private:
    template <typename T>
    Writer& put(const T& v) {
        stream_ << v;
        return *this;
    }
    QByteArray bytes_;
    QDataStream stream_;
};

// Reads what Writer wrote; every count is checked against the bytes left before allocating.
class Reader {
public:
    Reader(const QByteArray& bytes, const char* what)
        : bytes_(bytes), stream_(bytes_), what_(what) {
        stream_.setVersion(kStreamVersion);
    }

    uint64_t u64() { return get<quint64>(); }
    int64_t i64() { return get<qint64>(); }
    int i32() { return get<qint32>(); }
    uint32_t u32() { return get<quint32>(); }
    double f64() { return get<double>(); }
    double finite(const char* field) {
        const double v = f64();
        if (!std::isfinite(v))
            malformed(std::string(what_) + ": " + field + " is not finite");
        return v;
    }
    bool boolean() { return get<quint8>() != 0; }
    std::string text() {
        const uint32_t n = count(1);
        std::string s(n, '\0');
        stream_.readRawData(s.data(), int(n));
        return s;
    }
    // A count of elements each at least `elementBytes` long, checked against what is left.
    uint32_t count(size_t elementBytes) {
        const uint32_t n = u32();
        if (uint64_t(n) * elementBytes > uint64_t(left()))
            malformed(std::string(what_) + ": a count of " + std::to_string(n) +
                      " past the end of the message");
        return n;
    }
    QVariantMap variantMap() { return get<QVariantMap>(); }
    void finish() {
        if (stream_.status() != QDataStream::Ok)
            malformed(std::string(what_) + ": truncated");
        if (left() != 0)
            malformed(std::string(what_) + ": " + std::to_string(left()) + " bytes too many");
    }

private:
    template <typename T>
    T get() {
        T v{};
        stream_ >> v;
        if (stream_.status() != QDataStream::Ok)
            malformed(std::string(what_) + ": truncated");
        return v;
    }
    qint64 left() const { return qint64(bytes_.size()) - stream_.device()->pos(); }

    QByteArray bytes_;
    QDataStream stream_;
    const char* what_;
};

void writePoints(Writer& w, const std::vector<std::pair<double, double>>& points) {
    w.u32(uint32_t(points.size()));
    for (const auto& [x, y] : points)
        w.f64(x).f64(y);
}

std::vector<std::pair<double, double>> readPoints(Reader& r) {
    std::vector<std::pair<double, double>> points(r.count(16));
    for (auto& [x, y] : points)
        x = r.f64(), y = r.f64(); // finiteness is PluginRun::validate's to judge
    return points;
}

bool writeAll(int fd, const char* data, size_t size) {
    while (size > 0) {
        const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n, size -= size_t(n);
    }
    return true;
}

// Reads exactly `size` bytes: false at a clean end of stream before the first byte.
bool readAll(int fd, char* data, size_t size, bool atFrameStart) {
    size_t got = 0;
    while (got < size) {
        const ssize_t n = ::read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throw Error(ErrorKind::Io, "plugin worker connection", std::strerror(errno));
        if (n == 0) {
            if (got == 0 && atFrameStart)
                return false;
            throw Error(ErrorKind::Io, "plugin worker connection",
                        "the connection ended inside a message"); // the peer died
        }
        got += size_t(n);
    }
    return true;
}

} // namespace

bool writeWorkerMessage(int fd, WorkerMessageType type, const QByteArray& body,
                        std::span<const std::byte> payload) {
    const auto size = uint32_t(body.size());
    const auto bulk = uint32_t(payload.size());
    const std::array<char, 9> header{char(size & 0xff),
                                     char((size >> 8) & 0xff),
                                     char((size >> 16) & 0xff),
                                     char((size >> 24) & 0xff),
                                     char(type),
                                     char(bulk & 0xff),
                                     char((bulk >> 8) & 0xff),
                                     char((bulk >> 16) & 0xff),
                                     char((bulk >> 24) & 0xff)};
    return writeAll(fd, header.data(), header.size()) &&
           writeAll(fd, body.constData(), size_t(body.size())) &&
           writeAll(fd, reinterpret_cast<const char*>(payload.data()), payload.size());
}

std::optional<WorkerMessage> readWorkerMessage(int fd) {
    std::array<unsigned char, 9> header{};
    if (!readAll(fd, reinterpret_cast<char*>(header.data()), header.size(), true))
        return std::nullopt;
    const auto word = [&](size_t at) {
        return uint32_t(header[at]) | uint32_t(header[at + 1]) << 8 |
               uint32_t(header[at + 2]) << 16 | uint32_t(header[at + 3]) << 24;
    };
    const uint32_t size = word(0), bulk = word(5);
    if (size > kMaxWorkerMessageBytes)
        malformed("a message of " + std::to_string(size) + " bytes");
    if (bulk > kMaxWorkerPayloadBytes || bulk % 4 != 0)
        malformed("a payload of " + std::to_string(bulk) + " bytes");
    if (header[4] < uint8_t(WorkerMessageType::Hello) ||
        header[4] > uint8_t(WorkerMessageType::Done))
        malformed("unknown message type " + std::to_string(header[4]));
    WorkerMessage m;
    m.type = WorkerMessageType(header[4]);
    m.body.resize(qsizetype(size));
    readAll(fd, m.body.data(), size, false);
    m.payload.resize(bulk / 4);
    readAll(fd, reinterpret_cast<char*>(m.payload.data()), bulk, false);
    return m;
}

QByteArray encode(const WorkerHello& m) {
    return Writer().text(m.error).take();
}

WorkerHello decodeHello(const QByteArray& body) {
    Reader r(body, "hello");
    WorkerHello m;
    m.error = r.text();
    r.finish();
    return m;
}

QByteArray encode(const WorkerCall& m) {
    Writer w;
    w.u64(m.id).u32(uint32_t(m.kind)).u32(uint32_t(m.slide.levels.size()));
    for (const auto& level : m.slide.levels)
        w.i64(level.width).i64(level.height).f64(level.downsample);
    w.boolean(m.slide.micronsPerPixel.has_value()).f64(m.slide.micronsPerPixel.value_or(0));
    w.text(m.slide.slideId);
    w.f64(m.tile.x).f64(m.tile.y).f64(m.tile.width).f64(m.tile.height);
    writePoints(w, m.tile.regionOutline);
    w.i32(m.tile.index).i32(m.tile.count).variantMap(m.parameters);
    return w.take();
}

WorkerCall decodeCall(const QByteArray& body) {
    Reader r(body, "call");
    WorkerCall m;
    m.id = r.u64();
    const uint32_t kind = r.u32();
    if (kind != uint32_t(WorkerCall::Kind::TileSize) && kind != uint32_t(WorkerCall::Kind::Process))
        malformed("call: unknown kind " + std::to_string(kind));
    m.kind = WorkerCall::Kind(kind);
    m.slide.levels.resize(r.count(24));
    for (auto& level : m.slide.levels) {
        level.width = r.i64(), level.height = r.i64();
        level.downsample = r.finite("downsample");
    }
    const bool hasScale = r.boolean();
    const double mpp = r.f64();
    if (hasScale)
        m.slide.micronsPerPixel = mpp;
    m.slide.slideId = r.text();
    m.tile.x = r.f64(), m.tile.y = r.f64(), m.tile.width = r.f64(), m.tile.height = r.f64();
    m.tile.regionOutline = readPoints(r);
    m.tile.index = r.i32(), m.tile.count = r.i32();
    m.parameters = r.variantMap();
    r.finish();
    return m;
}

QByteArray encode(const WorkerRead& m) {
    return Writer()
        .u64(m.callId)
        .u64(m.readId)
        .boolean(m.resampled)
        .i32(m.level)
        .f64(m.micronsPerPixel)
        .f64(m.x)
        .f64(m.y)
        .f64(m.width)
        .f64(m.height)
        .take();
}

WorkerRead decodeRead(const QByteArray& body) {
    Reader r(body, "read");
    WorkerRead m;
    m.callId = r.u64(), m.readId = r.u64();
    m.resampled = r.boolean();
    m.level = r.i32();
    m.micronsPerPixel = r.f64();
    m.x = r.finite("x"), m.y = r.finite("y");
    m.width = r.finite("width"), m.height = r.finite("height");
    r.finish();
    return m;
}

QByteArray encode(const WorkerPixels& m) {
    Writer w;
    w.u64(m.readId).text(m.error).i32(m.image.width).i32(m.image.height);
    return w.take();
}

std::span<const std::byte> payloadOf(const WorkerPixels& m) {
    return std::as_bytes(std::span(m.image.pixels));
}

WorkerPixels decodePixels(const QByteArray& body, std::vector<uint32_t> payload) {
    Reader r(body, "pixels");
    WorkerPixels m;
    m.readId = r.u64();
    m.error = r.text();
    m.image.width = r.i32(), m.image.height = r.i32();
    m.image.pixels = std::move(payload);
    if (m.image.width < 0 || m.image.height < 0 ||
        int64_t(m.image.width) * m.image.height != int64_t(m.image.pixels.size()))
        malformed("pixels: the image's size and its pixel count differ");
    r.finish();
    return m;
}

QByteArray encode(const WorkerCancel& m) {
    return Writer().u64(m.callId).take();
}

WorkerCancel decodeCancel(const QByteArray& body) {
    Reader r(body, "cancel");
    WorkerCancel m{r.u64()};
    r.finish();
    return m;
}

QByteArray encode(const WorkerDone& m) {
    Writer w;
    w.u64(m.callId).text(m.error).f64(m.tileSize);
    const PluginResult& res = m.result;
    w.boolean(res.raster.has_value());
    if (res.raster) {
        const PluginRaster& raster = *res.raster;
        w.u32(uint32_t(raster.kind)).i32(raster.width).i32(raster.height);
        w.f64(raster.originX).f64(raster.originY).f64(raster.level0PixelsPerPixel);
    }
    w.u32(uint32_t(res.features.size()));
    for (const PluginFeature& f : res.features) {
        w.u32(uint32_t(f.shape));
        writePoints(w, f.points);
        w.text(f.className).f64(f.score);
    }
    w.u32(uint32_t(res.measurements.size()));
    for (const auto& [name, value] : res.measurements)
        w.text(name).f64(value);
    return w.take();
}

std::span<const std::byte> payloadOf(const WorkerDone& m) {
    if (!m.result.raster)
        return {};
    return std::as_bytes(std::span(m.result.raster->values));
}

WorkerDone decodeDone(const QByteArray& body, const std::vector<uint32_t>& payload) {
    Reader r(body, "result");
    WorkerDone m;
    m.callId = r.u64();
    m.error = r.text();
    m.tileSize = r.f64();
    PluginResult& res = m.result;
    if (r.boolean()) {
        PluginRaster raster;
        const uint32_t kind = r.u32();
        if (kind > uint32_t(PluginRaster::Kind::Labels))
            malformed("result: unknown raster kind " + std::to_string(kind));
        raster.kind = PluginRaster::Kind(kind);
        raster.width = r.i32(), raster.height = r.i32();
        raster.originX = r.f64(), raster.originY = r.f64();
        raster.level0PixelsPerPixel = r.f64();
        if (int64_t(payload.size()) > kMaxRasterValues)
            malformed("result: " + std::to_string(payload.size()) + " raster values");
        static_assert(sizeof(float) == sizeof(uint32_t));
        raster.values.resize(payload.size());
        if (!payload.empty()) // memcpy's pointers may not be null, even for no bytes
            std::memcpy(raster.values.data(), payload.data(), payload.size() * sizeof(float));
        res.raster = std::move(raster);
    } else if (!payload.empty()) {
        malformed("result: raster values without a raster");
    }
    res.features.resize(r.count(4 + 4 + 4 + 8));
    for (PluginFeature& f : res.features) {
        const uint32_t shape = r.u32();
        if (shape > uint32_t(PluginFeature::Shape::Polygon))
            malformed("result: unknown feature shape " + std::to_string(shape));
        f.shape = PluginFeature::Shape(shape);
        f.points = readPoints(r);
        f.className = r.text();
        f.score = r.f64();
    }
    const uint32_t measurements = r.count(4 + 8);
    for (uint32_t i = 0; i < measurements; ++i) {
        std::string name = r.text();
        res.measurements[std::move(name)] = r.f64();
    }
    r.finish();
    return m;
}

} // namespace lamina
