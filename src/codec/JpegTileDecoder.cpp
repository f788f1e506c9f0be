#include <lamina/codec/JpegTileDecoder.h>

#include <jpeglib.h>

#include <algorithm>
#include <csetjmp>
#include <cstdio>

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

} // namespace

// Everything libjpeg touches lives in plain C structs, so a longjmp skips no destructor. The
// decompressor is created once per thread and reused; the JPEG tables of the last level are
// kept loaded, since consecutive tiles almost always share them.
struct JpegTileDecoder::Session {
    jpeg_decompress_struct cinfo;
    ErrorManager err;
    const uint8_t* loadedTables = nullptr; // identity of the tables currently in cinfo
    size_t loadedTablesSize = 0;
};

namespace {

// Kept free of C++ objects with destructors: it is the frame setjmp returns into.
bool run(JpegTileDecoder::Session& s, const uint8_t* tables, size_t tablesSize, const uint8_t* data,
         size_t dataSize, bool rgb, int32_t width, int32_t height, uint32_t* out, size_t stride) {
    if (setjmp(s.err.jump)) {
        jpeg_abort_decompress(&s.cinfo);
        s.loadedTables = nullptr; // unknown state: reload next time
        return false;
    }
    if (tablesSize > 0 && (tables != s.loadedTables || tablesSize != s.loadedTablesSize)) {
        s.loadedTables = nullptr;
        jpeg_mem_src(&s.cinfo, tables, static_cast<unsigned long>(tablesSize));
        if (jpeg_read_header(&s.cinfo, FALSE) != JPEG_HEADER_TABLES_ONLY) {
            std::snprintf(s.err.message, sizeof s.err.message, "cannot load the JPEG tables");
            jpeg_abort_decompress(&s.cinfo);
            return false;
        }
        s.loadedTables = tables;
        s.loadedTablesSize = tablesSize;
    }
    jpeg_mem_src(&s.cinfo, data, static_cast<unsigned long>(dataSize));
    if (jpeg_read_header(&s.cinfo, TRUE) != JPEG_HEADER_OK) {
        std::snprintf(s.err.message, sizeof s.err.message, "cannot read the JPEG header");
        jpeg_abort_decompress(&s.cinfo);
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
    JSAMPROW rows[JpegTileDecoder::kMaxRows];
    for (int32_t y = 0; y < height; ++y)
        rows[y] = reinterpret_cast<JSAMPROW>(out + size_t(y) * stride);
    while (s.cinfo.output_scanline < s.cinfo.output_height)
        jpeg_read_scanlines(&s.cinfo, rows + s.cinfo.output_scanline,
                            JDIMENSION(height) - s.cinfo.output_scanline);
    jpeg_finish_decompress(&s.cinfo); // keeps the tables for the next tile
    return true;
}

} // namespace

JpegTileDecoder::JpegTileDecoder() : session_(std::make_unique<Session>()) {
    session_->cinfo.err = jpeg_std_error(&session_->err.base);
    session_->err.base.error_exit = onError;
    session_->err.base.emit_message = onMessage;
    jpeg_create_decompress(&session_->cinfo);
}

JpegTileDecoder::~JpegTileDecoder() {
    jpeg_destroy_decompress(&session_->cinfo);
}

JpegTileDecoder& JpegTileDecoder::forThisThread() {
    thread_local JpegTileDecoder decoder;
    return decoder;
}

std::string JpegTileDecoder::decode(std::span<const uint8_t> tables, std::span<const uint8_t> data,
                                    bool rgbPhotometric, int32_t width, int32_t height,
                                    uint32_t* out, size_t stride) {
    if (width <= 0 || height <= 0 || height > kMaxRows)
        return "unsupported tile size";
    session_->err.message[0] = '\0';
    const bool ok = run(*session_, tables.data(), tables.size(), data.data(), data.size(),
                        rgbPhotometric, width, height, out, stride);
    return ok ? std::string()
              : std::string(session_->err.message[0] ? session_->err.message : "JPEG error");
}

} // namespace lamina
