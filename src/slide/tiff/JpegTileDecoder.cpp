#include <lamina/slide/tiff/JpegTileDecoder.h>

#include <jpeglib.h>

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <vector>

namespace lamina {
namespace {

struct ErrorManager {
    jpeg_error_mgr base;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void onError(j_common_ptr cinfo) {
    auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

void onMessage(j_common_ptr, int) {} // warnings (e.g. corrupt data) are not fatal, as in OpenSlide

// Everything libjpeg touches lives in plain C structs so a longjmp skips no destructor.
struct Session {
    jpeg_decompress_struct cinfo;
    ErrorManager err;
};

// Kept separate from decode() so no C++ object with a destructor is live across setjmp.
bool run(Session& s, const uint8_t* tables, size_t tablesSize, const uint8_t* data, size_t dataSize,
         bool rgb, int32_t width, int32_t height, uint32_t* out, size_t stride) {
    if (setjmp(s.err.jump)) {
        jpeg_abort_decompress(&s.cinfo);
        return false;
    }
    if (tablesSize > 0) {
        jpeg_mem_src(&s.cinfo, tables, static_cast<unsigned long>(tablesSize));
        if (jpeg_read_header(&s.cinfo, FALSE) != JPEG_HEADER_TABLES_ONLY) {
            std::snprintf(s.err.message, sizeof s.err.message, "cannot load the JPEG tables");
            return false;
        }
    }
    jpeg_mem_src(&s.cinfo, data, static_cast<unsigned long>(dataSize));
    if (jpeg_read_header(&s.cinfo, TRUE) != JPEG_HEADER_OK) {
        std::snprintf(s.err.message, sizeof s.err.message, "cannot read the JPEG header");
        return false;
    }
    s.cinfo.jpeg_color_space = rgb ? JCS_RGB : JCS_YCbCr;
    s.cinfo.out_color_space = JCS_EXT_BGRA; // = native 0xAARRGGBB on little-endian, alpha 255
    jpeg_start_decompress(&s.cinfo);
    if (int32_t(s.cinfo.output_width) != width || int32_t(s.cinfo.output_height) != height) {
        std::snprintf(s.err.message, sizeof s.err.message,
                      "tile is %ux%u pixels, the TIFF says %dx%d", s.cinfo.output_width,
                      s.cinfo.output_height, width, height);
        jpeg_abort_decompress(&s.cinfo);
        return false;
    }
    // All row pointers at once: libjpeg then writes whole MCU rows without extra buffering.
    JSAMPROW rows[4096];
    const int32_t count = std::min<int32_t>(height, 4096);
    for (int32_t y = 0; y < count; ++y)
        rows[y] = reinterpret_cast<JSAMPROW>(out + size_t(y) * stride);
    while (s.cinfo.output_scanline < s.cinfo.output_height &&
           s.cinfo.output_scanline < JDIMENSION(count))
        jpeg_read_scanlines(&s.cinfo, rows + s.cinfo.output_scanline,
                            JDIMENSION(count) - s.cinfo.output_scanline);
    jpeg_finish_decompress(&s.cinfo);
    return true;
}

} // namespace

JpegTileDecoder& JpegTileDecoder::forThisThread() {
    thread_local JpegTileDecoder decoder;
    return decoder;
}

std::string JpegTileDecoder::decode(std::span<const uint8_t> tables, std::span<const uint8_t> data,
                                    bool rgbPhotometric, int32_t width, int32_t height,
                                    uint32_t* out, size_t stride) {
    static_assert(sizeof(uint32_t) == 4);
    Session s{};
    s.cinfo.err = jpeg_std_error(&s.err.base);
    s.err.base.error_exit = onError;
    s.err.base.emit_message = onMessage;
    s.err.message[0] = '\0';
    jpeg_create_decompress(&s.cinfo);
    const bool ok = run(s, tables.data(), tables.size(), data.data(), data.size(), rgbPhotometric,
                        width, height, out, stride);
    jpeg_destroy_decompress(&s.cinfo);
    return ok ? std::string() : std::string(s.err.message[0] ? s.err.message : "JPEG error");
}

} // namespace lamina
