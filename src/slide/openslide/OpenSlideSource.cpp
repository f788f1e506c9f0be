#include "openslide/OpenSlideSource.h"

#include <lamina/core/Error.h>
#include <lamina/core/NumberParsing.h>

#include <openslide.h>

namespace lamina {
namespace {

std::optional<double> positiveProperty(const std::map<std::string, std::string>& props,
                                       const char* key) {
    const auto it = props.find(key);
    if (it == props.end())
        return std::nullopt;
    const auto value = parseDouble(it->second);
    if (!value || *value <= 0)
        return std::nullopt;
    return value;
}

} // namespace

void OpenSlideSource::Closer::operator()(_openslide* handle) const {
    openslide_close(handle);
}

OpenSlideSource::OpenSlideSource(SlideMetadata metadata, _openslide* handle)
    : SlideSource(std::move(metadata)), handle_(handle) {}

OpenSlideSource::~OpenSlideSource() = default;

SlideMetadata OpenSlideSource::readMetadata(_openslide* handle, const std::string& location) {
    SlideMetadata meta;
    meta.location = location;
    meta.backend = "openslide";
    for (const char* const* name = openslide_get_property_names(handle); name && *name; ++name) {
        const char* value = openslide_get_property_value(handle, *name);
        meta.properties[*name] = value ? value : "";
    }
    const auto vendor = meta.properties.find(OPENSLIDE_PROPERTY_NAME_VENDOR);
    meta.vendor = vendor != meta.properties.end() ? vendor->second : "unknown";

    const int32_t count = openslide_get_level_count(handle);
    if (count <= 0)
        throw Error(ErrorKind::Corrupt, location, "OpenSlide reports no pyramid level");
    for (int32_t i = 0; i < count; ++i) {
        LevelInfo level;
        openslide_get_level_dimensions(handle, i, &level.width, &level.height);
        level.downsample = openslide_get_level_downsample(handle, i);
        const std::string prefix = "openslide.level[" + std::to_string(i) + "].";
        // OpenSlide 3.4 publishes the native tile size as properties when the format has one.
        const auto tw = positiveProperty(meta.properties, (prefix + "tile-width").c_str());
        const auto th = positiveProperty(meta.properties, (prefix + "tile-height").c_str());
        level.tileWidth = tw ? int32_t(*tw) : 256;
        level.tileHeight = th ? int32_t(*th) : 256;
        meta.levels.push_back(level);
    }
    if (const char* message = openslide_get_error(handle))
        throw Error(ErrorKind::Corrupt, location,
                    std::string("OpenSlide cannot read this slide: ") + message);
    meta.mppX = positiveProperty(meta.properties, OPENSLIDE_PROPERTY_NAME_MPP_X);
    meta.mppY = positiveProperty(meta.properties, OPENSLIDE_PROPERTY_NAME_MPP_Y);
    meta.objectivePower =
        positiveProperty(meta.properties, OPENSLIDE_PROPERTY_NAME_OBJECTIVE_POWER);
    for (const char* const* name = openslide_get_associated_image_names(handle); name && *name;
         ++name)
        meta.associatedImages.emplace_back(*name);
    return meta;
}

void OpenSlideSource::throwIfFailed(const char* what) const {
    if (const char* message = openslide_get_error(handle_.get()))
        throw Error(ErrorKind::Corrupt, location(),
                    std::string("OpenSlide failed to read ") + what + ": " + message);
}

RgbaImage OpenSlideSource::doReadRegion(int level, int64_t x, int64_t y, int32_t width,
                                        int32_t height) const {
    throwIfFailed("the slide earlier");
    RgbaImage image(width, height, UninitializedPixels{}); // OpenSlide writes every pixel
    openslide_read_region(handle_.get(), image.data(), x, y, level, width, height);
    throwIfFailed("a region");
    return image;
}

RgbaImage OpenSlideSource::doReadAssociated(const std::string& name) const {
    throwIfFailed("the slide earlier");
    int64_t width = 0;
    int64_t height = 0;
    openslide_get_associated_image_dimensions(handle_.get(), name.c_str(), &width, &height);
    throwIfFailed(("associated image '" + name + "'").c_str());
    if (width <= 0 || height <= 0 || width * height > RgbaImage::kMaxPixels)
        throw Error(ErrorKind::Corrupt, location(),
                    "associated image '" + name + "' has an impossible size " +
                        std::to_string(width) + "x" + std::to_string(height));
    RgbaImage image{int32_t(width), int32_t(height)};
    openslide_read_associated_image(handle_.get(), name.c_str(), image.data());
    throwIfFailed(("associated image '" + name + "'").c_str());
    return image;
}

} // namespace lamina
