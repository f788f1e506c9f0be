#include <lamina/codec/Jpeg2000Codestream.h>
#include <lamina/codec/Jpeg2000TileDecoder.h>

#include <openjpeg.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <memory>

namespace lamina {
namespace {

// The codestream, read in place by OpenJPEG (no copy into an intermediate stream buffer).
struct MemoryStream {
    const uint8_t* data;
    size_t size;
    size_t position = 0;
};

OPJ_SIZE_T readBytes(void* buffer, OPJ_SIZE_T count, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (s->position >= s->size)
        return OPJ_SIZE_T(-1); // end of stream, as OpenJPEG expects
    const size_t n = std::min(size_t(count), s->size - s->position);
    std::memcpy(buffer, s->data + s->position, n);
    s->position += n;
    return n;
}

OPJ_OFF_T skipBytes(OPJ_OFF_T count, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (count < 0)
        return -1;
    const size_t n = std::min(size_t(count), s->size - s->position);
    s->position += n;
    return OPJ_OFF_T(n);
}

OPJ_BOOL seekTo(OPJ_OFF_T position, void* user) {
    auto* s = static_cast<MemoryStream*>(user);
    if (position < 0 || size_t(position) > s->size)
        return OPJ_FALSE;
    s->position = size_t(position);
    return OPJ_TRUE;
}

// OpenJPEG reports errors through a callback; the first message is kept for the caller.
void keepMessage(const char* message, void* user) {
    auto* reason = static_cast<std::string*>(user);
    if (reason->empty() && message) {
        *reason = message;
        while (!reason->empty() && (reason->back() == '\n' || reason->back() == ' '))
            reason->pop_back();
    }
}

void ignoreMessage(const char*, void*) {}

struct CodecDeleter {
    void operator()(opj_codec_t* c) const { opj_destroy_codec(c); }
};
struct StreamDeleter {
    void operator()(opj_stream_t* s) const { opj_stream_destroy(s); }
};
struct ImageDeleter {
    void operator()(opj_image_t* i) const { opj_image_destroy(i); }
};

// YCbCr -> RGB chroma terms, as OpenSlide computes them (JFIF full range, 16-bit fixed point
// for green), so 33003 tiles come out as OpenSlide shows them.
struct ChromaTables {
    std::array<int16_t, 256> rCr, bCb;
    std::array<int32_t, 256> gCb, gCr;
    ChromaTables() {
        for (int i = 0; i < 256; ++i) {
            rCr[size_t(i)] = int16_t(std::lround(1.402 * (i - 128)));
            bCb[size_t(i)] = int16_t(std::lround(1.772 * (i - 128)));
            gCb[size_t(i)] = int32_t(std::lround(-0.34414 * (i - 128) * 65536));
            gCr[size_t(i)] = int32_t(std::lround(-0.71414 * (i - 128) * 65536));
        }
    }
};

uint8_t clampByte(int v) {
    return uint8_t(std::clamp(v, 0, 255));
}

uint8_t sampleByte(const opj_image_comp_t& c, int32_t x, int32_t y) {
    const auto cx = uint32_t(x) / c.dx, cy = uint32_t(y) / c.dy; // subsampled components
    return clampByte(c.data[size_t(cy) * c.w + cx]);
}

using ImagePtr = std::unique_ptr<opj_image_t, ImageDeleter>;

// Runs OpenJPEG over the whole codestream. Returns the decoded components, or null with
// `reason` set.
// The largest image a tile codestream may declare when its size is not known (decodeOnly):
// OpenJPEG allocates for the declared size before reading any coefficient.
constexpr uint64_t kMaxDeclaredPixels = uint64_t(1) << 26;

// `width` x `height`: the size the caller expects (0 = any up to kMaxDeclaredPixels). A header
// declaring another size is refused before OpenJPEG allocates anything for it.
ImagePtr decodeCodestream(std::span<const uint8_t> data, std::string& reason, int32_t width = 0,
                          int32_t height = 0) {
    if (data.size() < 2) {
        reason = "the tile is empty";
        return nullptr;
    }
    // The declared size, from the SIZ marker, before OpenJPEG sees the header: it allocates
    // for the declared image and tile grid while reading it.
    const auto info = readJpeg2000CodestreamInfo(data, reason);
    if (!info)
        return nullptr;
    if (width > 0 ? info->width != width || info->height != height
                  : uint64_t(info->width) * uint64_t(info->height) > kMaxDeclaredPixels) {
        reason =
            "the JPEG 2000 tile declares " + std::to_string(info->width) + "x" +
            std::to_string(info->height) + " pixels" +
            (width > 0 ? ", the TIFF says " + std::to_string(width) + "x" + std::to_string(height)
                       : std::string(", more than a tile may hold"));
        return nullptr;
    }
    std::unique_ptr<opj_codec_t, CodecDeleter> codec(opj_create_decompress(OPJ_CODEC_J2K));
    if (!codec) {
        reason = "cannot create a JPEG 2000 decoder";
        return nullptr;
    }
    opj_set_error_handler(codec.get(), keepMessage, &reason);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters)) {
        reason = "cannot set up the JPEG 2000 decoder";
        return nullptr;
    }
    MemoryStream source{data.data(), data.size()};
    std::unique_ptr<opj_stream_t, StreamDeleter> stream(
        opj_stream_create(std::min<size_t>(data.size(), 1u << 20), OPJ_TRUE));
    if (!stream) {
        reason = "cannot create a JPEG 2000 stream";
        return nullptr;
    }
    opj_stream_set_user_data(stream.get(), &source, nullptr);
    opj_stream_set_user_data_length(stream.get(), data.size());
    opj_stream_set_read_function(stream.get(), readBytes);
    opj_stream_set_skip_function(stream.get(), skipBytes);
    opj_stream_set_seek_function(stream.get(), seekTo);
    opj_image_t* raw = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &raw)) {
        opj_image_destroy(raw);
        if (reason.empty())
            reason = "cannot read the JPEG 2000 header";
        return nullptr;
    }
    ImagePtr image(raw);
    if (image->numcomps != 3) {
        reason = "JPEG 2000 tile has " + std::to_string(image->numcomps) + " components, not 3";
        return nullptr;
    }
    if (!opj_decode(codec.get(), stream.get(), image.get()) ||
        !opj_end_decompress(codec.get(), stream.get())) {
        if (reason.empty())
            reason = "JPEG 2000 decoding failed";
        return nullptr;
    }
    return image;
}

} // namespace

bool Jpeg2000TileDecoder::decodeOnly(std::span<const uint8_t> data) {
    std::string reason;
    return decodeCodestream(data, reason) != nullptr;
}

std::string Jpeg2000TileDecoder::decode(std::span<const uint8_t> data, Components components,
                                        int32_t width, int32_t height, uint32_t* out,
                                        size_t stride) {
    if (width <= 0 || height <= 0)
        return "unsupported tile size";
    std::string reason;
    const ImagePtr image = decodeCodestream(data, reason, width, height);
    if (!image)
        return reason;
    const opj_image_comp_t* c = image->comps;
    for (int i = 0; i < 3; ++i)
        if (!c[i].data || c[i].dx == 0 || c[i].dy == 0 || c[i].prec > 8 || c[i].sgnd ||
            uint64_t(c[i].w) * c[i].dx < uint64_t(width) ||
            uint64_t(c[i].h) * c[i].dy < uint64_t(height))
            return "JPEG 2000 tile component " + std::to_string(i) + " is not " +
                   std::to_string(width) + "x" + std::to_string(height) + " unsigned 8-bit";
    if (c[0].w != uint32_t(width) || c[0].h != uint32_t(height))
        return "tile is " + std::to_string(c[0].w) + "x" + std::to_string(c[0].h) +
               " pixels, the TIFF says " + std::to_string(width) + "x" + std::to_string(height);

    static const ChromaTables chroma;
    const auto toArgb = [&](uint8_t a, uint8_t b, uint8_t d) {
        if (components == Components::YCbCr)
            return 0xff000000u | uint32_t(clampByte(a + chroma.rCr[d])) << 16 |
                   uint32_t(clampByte(a + ((chroma.gCb[b] + chroma.gCr[d]) >> 16))) << 8 |
                   clampByte(a + chroma.bCb[b]);
        return 0xff000000u | uint32_t(a) << 16 | uint32_t(b) << 8 | d;
    };
    const bool fullResolution = c[0].dx == 1 && c[0].dy == 1 && c[1].dx == 1 && c[1].dy == 1 &&
                                c[2].dx == 1 && c[2].dy == 1;
    for (int32_t y = 0; y < height; ++y) {
        uint32_t* row = out + size_t(y) * stride;
        if (fullResolution) { // the usual case: plain row pointers, no per-pixel index maths
            const OPJ_INT32* p0 = c[0].data + size_t(y) * c[0].w;
            const OPJ_INT32* p1 = c[1].data + size_t(y) * c[1].w;
            const OPJ_INT32* p2 = c[2].data + size_t(y) * c[2].w;
            for (int32_t x = 0; x < width; ++x)
                row[x] = toArgb(clampByte(p0[x]), clampByte(p1[x]), clampByte(p2[x]));
        } else {
            for (int32_t x = 0; x < width; ++x)
                row[x] =
                    toArgb(sampleByte(c[0], x, y), sampleByte(c[1], x, y), sampleByte(c[2], x, y));
        }
    }
    return {};
}

} // namespace lamina
