#include <lamina/codec/Jpeg2000TileEncoder.h>
#include <lamina/core/Error.h>

#include <openjpeg.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

namespace lamina {
namespace {

// OpenJPEG writes the codestream through these callbacks into memory.
struct Sink {
    std::vector<unsigned char> bytes;
    size_t position = 0;
    static OPJ_SIZE_T write(void* data, OPJ_SIZE_T n, void* user) {
        auto* s = static_cast<Sink*>(user);
        if (s->bytes.size() < s->position + n)
            s->bytes.resize(s->position + n);
        std::memcpy(s->bytes.data() + s->position, data, n);
        s->position += n;
        return n;
    }
    static OPJ_OFF_T skip(OPJ_OFF_T n, void* user) {
        auto* s = static_cast<Sink*>(user);
        s->position += size_t(n);
        if (s->bytes.size() < s->position)
            s->bytes.resize(s->position);
        return n;
    }
    static OPJ_BOOL seek(OPJ_OFF_T to, void* user) {
        auto* s = static_cast<Sink*>(user);
        s->position = size_t(to);
        if (s->bytes.size() < s->position)
            s->bytes.resize(s->position);
        return OPJ_TRUE;
    }
};

// lossless: reversible 5/3 wavelet and colour transform, no rate target (quality unused).
std::vector<unsigned char> encodeCodestream(const uint8_t* rgb, int32_t width, int32_t height,
                                            size_t stride, int quality,
                                            Jpeg2000TileDecoder::Components components,
                                            bool lossless) {
    const bool ycbcr = components == Jpeg2000TileDecoder::Components::YCbCr;
    opj_image_cmptparm_t parts[3] = {};
    for (auto& p : parts) {
        p.dx = p.dy = 1;
        p.w = OPJ_UINT32(width);
        p.h = OPJ_UINT32(height);
        p.prec = 8;
        p.sgnd = 0;
    }
    std::unique_ptr<opj_image_t, decltype(&opj_image_destroy)> image(
        opj_image_create(3, parts, ycbcr ? OPJ_CLRSPC_SYCC : OPJ_CLRSPC_SRGB), opj_image_destroy);
    if (!image)
        throw Error(ErrorKind::Io, {}, "cannot create a JPEG 2000 image");
    image->x1 = OPJ_UINT32(width);
    image->y1 = OPJ_UINT32(height);
    for (int32_t y = 0; y < height; ++y)
        for (int32_t x = 0; x < width; ++x) {
            const uint8_t* p = rgb + size_t(y) * stride + size_t(x) * 3;
            const size_t i = size_t(y) * size_t(width) + size_t(x);
            if (ycbcr) {
                const double r = p[0], g = p[1], b = p[2];
                const auto clamp = [](double v) {
                    return OPJ_INT32(std::clamp(std::lround(v), 0L, 255L));
                };
                image->comps[0].data[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
                image->comps[1].data[i] = clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
                image->comps[2].data[i] = clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
            } else {
                for (int c = 0; c < 3; ++c)
                    image->comps[c].data[i] = p[c];
            }
        }
    opj_cparameters_t parameters;
    opj_set_default_encoder_parameters(&parameters);
    parameters.tcp_numlayers = 1;
    parameters.cp_disto_alloc = 1;
    // Rate 0 is "no truncation"; 80 -> 15:1.
    parameters.tcp_rates[0] = lossless ? 0.0f : float(std::max(2, (100 - quality) / 2 + 5));
    parameters.irreversible = lossless ? 0 : 1;
    parameters.tcp_mct = ycbcr ? 0 : 1;
    int resolutions = 1; // at most log2(tile side) + 1, and 6 is plenty
    while (resolutions < 6 && (width >> resolutions) >= 4 && (height >> resolutions) >= 4)
        ++resolutions;
    parameters.numresolution = resolutions;
    std::unique_ptr<opj_codec_t, decltype(&opj_destroy_codec)> codec(
        opj_create_compress(OPJ_CODEC_J2K), opj_destroy_codec);
    if (!codec || !opj_setup_encoder(codec.get(), &parameters, image.get()))
        throw Error(ErrorKind::Io, {}, "cannot set up the JPEG 2000 encoder");
    Sink sink;
    std::unique_ptr<opj_stream_t, decltype(&opj_stream_destroy)> stream(
        opj_stream_create(1u << 16, OPJ_FALSE), opj_stream_destroy);
    opj_stream_set_user_data(stream.get(), &sink, nullptr);
    opj_stream_set_write_function(stream.get(), Sink::write);
    opj_stream_set_skip_function(stream.get(), Sink::skip);
    opj_stream_set_seek_function(stream.get(), Sink::seek);
    if (!opj_start_compress(codec.get(), image.get(), stream.get()) ||
        !opj_encode(codec.get(), stream.get()) || !opj_end_compress(codec.get(), stream.get()))
        throw Error(ErrorKind::Io, {}, "JPEG 2000 encoding failed");
    return std::move(sink.bytes);
}

} // namespace

std::vector<unsigned char> Jpeg2000TileEncoder::encode(const uint8_t* rgb, int32_t width,
                                                       int32_t height, size_t stride, int quality,
                                                       Components components) {
    return encodeCodestream(rgb, width, height, stride, quality, components, false);
}

std::vector<unsigned char> Jpeg2000TileEncoder::encodeLossless(const uint8_t* rgb, int32_t width,
                                                               int32_t height, size_t stride) {
    return encodeCodestream(rgb, width, height, stride, 100, Components::Rgb, true);
}

} // namespace lamina
