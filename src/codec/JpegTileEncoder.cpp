#include <lamina/codec/JpegTileEncoder.h>
#include <lamina/core/Error.h>

#include <turbojpeg.h>

#include <string>

namespace lamina {

JpegTileEncoder::JpegTileEncoder() : handle_(tjInitCompress()) {
    if (!handle_)
        throw Error(ErrorKind::Io, {}, "cannot initialise the JPEG encoder");
}

JpegTileEncoder::~JpegTileEncoder() {
    tjDestroy(handle_);
}

JpegTileEncoder& JpegTileEncoder::forThisThread() {
    thread_local JpegTileEncoder encoder;
    return encoder;
}

std::vector<unsigned char> JpegTileEncoder::encode(const uint8_t* rgb, int32_t width,
                                                   int32_t height, size_t stride, int quality) {
    std::vector<unsigned char> out(tjBufSize(width, height, TJSAMP_420));
    unsigned char* buffer = out.data();
    unsigned long size = out.size();
    if (tjCompress2(handle_, rgb, width, int(stride), height, TJPF_RGB, &buffer, &size, TJSAMP_420,
                    quality, TJFLAG_NOREALLOC) != 0)
        throw Error(ErrorKind::Io, {},
                    std::string("JPEG encoding failed: ") + tjGetErrorStr2(handle_));
    out.resize(size);
    return out;
}

} // namespace lamina
