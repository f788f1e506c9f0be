#pragma once
// A whole-slide image streamed from a DICOMweb archive: the series' metadata (WADO-RS
// /metadata) gives the same DicomInstance descriptions a local file would, so levels, tiles
// and associated images are planned by DicomSlideSource exactly as for files; only frames
// come from the network (WADO-RS /frames, several per request, several requests in flight),
// through the optional disk cache. The slide id is "dicom:STUDY/SERIES", like a local copy of
// the same series, so annotations and reports follow the slide wherever it is read from.
// Thread-safety: immutable after construction; reads may run concurrently.

#include "dicom/DicomSlideSource.h"

#include <lamina/slide/dicomweb/DicomWebClient.h>
#include <lamina/slide/dicomweb/DicomWebDiskCache.h>
#include <lamina/slide/dicomweb/DicomWebSeriesUrl.h>

#include <memory>

namespace lamina {

class DicomWebSlideSource : public DicomSlideSource {
public:
    // Fetches the series' metadata and plans the slide. Throws lamina::Error: NotFound (no
    // such series), Io (unreachable, refused), Corrupt (answers against the standard),
    // UnsupportedFormat (no whole-slide image in the series).
    static std::unique_ptr<DicomWebSlideSource> open(const DicomWebSeriesUrl& url,
                                                     std::shared_ptr<DicomWebClient> client,
                                                     std::shared_ptr<DicomWebDiskCache> diskCache);

    // Enough tiles for requestsInFlight frame requests (retrieveFrames sends them at once).
    int preferredTileBatch() const override {
        return client_->options().framesPerRequest * client_->options().requestsInFlight;
    }
    const DicomWebClient& client() const { return *client_; }
    std::unique_ptr<SlideSource> withPyramid(size_t index) const override;

protected:
    std::vector<FrameBytes> fetchFrames(const DicomInstance& instance,
                                        const std::vector<int64_t>& frames) const override;

private:
    DicomWebSlideSource(const DicomWebSeriesUrl& url, std::shared_ptr<DicomWebClient> client,
                        std::shared_ptr<DicomWebDiskCache> diskCache,
                        std::vector<DicomInstance> instances);
    DicomWebSlideSource(const DicomWebSlideSource& other, size_t pyramid);

    std::shared_ptr<DicomWebClient> client_;
    std::shared_ptr<DicomWebDiskCache> diskCache_; // may be null
};

} // namespace lamina
