#include "dicomweb/DicomWebSlideSource.h"

#include <lamina/core/Error.h>
#include <lamina/core/Log.h>

namespace lamina {

namespace {

// The ICC profile of the largest instance, when the metadata only says where it is: the
// profile is small and is what a colour-managed display needs. A failure is a warning (the
// pixels are readable without it).
void fetchIccProfile(std::vector<DicomAttributes>& all, const DicomWebClient& client) {
    DicomAttributes* largest = nullptr;
    for (auto& a : all)
        if (a.iccProfile.empty() && !a.iccProfileUri.empty() &&
            (!largest || a.totalColumns.value_or(0) * a.totalRows.value_or(0) >
                             largest->totalColumns.value_or(0) * largest->totalRows.value_or(0)))
            largest = &a;
    if (!largest)
        return;
    try {
        largest->iccProfile = client.retrieveBulkData(largest->iccProfileUri);
    } catch (const Error& e) {
        logger().warn("{}: the ICC profile could not be fetched: {}", client.serviceRoot(),
                      e.what());
    }
}

} // namespace

std::unique_ptr<DicomWebSlideSource>
DicomWebSlideSource::open(const DicomWebSeriesUrl& url, std::shared_ptr<DicomWebClient> client,
                          std::shared_ptr<DicomWebDiskCache> diskCache) {
    const std::string where = url.toString();
    std::vector<DicomInstance> instances;
    std::string firstRefusal;
    std::vector<DicomAttributes> all = client->seriesMetadata(url.studyUid, url.seriesUid);
    fetchIccProfile(all, *client);
    for (const DicomAttributes& a : all) {
        const std::string instanceUrl = where + "/instances/" + a.sopInstanceUid;
        try {
            if (!isDicomUid(a.sopInstanceUid))
                throw Error(ErrorKind::Corrupt, instanceUrl, "no valid SOPInstanceUID");
            DicomInstance d = DicomInstance::interpret(a, instanceUrl);
            d.path = instanceUrl; // names the instance in messages
            instances.push_back(std::move(d));
        } catch (const Error& e) {
            // A series may hold other objects; they are skipped, the first reason kept.
            logger().info("{}: skipped ({})", instanceUrl, e.cause());
            if (firstRefusal.empty())
                firstRefusal = e.cause();
        }
    }
    if (instances.empty())
        throw Error(ErrorKind::UnsupportedFormat, where,
                    "the series holds no readable whole-slide image" +
                        (firstRefusal.empty() ? std::string() : " (" + firstRefusal + ")"));
    return std::unique_ptr<DicomWebSlideSource>(new DicomWebSlideSource(
        url, std::move(client), std::move(diskCache), std::move(instances)));
}

DicomWebSlideSource::DicomWebSlideSource(const DicomWebSeriesUrl& url,
                                         std::shared_ptr<DicomWebClient> client,
                                         std::shared_ptr<DicomWebDiskCache> diskCache,
                                         std::vector<DicomInstance> instances)
    : DicomSlideSource(url.toString(), std::move(instances), "dicomweb"),
      client_(std::move(client)), diskCache_(std::move(diskCache)) {}

DicomWebSlideSource::DicomWebSlideSource(const DicomWebSlideSource& other, size_t pyramid)
    : DicomSlideSource(other.location(), other.sharedInstances(), "dicomweb", pyramid),
      client_(other.client_), diskCache_(other.diskCache_) {}

std::unique_ptr<SlideSource> DicomWebSlideSource::withPyramid(size_t index) const {
    if (index >= pyramids().size())
        return SlideSource::withPyramid(index); // throws
    return std::unique_ptr<SlideSource>(new DicomWebSlideSource(*this, index));
}

std::vector<DicomSlideSource::FrameBytes>
DicomWebSlideSource::fetchFrames(const DicomInstance& d, const std::vector<int64_t>& frames) const {
    std::vector<FrameBytes> out(frames.size());
    std::vector<int64_t> missing;
    std::vector<size_t> missingAt;
    const std::string keyPrefix = d.studyUid + "/" + d.seriesUid + "/" + d.sopInstanceUid + "/";
    for (size_t i = 0; i < frames.size(); ++i) {
        if (frames[i] < 0 || frames[i] >= d.numberOfFrames)
            throw Error(ErrorKind::InvalidArgument, d.path.string(),
                        "frame " + std::to_string(frames[i]) + " does not exist");
        std::optional<DicomFrame> cached;
        if (diskCache_)
            cached = diskCache_->find(keyPrefix + std::to_string(frames[i]));
        if (cached) {
            out[i] = std::move(*cached);
        } else {
            missing.push_back(frames[i]);
            missingAt.push_back(i);
        }
    }
    if (missing.empty())
        return out;
    std::vector<DicomFrame> fetched =
        client_->retrieveFrames(d.studyUid, d.seriesUid, d.sopInstanceUid, missing);
    for (size_t k = 0; k < missing.size(); ++k) {
        if (diskCache_)
            diskCache_->store(keyPrefix + std::to_string(missing[k]), fetched[k]);
        out[missingAt[k]] = std::move(fetched[k]);
    }
    return out;
}

} // namespace lamina
