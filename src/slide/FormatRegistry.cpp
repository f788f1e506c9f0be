#include "dicom/DicomBackend.h"
#include "dicomweb/DicomWebBackend.h"
#include "openslide/OpenSlideBackend.h"
#include "tiff/TiffSlideBackend.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>
#include <lamina/slide/FormatRegistry.h>
#include <lamina/slide/UnsupportedFormatBackend.h>

#include <fstream>

namespace lamina {
namespace fs = std::filesystem;

const FormatRegistry& FormatRegistry::standard() {
    static const FormatRegistry registry = [] {
        FormatRegistry r;
        r.add(std::make_unique<TiffSlideBackend>()); // fast path, before OpenSlide
        r.add(std::make_unique<OpenSlideBackend>());
        r.add(std::make_unique<DicomBackend>()); // OpenSlide 3.4 reads no DICOM
        r.add(std::make_unique<DicomWebBackend>());
        r.add(std::make_unique<UnsupportedFormatBackend>());
        return r;
    }();
    return registry;
}

void FormatRegistry::add(std::unique_ptr<SlideBackend> backend) {
    backends_.push_back(std::move(backend));
}

std::vector<std::string> FormatRegistry::backendNames() const {
    std::vector<std::string> names;
    for (const auto& b : backends_)
        names.push_back(b->name());
    return names;
}

LocationProbe FormatRegistry::probe(const std::string& location) {
    LocationProbe p;
    p.location = location;
    if (location.rfind("http://", 0) == 0 || location.rfind("https://", 0) == 0) {
        p.isUrl = true;
        return p;
    }
    if (location.empty())
        throw Error(ErrorKind::InvalidArgument, location, "no slide path given");
    p.path = fs::path(location);
    std::error_code ec;
    const auto status = fs::status(p.path, ec);
    if (ec || !fs::exists(status))
        throw Error(ErrorKind::NotFound, location, "no such file or folder");
    if (fs::is_directory(status)) {
        p.isDirectory = true;
        return p;
    }
    if (!fs::is_regular_file(status))
        throw Error(ErrorKind::Io, location, "not a regular file");
    p.fileSize = fs::file_size(p.path, ec);
    if (ec)
        throw Error(ErrorKind::Io, location, "cannot read the file size: " + ec.message());
    if (p.fileSize == 0)
        throw Error(ErrorKind::Corrupt, location, "the file is empty");
    std::ifstream in(p.path, std::ios::binary);
    if (!in)
        throw Error(ErrorKind::Io, location, "cannot open the file for reading (permissions?)");
    p.header.resize(size_t(std::min<uintmax_t>(p.fileSize, LocationProbe::kHeaderBytes)));
    in.read(reinterpret_cast<char*>(p.header.data()), std::streamsize(p.header.size()));
    p.header.resize(size_t(in.gcount()));
    return p;
}

std::unique_ptr<SlideSource> FormatRegistry::open(const std::string& location) const {
    const LocationProbe p = probe(location);
    for (const auto& backend : backends_) {
        if (!backend->detect(p))
            continue;
        logger().debug("{}: opening with the {} backend", location, backend->name());
        return backend->open(p);
    }
    if (p.isDirectory)
        throw Error(ErrorKind::Io, location,
                    "is a folder, and no backend reads slides from folders of this kind");
    if (p.isUrl)
        throw Error(ErrorKind::UnsupportedFormat, location,
                    "Lamina opens web addresses of DICOMweb series only "
                    "(…/studies/STUDY_UID/series/SERIES_UID)");
    throw Error(ErrorKind::UnsupportedFormat, location,
                "not a whole-slide image format Lamina can read");
}

} // namespace lamina
