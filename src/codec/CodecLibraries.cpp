#include <lamina/codec/CodecLibraries.h>

#include <jconfig.h>
#include <openjpeg.h>

#include <cstdio> // jpeglib.h needs FILE

namespace lamina {
namespace {

#define LAMINA_STRINGIFY_VALUE(x) #x
#define LAMINA_STRINGIFY(x) LAMINA_STRINGIFY_VALUE(x)

} // namespace

std::vector<std::pair<std::string, std::string>> codecLibraryVersions() {
#ifdef LIBJPEG_TURBO_VERSION
    const std::string jpeg = LAMINA_STRINGIFY(LIBJPEG_TURBO_VERSION);
#else
    const std::string jpeg = "unknown";
#endif
    return {{"libjpeg-turbo", jpeg}, {"OpenJPEG", opj_version()}};
}

} // namespace lamina
