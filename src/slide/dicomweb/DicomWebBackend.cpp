#include "dicomweb/DicomWebBackend.h"

#include "dicomweb/DicomWebSlideSource.h"

#include <lamina/core/Error.h>
#include <lamina/slide/dicomweb/DicomWebSettings.h>

namespace lamina {

bool DicomWebBackend::detect(const LocationProbe& probe) const {
    return probe.isUrl && DicomWebSeriesUrl::parse(probe.location).has_value();
}

std::unique_ptr<SlideSource> DicomWebBackend::open(const LocationProbe& probe) const {
    const auto url = DicomWebSeriesUrl::parse(probe.location);
    if (!url)
        throw Error(ErrorKind::InvalidArgument, probe.location,
                    "not a DICOMweb series address (…/studies/UID/series/UID)");
    auto client = std::make_shared<DicomWebClient>(url->serviceRoot,
                                                   DicomWebSettings::optionsFor(url->serviceRoot));
    return DicomWebSlideSource::open(*url, std::move(client), DicomWebSettings::diskCache());
}

} // namespace lamina
